"""The one rule for what a full queue may drop, and the bounded backlog that applies it."""

from __future__ import annotations

from typing import get_args

import pytest

from debugflow.protocol import (
    ArgPreview,
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
    Resumed,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)
from debugflow.protocol.essential import RULES, EssentialBacklog, is_essential

RUN = RunStarted("run-e", ("app.py",), "/proj", "3.11", "settrace", "test", 1000.0, 0)
END = RunEnded(1001.0, 0, 3, 1, 0)
THREAD = ThreadSeen(1, "MainThread")
RETURNED = CallEnded(1, 20, "return", ArgPreview("return", "int", "3"))
PULSE = Pulse("checkpoint", (), None, "info", 15, 1, None)


def start(call_id: int, function: str = "work") -> CallStarted:
    return CallStarted(call_id, None, 1, None, function, "app", "/proj/app.py", 1, None, (), 10)


def raised(call_id: int) -> CallEnded:
    return CallEnded(call_id, 20, "exception", None, "ValueError", "bad", 3)


def stats(calls: int, function: str = "work") -> FunctionStats:
    return FunctionStats(function, "app", "/proj/app.py", 1, calls, 0, calls, calls, 1, 1, 1)


# One example of every event kind (two of CallEnded, which is decided per event), with what
# the rule must say about it. A new kind in `Event` fails `test_every_event_kind_has_a_rule`
# until it has a rule in protocol/essential.py and an example here.
EXAMPLES: list[tuple[Event, bool]] = [
    (RUN, True),
    (END, True),
    (THREAD, True),
    (stats(1), True),
    (raised(1), True),
    (RETURNED, False),
    (start(1), False),
    (PULSE, False),
    (NodeSeen(1, None, 1, None, "f", "m", "/f.py", 1, None, 0), True),
    (NodeStats(1, 5, 1, 50, 40, 5, 10, 20), True),
    (UnreachedFunction("g", "m", "/f.py", 3, "never called", None), True),
    (Paused(1, 1, "/f.py", 3, "g", "breakpoint", 40), True),
    (Resumed(2, 1, "continue", 50), True),
    (LineCall(1, 1, 40, (LineStep(3, 5),)), False),
    (LineStats(1, (LineCount(3, 1, 5),)), True),
]


def test_newer_line_counts_replace_the_waiting_ones() -> None:
    backlog = EssentialBacklog(cap=100)
    first, second = LineStats(1, (LineCount(3, 1, 5),)), LineStats(1, (LineCount(3, 2, 9),))
    backlog.shed([first, second])
    assert backlog.take() == [second]


def test_a_newer_node_stats_replaces_the_waiting_one() -> None:
    backlog = EssentialBacklog(cap=100)
    first, second = NodeStats(1, 5, 0, 5, 5, 1, 1, 1), NodeStats(1, 9, 0, 9, 9, 1, 1, 1)
    other = NodeStats(2, 1, 0, 1, 1, 1, 1, 1)
    backlog.shed([first, other, second])
    assert backlog.take() == [second, other]


@pytest.mark.parametrize(("event", "essential"), EXAMPLES, ids=lambda v: type(v).__name__)
def test_the_rule_for_each_kind(event: Event, essential: bool) -> None:
    assert is_essential(event) is essential


def test_every_event_kind_has_a_rule() -> None:
    kinds = set(get_args(Event))
    undecided = sorted(kind.__name__ for kind in kinds - set(RULES))
    assert not undecided, f"decide whether {undecided} may be dropped: RULES in essential.py"
    untested = sorted(kind.__name__ for kind in kinds - {type(e) for e, _ in EXAMPLES})
    assert not untested, f"add an example of {untested} to EXAMPLES"


def test_a_shed_batch_keeps_its_essential_events_in_order() -> None:
    backlog = EssentialBacklog(cap=100)
    batch: list[Event] = [RUN, THREAD, start(1), RETURNED, PULSE, stats(1), END]
    assert backlog.shed(batch) == 3
    assert backlog.take() == [RUN, THREAD, stats(1), END]
    assert len(backlog) == 0


def test_an_exception_keeps_its_start_when_the_start_is_in_the_batch() -> None:
    backlog = EssentialBacklog(cap=100)
    assert backlog.shed([start(1), start(2), raised(2), raised(7)]) == 1
    assert backlog.take() == [start(2), raised(2), raised(7)]


def test_repeated_stats_of_a_function_wait_as_the_latest_one() -> None:
    backlog = EssentialBacklog(cap=100)
    for calls in range(1, 1001):
        assert backlog.shed([stats(calls), stats(calls, function="other")]) == 0
    assert len(backlog) == 2
    assert backlog.take() == [stats(1000), stats(1000, function="other")]
    backlog.shed([stats(1001)])  # a snapshot after the last one was taken waits anew
    assert backlog.take() == [stats(1001)]


def test_past_the_cap_essential_events_are_dropped_but_never_the_run_start_or_end() -> None:
    backlog = EssentialBacklog(cap=3)
    assert backlog.shed([stats(1), raised(1), raised(2), raised(3), THREAD]) == 2
    assert backlog.shed([RUN, stats(2), END]) == 0  # a newer snapshot takes the old one's place
    assert len(backlog) == 5
    assert backlog.take() == [stats(2), raised(1), raised(2), RUN, END]


def test_a_flood_of_exceptions_stays_within_the_cap() -> None:
    backlog = EssentialBacklog(cap=1000)
    dropped = 0
    for batch_start in range(0, 100_000, 10_000):
        batch: list[Event] = []
        for call_id in range(batch_start, batch_start + 10_000):
            batch += [start(call_id), raised(call_id)]
        dropped += backlog.shed(batch)
        assert len(backlog) <= 1000
    assert backlog.shed([END]) == 0
    assert (len(backlog), dropped) == (1001, 200_000 - 1000)
    assert backlog.take()[-1] == END


def test_take_hands_out_at_most_the_limit_oldest_first() -> None:
    backlog = EssentialBacklog(cap=100)
    backlog.shed([raised(i) for i in range(5)])
    assert backlog.take(2) == [raised(0), raised(1)]
    assert backlog.take(10) == [raised(2), raised(3), raised(4)]
    assert backlog.take(10) == []
