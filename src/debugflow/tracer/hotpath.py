"""The hot path both backends share: per-thread shadow stacks that time every traced call.

Most calls of a hot loop need no more than their numbers, so the hot path keeps those itself
and never hands such a call to the collector: it times it on a shadow stack of the running
thread and adds the duration to its function's entry in the code table (a list append and
a few integer additions). Only calls the collector must build into trees become raw records
(see `records`): calls kept in detail, generator and coroutine stretches, calls an
exception leaves, and the ancestors of any of those, which are *promoted* (recorded late,
with their real start times) so the tree stays whole.

A shadow frame is a list, indexed with literal numbers on the fast path:

    [0 entry, 1 start_ns, 2 child_ns, 3 recorded, 4 outermost, 5 detailed, 6 exception, 7 offset]

`recorded` frames form a prefix of every stack: a frame is recorded only after its callers
are. `outermost` is False for a recursive call of a function already running on the same
thread (its time is in the outer call's total already). `exception` and `offset` remember
where an exception was raised, for when it turns out to leave the call.

The callbacks have `sys.monitoring`'s signatures; the settrace backend adapts to them. Every
callback swallows nothing and raises nothing of its own: lookups that can miss use `.get`.
Threads share entries without a lock: an update such as `entry[6] += duration` has no call
inside, and CPython switches threads only at calls and backward jumps, so it is not split.
"""

import sys
import threading
import time
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any, NamedTuple

from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.records import (
    CALL,
    COROUTINE,
    ITERATION_SIGNALS,
    NO_VALUE,
    PLAIN,
    RAISE,
    RESUME,
    RETURN,
    UNWIND,
    YIELD,
    RawRecord,
)
from debugflow.tracer.snapshot import snapshot

Entry = list[Any]
ShadowFrame = list[Any]
FirstSight = Callable[[CodeType, "FrameType | None"], "Entry | None"]


class Callbacks(NamedTuple):
    """The functions a backend connects to the interpreter's events."""

    start: Callable[[CodeType, int], Any]
    returned: Callable[[CodeType, int, object], Any]
    yielded: Callable[[CodeType, int, object], Any]
    resumed: Callable[[CodeType, int], Any]
    thrown: Callable[[CodeType, int, BaseException], Any]
    raised: Callable[[CodeType, int, BaseException], Any]
    unwound: Callable[[CodeType, int, BaseException | None], Any]

    def by_event(self) -> dict[str, Callable[..., Any]]:
        """The callbacks by the name of the `sys.monitoring` event each one answers."""
        return dict(zip(MONITORING_EVENTS, self, strict=True))


# The `sys.monitoring` event each field of `Callbacks` answers, in field order.
MONITORING_EVENTS = (
    "PY_START", "PY_RETURN", "PY_YIELD", "PY_RESUME", "PY_THROW", "RAISE", "PY_UNWIND"
)  # fmt: skip


class HotPath:
    """Shadow stacks per thread, and the callbacks that keep them and append records."""

    def __init__(self, buffer: list[RawRecord], table: CodeTable) -> None:
        self.buffer = buffer
        self.table = table
        self._stacks: dict[int, list[ShadowFrame]] = {}

    def promote_current_thread(self) -> None:
        """Record this thread's open calls, so an event added now has its parent in the tree."""
        tid = threading.get_ident()
        stack = self._stacks.get(tid)
        if stack:
            _promote(stack, tid, self.buffer.append)

    def callbacks(self, first_sight: FirstSight, untraced: object, frame_depth: int) -> Callbacks:
        """Build the callbacks with everything they touch bound as locals.

        `first_sight(code, frame)` makes the entry of code seen for the first time (None if it
        is not traced) and `untraced` is what the start callback answers for such code.
        `frame_depth` is how far up the traced frame is from a callback: 1 when the
        interpreter calls it, 2 when a backend's own function does.
        """
        append = self.buffer.append
        entries = self.table.entries
        sample_every = self.table.sample_every
        stacks = self._stacks
        get_ident = threading.get_ident
        now = time.perf_counter_ns
        getframe = sys._getframe

        def start(code: CodeType, offset: int) -> Any:
            entry = entries.get(id(code))
            if entry is None:
                entry = first_sight(code, getframe(frame_depth))
                if entry is None:
                    return untraced
            left = entry[3]
            entry[3] = left - 1
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None:
                stack = stacks[tid] = []
            detailed = left > 0 or not left % sample_every
            if detailed or entry[1]:
                _record_start(entry, code, tid, stack, getframe(frame_depth), detailed, append)
                return None
            opened = entry[8]
            if tid in opened:
                stack.append([entry, now(), 0, False, False, False, None, 0])
            else:
                opened.add(tid)
                stack.append([entry, now(), 0, False, True, False, None, 0])
            return None

        def returned(code: CodeType, offset: int, value: object) -> Any:
            t = now()
            tid = get_ident()
            stack = stacks.get(tid)
            if not stack:
                return None  # the call began before tracing did
            frame = stack[-1]
            entry = frame[0]
            if frame[3] or entry[0] is not code:
                _end(stack, code, tid, t, RETURN, value, getframe(frame_depth), offset, append)
                return None
            # An unrecorded plain call: what `_end` does, without the cases it cannot be.
            stack.pop()
            duration = t - frame[1]
            entry[5].append(duration)
            entry[7] += duration - frame[2]
            if frame[4]:
                entry[6] += duration
                entry[8].discard(tid)
            if stack:
                stack[-1][2] += duration
            return None

        def yielded(code: CodeType, offset: int, value: object) -> Any:
            tid = get_ident()
            stack = stacks.get(tid)
            if stack:
                _end(stack, code, tid, now(), YIELD, None, getframe(frame_depth), offset, append)

        def resumed(code: CodeType, offset: int) -> Any:
            entry = entries.get(id(code))
            if entry is not None:
                _resume(entry, code, stacks, getframe(frame_depth), append)

        def thrown(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is not None and entry[1] != PLAIN:
                _resume(entry, code, stacks, getframe(frame_depth), append)

        def raised(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is None or (entry[1] != PLAIN and isinstance(exc, ITERATION_SIGNALS)):
                return None
            tid = get_ident()
            stack = stacks.get(tid)
            if not stack or stack[-1][0] is not entry:
                return None
            frame = stack[-1]
            frame[6] = exc
            frame[7] = offset
            if frame[3]:
                append((RAISE, code, tid, now(), exc, ~offset))
            return None

        def unwound(code: CodeType, offset: int, exc: BaseException | None) -> Any:
            t = now()
            tid = get_ident()
            stack = stacks.get(tid)
            if stack and entries.get(id(code)) is not None:
                _end(stack, code, tid, t, UNWIND, exc, getframe(frame_depth), offset, append)

        return Callbacks(start, returned, yielded, resumed, thrown, raised, unwound)


def _record_start(
    entry: Entry,
    code: CodeType,
    tid: int,
    stack: list[ShadowFrame],
    frame: FrameType,
    detailed: bool,
    append: Callable[[RawRecord], None],
) -> None:
    """Start a call the collector follows: kept in detail, or a generator or coroutine."""
    _promote(stack, tid, append)
    kind = entry[1]
    args = line = None
    if detailed:
        values = frame.f_locals
        args = tuple([(n, snapshot(values[n])) for n in entry[2] if n in values])
        back = frame.f_back
        line = back.f_lineno if back is not None else None
    outermost = False
    if kind == PLAIN and tid not in entry[8]:
        entry[8].add(tid)
        outermost = True
    task = task_of_current_thread() if kind == COROUTINE else None
    t = time.perf_counter_ns()
    stack.append([entry, t, 0, True, outermost, detailed, None, 0])
    append((CALL, code, tid, t, args, line, id(frame) if kind else None, task))


def _resume(
    entry: Entry,
    code: CodeType,
    stacks: dict[int, list[ShadowFrame]],
    frame: FrameType,
    append: Callable[[RawRecord], None],
) -> None:
    """A generator or coroutine runs again: a new stretch on its thread's stack."""
    tid = threading.get_ident()
    stack = stacks.get(tid)
    if stack is None:
        stack = stacks[tid] = []
    _promote(stack, tid, append)
    task = task_of_current_thread() if entry[1] == COROUTINE else None
    t = time.perf_counter_ns()
    stack.append([entry, t, 0, True, False, False, None, 0])
    append((RESUME, code, tid, t, id(frame), task))


def _promote(stack: list[ShadowFrame], tid: int, append: Callable[[RawRecord], None]) -> None:
    """Record the open calls of a stack the collector has not heard of, outermost first."""
    first = len(stack)
    while first and not stack[first - 1][3]:
        first -= 1
    for frame in stack[first:]:
        frame[3] = True
        append((CALL, frame[0][0], tid, frame[1], None, None, None, None))


def _end(
    stack: list[ShadowFrame],
    code: CodeType,
    tid: int,
    t: int,
    how: int,
    detail: Any,
    traced_frame: FrameType,
    offset: int,
    append: Callable[[RawRecord], None],
) -> None:
    """End the running stretch of `code` on `stack`: a return, a yield or an unwind.

    `detail` is the returned value of a return, or the exception (None when the backend did
    not say) of an unwind.
    """
    frame = _top_of(stack, code, tid)
    if frame is None:
        return  # began before tracing did
    stack.pop()
    entry = frame[0]
    duration = t - frame[1]
    if stack:
        stack[-1][2] += duration
    kind = entry[1]
    key = None if kind == PLAIN else id(traced_frame)
    if kind == PLAIN:
        entry[5].append(duration)
        entry[7] += duration - frame[2]
        if frame[4]:
            entry[6] += duration
            entry[8].discard(tid)
    if how == RETURN:
        if frame[3]:
            value = snapshot(detail) if frame[5] or kind else NO_VALUE
            append((RETURN, code, tid, t, value, key, frame[2]))
        return
    if how == YIELD:
        append((YIELD, code, tid, t, key, frame[2]))
        return
    exc = detail if detail is not None else frame[6]
    raised_here = frame[6] is not None and frame[6] is exc
    if not frame[3]:  # exceptions are always kept in full: record the call and its callers
        _promote(stack, tid, append)
        append((CALL, code, tid, frame[1], None, None, None, None))
    append((UNWIND, code, tid, t, key, exc, ~(frame[7] if raised_here else offset), frame[2]))


def _top_of(stack: list[ShadowFrame], code: CodeType, tid: int) -> ShadowFrame | None:
    """The frame of `code` on top of `stack`, dropping frames whose end was never seen."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0][0] is code:
            for lost in stack[index + 1 :]:
                if lost[4]:
                    lost[0][8].discard(tid)
            del stack[index + 1 :]
            return stack[index]
    return None


def task_of_current_thread() -> object | None:
    """The running asyncio task, if any, without importing asyncio.

    Called only for coroutine code, so programs without asyncio never pay for it.
    """
    module = sys.modules.get("asyncio")
    if module is None:
        return None
    try:
        task: object | None = module.current_task()
        return task
    except RuntimeError:  # no running event loop: a coroutine driven by hand
        return None
