"""Functions that would do harm outside a ghost sandbox; tests/test_ghost_sandbox.py runs them.

Paths and ports come from `aims.json` beside this file, which the tests write into a copy of
this folder (the sandbox clears the environment, so they cannot come as variables), so the
functions aim at real files and a real listening socket.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

STATE: list[str] = []


def _read_aims() -> dict[str, str]:
    try:
        return dict(json.loads((Path(__file__).parent / "aims.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}


AIMS = _read_aims()  # read on import, so the pass's calls are only the functions' own


def delete_files() -> str:
    victim = Path(AIMS["victim"])
    for attempt in (
        lambda: os.remove(victim),
        victim.unlink,
        lambda: shutil.rmtree(victim.parent),
        lambda: os.rename(victim, victim.with_suffix(".moved")),
        lambda: victim.write_text("overwritten"),
        lambda: victim.open("a").close(),
        lambda: open(victim.parent / "new.txt", "x").close(),
    ):
        try:
            attempt()
        except PermissionError:
            note_refusal()
    return "done"


def note_refusal() -> int:
    STATE.append("refused")
    return len(STATE)


def open_socket() -> str:
    port = int(AIMS["port"])
    connection = socket.create_connection(("127.0.0.1", port), timeout=2)
    connection.sendall(b"hello from ghost")
    return "sent"


def spawn_process() -> int:
    marker = AIMS["marker"]
    codes = []
    for run in (
        lambda: subprocess.run(["touch", marker], check=False).returncode,
        lambda: os.system(f"touch {marker}"),
        lambda: os.fork(),
        lambda: os.execv("/bin/touch", ["touch", marker]),
        lambda: os.kill(os.getppid(), 0),
    ):
        try:
            codes.append(run())
        except PermissionError:
            codes.append(note_refusal())
    return len(codes)


def exit_early(code: int) -> None:
    sys.exit(code)


def after_exit() -> str:
    return "unreachable"


def exit_hard(code: int) -> None:
    os._exit(code)


def loop_forever(start: int) -> int:
    total = start
    while True:
        total += 1


def loop_calling(start: int) -> int:
    while True:
        start = step(start)


def step(value: int) -> int:
    return value + 1


def recurse(depth: int) -> int:
    return recurse(depth + 1) + 1


def read_forever() -> int:
    answers = 0
    while True:
        input("more? ")
        answers = count_answer(answers)


def count_answer(answers: int) -> int:
    return answers + 1


def sleep_long(hours: int) -> str:
    time.sleep(hours * 3600)
    return woke_up()


def woke_up() -> str:
    return "awake"


def swallow_stops(start: int) -> int:
    while True:
        try:
            while True:
                start += 1
        except BaseException:
            continue


def block_in_c() -> None:
    threading.Event().wait()


def mutate_globals(label: str) -> int:
    STATE.append(label)
    os.environ["GHOST_LEAK"] = "leaked"
    os.chdir("/")
    return len(STATE)


def write_inside(out_dir: Path, notes: Path) -> str:
    (out_dir / "result.txt").write_text("kept inside")
    return notes.read_text() + (out_dir / "result.txt").read_text()
