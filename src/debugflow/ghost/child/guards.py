"""The guards a ghost child puts around the program before importing it.

An audit hook (which cannot be removed once added, fine in a throw-away child) refuses:
writes, deletes, renames and permission changes outside the temporary folder; network
connections and name look-ups; new processes (subprocess, os.system, exec, spawn, fork) and
signals to other processes; SQLite files outside the temporary folder. Patches make
`time.sleep`/`asyncio.sleep` return at once, answer `input()` a bounded number of times, and
turn `os._exit`/`os.abort` into `SystemExit`. `TMPDIR` and `tempfile` point into the folder.

This guards against accidents, not against code that means harm: ctypes and C extensions can
still reach the operating system directly.
"""

from __future__ import annotations

import asyncio
import builtins
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from debugflow.ghost.child.caps import StopState

INPUT_ANSWER = "1"
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_ONE_PATH = {
    "os.remove", "os.rmdir", "os.truncate", "os.mkdir", "os.chmod", "os.chown", "os.utime",
    "os.setxattr", "os.removexattr", "shutil.rmtree", "os.chflags", "os.lchflags",
}  # fmt: skip
_TWO_PATHS = {"os.rename", "shutil.copyfile", "shutil.copytree", "shutil.move"}
_SECOND_PATH = {"os.link", "os.symlink"}
_NETWORK = {
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
    "socket.getnameinfo", "http.client.connect", "ftplib.connect", "smtplib.connect",
    "imaplib.open", "poplib.connect", "nntplib.connect", "telnetlib.Telnet.open",
    "urllib.Request", "webbrowser.open",
}  # fmt: skip
_PROCESSES = {
    "subprocess.Popen", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork",
    "os.forkpty", "os.startfile", "os.kill", "os.killpg", "pty.spawn",
}  # fmt: skip


class Sandbox:
    """Installs the guards and keeps the list of what it refused."""

    def __init__(self, temp_dir: Path, state: StopState, max_inputs: int):
        self.temp_dir = os.path.realpath(temp_dir)
        self.state = state
        self.max_inputs = max_inputs
        self.inputs = 0
        self.refused: list[str] = []
        self.invented: list[str] = []  # environment variables read but not set
        self.on_refuse: Callable[[str], None] | None = None
        self.active = False

    def install(self) -> None:
        """Add the audit hook and the patches; call once, before importing the program."""
        self._redirect_temp()
        self._patch_time()
        self._patch_exits()
        builtins.input = self._input
        _answer_missing_environment(self.invented)
        sys.stdin = io.StringIO("")
        sys.addaudithook(self._audit)
        self.active = True

    def _redirect_temp(self) -> None:
        os.environ["TMPDIR"] = self.temp_dir
        tempfile.tempdir = self.temp_dir

    def _patch_time(self) -> None:
        real_asyncio_sleep = asyncio.sleep

        def sleep(seconds: object) -> None:
            """Ghost mode: return at once."""

        async def asyncio_sleep(delay: float, result: Any = None) -> Any:
            await real_asyncio_sleep(0)
            return result

        time.sleep = sleep
        asyncio.sleep = asyncio_sleep

    def _patch_exits(self) -> None:
        def trapped_exit(status: int) -> NoReturn:
            raise SystemExit(status)

        def trapped_abort() -> NoReturn:
            raise SystemExit("os.abort() called")

        os._exit = trapped_exit
        os.abort = trapped_abort

    def _input(self, prompt: object = "") -> str:
        self.inputs += 1
        if self.inputs > self.max_inputs:
            raise self.state.trip("inputs")
        return INPUT_ANSWER

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        problem = self._judge(event, args)
        if problem is not None:
            self._refuse(problem)

    def _judge(self, event: str, args: tuple[Any, ...]) -> str | None:
        if event == "open":
            return self._judge_open(args)
        if event in _ONE_PATH:
            return self._outside(event, args[0])
        if event in _TWO_PATHS:
            return self._outside(event, args[0]) or self._outside(event, args[1])
        if event in _SECOND_PATH:
            return self._outside(event, args[1])
        if event in _NETWORK:
            return f"network access ({event} {_short(args)})"
        if event in _PROCESSES:
            return f"starting or signalling a process ({event} {_short(args)})"
        if event == "sqlite3.connect":
            return self._judge_sqlite(args[0])
        return None

    def _judge_open(self, args: tuple[Any, ...]) -> str | None:
        path, mode, flags = args
        writes = bool(flags & _WRITE_FLAGS) if isinstance(flags, int) else False
        writes = writes or (isinstance(mode, str) and any(c in mode for c in "wax+"))
        return self._outside("writing", path) if writes else None

    def _judge_sqlite(self, database: object) -> str | None:
        if database in (":memory:", "", b":memory:"):
            return None
        return self._outside("sqlite3.connect", database)

    def _outside(self, what: str, path: object) -> str | None:
        """A refusal text when `path` lies outside the temporary folder (file descriptors pass)."""
        if isinstance(path, int) or path is None:
            return None
        try:
            real = os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return f"{what} {path!r} (not a path)"
        if real == self.temp_dir or real.startswith(self.temp_dir + os.sep):
            return None
        return f"{what} outside the ghost folder ({real})"

    def _refuse(self, problem: str) -> None:
        self.refused.append(problem)
        if self.on_refuse is not None:
            self.on_refuse(problem)
        raise PermissionError(f"ghost mode refused {problem}")


ENV_ANSWER = "mock"


def _answer_missing_environment(invented: list[str]) -> None:
    """Make `os.environ[NAME]` answer "mock" for unset names (and note them); `get`, `in` and
    `os.getenv` keep their meaning, so code that checks first still sees the variable unset."""
    base = type(os.environ)

    class GhostEnviron(base):  # type: ignore[valid-type, misc]
        def __getitem__(self, key: str) -> str:
            try:
                value: str = base.__getitem__(self, key)
            except KeyError:
                if key not in invented:
                    invented.append(key)
                return ENV_ANSWER
            return value

        def get(self, key: str, default: Any = None) -> Any:
            return base.__getitem__(self, key) if self.__contains__(key) else default

        def __contains__(self, key: object) -> bool:
            try:
                base.__getitem__(self, str(key))
            except KeyError:
                return False
            return True

    os.environ.__class__ = GhostEnviron


def _short(args: tuple[Any, ...]) -> str:
    shown = [repr(a) for a in args[:3] if a is not None and type(a).__name__ != "socket"]
    return ", ".join(shown)[:80]
