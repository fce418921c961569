"""Turns raw records into protocol events: recorded calls per lane, the tree's nodes, stats.

Pure logic with no threads and no I/O, so it can be fed records in tests. It keeps one stack
of open calls per lane (a thread, or an asyncio task on a thread). It sees only the calls the
hot path records (see `hotpath`); those past their function's detail budget get an id only
when something needs them: a detailed descendant, or an exception leaving them.

The collapsed tree itself is the hot path's (`nodes`): every node is announced (`NodeSeen`)
before anything refers to it, and its exact numbers go out as `NodeStats`. Numbers of plain
calls are the hot path's, taken from the nodes; generators and coroutines, which run in
stretches, are timed here. A function's numbers (`FunctionStats`) are the sum of its nodes'.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

from debugflow.protocol import (
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    LineCall,
    LineCount,
    LineStats,
    LineStep,
    NodeSeen,
    NodeStats,
    Paused,
    Pulse,
    ThreadSeen,
)
from debugflow.tracer.codetable import CodeTable, FunctionInfo, line_of_offset
from debugflow.tracer.linetrace import LineTracer
from debugflow.tracer.nodes import LaneKey, Node, NodeTable
from debugflow.tracer.opencall import OpenCall
from debugflow.tracer.previewing import ExcSeen
from debugflow.tracer.records import (
    CALL,
    DEBUGGER,
    LANE,
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
from debugflow.tracer.stats import Times
from debugflow.tracer.threadnames import live_thread_name


class CallTreeBuilder:
    """Feeds on raw records, returns the protocol events they mean."""

    def __init__(self, table: CodeTable, tree: NodeTable, ignore_thread: int | None = None):
        self.table = table
        self.tree = tree
        self.ignore_thread = ignore_thread
        self.exceptions = 0
        self._next_id = 1
        self._stacks: dict[LaneKey, list[OpenCall]] = {}
        self._active_lane: dict[int, LaneKey] = {}  # OS thread id -> the lane running on it
        self._thread_lane: dict[int, LaneKey] = {}  # OS thread id -> its own lane
        self._lane_names: dict[LaneKey, str] = {}
        self._spawner: dict[LaneKey, OpenCall | None] = {}  # a task lane's spawning call
        self._suspended: dict[int, OpenCall] = {}  # generator/coroutine frames by frame key
        self._depth: dict[tuple[LaneKey, int], int] = {}
        self._functions: dict[int, tuple[FunctionInfo, Times]] = {}
        # Per-function call sums of one `take_timings` pass, by `Times.slot`, and the zeros
        # that reset them: arrays of machine integers, so a pass makes no int objects.
        self._pass_calls = array("q")
        self._zero_calls = array("q")
        self._nodes: dict[int, Times] = {}
        self._shared: dict[int, Times | None] = {}  # code id -> the node sharing its durations
        self._announced_lanes: set[LaneKey] = set()
        self._lines: dict[tuple[int, int], int] = {}
        self.line_tracer: LineTracer | None = None  # focused functions' line traces
        self._out: list[Event] = []

    # -- feeding ---------------------------------------------------------------------------

    def feed(self, records: Sequence[RawRecord]) -> list[Event]:
        """Process records in order; return the events they produced."""
        ignore = self.ignore_thread
        for record in records:
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
                self._on_resume(record[2], record[3], record[4], record[5])
            elif kind == RAISE:
                self._on_raise(record)
            elif kind == PULSE:
                self._on_pulse(record)
            elif kind in (THREAD, LANE):
                self._on_lane_name(record[2], record[4], record[5], kind == THREAD)
            elif kind == DEBUGGER:
                self._on_debugger(record)
        return self._take_out()

    def shed(self, records: Sequence[RawRecord]) -> int:
        """Count the escaped exceptions of records that will not be built into trees.

        Calls are counted by the hot path whatever happens here. Trees cannot be rebuilt
        across a gap, so open calls are abandoned (they stay unfinished) and new calls start
        new roots. Returns how many records were dropped.
        """
        for record in records:
            if record[0] == UNWIND:
                self._function(id(record[1]))[1].count_exception()
                self._node_times(record[8]).count_exception()
                self.exceptions += 1
        self._stacks.clear()
        self._active_lane.clear()
        self._spawner.clear()
        self._suspended.clear()
        self._depth.clear()
        return len(records)

    @property
    def calls(self) -> int:
        """Calls so far, exact: every call that started, however little of it was kept (the
        sum over the tree's nodes, as every view counts them)."""
        self.tree.settle()
        return sum(node[4] for node in self.tree.nodes)

    def stats(self, only_changed: bool = True) -> list[Event]:
        """Stats of the functions and nodes whose numbers changed (or of all), each node
        announced before its numbers."""
        self.take_timings()
        functions: list[FunctionStats] = [
            times.function_stats(info)
            for info, times in self._functions.values()
            if times.dirty or not only_changed
        ]
        nodes: list[NodeStats] = []
        for node in self.tree.nodes:
            times = self._node_times(node)
            if times.dirty or not only_changed:
                nodes.append(times.node_stats(self._announce(node) or 0))
        lines = self._line_events()  # before `_take_out`: it may announce nodes
        return [*self._take_out(), *functions, *nodes, *lines]

    def _line_events(self) -> list[Event]:
        """The finished call traces and changed line numbers of focused functions' nodes
        (each node announced first)."""
        if self.line_tracer is None:
            return []
        out: list[Event] = []
        for node, calls, stats in self.line_tracer.take():
            node_id = self._announce(node)
            if node_id is None:
                continue
            lane = node[3]
            thread_id = int(lane[0] if isinstance(lane, tuple) else lane)
            for call in calls:
                steps = tuple(LineStep(line, t, changed) for line, t, changed in call.steps)
                out.append(LineCall(node_id, thread_id, call.start_ns, steps, call.truncated))
            counts = tuple(LineCount(line, hits, ns) for line, (hits, ns) in sorted(stats.items()))
            out.append(LineStats(node_id, counts))
        return out

    def take_timings(self) -> None:
        """Move the numbers the hot path keeps (calls, durations, own time) into the stats.

        A function's calls are the sum of its nodes' calls read in the same pass, so the two
        agree in every snapshot, even one taken while a call is starting. The pass allocates
        nothing that lives past it when nothing changed: it runs every tick in the program's
        process, where `tracemalloc` counts every object it makes, so the node list is walked
        as it is (the hot path only appends to it) and the sums go into a fixed array.
        """
        self.tree.settle()
        sums = self._pass_calls
        sums[:] = self._zero_calls  # same length: copied in place
        for node in self.tree.nodes:
            function = self._function(id(node[1][0]))[1]
            sums[function.slot] += self._take_node(node, function)
        entries = self.table.entries
        for code_id, (_, times) in self._functions.items():
            count = sums[times.slot]
            entry = entries.get(code_id)
            if entry is None:  # its info is stored an instant before its entry
                continue
            if times.calls != count:
                times.calls, times.dirty = count, True
            times.take_total(entry[5])

    def _take_node(self, node: Node, function: Times) -> int:
        """Take one node's numbers (and add its durations to its function's, `function`);
        returns its calls as they were read."""
        times = self._node_times(node)
        calls: int = node[4]
        if times.calls != calls:
            times.calls, times.dirty = calls, True
        durations = node[5]  # plain calls' and generators' the hot path timed
        if not durations:
            return calls
        ended = durations[: len(durations)]
        del durations[: len(ended)]  # the hot path only appends, so these are the ones taken
        own = node[6] - times.hot_own_ns
        times.hot_own_ns += own
        times.take(ended, own)
        function.take([] if function.durations is times.durations else ended, own)
        return calls

    # -- records ---------------------------------------------------------------------------

    def _on_call(self, record: RawRecord) -> None:
        _, code, tid, t, args, line, key, task, node = record
        lane = node[3]
        stack = self._enter_lane(tid, lane, task)
        node_id = self._announce(node)
        parent = stack[-1] if stack else self._spawner.get(lane)
        info, times = self._function(id(code))
        call = OpenCall(id(code), info, times, self._node_times(node), node_id, t, parent, lane)
        if info.kind != PLAIN:
            depth_key = (lane, call.code_id)
            depth = self._depth.get(depth_key, 0)
            call.outermost = depth == 0
            self._depth[depth_key] = depth + 1
        stack.append(call)
        if key is not None:
            self._suspended[key] = call
        if args is not None:
            call.args = args
            call.call_line = line
            self._assign_id(call)

    def _on_return(self, record: RawRecord) -> None:
        _, code, tid, t, value, key, child_ns = record
        call = self._pop(tid, id(code), key)
        if call is not None:
            call.child_ns += child_ns
            self._finish(call, t, value, None, None)

    def _on_unwind(self, record: RawRecord) -> None:
        _, code, tid, t, key, exc, line, child_ns, _node = record
        call = self._pop(tid, id(code), key)
        if call is None:
            return
        call.child_ns += child_ns
        exc = exc if exc is not None else call.exc
        if not _same(call.exc, exc) or call.exc_line is None:
            call.exc_line = self._line(code, line)
        self._finish(call, t, NO_VALUE, exc, call.exc_line)

    def _on_yield(self, record: RawRecord) -> None:
        _, code, tid, t, key, child_ns = record
        call = self._pop(tid, id(code), key, finished=False)
        if call is not None:
            call.child_ns += child_ns
            call.spent += t - call.resumed
            self._suspended[key] = call

    def _on_resume(self, tid: int, t: int, key: int, task: str | None) -> None:
        call = self._suspended.get(key)
        if call is None:
            return  # started before tracing began
        call.resumed = t
        self._enter_lane(tid, call.lane, task).append(call)

    def _on_raise(self, record: RawRecord) -> None:
        _, code, tid, _t, exc, line = record
        stack = self._stacks.get(self._running_lane(tid))
        if not stack or stack[-1].code_id != id(code):
            return
        call = stack[-1]
        if _same(call.exc, exc):
            return  # reported again, as settrace does when a handler re-raises
        call.exc = exc
        call.exc_line = self._line(code, line)
        if call.seen is None:
            call.seen = []
        if not any(_same(e, exc) for e in call.seen):  # a callee's exception passing through
            call.seen.append(exc)

    def _on_lane_name(self, tid: int, name: str, lane: LaneKey, own_thread: bool) -> None:
        """A thread started, or a thread opened a lane: remember the lane's name.

        The lane may have been announced already, by the stats of a node the hot path made
        before this record was read: then it is named again.
        """
        self._lane_names[lane] = name
        if own_thread:
            self._thread_lane[tid] = lane
        if lane in self._announced_lanes:
            thread_id, task_id = lane if isinstance(lane, tuple) else (lane, None)
            self._out.append(ThreadSeen(thread_id, name, task_id))

    def _on_pulse(self, record: RawRecord) -> None:
        _, _, tid, t, name, params, returns, node_type = record
        stack = self._stacks.get(self._running_lane(tid))
        parent = stack[-1] if stack else None
        parent_id = self._assign_id(parent) if parent is not None else None
        lane = self._thread_lane.get(tid)
        thread_id = tid if lane is None else int(lane)
        self._out.append(Pulse(name, params, returns, node_type, t, thread_id, parent_id))

    def _on_debugger(self, record: RawRecord) -> None:
        """A pause (placed under the call running on its thread) or a resume."""
        tid, event = record[2], record[4]
        lane = self._thread_lane.get(tid)
        event = event._replace(thread=tid if lane is None else int(lane))
        if isinstance(event, Paused):
            stack = self._stacks.get(self._running_lane(tid))
            if stack:
                event = event._replace(parent_id=self._assign_id(stack[-1]))
        self._out.append(event)

    # -- lanes and nodes -------------------------------------------------------------------

    def _running_lane(self, tid: int) -> LaneKey:
        return self._active_lane.get(tid, self._thread_lane.get(tid, tid))

    def _enter_lane(self, tid: int, lane: LaneKey, task: str | None) -> list[OpenCall]:
        """The open calls of `lane`, which now runs on thread `tid`."""
        if isinstance(lane, tuple):
            self._thread_lane.setdefault(tid, lane[0])
        else:
            self._thread_lane.setdefault(tid, lane)
        stack = self._stacks.get(lane)
        if stack is None:
            stack = self._stacks[lane] = []
            if isinstance(lane, tuple):
                below = self._stacks.get(self._thread_lane[tid])
                self._spawner[lane] = below[-1] if below else None
            self._announce_lane(lane, tid, task)
        self._active_lane[tid] = lane
        return stack

    def _announce_lane(self, lane: LaneKey, tid: int, task: str | None) -> None:
        if lane in self._announced_lanes:
            return
        self._announced_lanes.add(lane)
        if not isinstance(lane, tuple):
            name = self._lane_names.get(lane) or live_thread_name(tid)
            self._out.append(ThreadSeen(lane, name))
            return
        thread = self._lane_names.get(lane[0]) or live_thread_name(tid)
        named = self._lane_names.get(lane)
        self._out.append(ThreadSeen(lane[0], named or f"{thread} / {task or 'task'}", lane[1]))

    def _announce(self, node: Node) -> int | None:
        """The id of `node`, announcing it (and any ancestor not yet announced) first."""
        if node[1] is None:
            return None
        missing: list[Node] = []
        walk: Node | None = node
        while walk is not None and walk[1] is not None and walk[7] not in self._nodes:
            missing.append(walk)
            walk = walk[2]
        for item in reversed(missing):
            self._announce_node(item)
        return int(node[7])

    def _announce_node(self, node: Node) -> None:
        self._nodes[node[7]] = self._share_durations(node, Times())
        parent = node[2]
        lane = node[3]
        spawned_by = None
        if parent[1] is None and parent[8] is not None:  # top of a task lane
            spawned_by = self._announce(parent[8])
        thread_id, task_id = lane if isinstance(lane, tuple) else (lane, None)
        if lane not in self._announced_lanes:
            self._announce_lane(lane, thread_id, None)
        info = self._function(id(node[1][0]))[0]
        self._out.append(
            NodeSeen(
                node_id=node[7],
                parent_id=None if parent[1] is None else parent[7],
                thread_id=thread_id,
                task_id=task_id,
                function=info.qualname,
                module=info.module,
                file=info.file,
                line=info.line,
                spawned_by=spawned_by,
                first_ns=node[9],
            )
        )

    def _share_durations(self, node: Node, times: Times) -> Times:
        """A function's first node shares its durations with the function (one sample kept,
        not two, for the common function called from one place); the second node ends that."""
        code_id = id(node[1][0])
        function = self._function(code_id)[1]
        if code_id not in self._shared:
            self._shared[code_id] = times
            times.durations = function.durations
        elif self._shared[code_id] is not None:
            function.durations = function.durations.copy()
            self._shared[code_id] = None
        return times

    def _node_times(self, node: Node) -> Times:
        times = self._nodes.get(node[7])
        if times is None:
            self._announce(node)
            times = self._nodes[node[7]]
        return times

    # -- helpers ---------------------------------------------------------------------------

    def _take_out(self) -> list[Event]:
        out, self._out = self._out, []
        return out

    def _function(self, code_id: int) -> tuple[FunctionInfo, Times]:
        found = self._functions.get(code_id)
        if found is None:
            found = (self.table.infos[code_id], Times(slot=len(self._functions)))
            self._functions[code_id] = found
            self._pass_calls.append(0)
            self._zero_calls.append(0)
        return found

    def _pop(
        self, tid: int, code_id: int, key: int | None, finished: bool = True
    ) -> OpenCall | None:
        lane = self._running_lane(tid)
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
            self._active_lane[tid] = self._thread_lane.get(tid, tid)  # back to the thread's lane
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
        self, call: OpenCall, t: int, value: object, exc: ExcSeen | None, exc_line: int | None
    ) -> None:
        if call.info.kind != PLAIN:  # plain calls were timed by the hot path
            duration = call.spent + (t - call.resumed)
            depth_key = (call.lane, call.code_id)
            self._depth[depth_key] = self._depth.get(depth_key, 1) - 1
            own = max(duration - call.child_ns, 0)
            call.node_times.add(duration, own, True)
            call.times.add(
                duration, own, call.outermost, call.times.durations is call.node_times.durations
            )
        parent = call.parent
        if exc is not None:
            call.times.count_exception()
            call.node_times.count_exception()
            self.exceptions += 1
            self._assign_id(call)
            if parent is not None:
                parent.seen = [*(parent.seen or ()), exc]
        if call.call_id is None:
            return
        self._out.append(self._ended(call, t, value, exc, exc_line))

    def _ended(
        self, call: OpenCall, t: int, value: object, exc: ExcSeen | None, exc_line: int | None
    ) -> CallEnded:
        caught = tuple(e.text() for e in call.seen or () if not _same(e, exc))
        if exc is not None:
            return CallEnded(
                call.call_id or 0, t, "exception", None, exc.type, exc.message, exc_line, caught
            )
        shown = None if value is NO_VALUE or call.args is None else value
        return CallEnded(call.call_id or 0, t, "return", shown, caught=caught)  # type: ignore[arg-type]

    def _assign_id(self, call: OpenCall) -> int:
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
        tid, task_id = lane if isinstance(lane, tuple) else (lane, None)
        args = call.args
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
            args=args if args is not None else (),
            start_ns=call.start,
            detailed=args is not None,
            node_id=call.node_id,
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


def _same(a: ExcSeen | None, b: ExcSeen | None) -> bool:
    """Whether two records saw the same exception.

    Records keep an exception's identity, not the exception (which would keep its
    traceback's frames and their locals alive). An exception that has been freed can leave
    its identity to a later one of the same call; then both read as one, which can only
    merge two equal entries of the caught list or keep the first one's line.
    """
    return a is not None and b is not None and a.ident == b.ident and a.type == b.type
