"""Whether the process a discovery file names is alive, and whether it is this user's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROC = Path("/proc")


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists and has not ended (a zombie has ended: it
    only waits for its parent to read its exit status)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 probes without touching the process
    except ProcessLookupError:
        return False
    except PermissionError:
        return not _zombie(pid)  # exists, owned by someone else
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether /proc says process `pid` has ended unreaped (False where there is no /proc)."""
    try:
        stat = (PROC / str(pid) / "stat").read_bytes()
    except OSError:
        return False
    # The state follows the command name, which is in parentheses and may hold anything.
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


def ours(pid: int) -> bool:
    """Whether process `pid` exists and belongs to this user.

    Where /proc shows processes, the owner of its entry there; elsewhere on POSIX, whether it
    may be signalled (root may signal any); on Windows, True: no owner is compared there.
    """
    if (PROC / "self").is_dir():
        try:
            return os.stat(PROC / str(pid)).st_uid == os.geteuid()
        except OSError:
            return False
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # succeeds only for a process this user may signal
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would send CTRL_C_EVENT on Windows, so ask the kernel instead.
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent off Windows)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return bool(ok) and code.value == 259  # STILL_ACTIVE
