"""The traced process's end of the HUD debugger: the hub's requests in, the debugger's states out.

The hub link (`transport.hub_link`) hands every `debug_request` frame to `request()`, which
only checks it and queues it: the link's event loop never waits. A thread of its own,
`debugflow-debug-control` (never a paused thread), serves the queue: a command or a
breakpoint change goes to the `Debugger` and is answered at once; an inspection (stack,
locals, evaluate) is passed on to a second thread, `debugflow-debug-inspect`, which waits
while the paused thread runs it, so an expression that takes long never holds up a resume.

Every state the debugger makes goes back as a `debug_state` frame, built while the debugger
holds its lock, so the frames leave in the order the states were made; `rev` numbers them,
and a breakpoint change sends the current state again under a new `rev`. Nothing here
decides a pause: the `Debugger` owns the pause state.

There is no auto-continue: a pause lasts until a viewer's command, an interrupt or the
program's end, whether viewers come and go or the hub dies. An interrupt (Ctrl+C) of a
program without a terminal front end ends the debugging and the pause: the interrupt is
raised in the paused thread where it stands, as it would have been without the debugger.
Only when `FLOW_DEBUG_RESUME_AFTER=<seconds>` is set (`resume_after`) is a pause continued
after that long without any viewer following the run (the hub tells the program how many
follow it; no hub connection counts as none).

Requests are dispatched by op through `handlers` (op -> function). Another part of DebugFlow
adds or replaces an op with `register(op, handler)`: line replay registers "focus"
(`debugger.focusop`); until then a focus request is refused. A handler gets the checked
request and returns an `Answer`; it runs on the control thread and must not block for long
(one registered with `inspection=True` runs on the inspection thread instead).
"""

from __future__ import annotations

import _thread
import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, NamedTuple, cast

from debugflow.debugger.breakpoints import Breakpoint, BreakpointTable, check_line
from debugflow.debugger.controller import Command, State
from debugflow.debugger.inspection import (
    Show,
    evaluate_result,
    locals_page,
    plain_show,
    stack_frames,
    stack_result,
)
from debugflow.debugger.runtime import Debugger, LogLine, Notice
from debugflow.debugger.specs import BreakSpec, message_fields
from debugflow.errors import BadBreakpoint
from debugflow.logfile import OwnLog
from debugflow.protocol.viewer import (
    BreakpointSpecWire,
    BreakpointWire,
    DebugRequestWire,
    DebugResult,
    DebugStateWire,
    PlaceWire,
)
from debugflow.transport.wire import (
    BadRequest,
    ViewersFrame,
    decode_hub_frame,
    encode_debug_reply,
    encode_debug_state,
)
from debugflow.workers import PAUSE_TIMEOUT_S, WorkerThread

log = OwnLog("debugflow.debugger")

CONTROL_THREAD = "debugflow-debug-control"
INSPECT_THREAD = "debugflow-debug-inspect"
MAX_QUEUED = 256  # requests waiting to be served; more are refused at once
RESUME_AFTER_VAR = "FLOW_DEBUG_RESUME_AFTER"
_INTERRUPTED = "--KeyboardInterrupt--"  # how the debugger says an interrupt met a pause
_CHECK_S = 0.25  # how often a pause with no viewer is looked at (with resume_after only)
_SHOWN = ("line", "function")  # the breakpoints a state lists (exceptions have their own)


class Answer(NamedTuple):
    """A request's answer: accepted with its result, or refused and why."""

    accepted: bool
    reason: str = ""
    result: DebugResult | None = None


Handler = Callable[[DebugRequestWire], Answer]
Send = Callable[[str], None]
# What the control thread serves: a request and its id, one of the channel's own actions
# (run there, off the thread that asked for it), or None to stop.
Work = tuple[int, DebugRequestWire] | Callable[[], None] | None


class ControlChannel:
    """Serves the hub's debugger requests for one `Debugger`; see the module docstring.

    `send(text)` queues a frame for the hub and must not block. `save()` keeps the
    breakpoints for the project after a viewer changed them. `show(name, value)` previews
    a value of the locals tree or a watch as the run's spine does, redaction included.
    """

    def __init__(
        self,
        debugger: Debugger,
        send: Send,
        save: Callable[[], None] | None = None,
        resume_after: float | None = None,
        show: Show = plain_show,
    ) -> None:
        self.debugger = debugger
        self.show = show  # the run's previews (its redaction rule included)
        self.resume_after = resume_after
        self.viewers = 0  # viewers following the run, as the hub last said
        self._alone_since: float | None = time.monotonic()  # no viewer since then
        self._paused_at = 0.0
        self._send = send
        self._save = save
        self.handlers: dict[str, Handler] = {
            "command": self._command,
            "set_breakpoints": self._set_breakpoints,
            "exceptions": self._exceptions,
            "stack": self._stack,
            "locals": self._locals,
            "evaluate": self._evaluate,
            "focus": _no_focus,  # line replay registers its own (debugger.focusop)
            "options": self._options,
        }
        self._inspections = {"stack", "locals", "evaluate"}
        self._lock = threading.Lock()  # taken after the debugger's own lock, never before
        self._rev = 0
        self._last: State = debugger.state
        self._verified: dict[int, bool] = {}  # breakpoint number -> its file exists
        self._requests: queue.Queue[Work] = queue.Queue(MAX_QUEUED)
        self._inspect: queue.Queue[Work] = queue.Queue(MAX_QUEUED)
        # Daemon threads (they never keep the program alive) that step aside while the
        # program forks, as DebugFlow's other threads do (`workers`).
        self._workers = [
            self._worker(self._requests, CONTROL_THREAD),
            self._worker(self._inspect, INSPECT_THREAD),
        ]
        debugger.subscribe(self._notice)
        earlier = debugger.on_change  # any breakpoint change, a terminal's `b` included

        def changed(table: BreakpointTable) -> None:
            if earlier is not None:
                earlier(table)
            self._republish()

        debugger.on_change = changed

    def register(self, op: str, handler: Handler, inspection: bool = False) -> None:
        """Serve requests of `op` with `handler` (on the inspection thread if `inspection`)."""
        self.handlers[op] = handler
        if inspection:
            self._inspections.add(op)
        else:
            self._inspections.discard(op)

    def start(self) -> None:
        """Start serving."""
        for worker in self._workers:
            worker.start()

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the threads for a moment (around a fork); queued requests wait."""
        for worker in self._workers:
            worker.pause(timeout)

    def resume(self) -> None:
        """Serve again, in new threads."""
        for worker in self._workers:
            worker.resume()

    def _worker(self, waiting: queue.Queue[Work], name: str) -> WorkerThread:
        def body(resumed: bool) -> bool:
            return self._serve(waiting, worker)

        def wake() -> None:
            with contextlib.suppress(queue.Full):  # a full queue: the thread is busy anyway
                waiting.put_nowait(_nothing)

        worker = WorkerThread(body, name, wake)
        return worker

    def close(self) -> None:
        """Stop serving (requests still queued are dropped: the program ended)."""
        for waiting in (self._requests, self._inspect):
            with contextlib.suppress(queue.Full):
                waiting.put_nowait(None)

    # -- from the hub link's loop: never blocks ------------------------------------------------

    def request(self, text: str) -> None:
        """A `debug_request` frame from the hub: checked, then queued (or refused at once)."""
        try:
            frame = decode_hub_frame(text)
        except BadRequest as error:
            self._reply(error.id if error.id is not None else -1, Answer(False, str(error)))
            return
        except Exception as error:  # whatever the hub sends, the program goes on
            log.exception("a debug request could not be read")
            self._reply(-1, Answer(False, f"{type(error).__name__}: {error}"))
            return
        if isinstance(frame, ViewersFrame):
            self._set_viewers(frame.count)
            return
        try:
            self._requests.put_nowait((frame.id, frame.request))
        except queue.Full:
            self._reply(frame.id, Answer(False, "the debugger is busy: too many requests"))

    def greeting(self) -> str:
        """The current state as a `debug_state` frame (sent after each `hello`)."""
        with self._lock:
            return encode_debug_state(self._wire(self._last))

    def holds_program(self) -> bool:
        """Whether a thread of the program is paused (the link must not give up then)."""
        return self._last.phase == "paused"

    def disconnected(self) -> None:
        """The hub connection ended: no viewer can answer until it is made again."""
        self._set_viewers(0)

    def _set_viewers(self, count: int) -> None:
        self.viewers = count
        if count:
            self._alone_since = None
        elif self._alone_since is None:
            self._alone_since = time.monotonic()

    def link_gone(self) -> None:
        """The hub link gave up (no hub was ever reached, or none came back while nothing
        was paused): from now on a stop is recorded in the run, not paused, and a pause
        nobody could see is continued."""
        self.debugger.can_pause = False
        with contextlib.suppress(queue.Full):
            self._requests.put_nowait(self._continue_unseen)

    # -- the debugger's side ---------------------------------------------------------------------

    def _notice(self, notice: Notice) -> None:
        """A debugger transition (called with the debugger's lock held: build and queue)."""
        if isinstance(notice, LogLine) and notice.text.startswith(_INTERRUPTED):
            if self.debugger.on_quit is None:  # no terminal front end to take a `q`
                with contextlib.suppress(queue.Full):
                    self._requests.put_nowait(self._interrupted)
            return
        if isinstance(notice, State):
            with self._lock:
                if notice.phase == "paused":
                    self._paused_at = time.monotonic()
                self._last = notice
                self._send(encode_debug_state(self._wire(notice)))

    def _republish(self) -> None:
        """The breakpoints changed: the last state again, with them, under a new rev."""
        with self._lock:
            self._send(encode_debug_state(self._wire(self._last)))

    def _wire(self, state: State) -> DebugStateWire:
        self._rev += 1
        table = self.debugger.table
        items = table.all()
        return {
            "seq": state.seq,
            "rev": self._rev,
            "phase": state.phase,
            "place": _place(state),
            "step": state.step if state.phase == "stepping" else None,
            "waiting": len(self.debugger.controller.waiting),
            "breakpoints": [self._breakpoint(item) for item in items if item.spec.kind in _SHOWN],
            "exceptions": {"raised": bool(table.raised), "uncaught": bool(table.uncaught)},
            "pause_all": self.debugger.pause_all,
        }

    def _breakpoint(self, item: Breakpoint) -> BreakpointWire:
        spec = item.spec
        verified = self._verified.get(item.number)
        if verified is None:
            verified = spec.kind != "line" or os.path.isfile(spec.file)
            self._verified[item.number] = verified
        hit = str(spec.hit) if spec.hit is not None else None
        if spec.every is not None:
            hit = f"every {spec.every}"
        return {
            "file": spec.file,
            "line": spec.line if spec.kind == "line" else None,
            "function": spec.function if spec.kind == "function" else None,
            "condition": spec.condition,
            "hit": hit,
            "log": spec.log,
            "verified": verified,
        }

    # -- serving ---------------------------------------------------------------------------------

    def _serve(self, waiting: queue.Queue[Work], worker: WorkerThread) -> bool:
        """Serve `waiting` until closed (False) or a pause is asked for (True)."""
        checks = self.resume_after is not None and waiting is self._requests
        while not worker.pause_requested:
            try:
                item = waiting.get(timeout=_CHECK_S if checks else None)
            except queue.Empty:
                self._resume_if_alone()
                continue
            if item is None:
                return False
            if callable(item):
                item()
                continue
            id, request = item
            op = request["op"]
            if waiting is self._requests and op in self._inspections:
                try:
                    self._inspect.put_nowait(item)
                except queue.Full:
                    self._reply(id, Answer(False, "the debugger is busy: too many inspections"))
                continue
            handler = self.handlers.get(op)
            try:
                answer = handler(request) if handler else Answer(False, f"no {op!r} here")
            except Exception as error:  # a request must never end the channel
                log.exception("a debugger request failed")
                answer = Answer(False, f"{type(error).__name__}: {error}")
            self._reply(id, answer)
        return True

    def _continue_unseen(self) -> None:
        """The link gave up: a pause no hub could see goes on (its stop stays recorded)."""
        state = self._last
        if state.phase == "paused":
            self.debugger.submit(Command("continue", state.seq))

    def _interrupted(self) -> None:
        """Ctrl+C met a pause: the debugger quits and the paused thread raises the interrupt
        where it stands (else it is raised in the main thread)."""
        state = self._last
        if state.phase == "paused":
            self.debugger.on_quit = _raise_interrupt
            if self.debugger.submit(Command("quit", state.seq)).accepted:
                return
        _thread.interrupt_main()

    def _resume_if_alone(self) -> None:
        """`FLOW_DEBUG_RESUME_AFTER`: continue a pause nobody has watched for that long."""
        state, alone, limit = self._last, self._alone_since, self.resume_after
        if state.phase != "paused" or alone is None or limit is None:
            return
        if time.monotonic() - max(alone, self._paused_at) < limit:
            return
        reply = self.debugger.submit(Command("continue", state.seq))
        if reply.accepted:
            log.info("continued a pause no viewer watched for %s s (%s)", limit, RESUME_AFTER_VAR)

    def _reply(self, id: int, answer: Answer) -> None:
        self._send(encode_debug_reply(id, answer.accepted, answer.reason, answer.result))

    def _command(self, request: DebugRequestWire) -> Answer:
        kind, seq = _fields(request)["kind"], _fields(request)["seq"]
        if kind == "pause" and not self.debugger.can_pause:
            return Answer(False, "this run cannot pause")
        reply = self.debugger.submit(Command(kind, seq))
        return Answer(reply.accepted, reply.reason)

    def _set_breakpoints(self, request: DebugRequestWire) -> Answer:
        r = _fields(request)
        file, wanted = os.path.realpath(r["file"]), r["breakpoints"]
        try:
            specs = [_line_spec(file, item) for item in wanted]
        except BadBreakpoint as error:
            return Answer(False, str(error))
        debugger = self.debugger
        for item in debugger.breakpoints():
            if item.spec.kind == "line" and item.spec.file == file:
                debugger.remove_breakpoint(item.number)
        for spec in specs:
            debugger.add_breakpoint(spec)
        self._saved()
        return Answer(True)

    def _exceptions(self, request: DebugRequestWire) -> Answer:
        debugger = self.debugger
        for item in debugger.breakpoints():
            if item.spec.kind in ("raised", "uncaught"):
                debugger.remove_breakpoint(item.number)
        for kind in ("raised", "uncaught"):
            if _fields(request)[kind]:
                debugger.add_breakpoint(BreakSpec(kind))
        self._saved()
        return Answer(True)

    def _options(self, request: DebugRequestWire) -> Answer:
        """`pause_all` on or off; the state goes out again with it."""
        self.debugger.set_pause_all(bool(_fields(request)["pause_all"]))
        self._republish()
        return Answer(True)

    def _saved(self) -> None:
        if self._save is not None:
            try:
                self._save()
            except Exception:
                log.exception("could not keep the breakpoints for the project")

    def _stack(self, request: DebugRequestWire) -> Answer:
        seq = _fields(request)["seq"]
        return self._inspect_paused(seq, lambda frame: stack_result(self._frames(frame)))

    def _locals(self, request: DebugRequestWire) -> Answer:
        r = _fields(request)
        return self._inspect_paused(
            r["seq"],
            lambda frame: locals_page(
                self._frame(frame, r["frame"]), r["path"], r["offset"], r["limit"], self.show
            ),
        )

    def _evaluate(self, request: DebugRequestWire) -> Answer:
        r = _fields(request)
        return self._inspect_paused(
            r["seq"],
            lambda frame: evaluate_result(self._frame(frame, r["frame"]), r["expr"], self.show),
        )

    def _inspect_paused(self, seq: int, work: Callable[[FrameType], DebugResult]) -> Answer:
        """Run `work` on the paused thread (state `seq`), waiting for it there."""
        found: list[Answer] = []

        def run(frame: FrameType) -> str:
            try:
                found.append(Answer(True, "", work(frame)))
            except LookupError as error:
                found.append(Answer(False, str(error).strip("'\"")))
            return ""

        reply = self.debugger.submit(Command("inspect", seq), run)
        if not reply.accepted:
            return Answer(False, reply.reason)
        return found[0] if found else Answer(False, "the thread was resumed before this ran")

    def _frames(self, paused: FrameType) -> list[FrameType]:
        book = self.debugger.book
        return stack_frames(paused, lambda frame: book.info(frame.f_code, frame).traced)

    def _frame(self, paused: FrameType, index: int) -> FrameType:
        frames = self._frames(paused)
        if index >= len(frames):
            raise LookupError(f"there is no frame {index} (the stack has {len(frames)})")
        return frames[index]


def _place(state: State) -> PlaceWire | None:
    place = state.place
    if state.phase != "paused" or place is None:
        return None
    return {
        "thread": place.thread,
        "thread_name": place.thread_name,
        "file": place.file,
        "line": place.line,
        "function": place.function,
        "reason": place.reason,
        "detail": place.detail,
    }


def _line_spec(file: str, item: BreakpointSpecWire) -> BreakSpec:
    """The BreakSpec of a gutter breakpoint; BadBreakpoint says what is wrong with it."""
    condition, hit, message = item["condition"], item["hit"], item["log"]
    every = count = None
    if hit is not None:
        words = hit.split()
        if len(words) == 2 and words[0] == "every" and words[1].isdigit():
            every = int(words[1])
        elif len(words) == 1 and words[0].isdigit():
            count = int(words[0])
        if (every or count or 0) < 1:
            raise BadBreakpoint(f'a hit count is "5" or "every 100", not {hit!r}')
    try:
        if condition is not None:
            compile(condition, "<condition>", "eval")
        for field in message_fields(message or ""):
            compile(field, "<log message>", "eval")
    except SyntaxError as error:
        raise BadBreakpoint(f"line {item['line']}: {error.msg}") from None
    spec = BreakSpec(
        "line", file=file, line=item["line"], condition=condition, hit=count, every=every,
        log=message or None,
    )  # fmt: skip
    check_line(spec)
    return spec


def _fields(request: DebugRequestWire) -> dict[str, Any]:
    """A checked request's fields by name (its op says which are there)."""
    return cast(dict[str, Any], request)


def _nothing() -> None:
    """What wakes a serving thread to look at its pause request."""


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


def _no_focus(request: DebugRequestWire) -> Answer:
    return Answer(False, "line replay is not available in this process")


def resume_after_from_env() -> float | None:
    """`FLOW_DEBUG_RESUME_AFTER` in seconds (None when unset, not a number, or not > 0)."""
    raw = os.environ.get(RESUME_AFTER_VAR, "").strip()
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        log.warning("ignoring %s=%r: not a number of seconds", RESUME_AFTER_VAR, raw)
        return None
    return seconds if seconds > 0 and seconds == seconds else None
