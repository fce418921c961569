"""Line traces of focused functions: each executed line, when, and which locals it changed.

Only the debugger's line callbacks of focused code objects call in here (see
`debugger.monitor` and `debugger.tracehooks`, which turn line events on for those code
objects alone); the hot path never does, so unfocused code pays nothing for it.

Per call of a focused function (a *call trace*): for each line event, the line, the time
since the call began (ns) and previews of the locals the line rebound. A local counts as
changed when the name is bound to another object after the line than before it (rebinding,
as `x = ...` or `x += 1` on an int; a list changed in place is the same object and does not
count). Identities are kept, never the objects, so tracing holds no value of the program
alive. At most `MAX_CHANGED` changed locals are previewed per line (those past it are named
with a count), with the tracer's previews (budgeted, redacted like arguments).

Per node of the collapsed call tree: each line's hits and time (from its line event to the
frame's next event: the next line, a return, a yield or an exception leaving), summed over
every traced call. A generator's or coroutine's trace goes on across its suspensions; the
time it spends suspended counts for no line.

Steps and previews are kept for the first `KEEP_CALLS` calls of each node, then for one call
in every `DETAIL_EVERY_NS` (a focused hot function would otherwise pay for previews at every
line of every call); the other calls add to the hits and times only. Memory is bounded: a
call keeps at most `MAX_STEPS` steps (later ones are counted as `truncated`, their hits and
time still counted), and each node keeps its latest `KEEP_CALLS` finished call traces until
the collector takes them.

The program's threads write here and the collector thread takes (`take()`); every shared
update is a single operation of a builtin container (a deque append, a dict store), which
CPython does not split between threads.
"""

from __future__ import annotations

import time
from collections import deque
from types import CodeType, FrameType
from typing import Any

from debugflow.protocol import ArgPreview
from debugflow.tracer.hotpath import HotPath
from debugflow.tracer.nodes import Node
from debugflow.tracer.previewing import Previewer

MAX_STEPS = 10_000  # steps kept per call trace
KEEP_CALLS = 20  # finished call traces a node keeps until the collector takes them
MAX_CHANGED = 3  # changed locals previewed per line
DETAIL_EVERY_NS = 50_000_000  # past the first KEEP_CALLS calls, one call traced per this
_OPEN_LIMIT = 10_000  # call traces open at once (suspended generators included)

Step = list[Any]  # [line, t since the call began, changed previews]


class NodeLines:
    """One node's line numbers and its latest finished call traces."""

    __slots__ = ("calls", "detailed", "detailed_ns", "dirty", "node", "stats")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.stats: dict[int, list[int]] = {}  # line -> [hits, ns]
        self.calls: deque[CallTrace] = deque(maxlen=KEEP_CALLS)
        self.dirty = False
        self.detailed = 0  # calls traced step by step so far
        self.detailed_ns = 0  # when the latest of them began

    def wants_detail(self, t: int) -> bool:
        """Whether a call beginning at `t` is traced step by step (see the module docstring);
        counts it if so."""
        if self.detailed >= KEEP_CALLS and t - self.detailed_ns < DETAIL_EVERY_NS:
            return False
        self.detailed += 1
        self.detailed_ns = t
        return True


class CallTrace:
    """One call of a focused function, line by line (finished once it is in `NodeLines`)."""

    __slots__ = (
        "code", "detailed", "line", "lines", "seen", "since", "start_ns", "steps", "truncated"
    )  # fmt: skip

    def __init__(self, code: CodeType, lines: NodeLines, start_ns: int, detailed: bool) -> None:
        self.code = code
        self.lines = lines
        self.start_ns = start_ns
        self.detailed = detailed  # steps and previews kept (else hits and times only)
        self.steps: list[Step] = []
        self.truncated = 0
        self.line: int | None = None  # the line running now (None: suspended or not begun)
        self.since = 0  # when it began
        self.seen: dict[str, int] = {}  # local name -> id of its value at the last event


class LineTracer:
    """Keeps the call traces and line numbers of focused code; see the module docstring."""

    def __init__(self, hot: HotPath, previews: Previewer) -> None:
        self._hot = hot
        self._previews = previews
        self._open: dict[int, CallTrace] = {}  # id(frame) -> its trace
        self._nodes: dict[int, NodeLines] = {}  # id(node) -> its lines (nodes live all run)

    # -- from the program's threads (line callbacks of focused code only) -----------------

    def line(self, frame: FrameType, line: int) -> None:
        """A line event of a focused frame: `line` begins."""
        t = time.perf_counter_ns()
        trace = self._open.get(id(frame))
        if trace is None or trace.code is not frame.f_code:
            trace = self._begin(frame, t)
            if trace is None:
                return
        elif trace.line is not None:
            self._close_line(trace, frame, t)
        trace.line, trace.since = line, t
        stats = trace.lines.stats
        counts = stats.get(line)
        if counts is None:
            counts = stats[line] = [0, 0]
        counts[0] += 1
        trace.lines.dirty = True
        if not trace.detailed:
            return
        if len(trace.steps) < MAX_STEPS:
            trace.steps.append([line, t - trace.start_ns, ()])
        else:
            trace.truncated += 1

    def suspended(self, frame: FrameType) -> None:
        """A focused generator or coroutine yields or awaits: its trace waits for it."""
        trace = self._open.get(id(frame))
        if trace is not None and trace.code is frame.f_code and trace.line is not None:
            self._close_line(trace, frame, time.perf_counter_ns())
            trace.line = None

    def ended(self, frame: FrameType) -> None:
        """A focused frame returns, or an exception leaves it: its trace is finished."""
        t = time.perf_counter_ns()
        trace = self._open.pop(id(frame), None)
        if trace is None or trace.code is not frame.f_code:
            return
        if trace.line is not None:
            self._close_line(trace, frame, t)
        trace.line = None
        if trace.detailed:
            trace.lines.calls.append(trace)
        trace.lines.dirty = True

    def _begin(self, frame: FrameType, t: int) -> CallTrace | None:
        node = self._hot.running_node(frame.f_code)
        if node is None or len(self._open) >= _OPEN_LIMIT:
            return None  # not a call the tracer counts (began before tracing did)
        lines = self._nodes.get(id(node))
        if lines is None:
            lines = self._nodes.setdefault(id(node), NodeLines(node))
        trace = CallTrace(frame.f_code, lines, t, lines.wants_detail(t))
        if trace.detailed:
            trace.seen = _identities(frame)
        self._open[id(frame)] = trace
        return trace

    def _close_line(self, trace: CallTrace, frame: FrameType, t: int) -> None:
        """The running line ended at `t`: add its time, note the locals it rebound."""
        line = trace.line
        assert line is not None
        trace.lines.stats[line][1] += t - trace.since
        if not trace.detailed:
            return
        now = _identities(frame)
        before = trace.seen
        trace.seen = now
        changed = [name for name, ident in now.items() if before.get(name) != ident]
        if not changed or trace.truncated:
            return
        values = frame.f_locals
        preview = self._previews.arg
        shown = [preview(name, values[name]) for name in changed[:MAX_CHANGED] if name in values]
        if len(changed) > MAX_CHANGED:
            more = len(changed) - MAX_CHANGED
            shown.append(ArgPreview("…", "", f"{more} more changed"))
        trace.steps[-1][2] = tuple(shown)

    # -- from the collector thread --------------------------------------------------------

    def take(self) -> list[tuple[Node, list[CallTrace], dict[int, list[int]]]]:
        """For each node whose numbers changed: its finished call traces not taken yet and
        (a copy of) its line numbers."""
        taken = []
        for lines in list(self._nodes.values()):
            if not lines.dirty:
                continue
            lines.dirty = False
            calls = []
            while lines.calls:
                calls.append(lines.calls.popleft())
            taken.append((lines.node, calls, {k: list(v) for k, v in lines.stats.copy().items()}))
        return taken


def _identities(frame: FrameType) -> dict[str, int]:
    """The identity of each local's value now."""
    return {name: id(value) for name, value in frame.f_locals.items()}
