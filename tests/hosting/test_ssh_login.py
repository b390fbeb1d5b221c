"""Who gets in: listed keys only, with asyncssh's client and with OpenSSH's ``ssh``."""

from __future__ import annotations

import asyncio
import subprocess

import asyncssh
import pytest

from tests.fakes.ssh_host import HOME, SSH, AsyncTerminal, SshHost, openssh
from tests.hosting.conftest import hosted


async def test_a_listed_key_logs_in_and_home_arrives(shared):
    term = await AsyncTerminal.connect(shared.host.port, "alice", shared.keys["alice"])
    await term.wait_for(HOME)
    await term.wait_for("Resume: Aliceworks")
    await term.close()


@pytest.mark.parametrize(("user", "key"), [("alice", "bob"), ("alice", "mallory"),
                                           ("mallory", "mallory"), ("nobody", "alice"),
                                           ("../bob", "bob"), ("bob.x", "bob")])
async def test_other_keys_and_names_are_refused(shared, user, key):
    with pytest.raises(asyncssh.PermissionDenied):
        await AsyncTerminal.connect(shared.host.port, user, shared.keys[key])


async def test_password_keyboard_interactive_and_none_are_refused(shared):
    port = shared.host.port
    options = dict(known_hosts=None, client_keys=None, agent_path=None, connect_timeout=30)
    with pytest.raises(asyncssh.PermissionDenied):  # "none" only
        await asyncssh.connect("127.0.0.1", port, username="alice", **options)
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.connect("127.0.0.1", port, username="alice", password="alice",
                               preferred_auth="password", **options)
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.connect("127.0.0.1", port, username="alice", password="alice",
                               preferred_auth="keyboard-interactive", **options)


def test_openssh_logs_in_with_a_listed_key_and_quits(shared):
    client = openssh(shared.host.port, "bob", shared.keys["bob"])
    try:
        client.wait_for("Resume: Bobcorp", timeout=60)
        client.type("q")  # the app quits: the connection closes
        assert client.wait_exit() == 0
    finally:
        client.kill()


def test_openssh_is_offered_public_keys_only(shared):
    """The server offers publickey and nothing else; others' and unlisted keys are refused."""
    base = [SSH, "-F", "/dev/null", "-p", str(shared.host.port), "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes", "-v"]
    for key, how in (("bob", []), ("mallory", []),
                     ("alice", ["-o", "PreferredAuthentications=password"]),
                     ("alice", ["-o", "PreferredAuthentications=keyboard-interactive"])):
        run = subprocess.run([*base, "-i", str(shared.keys[key]), *how, "alice@127.0.0.1",
                              "true"], capture_output=True, text=True, timeout=60)
        assert run.returncode == 255, run.stderr
        assert "Permission denied (publickey)" in run.stderr
        assert "Authentications that can continue: publickey\n" in run.stderr


def test_commands_and_subsystems_are_refused_with_a_message(shared):
    base = [SSH, "-F", "/dev/null", "-p", str(shared.host.port), "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-i", str(shared.keys["alice"])]
    for extra in (["alice@127.0.0.1", "cat /etc/passwd"], ["-s", "alice@127.0.0.1", "sftp"]):
        run = subprocess.run([*base, *extra], capture_output=True, text=True, timeout=60)
        assert run.returncode == 1
        assert "runs only the interview app" in run.stderr
        assert "root:" not in run.stdout
    no_tty = subprocess.run([*base, "-T", "alice@127.0.0.1"], capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert no_tty.returncode == 1 and "needs a terminal" in no_tty.stderr


async def test_one_log_line_per_connection_without_secrets(shared):
    def failed() -> int:
        return sum("user=-(alice)" in x and "end=auth-failed" in x
                   for x in shared.host.connection_lines())

    failed_before = failed()
    term = await AsyncTerminal.connect(shared.host.port, "alice", shared.keys["alice"])
    port = term.conn.get_extra_info("sockname")[1]
    await term.wait_for(HOME)
    term.type("a secret answer")
    await term.close()
    with pytest.raises(asyncssh.PermissionDenied):
        await AsyncTerminal.connect(shared.host.port, "alice", shared.keys["mallory"])
    ok = shared.host.wait_for_line(f"peer=127.0.0.1:{port} ")
    assert "user=alice " in ok and "start=" in ok and "duration=" in ok
    assert "end=client-disconnect" in ok
    assert sum(f"peer=127.0.0.1:{port} " in x for x in shared.host.connection_lines()) == 1
    await asyncio.wait_for(until(lambda: failed() > failed_before), 60)
    log = "\n".join(shared.host.log)
    assert "secret answer" not in log and "PRIVATE" not in log and "AAAA" not in log


async def until(condition) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` (the server's log, read by a thread) until it holds."""
    while not condition():
        await asyncio.sleep(0.05)


async def test_the_host_key_is_made_once_and_its_fingerprint_printed(tmp_path):
    first = hosted(tmp_path, seed=False)
    try:
        (line,) = [b for b in first.host.banner if b.startswith("host key ")]
        assert "(new)" in line
        printed = line.rsplit(" ", 1)[1]
        assert "listening on 127.0.0.1:" in first.host.banner[-1]  # loopback unless asked
        conn = await asyncssh.connect("127.0.0.1", first.host.port, username="alice",
                                      client_keys=[str(first.keys["alice"])], known_hosts=None,
                                      agent_path=None)
        assert conn.get_server_host_key().get_fingerprint() == printed
        conn.close()
    finally:
        first.host.stop()
    again = SshHost(first.data_dir)
    try:
        (line,) = [b for b in again.banner if b.startswith("host key ")]
        assert "(new)" not in line and line.endswith(printed)
    finally:
        again.stop()
