"""Chrome Trace Event export: valid JSON that Perfetto UI draws as the run's timeline."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import debugflow.exporters as exporters
from debugflow.exporters import EXPORTERS, write_chrome_trace
from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
)
from debugflow.storage import RunStore

MAIN, WORKER = 140_234_567_891_200, 140_234_567_999_000  # Python thread idents are big
RUN = RunStarted("run-c", ("app.py", "--n", "3"), "/proj", "3.11", "settrace", "d", 1e9, 5_000)


def call(call_id: int, parent: int | None, thread: int, name: str, start_ns: int,
         *args: ArgPreview) -> CallStarted:  # fmt: skip
    return CallStarted(call_id, parent, thread, None, name, "app", "/a.py", 1, None, args, start_ns)


def sample_run() -> list[Event]:
    """main() calls parse(), which raises; a worker runs on; one call never ends."""
    return [
        RUN,
        ThreadSeen(MAIN, "MainThread"),
        ThreadSeen(WORKER, "worker-1"),
        call(1, None, MAIN, "main", 6_000, ArgPreview("n", "int", "3")),
        call(2, 1, MAIN, "Parser.parse", 7_000, ArgPreview("raw", "bytes", "")),
        call(3, None, WORKER, "poll", 7_200),
        Pulse("checkpoint", (ArgPreview("step", "int", "1"),), "ok", "info", 7_500, MAIN, 2),
        CallEnded(2, 8_000, "exception", None, "ValueError", "bad input", 12),
        CallEnded(1, 10_000, "return", ArgPreview("return", "int", "3"), caught=("ValueError",)),
        FunctionStats("main", "app", "/a.py", 1, 1, 0, 4_000, 3_000, 4_000, 4_000, 4_000),
        RunEnded(1e9 + 1, 0, 3, 1, 0),
    ]


def export(events: list[Event]) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    count = write_chrome_trace(iter(events), out)
    return count, json.loads(out.getvalue())


def by_phase(trace: dict[str, Any], phase: str) -> list[dict[str, Any]]:
    return [e for e in trace["traceEvents"] if e["ph"] == phase]


def complete(trace: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [e for e in by_phase(trace, "X") if e["name"] == name]
    return found


def test_public_names_resolve() -> None:
    assert all(hasattr(exporters, name) for name in exporters.__all__)
    assert EXPORTERS["chrome"] is write_chrome_trace


def test_the_export_is_a_trace_object_with_run_information() -> None:
    count, trace = export(sample_run())
    assert count == len(trace["traceEvents"])
    assert trace["displayTimeUnit"] == "ms"
    other = trace["otherData"]
    assert (other["run_id"], other["argv"], other["backend"]) == (
        "run-c",
        "app.py --n 3",
        "settrace",
    )
    assert (other["exit_code"], other["calls"], other["exceptions"]) == (0, 3, 1)


def test_calls_become_complete_events_and_pulses_instants() -> None:
    _, trace = export(sample_run())
    assert sorted(e["name"] for e in by_phase(trace, "X")) == ["Parser.parse", "main", "poll"]
    (pulse,) = by_phase(trace, "i")
    assert (pulse["name"], pulse["s"], pulse["ts"]) == ("checkpoint", "t", 2.5)
    assert pulse["args"] == {"step": "int=1", "node_type": "info", "return": "ok"}


def test_times_are_microseconds_from_the_run_origin() -> None:
    _, trace = export(sample_run())
    main = complete(trace, "main")
    assert (main["ts"], main["dur"], main["cat"], main["pid"]) == (1.0, 4.0, "app", 1)


def test_a_nested_call_lies_inside_its_parent_on_the_same_thread() -> None:
    _, trace = export(sample_run())
    outer, inner = complete(trace, "main"), complete(trace, "Parser.parse")
    assert outer["tid"] == inner["tid"]
    assert outer["ts"] <= inner["ts"]
    assert inner["ts"] + inner["dur"] <= outer["ts"] + outer["dur"]


def test_arguments_return_values_and_exceptions_are_in_args() -> None:
    _, trace = export(sample_run())
    assert complete(trace, "main")["args"] == {
        "n": "int=3",
        "return": "int=3",
        "except": "ValueError",
    }
    assert complete(trace, "Parser.parse")["args"] == {
        "raw": "bytes", "raise": "ValueError: bad input (line 12)",
    }  # fmt: skip


def test_a_call_that_never_ended_lasts_until_the_last_timestamp() -> None:
    _, trace = export(sample_run())
    poll = complete(trace, "poll")
    assert poll["args"] == {"unfinished": True}
    assert poll["ts"] + poll["dur"] == 5.0  # the last event seen: main's end at 10_000 ns


def test_threads_are_named_and_numbered_small() -> None:
    _, trace = export(sample_run())
    names = {
        e["tid"]: e["args"]["name"] for e in by_phase(trace, "M") if e["name"] == "thread_name"
    }
    assert names == {1: "MainThread", 2: "worker-1"}
    assert complete(trace, "poll")["tid"] == 2
    assert trace["otherData"]["threads"] == {
        "1": f"MainThread ({MAIN})",
        "2": f"worker-1 ({WORKER})",
    }
    (process,) = [e for e in by_phase(trace, "M") if e["name"] == "process_name"]
    assert process["args"]["name"] == "python app.py --n 3"


def test_events_without_a_run_start_count_from_the_first_event() -> None:
    _, trace = export([call(1, None, MAIN, "f", 50_000), CallEnded(1, 52_000, "return")])
    assert (complete(trace, "f")["ts"], complete(trace, "f")["dur"]) == (0.0, 2.0)


def test_a_stored_run_exports_every_call(tmp_path: Path) -> None:
    with RunStore(tmp_path / "runs.db") as store:
        store.append("run-c", sample_run())
        _, trace = export(list(store.events("run-c")))
    assert len(by_phase(trace, "X")) == 3
    assert complete(trace, "Parser.parse")["args"]["raise"].startswith("ValueError")
