"""Running a command without the power to ignore file permissions.

Tests here run as root, and root may write a 0444 file or a 0555 directory, so read-only
files mean nothing to it. ``unprivileged_prefix`` finds a way to run a child that the
kernel holds to the permission bits:

- not root: the command as it is;
- root: as ``nobody`` (``user=``), if ``nobody`` can run this interpreter and the project;
- root: still uid 0 but without CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER
  (``setpriv --bounding-set``), so only the owner's permission bits count (this machine's
  Python lives under /root, which ``nobody`` cannot enter);
- otherwise the test is skipped, saying why.

Tests give files and directories the same bits for owner, group and others (0444, 0555,
0777), so the outcome is the same whichever way is used.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_CAPS = "-dac_override,-dac_read_search,-fowner"


def _denied_write(prefix: list[str], user: str | None) -> bool:
    """True when a child run this way can run the project but cannot write a 0444 file."""
    base = Path(tempfile.mkdtemp(prefix="unprivileged-"))
    try:
        base.chmod(0o755)
        target = base / "probe"
        target.write_text("x")
        target.chmod(0o444)
        code = (f"import os, interview_tui; raise SystemExit(0 if not os.access("
                f"{str(target)!r}, os.W_OK) else 3)")
        try:
            result = subprocess.run([*prefix, sys.executable, "-c", code], user=user,
                                    cwd=PROJECT_ROOT, env={"PYTHONPATH": str(PROJECT_ROOT)},
                                    capture_output=True, timeout=60)
        except OSError:
            return False
        return result.returncode == 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


@functools.cache
def unprivileged() -> tuple[list[str], str | None] | str:
    """``(command prefix, user)`` for an unprivileged child, or why there is none."""
    if os.geteuid() != 0:
        return [], None
    if _denied_write([], "nobody"):
        return [], "nobody"
    setpriv = shutil.which("setpriv")
    if setpriv and _denied_write([setpriv, f"--bounding-set={_CAPS}", "--"], None):
        return [setpriv, f"--bounding-set={_CAPS}", "--"], None
    return ("running as root, and neither 'nobody' (cannot run this Python) nor "
            "'setpriv --bounding-set' (missing or not permitted) can drop the right to "
            "ignore file permissions")
