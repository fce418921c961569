"""The ghost sandbox cannot hurt: real files, a real listening socket and real processes stay
untouched, the parent process is unaffected, and every pass ends within its caps, with
bubblewrap and with the audit hook alone.

Time bounds here only keep a broken sandbox from hanging the suite; they are not speed claims.
"""

from __future__ import annotations

import builtins
import importlib.util
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debugflow.protocol import CallStarted
from ghost_helpers import HAZARDS, calls, ends, ghost, reached, returned
from ghost_sandbox_helpers import ISOLATIONS, hazards_project, use_isolation

HANG_GUARD_SECONDS = 60.0


@pytest.fixture(params=ISOLATIONS)
def isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test runs once with bubblewrap and once with the audit hook alone."""
    return use_isolation(monkeypatch, str(request.param))


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A real file outside the ghost folder that the hazard functions try to destroy."""
    folder = tmp_path / "precious"
    folder.mkdir()
    target = folder / "keep.txt"
    target.write_text("keep", encoding="utf-8")
    return target


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A real TCP server on port 0 that the hazard function tries to reach."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.5)
    yield server
    server.close()


def test_deleting_renaming_and_writing_outside_the_folder_is_refused(
    isolation: str, victim: Path, tmp_path: Path
) -> None:
    result = ghost(hazards_project(tmp_path, victim=victim), "danger.py:delete_files")
    assert victim.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["keep.txt"]
    assert len(calls(result, "note_refusal")) == 7  # every one of the seven attempts refused
    assert returned(result, "delete_files") == ["'done'"]
    assert any(n.startswith("refused os.remove outside the ghost folder") for n in result.notes)


def test_network_connections_are_refused(
    isolation: str, listener: socket.socket, tmp_path: Path
) -> None:
    root = hazards_project(tmp_path, port=listener.getsockname()[1])
    result = ghost(root, "danger.py:open_socket")
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody ever connected
    (end,) = ends(result).values()
    assert end.exc_type == "PermissionError" and "network access" in (end.exc_message or "")


def test_processes_are_not_started(isolation: str, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    result = ghost(hazards_project(tmp_path, marker=marker), "danger.py:spawn_process")
    assert not marker.exists()
    assert len(calls(result, "note_refusal")) == 5  # run, system, fork, exec, kill
    assert returned(result, "spawn_process") == ["5"]


@pytest.mark.parametrize("entry", ["exit_early", "exit_hard"])
def test_sys_exit_and_os_exit_are_trapped(entry: str) -> None:
    result = ghost(HAZARDS, f"danger.py:{entry}")
    (end,) = ends(result).values()
    assert end.outcome == "exception" and end.exc_type == "SystemExit"
    assert result.attempts >= 1  # the child reported to its end instead of vanishing
    assert any("was trapped" in note for note in result.notes)
    assert result.stopped_by is None


def test_a_loop_without_calls_ends_at_the_wall_clock_cap() -> None:
    began = time.monotonic()
    result = ghost(HAZARDS, "danger.py:loop_forever", max_seconds=0.5)
    assert time.monotonic() - began < HANG_GUARD_SECONDS
    assert result.stopped_by == "time"
    (call,) = calls(result, "loop_forever")
    assert call.call_id not in ends(result)  # left running, as the HUD shows it


def test_a_loop_of_calls_ends_at_the_call_cap() -> None:
    result = ghost(HAZARDS, "danger.py:loop_calling", max_calls=20)
    assert result.stopped_by == "calls"
    started = [e for e in result.events if isinstance(e, CallStarted)]
    assert len(started) == 20
    (loop,) = calls(result, "loop_calling")
    assert loop.call_id not in ends(result)
    assert all(c.call_id in ends(result) for c in calls(result, "step"))


def test_deep_recursion_ends_at_the_call_cap() -> None:
    result = ghost(HAZARDS, "danger.py:recurse")
    assert result.stopped_by == "calls"
    assert len(calls(result, "recurse")) == 50
    assert ends(result) == {}  # the whole chain was left running
    assert result.to_json()["stopped_by_text"] == "the call cap (50 calls)"


def test_input_is_answered_five_times_then_the_pass_stops() -> None:
    result = ghost(HAZARDS, "danger.py:read_forever")
    assert result.stopped_by == "inputs"
    assert len(calls(result, "count_answer")) == 5


def test_sleep_returns_at_once() -> None:
    result = ghost(HAZARDS, "danger.py:sleep_long", max_seconds=2.0)
    assert result.stopped_by is None
    assert "danger:woke_up" in reached(result)


def test_a_program_that_swallows_the_stop_is_killed() -> None:
    began = time.monotonic()
    result = ghost(HAZARDS, "danger.py:swallow_stops", max_seconds=0.5)
    assert time.monotonic() - began < HANG_GUARD_SECONDS
    assert result.stopped_by == "time"
    assert any("killed" in note for note in result.notes)


def test_a_program_blocked_in_c_code_is_killed() -> None:
    began = time.monotonic()
    result = ghost(HAZARDS, "danger.py:block_in_c", max_seconds=0.5)
    assert time.monotonic() - began < HANG_GUARD_SECONDS
    assert result.stopped_by in ("time", "killed")
    assert "danger:block_in_c" in reached(result)


def test_nothing_leaks_into_the_parent(isolation: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("ghost_danger", HAZARDS / "danger.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cwd, sleep, read, hard_exit = os.getcwd(), time.sleep, builtins.input, os._exit
    result = ghost(HAZARDS, "danger.py:mutate_globals")
    assert returned(result, "mutate_globals") == ["1"]  # it did mutate, in the child
    assert module.STATE == []
    assert "GHOST_LEAK" not in os.environ
    assert os.getcwd() == cwd
    assert (time.sleep, builtins.input, os._exit) == (sleep, read, hard_exit)
    (tmp_path / "still-writable.txt").write_text("no audit hook here", encoding="utf-8")


def test_writes_inside_the_ghost_folder_are_allowed(isolation: str) -> None:
    result = ghost(HAZARDS, "danger.py:write_inside")
    assert returned(result, "write_inside") == ["'mock\\nkept inside'"]
    assert not any(note.startswith("refused") for note in result.notes)
