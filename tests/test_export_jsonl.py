"""JSON Lines export: a header, then one protocol event per line that reads back unchanged."""

from __future__ import annotations

import io
import json

import pytest

from debugflow.exporters import EXPORTERS, read_jsonl, write_jsonl
from debugflow.protocol import (
    PROTOCOL_VERSION,
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    Paused,
    Pulse,
    Resumed,
    RunEnded,
    RunStarted,
    ThreadSeen,
    event_from_wire,
)


def sample_run() -> list[Event]:
    """One of every event kind, with tuples, nested previews and None fields."""
    return [
        RunStarted("run-j", ("app.py", "-v"), "/proj", "3.12", "monitoring", "3.12+", 1e9, 7),
        ThreadSeen(1, "MainThread"),
        CallStarted(1, None, 1, 9, "main", "app", "/a.py", 1, None,
                    (ArgPreview("n", "int", "3"), ArgPreview("s", "str", "'é'")), 10),
        Pulse("mark", (ArgPreview("k", "str", "'v'"),), None, "info", 11, 1, 1),
        CallEnded(1, 20, "exception", ArgPreview("return", "int", "1"), "KeyError", "'x'", 3,
                  ("ValueError", "TypeError")),
        Paused(4, 1, "/a.py", 2, "main", "breakpoint", 12, "MainThread", "breakpoint 1", 1),
        Resumed(5, 1, "step", 13),
        FunctionStats("main", "app", "/a.py", 1, 1, 1, 10, 10, 10, 10, 10),
        RunEnded(1e9 + 2, 1, 1, 1, 0),
    ]  # fmt: skip


def export(events: list[Event]) -> tuple[int, list[str]]:
    out = io.StringIO()
    count = write_jsonl(events, out)
    return count, out.getvalue().splitlines()


def test_the_first_line_names_the_format_and_protocol() -> None:
    count, lines = export(sample_run())
    assert json.loads(lines[0]) == {"format": "debugflow-jsonl", "protocol": PROTOCOL_VERSION}
    assert count == len(lines) - 1 == 9
    assert EXPORTERS["jsonl"] is write_jsonl


def test_every_line_reads_back_through_event_from_wire() -> None:
    _, lines = export(sample_run())
    assert [event_from_wire(json.loads(line)) for line in lines[1:]] == sample_run()


def test_read_jsonl_round_trips_a_file() -> None:
    out = io.StringIO()
    write_jsonl(sample_run(), out)
    out.seek(0)
    assert list(read_jsonl(out)) == sample_run()


@pytest.mark.parametrize(
    ("first_line", "message"),
    [
        ('{"type": "run"}', "not a debugflow-jsonl file"),
        ("not json", "not a debugflow-jsonl file"),
        (
            json.dumps({"format": "debugflow-jsonl", "protocol": PROTOCOL_VERSION + 1}),
            "reads up to",
        ),
    ],
)
def test_read_jsonl_refuses_foreign_and_newer_files(first_line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(read_jsonl([first_line + "\n"]))


def test_a_pause_is_a_line_of_type_pause_with_where_why_and_its_number() -> None:
    _, lines = export(sample_run())
    pause = next(json.loads(line) for line in lines if '"type":"pause"' in line)
    assert pause == {
        "type": "pause", "seq": 4, "thread": 1, "file": "/a.py", "line": 2, "function": "main",
        "reason": "breakpoint", "ts_ns": 12, "thread_name": "MainThread",
        "detail": "breakpoint 1", "parent_id": 1,
    }  # fmt: skip
