"""``interview-tui serve-ssh`` and ``interview-tui users add|remove|list``.

Registered into the main parser by ``interview_tui.cli``; asyncssh is imported only when
one of these commands runs, so the app's own start-up never pays for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_tui.config import Settings

COMMANDS = frozenset({"serve-ssh", "users"})


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given here or before the command, it lands in the same args.data_dir.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="the server's data directory (users live in DIR/users/NAME)")


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve-ssh", help="host the app over SSH, one data dir per user")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_positive, default=2222, help="port (0: any free one)")
    _data_dir_option(serve)
    serve.add_argument("--host-key", type=Path,
                       help="host key file (default DIR/ssh_host_ed25519_key; made if missing)")
    serve.add_argument("--max-sessions", type=_positive, default=50,
                       help="sessions at once, all users (default 50; 0: no limit)")
    serve.add_argument("--max-per-user", type=_positive, default=2,
                       help="sessions at once per user (default 2; 0: no limit)")
    serve.add_argument("--idle-timeout", type=_positive, default=1800,
                       help="seconds without input before a session ends (default 1800; 0: never)")
    serve.add_argument("--daily-tokens", type=_positive, default=0,
                       help="Claude tokens per user per UTC day, then the offline coach (0: no budget)")

    users = sub.add_parser("users", help="who may log in to serve-ssh, with which key")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add", help="let NAME log in with the public key in FILE")
    add.add_argument("name")
    add.add_argument("--key", required=True, type=Path, help="the user's public key (.pub)")
    _data_dir_option(add)
    remove = actions.add_parser("remove", help="stop NAME logging in (their data is kept)")
    remove.add_argument("name")
    _data_dir_option(remove)
    listing = actions.add_parser("list", help="listed users and their key fingerprints")
    _data_dir_option(listing)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import asyncssh  # noqa: F401
    except ImportError:
        print("interview-tui: hosting needs asyncssh: pip install 'interview-tui[ssh]'",
              file=sys.stderr)
        return 2
    if args.command == "users":
        return _users(args, settings.data_dir)
    return _serve(args, settings)


def _users(args: argparse.Namespace, data_dir: Path) -> int:
    from interview_tui.hosting.users import UserError, UserRegistry

    registry = UserRegistry(data_dir)
    try:
        if args.users_command == "add":
            try:
                text = args.key.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise UserError(f"cannot read {args.key}: {exc}") from None
            fp, new = registry.add(args.name, text)
            print(f"{'added' if new else 'already listed'}: {args.name} {fp}")
            print(f"data: {registry.data_dir(args.name)}")
        elif args.users_command == "remove":
            if not registry.remove(args.name):
                print(f"interview-tui: no user {args.name!r}", file=sys.stderr)
                return 1
            print(f"removed: {args.name} (their data stays in {registry.data_dir(args.name)})")
        else:
            entries = registry.entries()
            if not entries:
                print("no users yet; add one: interview-tui users add NAME --key FILE.pub")
            for entry in entries:
                prints = ", ".join(entry.fingerprints) or "(no valid key)"
                print(f"{entry.name}  {prints}")
    except UserError as exc:
        print(f"interview-tui: {exc}", file=sys.stderr)
        return 1
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: the app's own start-up goes through this module's parser only.
    import asyncio
    import contextlib
    import logging
    import os
    import signal

    from interview_tui.hosting.host_key import HostKeyError
    from interview_tui.hosting.server import HostConfig, HostServer

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(message)s")
    # One line per connection is the log; these would add one per packet or request.
    for noisy in ("asyncssh", "httpx", "httpx2", "httpcore", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    api_key = os.environ.get("ANTHROPIC_API_KEY", "").strip() or None
    config = HostConfig(
        data_dir=settings.data_dir, host=args.host, port=args.port, host_key=args.host_key,
        max_sessions=args.max_sessions, max_per_user=args.max_per_user,
        idle_timeout=float(args.idle_timeout), daily_tokens=args.daily_tokens or None,
        offline=settings.offline, model=settings.model, api_key=api_key,
        upstream=os.environ.get("ANTHROPIC_BASE_URL") or None,
    )
    server = HostServer(config)

    async def main() -> int:
        try:
            await server.start()
        except HostKeyError as exc:
            print(f"interview-tui: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"interview-tui: cannot listen on {config.host}:{config.port}: {exc}",
                  file=sys.stderr)
            return 1
        made = " (new)" if server.host_key_created else ""
        coach = "offline coach" if server.proxy is None else f"Claude ({config.model}) via proxy"
        print(f"host key {config.host_key_path}{made}: {server.fingerprint}", flush=True)
        print(f"users: {len(server.registry.entries())} in {config.data_dir}; coach: {coach}",
              flush=True)
        print(f"listening on {config.host}:{server.port}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        with contextlib.suppress(OSError):  # stdout may be gone (a closed pipe, a dead tee)
            print("stopping: ending every session (drafts are saved)", flush=True)
        await server.close()
        return 0

    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(main())
    return 0
