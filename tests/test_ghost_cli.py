"""`flow ghost`: the terminal tree, `--report`, `--report --json`, and the run kept in the store."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from debugflow.config import FlowConfig
from debugflow.errors import TargetError
from debugflow.ghost import add_ghost_parser, record_ghost, run_ghost, run_ghost_command
from debugflow.protocol import CallEnded, CallStarted, RunEnded, RunStarted, UnreachedFunction
from debugflow.storage import RunStore
from ghost_helpers import HAZARDS, LAUNCHER, SHOP, ghost


def _flow(args: list[str], cwd: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir)}
    env.pop("FLOW_PROJECT_ROOT", None)
    command = [sys.executable, "-m", "debugflow.ghost.cli", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_report_json_lists_every_mapped_function_with_reached_and_reason(tmp_path: Path) -> None:
    done = _flow(["limits.py:sync", "--report", "--json"], SHOP, tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    rows = {row["function"]: row for row in report["functions"]}
    assert set(rows) == {"limits:sync", "limits:offline", "limits:online"}
    assert all({"function", "reached", "reason"} <= set(row) for row in rows.values())
    assert rows["limits:offline"] == {**rows["limits:offline"], "reached": True, "reason": None}
    assert rows["limits:online"]["reached"] is False
    assert "returned without calling it" in rows["limits:online"]["reason"]
    assert report["run_id"]


def test_report_names_the_exception_and_the_parameter_behind_it(tmp_path: Path) -> None:
    done = _flow(["limits.py:route", "--report", "--json", "--max-calls", "2"], SHOP, tmp_path)
    report = json.loads(done.stdout)
    rows = {row["function"]: row for row in report["functions"]}
    premium = rows["limits:premium"]["reason"]
    assert premium.startswith("never called: route raised ValueError")
    assert "parameter raw: str='mock'" in premium
    assert report["stopped_by"] == "calls"


def test_report_names_the_cap_that_stopped_the_pass(tmp_path: Path) -> None:
    done = _flow(["danger.py:read_forever", "--report", "--json"], HAZARDS, tmp_path)
    report = json.loads(done.stdout)
    assert report["stopped_by"] == "inputs"
    assert report["stopped_by_text"] == "the input() cap (5 answers)"


def test_report_table_in_the_terminal(tmp_path: Path) -> None:
    done = _flow(["limits.py:describe_order", "--report"], SHOP, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "limits:summarize" in done.stdout and "yes" in done.stdout
    assert "order of limits:describe_order: no annotation" in done.stdout
    assert "recorded as ghost run" in done.stdout


def test_flow_ghost_prints_the_tree_with_mock_arguments_and_dimmed_unreached_nodes(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "FLOW_DATA_DIR": str(tmp_path)}
    flow = [sys.executable, "-m", "debugflow.cli.main", "ghost", "limits.py:sync"]
    done = subprocess.run(flow, cwd=SHOP, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "attempt 1\n" in done.stdout and "sync(config_path: PosixPath=" in done.stdout
    assert "offline(url: str='mock'" in done.stdout
    assert "○ online — never called: sync returned without calling it" in done.stdout


def test_the_pass_is_recorded_as_a_ghost_run(tmp_path: Path) -> None:
    result = ghost(SHOP, "limits.py:sync")
    store_path = tmp_path / "runs.db"
    run_id = record_ghost(result, store_path)
    with RunStore(store_path) as store:
        summary = store.summary(run_id)
        stored = list(store.events(run_id))
    assert summary.kind == "ghost" and summary.status == "ended"
    assert isinstance(stored[0], RunStarted) and stored[0].kind == "ghost"
    assert isinstance(stored[-1], RunEnded)
    starts = [e for e in stored if isinstance(e, CallStarted)]
    assert [s.function for s in starts] == [
        e.function for e in result.events if isinstance(e, CallStarted)
    ]
    assert starts[0].args == next(e for e in result.events if isinstance(e, CallStarted)).args
    assert sum(isinstance(e, CallEnded) for e in stored) == len(starts)
    (unreached,) = [e for e in stored if isinstance(e, UnreachedFunction)]
    assert unreached.function == "online" and unreached.parent_id == starts[0].call_id
    assert unreached.reason.startswith("never called: sync returned without calling it")


def test_a_capped_pass_is_recorded_with_the_running_node_open(tmp_path: Path) -> None:
    result = ghost(HAZARDS, "danger.py:loop_calling", max_calls=5)
    run_id = record_ghost(result, tmp_path / "runs.db")
    with RunStore(tmp_path / "runs.db") as store:
        stored = list(store.events(run_id))
    ended = {e.call_id for e in stored if isinstance(e, CallEnded)}
    loop = next(e for e in stored if isinstance(e, CallStarted) and e.function == "loop_calling")
    assert loop.call_id not in ended


def test_run_ghost_command_from_a_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FLOW_DATA_DIR", str(tmp_path))
    parser = argparse.ArgumentParser(prog="flow")
    add_ghost_parser(parser.add_subparsers())
    args = parser.parse_args(["ghost", "limits.py:retry", "--root", str(SHOP), "--json"])
    assert args.func is run_ghost_command
    assert args.func(args) == 0
    report = json.loads(capsys.readouterr().out)
    config = FlowConfig.from_env(root=str(SHOP))
    with RunStore(config.store_path) as store:
        assert store.summary(report["run_id"]).kind == "ghost"


def test_run_ghost_accepts_a_function_object() -> None:
    spec = importlib.util.spec_from_file_location("ghost_danger_object", HAZARDS / "danger.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = run_ghost(module.sleep_long, root=HAZARDS)
    assert result.static_map.entry == "danger:sleep_long"
    assert {f.function for f in result.functions if f.reached} == {
        "danger:sleep_long",
        "danger:woke_up",
    }


def test_a_script_that_calls_launch_at_module_level() -> None:
    """Importing the script in the sandbox does not start its live run (or another pass)."""
    result = run_ghost("script.py:runme", root=LAUNCHER)
    assert {f.function for f in result.functions if f.reached} == {"script:runme", "script:add"}
    assert not any("refused" in note for note in result.notes)


def test_an_unknown_target_is_a_clear_error(tmp_path: Path) -> None:
    done = _flow(["no_such_file.py:main"], SHOP, tmp_path)
    assert done.returncode == 2
    assert "no such file or project module: no_such_file.py" in done.stderr
    malformed = _flow(["limits.py"], SHOP, tmp_path)
    assert malformed.returncode == 2 and "FILE.py:FUNCTION" in malformed.stderr


def test_a_function_the_file_does_not_have_is_a_clear_error(tmp_path: Path) -> None:
    for extra in ([], ["--report", "--json"]):
        done = _flow(["limits.py:setle", *extra], SHOP, tmp_path)
        assert done.returncode == 2, done.stdout
        assert done.stdout == ""
        assert done.stderr == (
            "flow: limits.py has no function or method 'setle' (did you mean 'settle'?)\n"
        )
    assert not (tmp_path / "runs.db").exists()  # nothing ran, nothing was recorded


def test_a_missing_entry_fails_before_any_child_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    from debugflow.ghost import dryrun

    def no_child(request: object) -> None:
        raise AssertionError("a child was started for a target that does not exist")

    monkeypatch.setattr(dryrun, "run_child", no_child)
    with pytest.raises(TargetError, match="has no function or method 'nope'"):
        run_ghost("limits.py:nope", root=SHOP)


def test_a_function_a_module_imports_is_still_a_target() -> None:
    """`reexport.py:discount` is bound by an import: the pass runs it."""
    result = run_ghost("reexport.py:discount", root=SHOP)
    assert {f.function for f in result.functions if f.reached} == {"pricing:discount"}


def test_a_name_missing_only_at_run_time_is_the_same_error(tmp_path: Path) -> None:
    """A module that makes names at run time cannot be judged from source: the sandbox's
    import settles it, and the target is still an error."""
    (tmp_path / "made.py").write_text(
        "for _name in ('alpha', 'beta'):\n    globals()[_name] = print\n", encoding="utf-8"
    )
    with pytest.raises(TargetError, match=r"^made\.py has no function or method 'nope' \(checked"):
        run_ghost("made.py:nope", root=tmp_path)
    assert {f.function for f in run_ghost("made.py:alpha", root=tmp_path).functions} == set()
