"""Login names and the public keys that may log in as them.

The registry lives under the server's data directory::

    DIR/keys/NAME.pub     one OpenSSH public key a line (``ssh-ed25519 AAAA... comment``)
    DIR/users/NAME/       that user's app data (chosen by the server from NAME only)

Keys are read on every login, so ``users add`` and ``users remove`` take effect on a
running server without a restart.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import asyncssh

# Plain identifiers only: they become directory names, so nothing that could climb out
# (``..``, ``/``), hide (``.x``) or confuse a shell or a log line gets in.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")


class UserError(ValueError):
    """A bad name or key, with a message for the person at the terminal."""


def check_name(name: str) -> str:
    """``name`` if it is a plain identifier (letters, digits, ``_``; at most 32), else UserError."""
    if not _NAME.fullmatch(name):
        raise UserError(
            f"{name!r} is not a valid user name: use letters, digits and _ "
            "(starting with a letter or _), at most 32 characters"
        )
    return name


def valid_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None


def parse_public_key(text: str) -> asyncssh.SSHKey:
    """One OpenSSH public key line as a key, or UserError saying what is wrong with it."""
    text = text.strip()
    if "PRIVATE KEY" in text:
        raise UserError("that is a private key; give the public one (the .pub file)")
    if not text or "\n" in text:
        raise UserError("expected exactly one public key line (ssh-ed25519 AAAA... comment)")
    try:
        return asyncssh.import_public_key(text)
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise UserError(f"not a valid SSH public key: {exc}") from None


@dataclass(frozen=True)
class UserEntry:
    name: str
    fingerprints: tuple[str, ...]


class UserRegistry:
    """The users of one server data directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    def data_dir(self, name: str) -> Path:
        """Where ``name``'s own data lives; ``name`` must already be authenticated."""
        return self.root / "users" / check_name(name)

    def _key_file(self, name: str) -> Path:
        return self.keys_dir / f"{check_name(name)}.pub"

    def keys(self, name: str) -> list[asyncssh.SSHKey]:
        """The keys listed for ``name`` (none for an unknown or invalid name)."""
        if not valid_name(name):
            return []
        try:
            lines = self._key_file(name).read_text(encoding="utf-8").splitlines()
        except (FileNotFoundError, UnicodeDecodeError):
            return []
        keys = []
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    keys.append(parse_public_key(line))
                except UserError:
                    continue  # a damaged line never lets anyone in, nor locks out the others
        return keys

    def accepts(self, name: str, key: asyncssh.SSHKey) -> bool:
        """Whether ``key`` is listed for ``name``."""
        wanted = key.public_data
        return any(k.public_data == wanted for k in self.keys(name))

    def add(self, name: str, key_text: str) -> tuple[str, bool]:
        """List the key for ``name``: (its SHA256 fingerprint, whether it was new)."""
        check_name(name)
        key = parse_public_key(key_text)
        fingerprint = key.get_fingerprint()
        if any(k.public_data == key.public_data for k in self.keys(name)):
            return fingerprint, False
        self.keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        line = key.export_public_key("openssh").decode("ascii").strip()
        with self._key_file(name).open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        self.data_dir(name).mkdir(parents=True, exist_ok=True, mode=0o700)
        return fingerprint, True

    def remove(self, name: str) -> bool:
        """Stop ``name`` from logging in; their data stays. False if they were not listed."""
        try:
            os.unlink(self._key_file(name))
        except FileNotFoundError:
            return False
        return True

    def entries(self) -> list[UserEntry]:
        """Every listed user with their keys' fingerprints, by name."""
        if not self.keys_dir.is_dir():
            return []
        out = []
        for path in sorted(self.keys_dir.glob("*.pub")):
            if valid_name(path.stem):
                prints = tuple(k.get_fingerprint() for k in self.keys(path.stem))
                out.append(UserEntry(path.stem, prints))
        return out
