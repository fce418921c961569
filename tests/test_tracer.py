"""The tracer in-process, once per backend: call trees, exceptions, generators, tasks, threads."""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

import tracee
from debugflow.config import FlowConfig
from debugflow.protocol import CallEnded, CallStarted, Event, FunctionStats, ThreadSeen
from debugflow.run.session import TraceSession
from debugflow.tracer import codetable


class ListSink:
    """Keeps every event, for assertions."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def handle(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def close(self) -> None:
        pass


class Traced:
    """What one traced call of a test function produced."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.calls = [e for e in events if isinstance(e, CallStarted)]
        self.ends = {e.call_id: e for e in events if isinstance(e, CallEnded)}
        self.stats = {e.function: e for e in events if isinstance(e, FunctionStats)}

    def named(self, function: str) -> list[CallStarted]:
        return [c for c in self.calls if c.function == function]

    def children(self, call: CallStarted) -> list[str]:
        return [c.function for c in self.calls if c.parent_id == call.call_id]


@pytest.fixture
def traced(backend: str, tmp_path: Path) -> Iterator[Callable[..., Traced]]:
    def trace(function: Callable[..., object], *args: object, detail: int = 100) -> Traced:
        config = FlowConfig.from_env(
            env={"FLOW_DATA_DIR": str(tmp_path)}, root=str(Path(__file__).parent)
        )
        config = config.with_options(backend=backend, detail_calls=detail, sample_every=1000)
        sink = ListSink()
        session = TraceSession(config, kind="test", sinks=[sink])
        session.start()
        try:
            function(*args)
        except Exception:
            pass
        finally:
            session.stop(0)
        return Traced(sink.events)

    yield trace
    assert sys.gettrace() is None
    if sys.version_info >= (3, 12):
        assert all(sys.monitoring.get_tool(i) != "debugflow" for i in range(6))


def test_nested_calls_form_a_tree_with_previews(traced: Callable[..., Traced]) -> None:
    run = traced(tracee.outer, 5)
    (outer,) = run.named("outer")
    assert [a.label() for a in outer.args] == ["n: int=5"]
    assert run.children(outer) == ["add"]
    (add,) = run.named("add")
    assert [a.label() for a in add.args] == ["x: int=5", "y: int=1"]
    end = run.ends[outer.call_id]
    assert end.outcome == "return" and end.value is not None and end.value.value == "12"
    assert end.end_ns >= outer.start_ns and add.call_line is not None


def test_caught_exception_recorded_and_tracing_goes_on(traced: Callable[..., Traced]) -> None:
    run = traced(lambda: (tracee.catcher(), tracee.add(1, 1)))
    (boom,) = run.named("boom")
    failed = run.ends[boom.call_id]
    assert (failed.outcome, failed.exc_type, failed.exc_message) == (
        "exception",
        "ValueError",
        "bad 1",
    )
    assert failed.exc_line == boom.line + 1
    (catcher,) = run.named("catcher")
    assert run.ends[catcher.call_id].caught == ("ValueError: bad 1",)
    assert run.named("add"), "a caught exception must not stop tracing"


def test_propagated_exception_ends_each_frame(traced: Callable[..., Traced]) -> None:
    run = traced(tracee.propagate)
    (propagate,) = run.named("propagate")
    end = run.ends[propagate.call_id]
    assert (end.outcome, end.exc_type, end.caught) == ("exception", "ValueError", ())
    assert run.stats["boom"].exceptions == 1 and run.stats["propagate"].exceptions == 1


def test_generator_is_one_call_spanning_its_yields(traced: Callable[..., Traced]) -> None:
    run = traced(lambda: list(tracee.squares(3)))
    (gen,) = run.named("squares")
    assert run.ends[gen.call_id].outcome == "return"
    assert run.children(gen) == ["add", "add", "add"]
    assert run.stats["squares"].calls == 1


def test_generators_past_the_detail_budget_are_timed_not_recorded(
    traced: Callable[..., Traced],
) -> None:
    run = traced(tracee.many_squares, 3000, detail=10)
    stats = run.stats["squares"]
    assert stats.calls == 3000 and run.stats["add"].calls == 9000
    detailed = [c for c in run.named("squares") if c.detailed]
    assert 10 <= len(detailed) <= 10 + 3000 // 1000 + 1  # as for plain calls
    # The others have no record, but those a detailed callee (an add) made the caller of.
    assert len(run.named("squares")) <= len(detailed) + len(
        [c for c in run.named("add") if c.detailed]
    )
    assert 0 < stats.min_ns <= stats.median_ns <= stats.max_ns
    assert stats.own_ns <= stats.total_ns
    assert run.stats["many_squares"].total_ns >= stats.total_ns


def test_a_timed_generators_time_leaves_out_its_suspensions(
    traced: Callable[..., Traced],
) -> None:
    pause = 0.01
    run = traced(tracee.slowly_consumed, 20, pause, detail=0)
    stats = run.stats["squares"]
    assert stats.calls == 20 and len(run.named("squares")) == 1  # one sample, 19 timed
    assert stats.max_ns < pause * 1e9 / 2  # its two stretches, not the sleep between them
    assert stats.total_ns < 20 * pause * 1e9 / 2


def test_a_recorded_generators_later_stretches_are_timed_and_its_call_stays_whole(
    traced: Callable[..., Traced],
) -> None:
    spin_ns = 20_000
    run = traced(lambda: sum(tracee.long_squares(2000, spin_ns)))
    (gen,) = run.named("long_squares")  # kept in detail: one call across 2,000 stretches
    assert gen.detailed and run.ends[gen.call_id].outcome == "return"
    assert run.children(gen)[-1] == "late"  # first called in a quiet stretch: recorded there
    assert run.stats["add"].calls == 2000
    stats = run.stats["long_squares"]
    assert stats.calls == 1
    # Its time holds every stretch (each ran at least spin_ns), the quiet ones too.
    assert stats.total_ns >= 2000 * spin_ns
    assert stats.total_ns >= stats.own_ns >= 2000 * spin_ns - run.stats["add"].total_ns


def test_coroutines_past_the_detail_budget_are_timed_in_their_tasks(
    traced: Callable[..., Traced],
) -> None:
    run = traced(tracee.run_many_async, 300, detail=10)
    child, add = run.stats["child"], run.stats["add"]
    assert child.calls == 600 and add.calls == 600  # 300 awaited in turn, 300 gathered
    detailed = [c for c in run.named("child") if c.detailed]
    assert 10 <= len(detailed) <= 10 + 600 // 1000 + 1
    assert 0 < child.min_ns <= child.median_ns <= child.max_ns
    assert 0 <= child.own_ns <= child.total_ns
    (top,) = run.named("serial_and_gathered")
    assert run.ends[top.call_id].outcome == "return"
    # The first ones, awaited in turn in the caller's own task, are recorded under it.
    assert run.children(top)[:10] == ["child"] * 10


def test_async_tasks_keep_their_tree(traced: Callable[..., Traced]) -> None:
    run = traced(tracee.run_async)
    (parent,) = run.named("parent_task")
    assert parent.task_id is not None
    assert run.children(parent) == ["child", "child"]
    for child in run.named("child"):
        assert run.children(child) == ["add"]
        assert run.ends[child.call_id].outcome == "return"
    assert run.ends[parent.call_id].value is not None
    assert run.ends[parent.call_id].value.value == "3"  # type: ignore[union-attr]


def test_hot_function_counts_exact_detail_bounded(traced: Callable[..., Traced]) -> None:
    run = traced(tracee.loop, 5000, detail=10)
    assert run.stats["add"].calls == 5000
    detailed = [c for c in run.named("add") if c.detailed]
    assert 10 <= len(detailed) <= 10 + 5000 // 1000 + 1
    stats = run.stats["add"]
    assert stats.min_ns <= stats.median_ns <= stats.max_ns and stats.total_ns > 0


def test_own_times_add_up_to_the_root_total(traced: Callable[..., Traced]) -> None:
    """Own time is duration minus traced children, so the own times of all calls sum to
    exactly the root's duration: no call is lost or counted twice, recursive or not."""
    run = traced(tracee.mixture, detail=3)
    stats = run.stats
    assert sum(s.own_ns for s in stats.values()) == stats["mixture"].total_ns
    assert stats["fib"].calls == 465 and stats["add"].calls == 320
    # Recursive calls run inside the outermost one: fib's total is that one call's time.
    assert stats["fib"].total_ns <= stats["mixture"].total_ns
    assert stats["fib"].total_ns == stats["fib"].max_ns


def test_concurrent_calls_on_threads_each_count_in_the_total(
    traced: Callable[..., Traced],
) -> None:
    import threading

    def work() -> None:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=tracee.meet, args=(barrier, i)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run = traced(work)
    meet = run.stats["meet"]
    assert meet.calls == 2
    assert meet.total_ns >= meet.min_ns + meet.max_ns  # both calls, though they overlapped


def test_exception_in_undetailed_call_is_kept_with_ancestors(
    traced: Callable[..., Traced],
) -> None:
    run = traced(lambda: [tracee.deep_then_fail(3) for _ in range(1)], detail=1)
    failing = [c for c in run.named("deep_then_fail") if run.ends[c.call_id].outcome == "exception"]
    assert len(failing) == 4
    deepest = max(failing, key=lambda c: c.start_ns)
    assert run.ends[deepest.call_id].exc_type == "KeyError"
    ids = {c.call_id for c in run.calls}
    assert all(c.parent_id in ids for c in failing if c.parent_id is not None)


def test_threads_get_their_own_lanes(traced: Callable[..., Traced]) -> None:
    import threading

    def work() -> None:
        barrier = threading.Barrier(3)
        threads = [
            threading.Thread(target=tracee.meet, args=(barrier, i), name=f"w{i}") for i in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run = traced(work)
    lanes = {c.thread_id for c in run.named("outer")}
    assert len(lanes) == 3
    names = {e.name for e in run.events if isinstance(e, ThreadSeen)}
    assert {"w0", "w1", "w2"} <= names


@pytest.mark.skipif(
    sys.version_info < (3, 12), reason="settrace cannot reach running threads before 3.12"
)
def test_thread_started_before_tracing_is_traced(traced: Callable[..., Traced]) -> None:
    waiter = tracee.Waiter()
    waiter.thread.start()
    run = traced(lambda: (waiter.go.set(), waiter.done.wait(5), waiter.thread.join()))
    assert [a.label() for a in run.named("add")[0].args] == ["x: int=40", "y: int=2"]


def test_code_outside_the_project_is_not_traced(traced: Callable[..., Traced]) -> None:
    import json

    run = traced(
        json.dumps,
        {"a": 1},
    )
    assert run.calls == []
    run = traced(lambda: json.dumps({"a": tracee.add(1, 2)}))
    assert {c.function.rsplit(".", 1)[-1] for c in run.calls} == {"<lambda>", "add"}


def test_arguments_are_shown_as_they_came_in(traced: Callable[..., Traced]) -> None:
    run = traced(lambda: [tracee.mutate([0.0, 0.0]) for _ in range(2)])
    first = run.named("mutate")[0]
    assert [a.label() for a in first.args] == ["weights: list=[0.0, 0.0]"]


def test_shed_records_still_count_every_call(backend: str) -> None:
    """Past the backlog bound, records are counted, not built: counts stay exact."""
    from debugflow.formatting import describe
    from debugflow.tracer.calltree import CallTreeBuilder
    from debugflow.tracer.codefilter import CodeFilter
    from debugflow.tracer.codetable import CodeTable
    from debugflow.tracer.hotpath import HotPath
    from debugflow.tracer.previewing import Previewer
    from debugflow.tracer.selector import choose_backend

    table = CodeTable(CodeFilter(Path(__file__).parent), 5, 1000)
    records: list[tuple[object, ...]] = []
    tracer = choose_backend(backend).create()
    hot = HotPath(records, table, Previewer(describe))
    tracer.start(hot)
    tracee.loop(300)
    for _ in range(20):
        sum(tracee.squares(3))
    with contextlib.suppress(ValueError):
        tracee.propagate()
    tracer.stop()
    builder = CallTreeBuilder(table, hot.tree)
    half = len(records) // 2
    builder.feed(records[:half])
    assert builder.shed(records[half:]) == len(records) - half
    everything = builder.stats(only_changed=False)
    stats = {s.function: s for s in everything if isinstance(s, FunctionStats)}
    assert stats["add"].calls == 300 + 20 * 3 and stats["loop"].calls == 1
    assert stats["squares"].calls == 20
    assert (stats["boom"].exceptions, stats["propagate"].exceptions) == (1, 1)
    assert builder.calls == 300 + 20 * 3 + 1 + 20 + 2
    assert builder.feed([]) == []


def test_code_flags_written_out_match_inspect() -> None:
    assert (codetable.CO_NEWLOCALS, codetable.CO_VARARGS, codetable.CO_VARKEYWORDS) == (
        inspect.CO_NEWLOCALS,
        inspect.CO_VARARGS,
        inspect.CO_VARKEYWORDS,
    )
    assert (codetable.CO_GENERATOR, codetable.CO_COROUTINE) == (
        inspect.CO_GENERATOR,
        inspect.CO_COROUTINE,
    )
    assert (codetable.CO_ITERABLE_COROUTINE, codetable.CO_ASYNC_GENERATOR) == (
        inspect.CO_ITERABLE_COROUTINE,
        inspect.CO_ASYNC_GENERATOR,
    )
