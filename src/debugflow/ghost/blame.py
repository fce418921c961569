"""Who caused each exception of a ghost pass, read from the recorded calls.

An exception that leaves a call either began there or came out of one of its callees. Going
down from a call that raised, the callee that ended last before it with the same exception
(type and message) is where it came from; the deepest such call is its origin. The
parameters most likely behind it are those of the origin call named on the line that raised
(else its stand-ins: values the mocks could not make from a hint).
"""

from __future__ import annotations

import linecache
import re
from collections.abc import Sequence

from debugflow.ghost.model import Blame
from debugflow.protocol import CallEnded, CallStarted, Event


def find_blames(events: Sequence[Event], function_of: dict[int, str] | None = None) -> list[Blame]:
    """One Blame per call that ended with an exception, naming the call it began in.

    `function_of` maps call ids to the report's function ids (default `module:qualname`).
    """
    starts = {e.call_id: e for e in events if isinstance(e, CallStarted)}
    ends = {e.call_id: e for e in events if isinstance(e, CallEnded)}
    children: dict[int, list[int]] = {}
    for start in starts.values():
        if start.parent_id is not None:
            children.setdefault(start.parent_id, []).append(start.call_id)
    names = function_of or {cid: f"{s.module}:{s.function}" for cid, s in starts.items()}
    blames = []
    for call_id, end in ends.items():
        if end.outcome != "exception" or call_id not in starts:
            continue
        origin = _origin(call_id, end, children, ends)
        culprits = _culprits(starts[origin], ends[origin]) if origin == call_id else ()
        blames.append(Blame(call_id, origin, names[call_id], culprits))
    return blames


def _origin(
    call_id: int, end: CallEnded, children: dict[int, list[int]], ends: dict[int, CallEnded]
) -> int:
    """The deepest call the exception ending `call_id` came out of."""
    while True:
        same = [
            ends[child]
            for child in children.get(call_id, ())
            if child in ends and _came_out(ends[child], end)
        ]
        if not same:
            return call_id
        latest = max(same, key=lambda child_end: child_end.end_ns)
        call_id, end = latest.call_id, latest


def _came_out(callee: CallEnded, caller: CallEnded) -> bool:
    """Whether the callee's exception may be the one that then left the caller."""
    same = (callee.exc_type, callee.exc_message) == (caller.exc_type, caller.exc_message)
    return callee.outcome == "exception" and same and callee.end_ns <= caller.end_ns


def _culprits(start: CallStarted, end: CallEnded) -> tuple[str, ...]:
    """Labels of the parameters named on the line that raised (else the stand-in ones)."""
    line = linecache.getline(start.file, end.exc_line) if end.exc_line else ""
    words = set(re.findall(r"\w+", line))
    named = [a.label() for a in start.args if a.name in words]
    return tuple(named or [a.label() for a in start.args if a.type == "stand-in"])
