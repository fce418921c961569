"""What a full queue may drop, and what it keeps: one rule for the store writer and the hub link.

Under pressure (a stalled disk, a slow hub) most events may be shed and counted as dropped: a
call's start, a normal return, a pulse. A few carry what the rest cannot rebuild and are
essential: the run's start and end, thread names, exceptions (a `CallEnded` whose outcome is
"exception") and the per-function counts (`FunctionStats`).

Memory stays bounded all the same. A queue that overflows keeps its essential events in an
`EssentialBacklog` with a hard cap of its own; a newer `FunctionStats` of a function replaces
the one still waiting (each snapshot holds all the counts so far), and past the cap even
essential events are dropped and counted, except `RunStarted` and `RunEnded`, which come once
per run and are never dropped.

Adding an event kind: give its class a line in `RULES` ("shed", "keep" or "always", or a
function of the event deciding per event); if a newer event of the kind supersedes an older
one, give it a key in `LATEST` too. `tests/test_essential.py` fails until every kind in
`Event` has a rule.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal

from debugflow.protocol.events import (
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    LineCall,
    LineStats,
    NodeSeen,
    NodeStats,
    Paused,
    Pulse,
    Resumed,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)

# "shed": may be dropped; "keep": kept up to a backlog's cap; "always": never dropped.
Keeping = Literal["shed", "keep", "always"]


def _raised(end: CallEnded) -> Keeping:
    return "keep" if end.outcome == "exception" else "shed"


RULES: dict[type[Any], Keeping | Callable[[Any], Keeping]] = {
    RunStarted: "always",
    RunEnded: "always",
    ThreadSeen: "keep",
    FunctionStats: "keep",
    NodeSeen: "keep",  # the tree's shape: the counts below mean nothing without it
    NodeStats: "keep",
    UnreachedFunction: "keep",  # few: a ghost pass maps at most a few hundred functions
    CallEnded: _raised,
    CallStarted: "shed",
    Pulse: "shed",
    Paused: "keep",  # few (a person makes each one), and what the run's record must show
    Resumed: "keep",
    LineCall: "shed",  # one focused call's steps: detail, like CallStarted
    LineStats: "keep",  # a focused node's line counts; cumulative, so the newest one stands
}
"""How each event kind is kept under pressure: a Keeping, or a function deciding per event."""


def _function_key(stats: FunctionStats) -> Hashable:
    # The identity the store upserts stats on and the viewer keys functions by.
    return (stats.file, stats.line, stats.function)


def _node_key(stats: NodeStats) -> Hashable:
    return ("node", stats.node_id)


def _lines_key(stats: LineStats) -> Hashable:
    return ("lines", stats.node_id)


LATEST: dict[type[Any], Callable[[Any], Hashable]] = {
    FunctionStats: _function_key,
    NodeStats: _node_key,
    LineStats: _lines_key,
}
"""Kinds whose newer event replaces an older one with the same key while both wait."""


def keeping(event: Event) -> Keeping:
    """How `event` is kept under pressure; a kind without a rule may be shed."""
    rule = RULES.get(type(event), "shed")
    return rule if isinstance(rule, str) else rule(event)


def is_essential(event: Event) -> bool:
    """Whether `event` is kept when a queue sheds: run start and end, thread names,
    exceptions and function counts."""
    return keeping(event) != "shed"


class EssentialBacklog:
    """The events a full queue keeps, in arrival order: at most `cap` of them waiting, besides
    the run's start and end.

    It is not thread-safe: its owner calls it under the lock that guards its own queue.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._events: deque[Event] = deque()
        self._latest: dict[Hashable, Event] = {}  # key -> newest event of a LATEST kind waiting

    def __len__(self) -> int:
        return len(self._events)

    def shed(self, events: Sequence[Event]) -> int:
        """Keep the essential events of a batch that did not fit; returns how many were dropped.

        The start of a call that raised is kept with its end when both are in `events`, so
        the exception has a call to belong to.
        """
        raised = _raised_calls(events)
        dropped = 0
        for event in events:
            kept = keeping(event)
            if kept == "shed" and not (type(event) is CallStarted and event.call_id in raised):
                dropped += 1
            elif self._replaces(event):
                continue  # the newer event took the older one's place: nothing grew
            elif kept == "always" or len(self._events) < self.cap:
                self._add(event)
            else:
                dropped += 1
        return dropped

    def take(self, limit: int | None = None) -> list[Event]:
        """Remove and return up to `limit` waiting events (all when None), oldest first."""
        count = len(self._events) if limit is None else min(limit, len(self._events))
        return [self._newest(self._events.popleft()) for _ in range(count)]

    def clear(self) -> int:
        """Forget every waiting event; returns how many there were."""
        count = len(self._events)
        self._events.clear()
        self._latest.clear()
        return count

    def _replaces(self, event: Event) -> bool:
        """Put `event` in place of a waiting one of the same key; False when none waits."""
        key = _latest_key(event)
        if key is None or key not in self._latest:
            return False
        self._latest[key] = event
        return True

    def _add(self, event: Event) -> None:
        key = _latest_key(event)
        if key is not None:
            self._latest[key] = event
        self._events.append(event)

    def _newest(self, event: Event) -> Event:
        """The event to send in the place of `event`: the newest of its key, if it has one."""
        key = _latest_key(event)
        return event if key is None else self._latest.pop(key, event)


def _latest_key(event: Event) -> Hashable | None:
    key_of = LATEST.get(type(event))
    return None if key_of is None else (type(event), key_of(event))


def _raised_calls(events: Sequence[Event]) -> set[int]:
    return {e.call_id for e in events if type(e) is CallEnded and e.outcome == "exception"}
