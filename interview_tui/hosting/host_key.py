"""The server's host key: ed25519, made on first start (mode 0600) and reused after."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh


class HostKeyError(RuntimeError):
    """The host key file cannot be used; the message says why and what to do."""


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The key in ``path`` (created if missing) and whether it was created now."""
    path = Path(path)
    created = False
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = asyncssh.generate_private_key("ssh-ed25519", comment="interview-tui host key")
        try:  # O_EXCL: two servers starting at once never overwrite each other's key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(key.export_private_key("openssh"))
            created = True
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise HostKeyError(
            f"host key {path} can be read by other users (mode {mode:04o}); "
            f"run: chmod 600 {path}"
        )
    try:
        return asyncssh.read_private_key(path), created
    except (asyncssh.KeyImportError, OSError, ValueError) as exc:
        raise HostKeyError(f"cannot read host key {path}: {exc}") from None


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint clients show (``SHA256:...``)."""
    return key.get_fingerprint("sha256")
