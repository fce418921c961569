"""A hub in its own process for the benchmarks: started on a free port, stopped after use."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

READY = "DebugFlow HUD: "


def start_hub(data_dir: Path, pythonpath: Path | None = None) -> tuple[subprocess.Popen[str], str]:
    """`python -m debugflow.server` on a free port serving `data_dir`, with `pythonpath` first
    on the module path when given (another revision's sources); returns it and its HUD address.

    Exits with the hub's first line of output when that line is not its address."""
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "debugflow.server", "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith(READY):
        proc.kill()
        proc.wait(10)
        raise SystemExit(f"the hub did not start: {line!r}")
    return proc, line.removeprefix(READY).strip()


@contextmanager
def running_hub(data_dir: Path) -> Iterator[str]:
    """A hub serving `data_dir` until the block ends; the block gets its HUD address."""
    proc, url = start_hub(data_dir)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


async def until(ws: Any, predicate: Any) -> dict[str, Any]:
    """The next message a viewer's WebSocket (aiohttp) receives that matches `predicate`."""
    import aiohttp  # the viewer benchmarks' only: the others start a hub and nothing more

    while True:
        msg = await ws.receive()
        if msg.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"viewer connection ended: {msg}")
        data: dict[str, Any] = msg.json()
        if predicate(data):
            return data
