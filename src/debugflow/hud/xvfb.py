"""A private virtual X server (Xvfb) on a free display number, for drawing with no screen.

The desktop HUD's tests, its benchmark and the demo-GIF recorder all draw on one of these.
`-displayfd` makes the server pick a free display number and write it once it accepts
connections, so nothing ever draws on someone else's display (a developer's own `:0`, or
another test's server).
"""

from __future__ import annotations

import os
import subprocess
import time

START_TIMEOUT_S = 15.0


class XvfbError(RuntimeError):
    """Xvfb did not start, or did not say which display it took."""


def start_xvfb(
    width: int, height: int, timeout: float = START_TIMEOUT_S
) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb with one `width`×`height` screen; returns it and its DISPLAY value (":N")."""
    read, write = os.pipe()
    try:
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        write = -1
        try:
            number = _read_number(read, proc, timeout)
        except XvfbError:
            proc.kill()
            proc.wait()
            raise
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)
    return proc, f":{number}"


def _read_number(fd: int, proc: subprocess.Popen[bytes], timeout: float) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise XvfbError("Xvfb did not start")
        chunk = os.read(fd, 64)
        if not chunk:
            raise XvfbError("Xvfb did not say its display number")
        data += chunk
    return data.decode().strip()
