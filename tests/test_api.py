"""The Python API and the seed-compatible API, used by real programs, recorded in the store."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import run
from debugflow.protocol import CallStarted, Pulse
from debugflow.storage import RunStore

PROGRAMS = Path(__file__).parent / "api_programs"


def _python(program: str, env: dict[str, str], *args: str) -> str:
    import sys

    result = run([sys.executable, program, *args], env, cwd=PROGRAMS)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _store(env: dict[str, str]) -> RunStore:
    return RunStore(Path(env["FLOW_DATA_DIR"]) / "runs.db")


def test_trace_context_manager_and_decorator(flow_env: dict[str, str]) -> None:
    assert _python("with_trace.py", flow_env) == "3\n"
    with _store(flow_env) as store:
        runs = store.runs()
        assert [r.kind for r in runs] == ["api", "api"]
        calls = [
            [e for e in store.events(r.run_id) if isinstance(e, CallStarted)]
            for r in reversed(runs)
        ]
        pulses = [e for e in store.events(runs[0].run_id) if isinstance(e, Pulse)]
    assert [[a.label() for a in c.args] for c in calls[0]] == [["x: int=20", "y: int=22"]]
    assert [c.function for c in calls[1]] == ["decorated", "add"]
    (pulse,) = pulses
    assert (pulse.name, pulse.returns, [p.label() for p in pulse.params]) == (
        "inside",
        "ok",
        ["step: int=1"],
    )
    assert pulse.parent_id == calls[1][0].call_id


def test_launch_by_name_returns_result_and_records(flow_env: dict[str, str]) -> None:
    assert _python("seed_launch.py", flow_env) == "30\n"
    with _store(flow_env) as store:
        (summary,) = store.runs()
        calls = [e for e in store.events(summary.run_id) if isinstance(e, CallStarted)]
    assert summary.kind == "launch"
    assert [c.function for c in calls] == ["runme", "add", "add"]


def test_launch_cinematic_pacing_is_slower(flow_env: dict[str, str]) -> None:
    started = time.monotonic()
    assert _python("seed_launch.py", flow_env, "cinematic") == "30\n"
    # Three traced calls, each paused for the cinematic delay (0.15 s).
    assert time.monotonic() - started >= 0.45


def test_flow_bridge_pulse_recorded_without_a_hud(flow_env: dict[str, str]) -> None:
    assert _python("seed_bridge.py", flow_env) == "sent\n"
    with _store(flow_env) as store:
        (summary,) = store.runs()
        (pulse,) = [e for e in store.events(summary.run_id) if isinstance(e, Pulse)]
    assert pulse.name == "checkpoint_saved" and pulse.node_type == "success"
    labels = {p.label() for p in pulse.params}
    assert {"epoch: int=3", "loss: float=0.142", "session: str='my-session-id'"} <= labels
