"""DebugFlow's background threads, which step aside while the program forks.

`os.fork()` in a process with more than one thread warns (3.12+: "This process is
multi-threaded, use of fork() may lead to deadlocks in the child") and really can deadlock
the child, if another thread held a lock at that moment. A traced program must see exactly
what it sees untraced, so the collector, the store writer and the hub link run on a
`WorkerThread`: before a fork the thread is asked to pause and ends (its work waits, nothing
is lost), after it a new thread picks the work up where it was.

Python 3.12 counts the threads before its `after_in_parent` fork hooks run; 3.13 counts
them after (`FORK_COUNTS_AFTER_HOOKS`): there the threads start again a moment later, when
the program next makes a call that needs the collector (see `Tracer.resume_after_fork`).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

# Whether `os.fork()` counts the process's threads after its after_in_parent hooks have run.
FORK_COUNTS_AFTER_HOOKS = sys.version_info >= (3, 13)
PAUSE_TIMEOUT_S = 2.0  # how long a fork waits for a busy thread before going on without it

# `body(resumed)` runs a worker's loop: it returns True when it stopped because a pause was
# asked for (and wants to go on later), False when its work is done.
Body = Callable[[bool], bool]


@runtime_checkable
class Pausable(Protocol):
    """Something that owns a thread and can end it for a moment (around a fork)."""

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the thread, keeping its work for `resume()`."""

    def resume(self) -> None:
        """Go on with the work in a new thread."""


class WorkerThread:
    """A daemon thread running `body`, which can be paused and resumed.

    `wake()` must make a waiting `body` look at `pause_requested` soon. The lock makes
    "the body stopped for a pause" and "the pause is over" one decision, so exactly one
    thread goes on.
    """

    def __init__(self, body: Body, name: str, wake: Callable[[], None]) -> None:
        self._body = body
        self._name = name
        self._wake = wake
        self._lock = threading.Lock()
        self._pausing = False
        self._paused = False
        self._thread = self._new(resumed=False)

    @property
    def pause_requested(self) -> bool:
        """Whether the body should stop now and return True."""
        return self._pausing

    @property
    def ident(self) -> int | None:
        """The running thread's id."""
        return self._thread.ident

    def start(self) -> None:
        """Start the first thread."""
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the body to finish (at most `timeout` seconds)."""
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        """Whether a thread is running the body."""
        return self._thread.is_alive()

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """Ask the body to stop and wait (bounded) until its thread is gone from the OS."""
        if not self._thread.is_alive():
            return
        deadline = time.monotonic() + timeout
        with self._lock:
            self._pausing = True
        self._wake()
        self._thread.join(timeout)
        _wait_gone(self._thread.native_id, deadline)

    def resume(self) -> None:
        """End the pause; a body that stopped for it goes on in a new thread."""
        with self._lock:
            self._pausing = False
            restart, self._paused = self._paused, False
        if restart:
            self._thread = self._new(resumed=True)
            self._thread.start()

    def _new(self, resumed: bool) -> threading.Thread:
        return threading.Thread(target=self._run, args=(resumed,), name=self._name, daemon=True)

    def _run(self, resumed: bool) -> None:
        while self._body(resumed):
            with self._lock:
                if self._pausing:
                    self._paused = True
                    return
            resumed = True  # the pause was over before the body stopped: go on here


def _wait_gone(native_id: int | None, deadline: float) -> None:
    """Wait until the OS has removed a finished thread (Linux; `join` can return a moment
    before, and a fork in that moment would still count it)."""
    if native_id is None:
        return
    task = f"/proc/self/task/{native_id}"
    while os.path.exists(task) and time.monotonic() < deadline:
        time.sleep(0.0005)
