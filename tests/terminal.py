"""Reading what a program wrote to a pseudo-terminal, for tests of what `flow run` says there."""

from __future__ import annotations

import os
import time


def read_until_closed(main: int, timeout: float) -> str:
    """Everything written to the terminal whose main side is `main`, until every program
    holding its other side has exited (or `timeout` seconds), with line ends as `\\n`."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed: the program has exited
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
