"""The Python API and the seed-compatible API, used by real programs, recorded in the store."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run
from debugflow.protocol import CallStarted, Pulse
from debugflow.storage import RunStore

PROGRAMS = Path(__file__).parent / "api_programs"


def _python(program: str, env: dict[str, str], *args: str) -> str:
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


def test_a_second_session_in_one_process_is_refused(tmp_path: Path) -> None:
    """A session owns the process's hooks: a second one would take them over silently."""
    from debugflow.config import FlowConfig
    from debugflow.errors import FlowError
    from debugflow.run.session import TraceSession, active_session

    config = FlowConfig.from_env(env={"FLOW_DATA_DIR": str(tmp_path)}, root=str(tmp_path))
    first = TraceSession(config, kind="test")
    first.start()
    try:
        with pytest.raises(FlowError, match="already being traced"):
            TraceSession(config, kind="test").start()
        assert active_session() is first
    finally:
        first.stop(0)
    assert active_session() is None


def _launch(case: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "launch_cases.py", case], env, cwd=PROGRAMS)


def _launched_calls(env: dict[str, str]) -> list[CallStarted]:
    with _store(env) as store:
        launched = [r for r in store.runs() if r.kind == "launch"]
        assert len(launched) == 1
        return [e for e in store.events(launched[0].run_id) if isinstance(e, CallStarted)]


def test_the_seeds_ghost_example_calls_with_the_ghost_pass_mock_arguments(
    flow_env: dict[str, str],
) -> None:
    """`def my_function(x, y): return x + y` has no hints; the ghost pass's stand-ins were
    used as numbers, so the live call gets the number mock for each."""
    done = run([sys.executable, "seed_ghost.py"], flow_env, cwd=PROGRAMS)
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "debugflow: launch(): calling my_function with the ghost pass's mock arguments x=1, y=1\n"
    )
    with _store(flow_env) as store:
        assert sorted(r.kind for r in store.runs()) == ["ghost", "launch"]
    (call,) = _launched_calls(flow_env)
    assert [a.label() for a in call.args] == ["x: int=1", "y: int=1"]


def test_launch_passes_real_arguments_and_carries_nothing(flow_env: dict[str, str]) -> None:
    done = _launch("given", flow_env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "int 5\n", "")
    (call,) = _launched_calls(flow_env)
    assert [a.label() for a in call.args] == ["x: int=2", "y: int=3"]


def test_plain_mock_values_are_carried_with_their_types(flow_env: dict[str, str]) -> None:
    done = _launch("shapes", flow_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "str [1] {'mock': 1.0} (1, 'mock') True mock\n"
    assert done.stderr.endswith(
        "items=[1], table={'mock': 1.0}, pair=(1, 'mock'), flag=True, note='mock'\n"
    )
    keyword = _launch("keyword", flow_env)
    assert keyword.stdout == "str 1 mock\n", keyword.stderr  # `second` is keyword-only
    grow = _launch("grow", flow_env)  # the ghost pass appended to its list: not carried
    assert (grow.stdout, grow.stderr.endswith("items=[1]\n")) == ("int 2\n", True), grow.stderr


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "no_ghost",
            'launch(): my_function needs arguments x, y: pass them as launch("my_function", x, y)',
        ),
        (
            "no_ghost_some",
            'launch(): my_function needs argument y: pass them as launch("my_function", x, y)',
        ),
        (
            "not_plain",
            "launch(): save needs arguments folder, count (the ghost pass's mock values cannot be"
            " carried: folder is a PosixPath, not a plain value):"
            ' pass them as launch("save", folder, count)',
        ),
        (
            "hidden",
            "launch(): hidden needs argument x (the ghost pass could not call it):"
            ' pass it as launch("hidden", x)',
        ),
        (
            "too_many",
            "launch(): my_function cannot take these arguments: too many positional arguments",
        ),
        (
            "typo",
            "launch(): the calling module has no function 'my_functon'"
            " (did you mean 'my_function'?)",
        ),
    ],
)
def test_arguments_launch_cannot_supply_are_named_not_a_traceback(
    flow_env: dict[str, str], case: str, message: str
) -> None:
    done = _launch(case, flow_env)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"debugflow: {message}\n")
    with _store(flow_env) as store:
        assert not [r for r in store.runs() if r.kind == "launch"]  # no live run started
