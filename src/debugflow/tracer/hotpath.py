"""The hot path both backends share: per-thread shadow stacks that count and time every call.

Most calls of a hot loop need no more than their numbers, so the hot path keeps those itself
and never hands such a call to the collector: it finds the call's node in the collapsed call
tree (`nodes`), times the call on a shadow stack of the running thread and adds the duration
to the node (a dict lookup, a list append and a few integer additions). Generators and
coroutines past the detail budget are timed the same way across their stretches (a
coroutine's node is found in its task's lane by the slow path, as a recorded one's is): a
yield ends a stretch and keeps its time in `_generators` under the frame's key, a resumption
starts the next stretch, and the return adds the call's whole time (its stretches, not its
suspensions) to the node. A later stretch's shadow frame holds the frame key where
`detailed` is. Only calls the collector must build into trees become raw records (see
`records`): calls kept in detail, calls an exception leaves, and the ancestors of any of
those, which are *promoted* (recorded late, with their real start times) so the tree of
recorded calls stays whole; a generator or coroutine promoted so is followed by the
collector from then on. A recorded generator's first `RECORDED_STRETCHES` stretches are
records too; later ones are timed here as above (*quiet* stretches: the collector keeps the
call suspended), until one needs a record (a callee's, an exception, its end): then that
stretch is promoted as a RESUME that starts as much earlier as the quiet stretches ran, so
the call's time is whole.

A shadow frame is a list, indexed with literal numbers on the fast path:

    [0 entry, 1 start_ns, 2 child_ns, 3 recorded, 4 outermost, 5 detailed, 6 exception,
     7 offset, 8 node]

Every thread's stack starts with a *base* frame that stands for "no traced call running":
it holds the lane's root node, counts as recorded (promotion stops there) and matches no
code, so the fast path never checks for an empty stack. `recorded` frames form a prefix of
every stack: a frame is recorded only after its callers are. `outermost` is False for a
recursive call of a function already running on the same thread (its time is in the outer
call's total already). `exception` and `offset` remember where an exception was raised, for
when it turns out to leave the call; the exception is kept as its identity and text
(`previewing.ExcSeen`), never as the object, which would keep its traceback's frames alive.

Records hold no object of the program's: arguments and return values of calls kept in detail
are previewed in the callbacks, on the program's thread (see `previewing`), so every object
is freed when it would be without tracing.

The callbacks have `sys.monitoring`'s signatures; the settrace backend adapts to them. Where
the compiled core is built (see `hotcore`), `fast_path` gives the same callbacks in C, and a
C trace function for the settrace backend, over the same lists and dicts: they do the
plain-call work below without running Python and call this module's slow path for
everything that becomes a record. The compiled core keeps the shadow frames of the calls it
times as C structs until Python code needs the stack (the slow path, or `hand_over()`), and
plain calls' numbers (calls, durations, own time, outermost totals) and the detail budgets
in C until `settle()` (of the `NodeTable` and of the `CodeTable`) writes them into the nodes
and entries, which every reader of those numbers calls first. Every
callback swallows nothing and raises nothing of its own (a `guard` may refuse a call by
raising): lookups that can miss use `.get`. Threads share entries and nodes without a lock:
an update such as `node[6] += own` has no call inside, and CPython switches threads only at
calls and backward jumps, so it is not split.
"""

import sys
import threading
import time
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any, NamedTuple

from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.hotcore import CoreChoice, choose_core
from debugflow.tracer.nodes import LaneKey, Node, NodeTable, new_root
from debugflow.tracer.previewing import ExcSeen, Previewer
from debugflow.tracer.records import (
    CALL,
    COROUTINE,
    GENERATOR,
    ITERATION_SIGNALS,
    LANE,
    NO_VALUE,
    PLAIN,
    RAISE,
    RESUME,
    RETURN,
    THREAD,
    UNWIND,
    YIELD,
    RawRecord,
)

Entry = list[Any]
ShadowFrame = list[Any]
RECORDED_STRETCHES = 100  # stretches of a recorded generator kept as records
FirstSight = Callable[[CodeType, "FrameType | None"], "Entry | None"]
Guard = Callable[[], None]  # called before a detailed call starts; raises to refuse the call

# The entry of base frames: no code, so no callback's code ever matches it.
_BASE_ENTRY: Entry = [None, PLAIN, (), 0, None, 0, set(), None]


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
    """Shadow stacks per thread, the call tree's nodes, and the callbacks that keep them.

    `guard`, when given, is called before every call kept in detail starts and may raise to
    refuse it (ghost passes cap their calls this way; with the detail budget at its largest,
    every call is kept in detail). Without a guard the hot path pays nothing for it.
    `core` says whether backends use the compiled core (`fast_path`); by default it is
    chosen by `hotcore.choose_core`.
    """

    def __init__(
        self,
        buffer: list[RawRecord],
        table: CodeTable,
        previews: Previewer,
        guard: Guard | None = None,
        core: CoreChoice | None = None,
    ):
        self.core = core if core is not None else choose_core()
        self.buffer = buffer
        self.table = table
        self.previews = previews
        self.guard = guard
        self.tree = NodeTable()
        self._stacks: dict[int, list[ShadowFrame]] = {}
        self._thread_lanes: dict[int, LaneKey] = {}  # OS thread id -> its lane key
        self._task_roots: dict[LaneKey, Node] = {}
        # generator/coroutine frame key -> its node, whether the call is kept in detail, and
        # how many of its stretches were records
        self._suspended: dict[int, tuple[Node, bool, int]] = {}
        # Generators timed here between their stretches: frame key -> [node, time of the
        # stretches so far, their traced callees' time, outermost, recorded], `recorded` None
        # for one past the detail budget, else whether the recorded call (whose quiet
        # stretches these are) is kept in detail.
        self._generators: dict[int, list[Any]] = {}
        self.after_fork: Callable[[], None] | None = None  # resumes the collector after a fork
        # Makes this thread's whole stack visible in `_stacks`: the compiled core keeps the
        # frames of the calls it times in C until then (see `fast_path`).
        self.hand_over: Callable[[], object] = _nothing_to_hand_over
        # Whether calls past the detail budget are sampled (one in `sample_every` kept in
        # detail): the item both cores' start callbacks read.
        self._sampling = [True]
        self._aliases = 0

    def keep_sampling(self, on: bool) -> None:
        """Sample calls past the detail budget (the default), or keep none of them in detail
        while the sinks are behind (counts and times stay exact; see `Collector`)."""
        self._sampling[0] = on

    def promote_current_thread(self) -> None:
        """Record this thread's open calls, so an event added now has its parent in the tree."""
        self.hand_over()
        tid = threading.get_ident()
        stack = self._stacks.get(tid)
        if stack:
            _promote(stack, tid, self.buffer.append, self._generators)

    def running_node(self, code: CodeType) -> Node | None:
        """The node of the call of `code` running on this thread now, if the hot path is
        timing one (for the line traces of focused code; not called on the hot path)."""
        self.hand_over()
        stack = self._stacks.get(threading.get_ident())
        if stack and stack[-1][0][0] is code:
            node: Node = stack[-1][8]
            return node
        return None

    def thread_began(self, name: str) -> None:
        """A thread runs its first code: give it a lane of its own and record its name.

        The OS reuses the id of a finished thread; a new thread on a used id gets a new lane
        key, so two threads never share a lane.
        """
        self.hand_over()  # an earlier thread's frames go with its stack
        tid = threading.get_ident()
        key: LaneKey = tid
        if tid in self._stacks:
            self._aliases += 1
            key = self._aliases
            self._stacks[tid] = _stack_of(new_root(key))
            self._thread_lanes[tid] = key
        self.buffer.append((THREAD, None, tid, time.perf_counter_ns(), name, key))

    def open_lane(self, task_id: int, name: str) -> None:
        """Make the current thread's following top-level calls a lane of their own.

        Ghost passes give each attempt its own lane this way. Call it while no traced call
        runs on this thread.
        """
        tid = threading.get_ident()
        stack = self._stack(tid)
        lane = (self._thread_lanes[tid], task_id)
        stack[0][8] = self._task_roots.setdefault(lane, new_root(lane))
        self.buffer.append((LANE, None, tid, time.perf_counter_ns(), name, lane))

    def callbacks(
        self,
        first_sight: FirstSight,
        untraced: object,
        frame_depth: int,
        unwind_names_exception: bool,
    ) -> Callbacks:
        """Build the callbacks with everything they touch bound as locals.

        `first_sight(code, frame)` makes the entry of code seen for the first time (None if it
        is not traced) and `untraced` is what the start callback answers for such code.
        `frame_depth` is how far up the traced frame is from a callback: 1 when the
        interpreter calls it, 2 when a backend's own function does.
        `unwind_names_exception` says whether the backend's unwind event carries the
        exception: then an exception raised in a call not recorded is read (its `__str__`
        called) only if it leaves the call, as the program itself would never read it;
        otherwise (settrace) it must be read when raised, the only time it is seen.
        """
        append = self.buffer.append
        entries = self.table.entries
        sample_every = self.table.sample_every
        sampling = self._sampling
        stacks = self._stacks
        get_ident = threading.get_ident
        now = time.perf_counter_ns
        getframe = sys._getframe
        new_stack = self._stack
        child = self.tree.child
        record_start, resume, end = self._record_start, self._resume, self._end
        exception_seen = self.previews.exception
        generators = self._generators

        def start(code: CodeType, offset: int) -> Any:
            cid = id(code)
            entry = entries.get(cid)
            if entry is None:
                entry = first_sight(code, getframe(frame_depth))
                if entry is None:
                    return untraced
            left = entry[3]
            entry[3] = left - 1
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None:
                stack = new_stack(tid)
            detailed = left > 0 or (not left % sample_every and sampling[0])
            if detailed or entry[1] == COROUTINE:
                record_start(entry, code, tid, stack, getframe(frame_depth), detailed)
                return None
            parent = stack[-1][8]
            node = parent[0].get(entry[7])
            if node is None:
                node = child(parent, entry, entry[7])
            node[4] += 1
            opened = entry[6]
            if tid in opened:
                stack.append([entry, now(), 0, False, False, False, None, 0, node])
            else:
                opened.add(tid)
                stack.append([entry, now(), 0, False, True, False, None, 0, node])
            return None

        def returned(code: CodeType, offset: int, value: object) -> Any:
            t = now()
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None:
                return None  # the call began before tracing did
            frame = stack[-1]
            entry = frame[0]
            if frame[3] or entry[0] is not code or entry[1]:
                end(stack, code, tid, t, RETURN, value, getframe(frame_depth), offset)
                return None
            # An unrecorded plain call: what `_end` does, without the cases it cannot be.
            stack.pop()
            duration = t - frame[1]
            node = frame[8]
            node[5].append(duration)
            node[6] += duration - frame[2]
            if frame[4]:
                entry[5] += duration
                entry[6].discard(tid)
            stack[-1][2] += duration
            return None

        def yielded(code: CodeType, offset: int, value: object) -> Any:
            t = now()
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None:
                return None
            frame = stack[-1]
            if frame[3] or frame[0][0] is not code:
                end(stack, code, tid, t, YIELD, None, getframe(frame_depth), offset)
                return None
            # A stretch of a generator the hot path times: it ends here, the call goes on.
            stack.pop()
            duration = t - frame[1]
            stack[-1][2] += duration
            if frame[4]:
                frame[0][6].discard(tid)
            key = frame[5]
            suspended = generators.get(key) if type(key) is int else None
            if suspended is not None:  # a later stretch: add to the call's
                suspended[1] += duration
                suspended[2] += frame[2]
            else:  # its first stretch (replacing what a closed generator left under the key)
                generators[id(getframe(frame_depth))] = [
                    frame[8],
                    duration,
                    frame[2],
                    frame[4],
                    None,
                ]
            return None

        def resumed(code: CodeType, offset: int) -> Any:
            entry = entries.get(id(code))
            if entry is not None:
                resume_either(entry, code, getframe(frame_depth))

        def resume_either(entry: Entry, code: CodeType, traced: FrameType) -> None:
            key = id(traced)
            suspended = generators.get(key)
            if suspended is None:
                resume(entry, code, traced)
                return
            # The frame key in the `detailed` place marks a later stretch timed here.
            node = suspended[0]
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None:
                stack = new_stack(tid)
            opened = entry[6]
            if tid in opened or suspended[4] is not None:  # a recorded call's: not outermost
                stack.append([entry, now(), 0, False, False, key, None, 0, node])
            else:
                opened.add(tid)
                stack.append([entry, now(), 0, False, True, key, None, 0, node])

        def thrown(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is not None and entry[1] != PLAIN:
                resume_either(entry, code, getframe(frame_depth))

        def raised(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is None or (entry[1] != PLAIN and isinstance(exc, ITERATION_SIGNALS)):
                return None
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is None or stack[-1][0] is not entry:
                return None
            frame = stack[-1]
            frame[7] = offset
            if frame[3]:  # the record needs its text now: it holds no object
                seen = frame[6] = exception_seen(exc)
                append((RAISE, code, tid, now(), seen, ~offset))
            elif unwind_names_exception:
                frame[6] = ExcSeen(id(exc), "", None)  # read at the unwind, if it leaves
            else:
                frame[6] = exception_seen(exc)
            return None

        def unwound(code: CodeType, offset: int, exc: BaseException | None) -> Any:
            t = now()
            tid = get_ident()
            stack = stacks.get(tid)
            if stack is not None and entries.get(id(code)) is not None:
                end(stack, code, tid, t, UNWIND, exc, getframe(frame_depth), offset)

        return Callbacks(start, returned, yielded, resumed, thrown, raised, unwound)

    def fast_path(self, first_sight: FirstSight, untraced: object, callbacks: Callbacks) -> Any:
        """The compiled core over this hot path's state, or None where the Python core runs.

        Its callbacks replace `callbacks`' (same signatures, same effects: they do the plain
        calls' and timed generators' work and call `callbacks`' for the rest, which must then
        have been built with `frame_depth=1`: no Python function stands between them and the
        traced frame). It keeps the frames of the calls it times in C until Python code needs
        them (`hand_over`), and their numbers and the detail budgets until they are read
        (`settle`, bound to the call tree's and the code table's).
        """
        if not self.core.compiled:
            return None
        from debugflow.tracer._hotpath import FastPath

        fast = FastPath(
            self.table.entries,
            self._stacks,
            first_sight,
            untraced,
            self._stack,
            self.tree.child,
            self._record_start,
            self._end,
            RETURN,
            self.table.sample_every,
            callbacks.resumed,
            callbacks.yielded,
            callbacks.raised,
            callbacks.unwound,
            callbacks.thrown,
            self._generators,
            self.buffer,
            NO_VALUE,
            self._sampling,
        )
        self.tree.settle = self.table.settle = fast.settle
        self.hand_over = fast.hand_over
        return fast

    # -- the slow path: calls that become records ------------------------------------------

    def _stack(self, tid: int) -> list[ShadowFrame]:
        """The shadow stack of a thread, made with its base frame on first use."""
        stack = self._stacks.get(tid)
        if stack is None:
            key = self._thread_lanes.setdefault(tid, tid)
            stack = self._stacks.setdefault(tid, _stack_of(new_root(key)))
        return stack

    def _record_start(
        self,
        entry: Entry,
        code: CodeType,
        tid: int,
        stack: list[ShadowFrame],
        frame: FrameType,
        detailed: bool,
    ) -> None:
        """Start a call the collector follows (kept in detail), or a coroutine's past the
        detail budget, which is timed here as a generator is (placed in its task's lane)."""
        if self.after_fork is not None:
            self._resume_collector()
        if not detailed and entry[1] == COROUTINE:
            self._start_timed_coroutine(entry, tid, stack)
            return
        if self.guard is not None:
            self.guard()
        append = self.buffer.append
        _promote(stack, tid, append, self._generators)
        kind = entry[1]
        args = line = None
        if detailed:
            values = frame.f_locals
            preview = self.previews.arg
            args = tuple([preview(n, values[n]) for n in entry[2] if n in values])
            back = frame.f_back
            line = back.f_lineno if back is not None else None
        outermost = False
        if kind == PLAIN and tid not in entry[6]:
            entry[6].add(tid)
            outermost = True
        task = task_of_current_thread() if kind == COROUTINE else None
        node = self._node_of(entry, stack, tid, task)
        node[4] += 1
        key = id(frame) if kind else None
        if key is not None:
            self._suspended[key] = (node, detailed, 1)
            self._generators.pop(key, None)  # left by a generator closed without an event
        t = time.perf_counter_ns()
        stack.append([entry, t, 0, True, outermost, detailed, None, 0, node])
        append((CALL, code, tid, t, args, line, key, task_name(task), node))

    def _start_timed_coroutine(self, entry: Entry, tid: int, stack: list[ShadowFrame]) -> None:
        task = task_of_current_thread()
        node = self._node_of(entry, stack, tid, task)
        node[4] += 1
        opened = entry[6]
        outermost = tid not in opened
        if outermost:
            opened.add(tid)
        stack.append([entry, time.perf_counter_ns(), 0, False, outermost, False, None, 0, node])

    def _resume_collector(self) -> None:
        resume, self.after_fork = self.after_fork, None
        if resume is not None:
            resume()

    def _node_of(self, entry: Entry, stack: list[ShadowFrame], tid: int, task: object) -> Node:
        """The node of a call of `entry`'s code starting now: under the running call, or for a
        coroutine of `task` (not None), where `_task_parent` places it."""
        parent = stack[-1][8] if task is None else self._task_parent(stack, tid, task)
        node: Node = parent[0].get(entry[7]) or self.tree.child(parent, entry, entry[7])
        return node

    def _task_parent(self, stack: list[ShadowFrame], tid: int, task: object) -> Node:
        """Where a coroutine of `task` hangs: under the running call of the same task, else at
        the top of the task's own lane (remembering the call that spawned it)."""
        top: Node = stack[-1][8]
        lane = (self._thread_lanes[tid], id(task))
        if top[3] == lane:
            return top
        root = self._task_roots.get(lane)
        if root is None:
            spawner = top if top[1] is not None else None
            root = self._task_roots.setdefault(lane, new_root(lane, spawner))
        return root

    def _resume(self, entry: Entry, code: CodeType, frame: FrameType) -> None:
        """A generator or coroutine runs again: a new stretch on its thread's stack."""
        if self.after_fork is not None:
            self._resume_collector()
        tid = threading.get_ident()
        stack = self._stack(tid)
        key = id(frame)
        found = self._suspended.get(key)
        if found is not None and found[2] >= RECORDED_STRETCHES and entry[1] == GENERATOR:
            # A quiet stretch (coroutines' stay records: their tasks' lanes are the collector's)
            node, detailed, _ = found
            self._generators[key] = [node, 0, 0, False, detailed]
            stack.append([entry, time.perf_counter_ns(), 0, False, False, key, None, 0, node])
            return
        append = self.buffer.append
        _promote(stack, tid, append, self._generators)
        task = task_of_current_thread() if entry[1] == COROUTINE else None
        if found is None:  # it started before tracing did: place this stretch as a call would
            node = self._node_of(entry, stack, tid, task)
            detailed, stretches = False, 0
        else:
            node, detailed, stretches = found
            self._suspended[key] = (node, detailed, stretches + 1)
        t = time.perf_counter_ns()
        stack.append([entry, t, 0, True, False, detailed, None, 0, node])
        append((RESUME, code, tid, t, key, task_name(task)))

    def _end(
        self,
        stack: list[ShadowFrame],
        code: CodeType,
        tid: int,
        t: int,
        how: int,
        detail: Any,
        traced_frame: FrameType,
        offset: int,
    ) -> None:
        """End the running stretch of `code` on `stack`: a return, a yield or an unwind.

        `detail` is the returned value of a return, or the exception (None when the backend did
        not say) of an unwind. A return value is previewed here, on the program's thread, and
        only for calls kept in detail.
        """
        frame = _top_of(stack, code, tid)
        if frame is None:
            return  # began before tracing did
        if not frame[3] and _quiet(frame, self._generators):
            _promote(stack, tid, self.buffer.append, self._generators)  # a RESUME, then as usual
        stack.pop()
        entry, node = frame[0], frame[8]
        duration = t - frame[1]
        stack[-1][2] += duration
        kind = entry[1]
        key = None if kind == PLAIN else id(traced_frame)
        if kind == PLAIN:
            self.tree.settle()  # the compiled core's earlier durations go first, as they ended
            node[5].append(duration)
            node[6] += duration - frame[2]
            if frame[4]:
                entry[5] += duration
                entry[6].discard(tid)
        elif not frame[3]:  # a generator timed here: its call ends (returns or unwinds)
            self._timed_generator_ends(frame, key, tid, duration, how)  # type: ignore[arg-type]
            if how == RETURN:
                return
        else:
            if frame[4]:  # a stretch the hot path began timing, then recorded for a callee
                entry[6].discard(tid)
            # A generator timed here until a callee needed its record is followed by the
            # collector from now on (the same for one recorded from its start).
            self._generators.pop(key, None)  # type: ignore[arg-type]
            if how != YIELD:
                self._suspended.pop(key, None)  # type: ignore[arg-type]
            else:
                found = self._suspended.get(key)  # type: ignore[arg-type]
                stretches = found[2] if found is not None else 0
                self._suspended[key] = (node, frame[5] is True, stretches)  # type: ignore[index]
        append = self.buffer.append
        if how == RETURN:
            if frame[3]:
                value = self.previews.arg("return", detail) if frame[5] is True else NO_VALUE
                append((RETURN, code, tid, t, value, key, frame[2]))
            return
        if how == YIELD:
            append((YIELD, code, tid, t, key, frame[2]))
            return
        seen = frame[6]
        raised_here = seen is not None and (detail is None or seen.ident == id(detail))
        if detail is not None and (not raised_here or seen.message is None):
            seen = self.previews.exception(detail)
        if not frame[3]:  # exceptions are always kept in full: record the call and its callers
            _promote(stack, tid, append, self._generators)
            append((CALL, code, tid, frame[1], None, None, None, None, node))
        line = ~(frame[7] if raised_here else offset)
        append((UNWIND, code, tid, t, key, seen, line, frame[2], node))

    def _timed_generator_ends(
        self, frame: ShadowFrame, key: int, tid: int, duration: int, how: int
    ) -> None:
        """The last stretch of a generator the hot path timed: its call's numbers, as a plain
        call's (an unwind then records it, as exceptions always are)."""
        entry, node = frame[0], frame[8]
        suspended = self._generators.pop(key, None)
        if frame[4]:
            entry[6].discard(tid)
        if how != RETURN:
            return  # the collector times the recorded call
        total, child, outermost = duration, frame[2], frame[4]
        if suspended is not None and type(frame[5]) is int:  # a later stretch: add the earlier
            total += suspended[1]
            child += suspended[2]
            outermost = suspended[3]
        # No settle first (as `_end` does for plain calls): the compiled core keeps only a
        # generator node's calls, never its durations, so there is no order to keep.
        node[5].append(total)
        node[6] += total - child
        if outermost:
            entry[5] += total


def _nothing_to_hand_over() -> None:
    """The Python core keeps every frame in `_stacks` as it goes."""


def _stack_of(root: Node) -> list[ShadowFrame]:
    """A new shadow stack holding only its base frame, whose node is the lane's root."""
    return [[_BASE_ENTRY, 0, 0, True, False, False, None, 0, root]]


def _promote(
    stack: list[ShadowFrame],
    tid: int,
    append: Callable[[RawRecord], None],
    generators: dict[int, list[Any]],
) -> None:
    """Record the open calls of a stack the collector has not heard of, outermost first; a
    quiet stretch of a call the collector keeps suspended is resumed instead, as early as its
    quiet stretches ran, with their callees' time in its own."""
    first = len(stack)
    while not stack[first - 1][3]:
        first -= 1
    for frame in stack[first:]:
        frame[3] = True
        suspended = _timed_call(frame, generators)
        if suspended is None or suspended[4] is None:
            append((CALL, frame[0][0], tid, frame[1], None, None, None, None, frame[8]))
            continue
        key = frame[5]
        del generators[key]
        frame[2] += suspended[2]
        frame[5] = suspended[4]  # whether the call is kept in detail, as recorded stretches say
        entry = frame[0]
        task = task_of_current_thread() if entry[1] == COROUTINE else None
        append((RESUME, entry[0], tid, frame[1] - suspended[1], key, task_name(task)))


def _timed_call(frame: ShadowFrame, generators: dict[int, list[Any]]) -> list[Any] | None:
    """What `generators` keeps of the call a later stretch's frame belongs to (its frame key
    is where `detailed` is; the hot path's `yielded` reads it inline), else None."""
    key = frame[5]
    return generators.get(key) if type(key) is int else None


def _quiet(frame: ShadowFrame, generators: dict[int, list[Any]]) -> bool:
    """Whether an unrecorded frame is a quiet stretch of a call the collector follows."""
    suspended = _timed_call(frame, generators)
    return suspended is not None and suspended[4] is not None


def _top_of(stack: list[ShadowFrame], code: CodeType, tid: int) -> ShadowFrame | None:
    """The frame of `code` on top of `stack`, dropping frames whose end was never seen."""
    for index in range(len(stack) - 1, 0, -1):
        if stack[index][0][0] is code:
            for lost in stack[index + 1 :]:
                if lost[4]:
                    lost[0][6].discard(tid)
            del stack[index + 1 :]
            return stack[index]
    return None


def task_name(task: object | None) -> str | None:
    """The name an asyncio task gives itself (the records keep names, not tasks)."""
    if task is None:
        return None
    try:
        return str(task.get_name())  # type: ignore[attr-defined]
    except Exception:
        return "task"


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
