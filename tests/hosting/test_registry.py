"""Users and keys, the host key, the budget reader and the child's environment."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import asyncssh
import pytest

from interview_tui.hosting.budget import tokens_today
from interview_tui.hosting.child_env import app_argv, app_environment
from interview_tui.hosting.host_key import HostKeyError, fingerprint, load_or_create_host_key
from interview_tui.hosting.users import UserError, UserRegistry
from interview_tui.store import close_database, open_database
from interview_tui.store.models import CoachCall
from tests.fakes.ssh_host import cli, make_key


def test_add_list_remove(tmp_path):
    registry = UserRegistry(tmp_path)
    _, alice_pub = make_key(tmp_path / "k", "alice")
    _, other_pub = make_key(tmp_path / "k", "other")
    fp, new = registry.add("alice", alice_pub.read_text())
    assert new and fp.startswith("SHA256:")
    assert registry.add("alice", alice_pub.read_text()) == (fp, False)  # no duplicate line
    alice_key = asyncssh.read_public_key(alice_pub)
    assert registry.accepts("alice", alice_key)
    assert not registry.accepts("alice", asyncssh.read_public_key(other_pub))
    assert not registry.accepts("bob", alice_key)
    assert [(e.name, e.fingerprints) for e in registry.entries()] == [("alice", (fp,))]
    assert registry.data_dir("alice") == tmp_path / "users" / "alice"
    assert registry.remove("alice") and not registry.remove("alice")
    assert not registry.accepts("alice", alice_key)
    assert (tmp_path / "users" / "alice").is_dir(), "removing a user keeps their data"


@pytest.mark.parametrize("name", ["", "../etc", "a/b", ".hidden", "al ice", "1abc", "é", "a" * 33,
                                  "alice\n", "root;rm"])
def test_names_must_be_plain_identifiers(tmp_path, name):
    registry = UserRegistry(tmp_path)
    _, pub = make_key(tmp_path / "k", "k")
    with pytest.raises(UserError, match="not a valid user name"):
        registry.add(name, pub.read_text())
    assert registry.keys(name) == []


def test_malformed_and_private_keys_are_refused(tmp_path):
    registry = UserRegistry(tmp_path)
    private, pub = make_key(tmp_path / "k", "k")
    with pytest.raises(UserError, match="private key"):
        registry.add("alice", private.read_text())
    with pytest.raises(UserError, match="not a valid SSH public key"):
        registry.add("alice", "ssh-ed25519 AAAAnot-base64 x")
    with pytest.raises(UserError, match="exactly one"):
        registry.add("alice", pub.read_text() + pub.read_text())
    assert registry.entries() == []


def test_a_damaged_line_in_the_key_file_locks_out_nobody_and_lets_in_nobody(tmp_path):
    registry = UserRegistry(tmp_path)
    _, pub = make_key(tmp_path / "k", "k")
    registry.add("alice", pub.read_text())
    with (tmp_path / "keys" / "alice.pub").open("a") as fh:
        fh.write("garbage line\n\n# a comment\n")
    assert len(registry.keys("alice")) == 1


def test_users_cli(tmp_path):
    data = tmp_path / "srv"
    _, pub = make_key(tmp_path / "k", "alice")
    added = cli("users", "add", "alice", "--key", str(pub), "--data-dir", str(data))
    assert added.returncode == 0 and "added: alice SHA256:" in added.stdout
    listed = cli("--data-dir", str(data), "users", "list")
    assert listed.stdout.startswith("alice  SHA256:")
    bad = cli("users", "add", "../x", "--key", str(pub), "--data-dir", str(data))
    assert bad.returncode == 1 and "not a valid user name" in bad.stderr
    missing = cli("users", "add", "bob", "--key", str(tmp_path / "nope.pub"), "--data-dir", str(data))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    removed = cli("users", "remove", "alice", "--data-dir", str(data))
    assert removed.returncode == 0
    assert "no users yet" in cli("users", "list", "--data-dir", str(data)).stdout
    assert cli("users", "remove", "alice", "--data-dir", str(data)).returncode == 1


def test_host_key_is_made_once_at_0600_and_reused(tmp_path):
    path = tmp_path / "srv" / "host_key"
    key, created = load_or_create_host_key(path)
    assert created and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key.algorithm == b"ssh-ed25519"
    again, created_again = load_or_create_host_key(path)
    assert not created_again and fingerprint(again) == fingerprint(key)
    path.chmod(0o644)
    with pytest.raises(HostKeyError, match="chmod 600"):
        load_or_create_host_key(path)
    path.chmod(0o600)
    path.write_text("not a key")
    with pytest.raises(HostKeyError, match="cannot read"):
        load_or_create_host_key(path)


def test_tokens_today_reads_the_coach_call_log_read_only(tmp_path):
    db = tmp_path / "interview.db"
    assert tokens_today(db) == 0 and not db.exists(), "no log: nothing used, nothing created"
    open_database(db)
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        CoachCall.create(purpose="q", backend="claude", model="m", input_tokens=100,
                         output_tokens=20, cache_read_tokens=3, cache_write_tokens=4,
                         created_at=now)
        CoachCall.create(purpose="q", backend="claude", model="m", input_tokens=5000,
                         created_at=now - timedelta(days=1))  # yesterday does not count
    finally:
        close_database()
    assert tokens_today(db) == 127
    before = db.stat().st_mtime_ns
    tokens_today(db)
    assert db.stat().st_mtime_ns == before
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert tokens_today(empty) == 0  # a database without the table yet


def test_the_childs_environment_is_built_not_inherited(tmp_path):
    server_env = {"ANTHROPIC_API_KEY": "sk-ant-REAL", "HOME": "/root", "SECRET": "x",
                  "PYTHONPATH": "/src"}
    env = app_environment(tmp_path / "alice", term="xterm-kitty", colorterm="truecolor",
                          coach=("http://127.0.0.1:9/", "itui-token"), server_env=server_env)
    assert env["ANTHROPIC_API_KEY"] == "itui-token" and "sk-ant-REAL" not in env.values()
    assert env["TERM"] == "xterm-kitty" and env["COLORTERM"] == "truecolor"
    assert env["HOME"] == str(tmp_path / "alice") and "SECRET" not in env
    assert env["PYTHONPATH"] == "/src"
    assert env["INTERVIEW_TUI_NO_FILE_IMPORT"] == "1"
    odd = app_environment(tmp_path, term="x;rm -rf /", colorterm="$(id)", coach=None,
                          server_env={})
    assert odd["TERM"] == "xterm-256color" and "COLORTERM" not in odd
    assert "ANTHROPIC_API_KEY" not in odd
    argv = app_argv(tmp_path / "alice", offline=True, model="m")
    assert argv[argv.index("--data-dir") + 1] == str(tmp_path / "alice")
    assert "--offline" in argv
