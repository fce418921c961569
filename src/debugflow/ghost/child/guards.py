"""The guards a ghost child puts around the program before importing it.

An audit hook (which cannot be removed once added, fine in a throw-away child) refuses:
writes, deletes, renames, links and permission changes outside the temporary folder (also
through a file or directory descriptor); network sockets, connections and name look-ups; new
processes (subprocess, os.system, exec, spawn, fork) and signals to other processes; SQLite
databases outside the temporary folder, as paths or `file:` URIs. An authorizer put on every
connection `sqlite3.connect` opens denies `ATTACH` and `VACUUM INTO` outside it. Patches make
`time.sleep`/`asyncio.sleep` return at once, answer `input()` a bounded number of times, and
turn `os._exit`/`os.abort` into `SystemExit`. `TMPDIR` and `tempfile` point into the folder.

This layer explains refusals; it cannot stop code that means harm. Python raises no audit
event for some operations (`os.open(..., dir_fd=...)`, `os.mkfifo`, `os.mknod`, pidfd signals,
processes started by multiprocessing), and ctypes and C extensions reach the operating system
directly. Where bubblewrap runs, the operating system stops those (see `ghost.sandbox`).
"""

from __future__ import annotations

import asyncio
import builtins
import functools
import io
import os
import socket
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from debugflow.ghost.child.caps import StopState
from debugflow.ghost.child.places import CHANGES_FILES, sqlite_uri_path, where

INPUT_ANSWER = "1"
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
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
        self._patch_sqlite()
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

    def _patch_sqlite(self) -> None:
        """Put the authorizer on every connection `sqlite3.connect` opens. (The connection is
        not usable yet when its audit event fires, so this is a patch; code that calls
        `sqlite3.Connection` itself or sets an authorizer of its own goes around it.)"""
        connect: Any = sqlite3.connect

        @functools.wraps(connect)
        def guarded_connect(*args: Any, **kwargs: Any) -> Any:
            connection = connect(*args, **kwargs)
            connection.set_authorizer(self._authorize_sqlite)
            return connection

        sqlite3.connect = sqlite3.dbapi2.connect = guarded_connect

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
        if event in CHANGES_FILES:
            return self._judge_paths(event, args)
        if event in _NETWORK:
            return f"network access ({event} {_short(args)})"
        if event == "socket.__new__" and args[1] != socket.AF_UNIX:
            return f"network access (a socket of address family {args[1]})"
        if event in _PROCESSES:
            return f"starting or signalling a process ({event} {_short(args)})"
        if event == "sqlite3.connect":
            return self._judge_sqlite("sqlite3.connect", args[0])
        return None

    def _judge_paths(self, event: str, args: tuple[Any, ...]) -> str | None:
        for at, dir_at in CHANGES_FILES[event]:
            dir_fd = args[dir_at] if dir_at is not None and dir_at < len(args) else None
            problem = self._outside(event, args[at], dir_fd)
            if problem is not None:
                return problem
        return None

    def _judge_open(self, args: tuple[Any, ...]) -> str | None:
        path, mode, flags = args
        writes = bool(flags & _WRITE_FLAGS) if isinstance(flags, int) else False
        writes = writes or (isinstance(mode, str) and any(c in mode for c in "wax+"))
        return self._outside("writing", path) if writes else None

    def _judge_sqlite(self, what: str, database: object) -> str | None:
        """A database file outside the folder, named as a path or as a `file:` URI."""
        if database is None:
            return None
        name = os.fsdecode(database) if isinstance(database, (str, bytes)) else str(database)
        if name.startswith("file:"):
            name, memory = sqlite_uri_path(name)
            if memory:
                return None
        if name in ("", ":memory:"):
            return None
        return self._outside(what, name)

    def _authorize_sqlite(self, action: int, first: str | None, *rest: object) -> int:
        """The authorizer of every connection: `ATTACH` and `VACUUM INTO` (which attaches its
        output) outside the folder are denied."""
        if action != sqlite3.SQLITE_ATTACH:
            return sqlite3.SQLITE_OK
        what = "SQLite ATTACH or VACUUM INTO"
        # A file named by a bound parameter is not known yet when the statement is prepared.
        problem = (
            f"{what} of a file named by a parameter"
            if first is None
            else self._judge_sqlite(what, first)
        )
        if problem is None:
            return sqlite3.SQLITE_OK
        self._record(problem)
        return sqlite3.SQLITE_DENY

    def _outside(self, what: str, path: object, dir_fd: object = None) -> str | None:
        """A refusal text when `path` (or the file a descriptor is open on, or a path relative
        to a directory descriptor) lies outside the temporary folder."""
        if path is None:
            return None
        try:
            real = where(path, dir_fd)
        except (TypeError, ValueError, OSError):
            return f"{what} {path!r} (not a path this sandbox can place)"
        if real in (None, os.devnull, self.temp_dir) or real.startswith(self.temp_dir + os.sep):
            return None
        return f"{what} outside the ghost folder ({real})"

    def _record(self, problem: str) -> None:
        self.refused.append(problem)
        if self.on_refuse is not None:
            self.on_refuse(problem)

    def _refuse(self, problem: str) -> None:
        self._record(problem)
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
