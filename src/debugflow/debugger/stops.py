"""The stop engine: from line, call, return and exception events, where a thread stops.

Both backends feed it the events `sys.settrace` defines (the monitoring adapter rebuilds them
from `sys.monitoring` events the way CPython's own settrace does), and it decides as pdb's
engine (`bdb`) decides, per thread, with three differences:

- it stops only in traced code (the project's own files: never the standard library,
  site-packages or DebugFlow), for steps and pauses alike;
- no stop when a function is entered (pdb's `--Call--`): a step into a call stops at the
  callee's first line;
- no stop when a function returns (pdb's `--Return--`): where pdb would stop there, the step
  goes on as a plain step, so it lands on the next line that starts in traced code.

A *plan* is a thread's step under way, bdb's stop info: `stopframe` None means any traced
line stops (a step); a frame means only lines of that frame (a next, and a return in a
generator or coroutine, which never stops in that frame: `stoplineno` -1); `returnframe` is
the frame a return waits to leave. A step over an `await` or a `yield` therefore stays in its
coroutine or generator and stops at its next line when it runs again. One more difference,
for coroutines only: when the coroutine a next or a return is about finishes, the step goes
on as a step, as it would past a function's end (pdb waits for the coroutine to run again,
which it never does, so the program runs on); and the StopIteration that bdb stops at when
the generator a step is about ends is not looked for when it is a coroutine.

Breakpoints are checked on every line event of code that has them, on any thread; a stop
that a step makes wins over a breakpoint on the same line (as in pdb: it is not counted).

While `holding` (a thread is paused and every thread is to pause with it), a line event of
traced code first calls `hold`, which blocks every thread but the paused one until the
pause ends; the line is then decided as any other.
"""

from __future__ import annotations

import os
import runpy
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import NamedTuple

from debugflow.debugger.breakpoints import Breakpoint, Hit
from debugflow.debugger.codebook import COROUTINE_FLAGS, GENERATOR_FLAGS, CodeBook, CodeInfo
from debugflow.debugger.controller import Place
from debugflow.protocol import PauseReason

_OWN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_THREADING_FILE = threading.__file__
# The runner's frames between a program's module and DebugFlow's (`flow run -m`).
_PASSED_OVER = frozenset({runpy.__file__})


class Plan(NamedTuple):
    """A thread's step under way (see the module docstring)."""

    stopframe: FrameType | None
    returnframe: FrameType | None = None
    stoplineno: int = 0

    def stop_here(self, frame: FrameType) -> bool:
        """Whether a line (or exception) event in `frame` ends the step, if traced."""
        if frame is self.stopframe:
            return self.stoplineno != -1
        return self.stopframe is None


STEP = Plan(None)
_ENDINGS = (StopIteration, GeneratorExit)

# pause(frame, place, shown_frame) blocks while the thread is paused; returns how it went on.
Pause = Callable[[FrameType, Place, FrameType], "str | None"]
Log = Callable[[Hit, FrameType], None]


class StopEngine:
    """Decides stops for every thread; `pause` is called on the thread that stops."""

    def __init__(
        self,
        book: CodeBook,
        pause: Pause,
        log: Log,
        pause_requested: Callable[[], bool],
        thread_done: Callable[[int], None],
    ) -> None:
        self.book = book
        self.plans: dict[int, Plan] = {}
        self._pause = pause
        self._log = log
        self._pause_requested = pause_requested
        self._thread_done = thread_done
        self._first_lines: dict[int, dict[int, FrameType]] = {}  # thread -> calls to stop in
        self.on_plan: Callable[[int, FrameType], None] = lambda tid, frame: None
        # Set by the debugger (under its lock): other threads are held at their next line.
        self.holding = False
        self.hold: Callable[[int], None] = lambda tid: None

    @property
    def pausing(self) -> bool:
        """Whether a pause is asked for, or threads are held (the next traced line of any
        thread stops, or waits)."""
        return self.holding or self._pause_requested()

    @property
    def everywhere(self) -> bool:
        """Whether every traced line matters now (a step under way, a pause asked for, or
        threads held)."""
        return bool(self.plans) or self.holding or self._pause_requested()

    # -- events ------------------------------------------------------------------------------

    def line(self, frame: FrameType, line: int) -> bool:
        """A line event; returns whether this place can matter again before things change
        (False lets a monitoring backend turn the event off there)."""
        tid = threading.get_ident()
        info = self.book.info(frame.f_code, frame)
        if self.holding and info.traced:
            self.hold(tid)
        plan = self.plans.get(tid)
        if info.traced and plan is not None and plan.stop_here(frame):
            self._stop(frame, line, "step", None, tid)
            return True
        if info.traced and self._pause_requested():
            self._stop(frame, line, "pause", None, tid)
            return True
        pending = self._first_lines.get(tid)
        first = pending is not None and pending.pop(id(frame), None) is frame
        if first or line in info.breakpoint_lines:
            found = self.book.table.at(info.file, line) if line in info.breakpoint_lines else ()
            self._check(frame, line, (*info.functions, *found) if first else found, tid)
            return True
        return bool(info.functions) or self.everywhere

    def call(self, frame: FrameType, fresh: bool) -> None:
        """A frame starts (`fresh`) or resumes: note calls of functions with breakpoints."""
        if fresh:
            info = self.book.info(frame.f_code, frame)
            if info.functions:
                self._first_lines.setdefault(threading.get_ident(), {})[id(frame)] = frame

    def returning(
        self,
        frame: FrameType,
        error: BaseException | None,
        yielded: bool = False,
        tb: TracebackType | None = None,
    ) -> None:
        """A frame returns, yields (`yielded`), or (`error`) is left by an exception, whose
        traceback is `tb` (None: the exception's own)."""
        tid = threading.get_ident()
        plan = self.plans.get(tid)
        if plan is None and (error is None or not self.book.table.uncaught):
            return
        info = self.book.info(frame.f_code, frame)
        if plan is not None:
            self._step_past_end(plan, frame, info, tid, yielded)
        if info.traced and _leaves_program(frame):
            if error is not None and self.book.table.uncaught:
                self._uncaught(frame, error, tid, tb or error.__traceback__)
            if tid in self.plans:
                del self.plans[tid]
                self._thread_done(tid)

    def exception(self, frame: FrameType, error: BaseException, tb: TracebackType | None) -> None:
        """An exception is raised in `frame`, or reaches it from a call it made."""
        tid = threading.get_ident()
        plan = self.plans.get(tid)
        table = self.book.table
        if plan is None and not table.raised:
            return
        info = self.book.info(frame.f_code, frame)
        if not info.traced:
            return
        if plan is not None and self._step_exception(plan, frame, info, error, tb):
            self._stop(frame, frame.f_lineno, "step", _exception_text(error), tid)
        elif table.raised and _first_traced(tb, self.book):
            caught = [b for b in table.raised if b.catches(error)]
            if caught:
                detail = f"{caught[0].label()}: {_exception_text(error)}"
                self._stop(frame, frame.f_lineno, "exception", detail, tid)

    # -- decisions ---------------------------------------------------------------------------

    def _step_past_end(
        self, plan: Plan, frame: FrameType, info: CodeInfo, tid: int, yielded: bool
    ) -> None:
        """Where pdb stops at `--Return--`, go on as a step (bdb's dispatch_return).

        A coroutine the step is about that finishes (returns, or an exception leaves it)
        makes a step as a function would: pdb would wait there for a resumption that never
        comes. A generator's end is left to pdb's rule, as is every yield and await.
        """
        if plan.stopframe is frame and info.coroutine and not yielded:
            self.plans[tid] = STEP
        elif (info.traced and plan.stop_here(frame)) or frame is plan.returnframe:
            if plan.stopframe is not None and info.generator:
                return  # a generator's yield or end: the step waits for it to run again
            self.plans[tid] = STEP

    @staticmethod
    def _step_exception(
        plan: Plan, frame: FrameType, info: CodeInfo, error: BaseException, tb: object
    ) -> bool:
        """Whether pdb stops at this exception event (bdb's dispatch_exception)."""
        if plan.stop_here(frame):
            # the StopIteration of a finished sub-generator (`yield from`, `await`): plumbing
            return not (info.generator and type(error) is StopIteration and tb is None)
        # A generator being stepped over (or out of) ends where its consumer meets its
        # StopIteration. Not a coroutine: an `await` stepped over stays in its coroutine.
        stopframe = plan.stopframe
        if stopframe is None or frame is stopframe or type(error) not in _ENDINGS:
            return False
        flags = stopframe.f_code.co_flags
        return bool(flags & GENERATOR_FLAGS) and not flags & COROUTINE_FLAGS

    def _check(self, frame: FrameType, line: int, found: tuple[Breakpoint, ...], tid: int) -> None:
        """Count the breakpoints reached here; log the logpoints, pause for the first other."""
        pausing: Hit | None = None
        for item in found:
            hit = item.reached(frame)
            if hit is None:
                continue
            if not hit.pause:
                self._log(hit, frame)
            elif pausing is None:
                pausing = hit
        if pausing is not None:
            detail = pausing.breakpoint.label()
            if pausing.note:
                detail += f"; {pausing.note}"
            self._stop(frame, line, "breakpoint", detail, tid)

    def _uncaught(
        self, frame: FrameType, error: BaseException, tid: int, tb: TracebackType | None
    ) -> None:
        caught = [b for b in self.book.table.uncaught if b.catches(error)]
        if not caught:
            return
        shown, line = _innermost_traced(tb, self.book) or (frame, frame.f_lineno)
        detail = f"{caught[0].label()}: {_exception_text(error)}"
        self._stop(frame, line, "exception", detail, tid, shown)

    def _stop(
        self,
        frame: FrameType,
        line: int | None,
        reason: PauseReason,
        detail: str | None,
        tid: int,
        shown: FrameType | None = None,
    ) -> None:
        """Pause this thread at `frame`; then set its plan from how it was resumed."""
        where = shown or frame
        info = self.book.info(where.f_code, where)
        place = Place(
            tid,
            info.file,
            line or where.f_lineno or 0,
            info.qualname,
            reason,
            detail,
            _depth(frame, self.book),
            threading.current_thread().name,
        )
        how = self._pause(frame, place, where)
        self._resume(how, frame, tid)

    def _resume(self, how: str | None, frame: FrameType, tid: int) -> None:
        plans = self.plans
        if how in (None, "quit"):
            return
        if how in ("continue", "end"):
            plans.pop(tid, None)
        elif how == "step":
            plans[tid] = STEP
        elif how == "next":
            plans[tid] = Plan(frame)
        elif frame.f_code.co_flags & GENERATOR_FLAGS:  # return, from a generator or coroutine:
            plans[tid] = Plan(frame, None, -1)  # on until it finishes (see _step_past_end)
        else:
            plans[tid] = Plan(frame.f_back, frame)
        self.on_plan(tid, frame)

    def forget(self) -> None:
        """Drop every plan (the program ended)."""
        self.plans.clear()
        self._first_lines.clear()


def _exception_text(error: BaseException) -> str:
    try:
        message = str(error)
    except Exception:
        message = "<the exception's text could not be read>"
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def _depth(frame: FrameType | None, book: CodeBook) -> int:
    """How many frames of traced code are below `frame` on its thread."""
    depth = 0
    caller = frame.f_back if frame is not None else None
    while caller is not None:
        depth += book.info(caller.f_code, caller).traced
        caller = caller.f_back
    return depth


def _leaves_program(frame: FrameType) -> bool:
    """Whether, above `frame`, only DebugFlow's runner or a thread's start-up remains: an
    exception leaving `frame` is uncaught, and a step can land nowhere on this thread."""
    caller = frame.f_back
    while caller is not None:
        filename = caller.f_code.co_filename
        if filename.startswith(_OWN_DIR) or filename == _THREADING_FILE:
            return True
        if filename not in _PASSED_OVER:
            return False
        caller = caller.f_back
    return True


def _first_traced(tb: TracebackType | None, book: CodeBook) -> bool:
    """Whether the exception has not passed through traced code before this frame."""
    inner = tb.tb_next if tb is not None else None
    while inner is not None:
        if book.info(inner.tb_frame.f_code, inner.tb_frame).traced:
            return False
        inner = inner.tb_next
    return True


def _innermost_traced(tb: TracebackType | None, book: CodeBook) -> tuple[FrameType, int] | None:
    """The deepest frame of traced code an exception went through, and its line there."""
    found = None
    while tb is not None:
        if book.info(tb.tb_frame.f_code, tb.tb_frame).traced:
            found = (tb.tb_frame, tb.tb_lineno)
        tb = tb.tb_next
    return found
