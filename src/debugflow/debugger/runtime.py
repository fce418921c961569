"""The debugger of a traced process: the controller, the stop engine and a backend adapter.

The controller (`controller`) is the one owner of the pause state; this module serialises
every call into it under one condition variable and carries out what it decides:

- A thread that must stop calls in from a tracing callback and blocks on the condition
  until the controller says it was resumed; while it waits it runs the inspection requests
  (`p`, `w`, `l`) handed to it. Only that thread waits: the others run on, unless
  `pause_all` is on (`--pause-all`, `FLOW_DEBUG_PAUSE_ALL=1`, or a viewer's option): then
  every other thread is *held* at its next line of traced code until the pause ends (held,
  not paused: it is not the paused thread and nothing inspects it). DebugFlow's own
  threads (`debugflow-…`) are never held. There is no timer: nothing but a command, the
  program's end or `quit` ends a pause.
- Front ends call `submit(Command)` from their own thread (a terminal reader, later the hub
  link), never from the paused one, and get a `Reply`: accepted, or refused with the reason.
- Every transition goes to the listeners as the `State` it made (numbered), and each pause
  and resume into the run's record (`Recorder`), so the record and every front end see the
  same sequence.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from types import FrameType
from typing import NamedTuple, Protocol

from debugflow.debugger.breakpoints import Breakpoint, BreakpointTable, Hit, check_line
from debugflow.debugger.codebook import CodeBook
from debugflow.debugger.controller import Command, Controller, Place, State
from debugflow.debugger.focus import FocusTable, parse_focus
from debugflow.debugger.inspection import (
    evaluate,
    is_programs,
    listing,
    run_typed_line,
    where,
)
from debugflow.debugger.specs import BreakSpec
from debugflow.debugger.stops import STEP, StopEngine
from debugflow.errors import BadBreakpoint
from debugflow.logfile import OwnLog
from debugflow.protocol import Paused, Resumed
from debugflow.tracer.codefilter import CodeFilter

log = OwnLog("debugflow.debugger")

PAUSE_ALL_VAR = "FLOW_DEBUG_PAUSE_ALL"
_OWN_THREADS = "debugflow-"  # the names of DebugFlow's threads start so: never held


class LogLine(NamedTuple):
    """A logpoint's message, as front ends are told of it."""

    text: str
    thread_name: str


class Finished(NamedTuple):
    """The program ended (`exit_code` None: ended by the debugger's quit)."""

    exit_code: int | None


Notice = State | LogLine | Finished
Listener = Callable[[Notice], None]  # called with the lock held: it must not block


class Reply(NamedTuple):
    """A command's answer: accepted (with any text it produced) or refused and why."""

    accepted: bool
    reason: str
    text: str
    state: State


class Recorder(Protocol):
    """Where pauses, resumes and logpoint messages go into the run's record."""

    def record(self, event: Paused | Resumed) -> None:
        """Add a pause or resume event (on the thread it is about)."""

    def log(self, message: str) -> None:
        """Add a logpoint's message (on the thread that reached it)."""


class Adapter(Protocol):
    """The backend side: which events are on, for the breakpoints and steps there are."""

    def refresh(self) -> None:
        """Breakpoints, a pause request or the steps under way changed."""

    def planned(self, thread: int, frame: FrameType) -> None:
        """On `thread` itself, just resumed at `frame`: its step changed."""

    def stop(self) -> None:
        """Turn every event off."""


class FocusReply(NamedTuple):
    """The answer to a focus request: accepted or refused (and why), and what is focused."""

    accepted: bool
    reason: str
    focused: tuple[str, ...]


class _Request:
    """An inspection for the paused thread to run, and its answer."""

    def __init__(self, run: Callable[[FrameType], str]) -> None:
        self.run = run
        self.done = threading.Event()
        self.text = "the program ended before this could run"


class NoRecord:
    """A recorder that keeps nothing (a debugger outside a traced run, in tests)."""

    def record(self, event: Paused | Resumed) -> None:
        """Keep nothing."""

    def log(self, message: str) -> None:
        """Keep nothing."""


class Debugger:
    """One traced process's debugger; see the module docstring."""

    def __init__(
        self,
        table: BreakpointTable,
        code_filter: CodeFilter,
        recorder: Recorder | None = None,
        on_quit: Callable[[], None] | None = None,
        on_change: Callable[[BreakpointTable], None] | None = None,
        can_pause: bool = True,
        focus: FocusTable | None = None,
        pause_all: bool | None = None,
    ) -> None:
        """`pause_all` None: on when `FLOW_DEBUG_PAUSE_ALL=1`."""
        self.table = table
        self.pause_all = pause_all_from_env() if pause_all is None else pause_all
        self.focus_table = focus if focus is not None else FocusTable()
        self.can_pause = can_pause
        self.controller = Controller()
        self.book = CodeBook(code_filter, table, self.focus_table)
        self.engine = StopEngine(
            self.book,
            self._pause,
            self._log,
            lambda: self.controller.pause_requested,
            self._thread_done,
        )
        self.engine.on_plan = self._planned
        self.engine.hold = self._hold
        self.recorder: Recorder = recorder or NoRecord()
        self.on_quit = on_quit
        self.on_change = on_change
        self.adapter: Adapter | None = None
        self._cond = threading.Condition()
        self._listeners: list[Listener] = []
        self._requests: deque[_Request] = deque()
        self._finished = False

    # -- set-up ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Tell `listener` of every transition, logpoint and the end, from now on."""
        with self._cond:
            self._listeners.append(listener)

    def attach(self, adapter: Adapter) -> None:
        """Connect the backend's adapter and turn on the events the breakpoints need."""
        self.adapter = adapter
        adapter.refresh()

    def stop_first(self, thread: int) -> None:
        """Stop `thread` at the first line of traced code it runs (as `python -m pdb` does)."""
        with self._cond:
            self.engine.plans[thread] = STEP
            self._publish(self.controller.start_step(thread))
        self._refresh()

    def end(self, exit_code: int | None) -> None:
        """The program ended: release every waiting thread and refuse later commands.

        Said once; a later call (the session's stop after the front end's) does nothing.
        """
        with self._cond:
            if self._finished:
                return
            self._finished = True
            self._publish(self.controller.end())
            self.engine.forget()
            for listener in self._listeners:
                listener(Finished(exit_code))
            self._cond.notify_all()
        if self.adapter is not None:
            self.adapter.stop()

    def forget(self) -> None:
        """In a forked child: stop debugging without a word (no front end is there)."""
        self._listeners = []
        self.on_quit = None
        self.end(None)

    # -- commands, from a front end's thread ------------------------------------------------

    @property
    def state(self) -> State:
        """The current state (read without waiting; the listeners hear of every change)."""
        return self.controller.state

    def submit(self, command: Command, inspect: Callable[[FrameType], str] | None = None) -> Reply:
        """Apply a command; an accepted `inspect` command runs `inspect(frame)` on the paused
        thread and the reply carries its text."""
        with self._cond:
            verdict = self.controller.submit(command)
            state = self.controller.state
            if not verdict.accepted:
                return Reply(False, verdict.reason, "", state)
            request = None
            if command.kind == "inspect":
                request = _Request(inspect or (lambda frame: ""))
                self._requests.append(request)
            self._publish(verdict.states)
            self._cond.notify_all()
        if command.kind == "pause":
            self._refresh()
        if request is None:
            return Reply(True, "", "", state)
        request.done.wait()
        return Reply(True, "", request.text, state)

    def print_value(self, seq: int, expression: str) -> Reply:
        """`p expression` in the paused frame."""
        return self.submit(Command("inspect", seq), lambda frame: evaluate(frame, expression))

    def run_line(self, seq: int, source: str) -> Reply:
        """A line typed at the prompt: an expression's value, or a statement run, as pdb's."""
        return self.submit(Command("inspect", seq), lambda frame: run_typed_line(frame, source))

    def stack(self, seq: int) -> Reply:
        """`w`: the paused thread's stack."""
        return self.submit(Command("inspect", seq), lambda frame: where(frame, is_programs))

    def source(self, seq: int, first: int | None) -> Reply:
        """`l`: source lines from `first` (None: around the paused line)."""

        def show(frame: FrameType) -> str:
            line = frame.f_lineno or 1
            start = first if first is not None else max(line - 5, 1)
            file = self.book.real_file(frame.f_code.co_filename)
            marked = {b.spec.line for b in self.table.all() if b.spec.kind == "line"
                      and b.spec.file in (file, frame.f_code.co_filename)}  # fmt: skip
            return listing(frame.f_code.co_filename, start, line, marked)

        return self.submit(Command("inspect", seq), show)

    def add_breakpoint(self, spec: BreakSpec) -> Breakpoint:
        """Add a breakpoint (BadBreakpoint if its line has no code); it takes effect at once."""
        check_line(spec)
        with self._cond:
            item = self.table.add(spec)
        self._changed()
        return item

    def remove_breakpoint(self, number: int) -> Breakpoint:
        """Remove breakpoint `number` (BadBreakpoint if there is none)."""
        with self._cond:
            item = self.table.remove(number)
        self._changed()
        return item

    def breakpoints(self) -> list[Breakpoint]:
        """Every breakpoint, by number."""
        with self._cond:
            return self.table.all()

    def focus(self, function: str, on: bool) -> FocusReply:
        """Trace `function`'s next calls line by line (`on`), or stop; it takes effect at
        once. `function` as `--lines` takes it: module.function, module.Class.method or
        file.py:function (a relative file against the process's working folder)."""
        try:
            spec = parse_focus(function, os.getcwd())
        except BadBreakpoint as error:
            return FocusReply(False, str(error), self.focused())
        with self._cond:
            changed = self.focus_table.set(spec, on)
        if changed:
            self._refresh()
        return FocusReply(True, "", self.focused())

    def set_pause_all(self, on: bool) -> None:
        """Hold every other thread while one is paused (`on`), or not; it takes effect at
        once (threads held now go on when it is turned off)."""
        with self._cond:
            self.pause_all = on
            self._update_hold()
            self._cond.notify_all()
        self._refresh()

    def focused(self) -> tuple[str, ...]:
        """The focused functions, as specs."""
        return tuple(spec.text() for spec in self.focus_table.specs)

    def _changed(self) -> None:
        self._refresh()
        if self.on_change is not None:
            self.on_change(self.table)

    # -- from the program's threads ---------------------------------------------------------

    def _pause(self, frame: FrameType, place: Place, shown: FrameType) -> str | None:
        """Block this thread while it is paused at `place`; return how it was resumed."""
        me = place.thread
        if not self.can_pause:
            return self._not_paused(place)
        with self._cond:
            verdict = self.controller.request_stop(place)
            if not verdict.accepted:
                return None
            self._publish(verdict.states)
            # Queued behind another pause: wait for the turn. The turn may have come and
            # gone (resumed at once) before this thread wakes: the controller keeps both.
            while (seq := self.controller.take_pause(me)) is None:
                if self.controller.state.phase == "ended":
                    return None
                self._wait()
            holding = self.engine.holding
        if holding:
            self._refresh()  # the other threads' lines: each is held at its next one
        self.recorder.record(_paused_event(place, seq))
        how, resumed_seq = self._serve(me, shown)
        self.recorder.record(Resumed(resumed_seq, me, how, time.perf_counter_ns()))  # type: ignore[arg-type]
        if how == "quit" and self.on_quit is not None:
            self.on_quit()
        return how

    def _not_paused(self, place: Place) -> str:
        """With no front end to answer, a stop is recorded in the run and the thread goes on."""
        where = f"{place.file}:{place.line} in {place.function}"
        self.recorder.log(f"{place.detail or place.reason} at {where} (not paused: no terminal)")
        return "continue"

    def _serve(self, me: int, shown: FrameType) -> tuple[str, int]:
        """Run inspection requests until this thread's pause ends; how it ended."""
        with self._cond:
            while True:
                taken = self.controller.take_resume(me)
                if taken is not None:
                    self._abandon_requests()
                    return taken
                if self._requests:
                    request = self._requests.popleft()
                    self._cond.release()
                    try:
                        request.text = _guarded(request.run, shown)
                    finally:
                        self._cond.acquire()
                        request.done.set()
                    continue
                self._wait()

    def _hold(self, thread: int) -> None:
        """At a line of traced code while a thread is paused with `pause_all` on: unless
        this is the paused thread or one of DebugFlow's, wait until the pause ends."""
        if threading.current_thread().name.startswith(_OWN_THREADS):
            return
        with self._cond:
            while self.engine.holding and self.controller.state.thread != thread:
                self._wait()

    def _update_hold(self) -> None:
        """Whether the other threads are held now (called with the lock held)."""
        self.engine.holding = self.pause_all and self.controller.state.phase == "paused"

    def _wait(self) -> None:
        """Wait for a change; Ctrl+C does not end a pause (a command does)."""
        try:
            self._cond.wait()
        except KeyboardInterrupt:
            for listener in self._listeners:
                listener(LogLine("--KeyboardInterrupt-- (the thread stays paused; q quits)", ""))

    def _abandon_requests(self) -> None:
        while self._requests:
            self._requests.popleft().done.set()

    def _log(self, hit: Hit, frame: FrameType) -> None:
        message = hit.message or ""
        self.recorder.log(message)
        name = threading.current_thread().name
        with self._cond:
            for listener in self._listeners:
                listener(LogLine(message, name))

    def _thread_done(self, thread: int) -> None:
        with self._cond:
            self._publish(self.controller.thread_done(thread))
        self._refresh()

    def _planned(self, thread: int, frame: FrameType) -> None:
        if self.adapter is not None:
            self.adapter.planned(thread, frame)
            self.adapter.refresh()

    def _refresh(self) -> None:
        if self.adapter is not None:
            self.adapter.refresh()

    def _publish(self, states: Iterable[State]) -> None:
        for state in states:
            self._update_hold()
            for listener in self._listeners:
                listener(state)


def pause_all_from_env() -> bool:
    """Whether `FLOW_DEBUG_PAUSE_ALL` asks for every thread to pause with the one that stops."""
    return os.environ.get(PAUSE_ALL_VAR, "").strip().lower() in ("1", "true", "yes", "on")


def _paused_event(place: Place, seq: int) -> Paused:
    return Paused(
        seq, place.thread, place.file, place.line, place.function, place.reason,
        time.perf_counter_ns(), place.thread_name, place.detail,
    )  # fmt: skip


def _guarded(run: Callable[[FrameType], str], frame: FrameType) -> str:
    try:
        return run(frame)
    except Exception as error:  # an inspection's own failure must not end the pause
        log.exception("an inspection failed")
        return f"*** {type(error).__name__}: {error}"
