"""The raw records the hot path appends, one tuple per event, read only by the collector.

Tuples keep the hot path to one allocation and one append. Most calls never become records
(see `hotpath`); those that do start with `(kind, code, thread_id, time_ns)`, and the fields
after that depend on the kind:

    CALL     (CALL, code, tid, t, args | None, call_line | None, frame_key | None,
              task_name | None, node)
    RETURN   (RETURN, code, tid, t, value | NO_VALUE, frame_key | None, child_ns)
    YIELD    (YIELD, code, tid, t, frame_key, child_ns)
    RESUME   (RESUME, code, tid, t, frame_key, task_name | None)
    RAISE    (RAISE, code, tid, t, exception, ~offset)
    UNWIND   (UNWIND, code, tid, t, frame_key | None, exception | None, ~offset, child_ns, node)
    PULSE    (PULSE, None, tid, t, name, params, returns, node_type)
    THREAD   (THREAD, None, tid, t, name, lane_key)
    LANE     (LANE, None, tid, t, name, lane_key)
    DEBUGGER (DEBUGGER, None, tid, t, event)

A CALL's `t` is when the call began, even when the hot path records it later (a call is
promoted when a detailed call or an exception needs it in the tree). `node` is the call's node
in the collapsed call tree (see `nodes`). No record holds an object of the program's: `args`
is a tuple of `ArgPreview`s and `value` an `ArgPreview`, made on the program's thread and
present only for calls kept in detail; an exception is an `ExcSeen` (identity and text, see
`previewing`), None in an UNWIND when the backend only saw it in an earlier RAISE record;
a pulse's `params` are `ArgPreview`s and its `returns` text. Lines are given as `~offset`
(a negative number): a bytecode offset the collector turns into a line once per place.
`frame_key` identifies a generator or coroutine frame across suspensions and is None for
plain functions. `child_ns` is the time spent in traced calls during the stretch that ended,
recorded or not. THREAD names a thread (and gives the lane key its events use); LANE names a
lane the program opened on a thread for its following top-level calls (ghost passes give each
attempt one). DEBUGGER carries a debugger's pause or resume event, made whole by the
collector (its thread's lane and, for a pause, the call running there).
"""

from __future__ import annotations

from typing import Any, Final

CALL: Final = 0
RETURN: Final = 1
YIELD: Final = 2
RESUME: Final = 3
RAISE: Final = 4
UNWIND: Final = 5
PULSE: Final = 6
THREAD: Final = 7
LANE: Final = 8
DEBUGGER: Final = 9

# Code kinds, decided once per code object.
PLAIN: Final = 0
GENERATOR: Final = 1
COROUTINE: Final = 2


class _NoValue:
    """Marks a return whose value was not kept (the call was not recorded in detail)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Final = _NoValue()

RawRecord = tuple[Any, ...]

# Raised inside generators and coroutines as plumbing (an `await` finishing, a generator
# closing), not as errors; backends skip them unless they make a call end.
ITERATION_SIGNALS: Final = (StopIteration, StopAsyncIteration, GeneratorExit)
