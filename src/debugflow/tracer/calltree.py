"""Turns raw records into protocol events: call trees per thread and task, stats, previews.

Pure logic with no threads and no I/O, so it can be fed records in tests. It keeps one stack
of open calls per lane (a thread, or an asyncio task on a thread). It sees only the calls the
hot path records (see `hotpath`); those past their function's detail budget get an id only
when something needs them: a detailed descendant, or an exception leaving them.

Statistics of plain functions are the hot path's, read from the code table's entries; those
of generators and coroutines, which run in stretches, are summed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    Pulse,
    ThreadSeen,
)
from debugflow.tracer.codetable import CodeTable, FunctionInfo, line_of_offset
from debugflow.tracer.exctext import exception_text, message, type_name
from debugflow.tracer.opencall import Lane, OpenCall
from debugflow.tracer.records import (
    CALL,
    NO_VALUE,
    PLAIN,
    PULSE,
    RAISE,
    RESUME,
    RETURN,
    THREAD,
    UNWIND,
    YIELD,
    RawRecord,
)
from debugflow.tracer.stats import FunctionTimes
from debugflow.tracer.threadnames import live_thread_name

Describe = Callable[[str, object], ArgPreview]


class CallTreeBuilder:
    """Feeds on raw records, returns the protocol events they mean."""

    def __init__(self, table: CodeTable, describe: Describe, ignore_thread: int | None = None):
        self.table = table
        self.describe = describe
        self.ignore_thread = ignore_thread
        self.exceptions = 0
        self._staged_calls = 0  # calls of generators and coroutines (plain ones: the table's)
        self._next_id = 1
        self._stacks: dict[Lane, list[OpenCall]] = {}
        self._active_lane: dict[int, Lane] = {}
        self._lane_root: dict[Lane, OpenCall | None] = {}
        self._suspended: dict[int, OpenCall] = {}  # generator/coroutine frames by frame key
        self._depth: dict[tuple[Lane, int], int] = {}
        self._times: dict[int, tuple[FunctionInfo, FunctionTimes]] = {}
        self._lines: dict[tuple[int, int], int] = {}
        self._thread_names: dict[int, str] = {}
        self._aliases: dict[int, int] = {}  # reused OS thread id -> the id events carry
        self._next_alias = 0
        self._out: list[Event] = []

    # -- feeding ---------------------------------------------------------------------------

    def feed(self, records: Sequence[RawRecord]) -> list[Event]:
        """Process records in order; return the events they produced."""
        ignore = self.ignore_thread
        index = 0
        count = len(records)
        while index < count:
            record = records[index]
            index += 1
            kind = record[0]
            if record[2] == ignore:
                continue
            if kind == CALL:
                self._on_call(record)
            elif kind == RETURN:
                self._on_return(record)
            elif kind == UNWIND:
                self._on_unwind(record)
            elif kind == YIELD:
                self._on_yield(record)
            elif kind == RESUME:
                self._on_resume(record[1], record[2], record[3], record[4], record[5])
            elif kind == RAISE:
                self._on_raise(record)
            elif kind == PULSE:
                self._on_pulse(record)
            elif kind == THREAD:
                self._on_thread(record[2], record[4])
        out, self._out = self._out, []
        return out

    def shed(self, records: Sequence[RawRecord]) -> int:
        """Count calls and escaped exceptions of records that will not be built into trees.

        Trees cannot be rebuilt across a gap, so open calls are abandoned (they stay
        unfinished) and new calls start new roots. Returns how many records were dropped.
        """
        for record in records:
            kind = record[0]
            if kind == CALL and record[6] is not None:  # plain calls: counted by the hot path
                times = self._function(id(record[1]))[1]
                times.calls += 1
                times.dirty = True
                self._staged_calls += 1
            elif kind == UNWIND:
                self._function(id(record[1]))[1].count_exception()
                self.exceptions += 1
        self._stacks.clear()
        self._active_lane.clear()
        self._lane_root.clear()
        self._suspended.clear()
        self._depth.clear()
        return len(records)

    @property
    def calls(self) -> int:
        """Calls so far, exact: every call that started, however little of it was kept."""
        entries = list(self.table.entries.values())
        plain = sum(self.table.calls_of(entry) for entry in entries if entry[1] == PLAIN)
        return plain + self._staged_calls

    def stats(self, only_changed: bool = True) -> list[FunctionStats]:
        """Stats snapshots of the functions whose numbers changed (or of all)."""
        self.take_timings()
        return [
            times.snapshot(info)
            for info, times in self._times.values()
            if times.dirty or not only_changed
        ]

    def take_timings(self) -> None:
        """Move the durations the hot path has kept for plain functions into their stats."""
        for entry in list(self.table.entries.values()):
            if entry[1] != PLAIN:
                continue
            calls = self.table.calls_of(entry)
            durations = entry[5]
            times = self._function(id(entry[0]))[1]
            if not durations and times.calls == calls:
                continue
            ended = durations[: len(durations)]
            del durations[: len(ended)]  # the hot path only appends, so these are the ones taken
            times.take(calls, entry[6], entry[7], ended)

    # -- records ---------------------------------------------------------------------------

    def _on_call(self, record: RawRecord) -> None:
        _, code, tid, t, args, line, key, task = record
        code_id = id(code)
        info, times = self._function(code_id)
        lane = self._lane(tid, task)
        stack = self._stacks[lane]
        parent = stack[-1] if stack else self._lane_root.get(lane)
        call = OpenCall(code_id, info, times, t, parent, lane)
        if info.kind != PLAIN:
            times.calls += 1
            self._staged_calls += 1
            depth_key = (lane, code_id)
            depth = self._depth.get(depth_key, 0)
            call.outermost = depth == 0
            self._depth[depth_key] = depth + 1
        stack.append(call)
        if key is not None:
            self._suspended[key] = call
        if args is not None:
            call.args = args
            call.call_line = line
            self._assign_id(call, task)

    def _on_return(self, record: RawRecord) -> None:
        _, code, tid, t, value, key, child_ns = record
        call = self._pop(tid, id(code), key)
        if call is not None:
            call.child_ns += child_ns
            self._finish(call, t, value, None, None)

    def _on_unwind(self, record: RawRecord) -> None:
        _, code, tid, t, key, exc, line, child_ns = record
        call = self._pop(tid, id(code), key)
        if call is None:
            return
        call.child_ns += child_ns
        exc = exc if exc is not None else call.exc
        if call.exc is not exc or call.exc_line is None:
            call.exc_line = self._line(code, line)
        self._finish(call, t, NO_VALUE, exc, call.exc_line)

    def _on_yield(self, record: RawRecord) -> None:
        _, code, tid, t, key, child_ns = record
        call = self._pop(tid, id(code), key, finished=False)
        if call is not None:
            call.child_ns += child_ns
            call.spent += t - call.resumed
            self._suspended[key] = call

    def _on_resume(self, code: Any, tid: int, t: int, key: int, task: object) -> None:
        call = self._suspended.get(key)
        if call is None:
            return  # started before tracing began
        lane = self._lane(tid, task)
        call.resumed = t
        call.lane = lane
        self._stacks[lane].append(call)

    def _on_raise(self, record: RawRecord) -> None:
        _, code, tid, _t, exc, line = record
        stack = self._stacks.get(self._active_lane.get(tid, tid))
        if not stack or stack[-1].code_id != id(code):
            return
        call = stack[-1]
        if call.exc is exc:
            return  # reported again, as settrace does when a handler re-raises
        call.exc = exc
        call.exc_line = self._line(code, line)
        if call.seen is None:
            call.seen = []
        if not any(e is exc for e in call.seen):  # a callee's exception passing through
            call.seen.append(exc)

    def _on_thread(self, tid: int, name: str) -> None:
        """A thread started: remember its name.

        The OS reuses the id of a finished thread; a new thread on a used id gets a new
        id of its own in the events, so two threads never share a lane.
        """
        self._thread_names[tid] = name
        if tid in self._stacks and not self._stacks[tid]:
            del self._stacks[tid]
            self._next_alias += 1
            self._aliases[tid] = self._next_alias

    def _on_pulse(self, record: RawRecord) -> None:
        _, _, tid, t, name, params, returns, node_type = record
        stack = self._stacks.get(self._active_lane.get(tid, tid))
        parent = stack[-1] if stack else None
        parent_id = self._assign_id(parent, None) if parent is not None else None
        previews = tuple(self.describe(str(k), v) for k, v in (params or {}).items())
        shown = returns if type(returns) is str or returns is None else None
        if shown is None and returns is not None:
            shown = self.describe("return", returns).value
        thread_id = self._thread_id(tid)
        self._out.append(Pulse(str(name), previews, shown, str(node_type), t, thread_id, parent_id))

    # -- helpers ---------------------------------------------------------------------------

    def _function(self, code_id: int) -> tuple[FunctionInfo, FunctionTimes]:
        found = self._times.get(code_id)
        if found is None:
            found = (self.table.infos[code_id], FunctionTimes())
            self._times[code_id] = found
        return found

    def _lane(self, tid: int, task: object) -> Lane:
        if task is None:
            lane: Lane = self._active_lane.get(tid, tid)
            if lane not in self._stacks:
                self._new_lane(lane, tid, None)
            return lane
        lane = (tid, id(task))
        if lane not in self._stacks:
            self._new_lane(lane, tid, task)
        self._active_lane[tid] = lane
        return lane

    def _new_lane(self, lane: Lane, tid: int, task: object) -> None:
        self._stacks[lane] = []
        if task is None:
            self._out.append(ThreadSeen(self._thread_id(tid), self._thread_name(tid)))
            return
        base = self._stacks.get(tid)
        self._lane_root[lane] = base[-1] if base else None
        name = getattr(task, "get_name", lambda: "task")()
        self._out.append(ThreadSeen(id(task), f"{self._thread_name(tid)} / {name}"))

    def _thread_id(self, tid: int) -> int:
        """The id events carry for an OS thread id (different when the OS reused it)."""
        return self._aliases.get(tid, tid)

    def _thread_name(self, tid: int) -> str:
        return self._thread_names.get(tid) or live_thread_name(tid)

    def _pop(
        self, tid: int, code_id: int, key: int | None, finished: bool = True
    ) -> OpenCall | None:
        lane = self._active_lane.get(tid, tid)
        stack = self._stacks.get(lane)
        if not stack:
            return None
        call: OpenCall | None = stack[-1]
        if call is not None and call.code_id != code_id:
            call = self._unwind_to(stack, code_id)
        if call is None:
            return None
        stack.pop()
        if not stack and isinstance(lane, tuple):
            self._active_lane[tid] = tid  # the task gave the thread back to its event loop
        if finished and key is not None:
            self._suspended.pop(key, None)
        return call

    def _unwind_to(self, stack: list[OpenCall], code_id: int) -> OpenCall | None:
        """Drop calls whose end was never seen, down to the one that is ending."""
        for index in range(len(stack) - 1, -1, -1):
            if stack[index].code_id == code_id:
                del stack[index + 1 :]
                return stack[index]
        return None

    def _finish(
        self, call: OpenCall, t: int, value: object, exc: BaseException | None, exc_line: int | None
    ) -> None:
        if call.info.kind != PLAIN:  # plain calls were timed by the hot path
            duration = call.spent + (t - call.resumed)
            depth_key = (call.lane, call.code_id)
            self._depth[depth_key] = self._depth.get(depth_key, 1) - 1
            call.times.add(duration, max(duration - call.child_ns, 0), call.outermost)
        parent = call.parent
        if exc is not None:
            call.times.count_exception()
            self.exceptions += 1
            self._assign_id(call, None)
            if parent is not None:
                parent.seen = [*(parent.seen or ()), exc]
        if call.call_id is None:
            return
        self._out.append(self._ended(call, t, value, exc, exc_line))

    def _ended(
        self, call: OpenCall, t: int, value: object, exc: BaseException | None, exc_line: int | None
    ) -> CallEnded:
        caught = tuple(exception_text(e) for e in call.seen or () if e is not exc)
        if exc is not None:
            return CallEnded(
                call.call_id or 0,
                t,
                "exception",
                None,
                type_name(exc),
                message(exc),
                exc_line,
                caught,
            )
        shown = None if value is NO_VALUE or call.args is None else self.describe("return", value)
        return CallEnded(call.call_id or 0, t, "return", shown, caught=caught)

    def _assign_id(self, call: OpenCall, task: object) -> int:
        """Give `call` (and any ancestors without one) an id, announcing each."""
        missing: list[OpenCall] = []
        node: OpenCall | None = call
        while node is not None and node.call_id is None:
            missing.append(node)
            node = node.parent
        for node in reversed(missing):
            node.call_id = self._next_id
            self._next_id += 1
            self._out.append(self._started(node))
        assert call.call_id is not None
        return call.call_id

    def _started(self, call: OpenCall) -> CallStarted:
        info = call.info
        lane = call.lane
        tid, task_id = (lane[0], lane[1]) if isinstance(lane, tuple) else (lane, None)
        tid = self._thread_id(tid)
        args = call.args
        previews = tuple(self.describe(n, v) for n, v in args) if args is not None else ()
        if args is not None:
            call.args = ()  # drop references to the program's objects as soon as we can
        return CallStarted(
            call_id=call.call_id or 0,
            parent_id=call.parent.call_id if call.parent is not None else None,
            thread_id=tid,
            task_id=task_id,
            function=info.qualname,
            module=info.module,
            file=info.file,
            line=info.line,
            call_line=call.call_line,
            args=previews,
            start_ns=call.start,
            detailed=args is not None,
        )

    def _line(self, code: Any, line: int | None) -> int | None:
        """A line number, looking up bytecode offsets (given as `~offset`) once per place."""
        if line is None or line >= 0:
            return line
        key = (id(code), line)
        found = self._lines.get(key)
        if found is None:
            found = line_of_offset(code, ~line)
            self._lines[key] = found
        return found
