"""Ctrl+C pauses a program debugged on a terminal, as it does under pdb.

While the program runs, the first Ctrl+C asks the debugger for a pause: the program stops at
the next line of traced code it runs, in any thread, and the prompt comes back. A second
Ctrl+C before that pause lands (the program is busy outside traced code, or waits) is the
program's own interrupt, as without the debugger. At a pause the interrupt goes to the
program too, which the debugger turns into a notice (a pause ends only by a command).

The handler is put in only where the program has Python's default SIGINT handler, and only
while the program runs: a program that sets its own keeps it. The signal handler runs
between two bytecodes of the main thread, possibly while that thread holds the debugger's
lock, so it takes no lock itself: it releases a raw lock a helper thread waits on, and the
helper asks for the pause and says so.
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import threading
from collections.abc import Callable
from types import FrameType

from debugflow.debugger.controller import Command
from debugflow.debugger.runtime import Debugger

THREAD_NAME = "debugflow-debug-interrupt"
INTERRUPTED = "--Interrupted-- pausing at the next line of your code (Ctrl+C again: interrupt it)"

_Handler = Callable[[int, FrameType | None], object] | int | None


class InterruptToPause:
    """Turns the first Ctrl+C of a running program into a pause request; see the module."""

    def __init__(self, debugger: Debugger, say: Callable[[str], None]) -> None:
        self.debugger = debugger
        self._say = say
        self._wake = _thread.allocate_lock()
        self._wake.acquire()  # released by the signal handler: the helper then asks
        self._asked_at: int | None = None  # the state seq a pause was asked at
        self._previous: _Handler = None
        self._installed = False
        self._closing = False
        self._thread = threading.Thread(target=self._serve, name=THREAD_NAME, daemon=True)

    def install(self) -> bool:
        """Take Ctrl+C for pausing, if the program has Python's default handler (main thread
        only, as signal handlers are); False when it was left alone."""
        if threading.current_thread() is not threading.main_thread():
            return False
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return False
        self._previous = signal.signal(signal.SIGINT, self._handle)
        self._installed = True
        self._thread.start()
        return True

    def uninstall(self) -> None:
        """Give Ctrl+C back, unless the program has put in a handler of its own since."""
        if not self._installed:
            return
        self._installed = False
        with contextlib.suppress(ValueError):  # not the main thread: nothing to give back
            if signal.getsignal(signal.SIGINT) == self._handle:
                signal.signal(signal.SIGINT, self._previous)
        self._closing = True
        with contextlib.suppress(RuntimeError):  # already released: the helper wakes anyway
            self._wake.release()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        state = self.debugger.controller.state  # an attribute read: no lock in a handler
        if state.phase in ("running", "stepping") and self._asked_at != state.seq:
            self._asked_at = state.seq
            with contextlib.suppress(RuntimeError):
                self._wake.release()
            return
        raise KeyboardInterrupt  # at a pause, or a pause already asked for: the program's

    def _serve(self) -> None:
        while True:
            self._wake.acquire()
            if self._closing:
                return
            state = self.debugger.state
            if state.phase not in ("running", "stepping"):
                continue
            self._say(INTERRUPTED)  # before the pause can land and its prompt be shown
            self.debugger.submit(Command("pause", state.seq))  # refused: it stopped meanwhile
