"""Hosting: ``serve-ssh`` runs one app process per SSH connection, each user on their own data.

- ``users``: login names and their public keys, under the server's data directory.
- ``host_key``: the server's ed25519 host key, made once and reused.
- ``app_process``: one ``python -m interview_tui`` on its own pseudo-terminal.
- ``coach_proxy``: the loopback proxy that holds the Anthropic key for every child.
- ``budget``: a user's tokens today, read from their own coach-call log.
- ``server``: the asyncssh server and the session that ties the pieces together.
- ``cli``: ``serve-ssh`` and ``users add|remove|list``.

Nothing here imports Textual; the app runs in a child process.
"""
