"""A shared server for the hosting tests that need no special limits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_tui.hosting.users import UserRegistry
from tests.fakes.ssh_host import SshHost, make_key, seed_session


@dataclass
class Hosted:
    host: SshHost
    data_dir: Path
    keys: dict[str, Path]  # private key files: alice, bob, carol, dave (listed), mallory (not)


def hosted(root: Path, *options: str, env: dict[str, str] | None = None,
           seed: bool = True) -> Hosted:
    data = root / "srv"
    registry = UserRegistry(data)
    keys = {}
    for name in ("alice", "bob", "carol", "dave", "mallory"):
        private, public = make_key(root / "keys", name)
        keys[name] = private
        if name != "mallory":
            registry.add(name, public.read_text())
    if seed:
        seed_session(registry.data_dir("alice"), "Aliceworks")
        seed_session(registry.data_dir("bob"), "Bobcorp")
    return Hosted(SshHost(data, *options, env=env), data, keys)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosted]:
    h = hosted(tmp_path_factory.mktemp("ssh"))
    yield h
    h.host.stop()
