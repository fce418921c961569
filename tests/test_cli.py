"""The store commands a person uses after a run: runs, show, stats, export, doctor, logs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import flow, run


def test_runs_lists_newest_first_and_clear_empties(flow_env: dict[str, str]) -> None:
    for program in ("classes.py", "exit3.py"):
        flow("run", program, env=flow_env)
    listed = flow("runs", env=flow_env)
    assert listed.returncode == 0
    assert listed.stdout.index("exit3.py") < listed.stdout.index("classes.py")
    assert "deleted 2 runs" in flow("runs", "--clear", env=flow_env).stdout
    assert "no runs recorded yet" in flow("runs", env=flow_env).stdout


def test_show_prints_tree_with_arguments_returns_and_exceptions(flow_env: dict[str, str]) -> None:
    flow("run", "fidelity.py", env=flow_env)
    shown = flow("show", env=flow_env)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "walk(steps: int=3000)" in text
    assert "Vector.add" in text and "×" in text  # collapsed repeated calls
    add = next(line for line in text.splitlines() if "Vector.add(" in line)
    assert "×3,000" in add  # every call, exactly, far past the detail budget
    assert "ValueError" in text and "risky" in text
    assert "min " in text and "median " in text and "max " in text


def test_show_unknown_run_is_a_clear_error(flow_env: dict[str, str]) -> None:
    flow("run", "classes.py", env=flow_env)
    shown = flow("show", "nonexistent-run", env=flow_env)
    assert shown.returncode == 2
    assert "nonexistent-run" in shown.stderr


def test_export_chrome_trace_opens_as_trace_events(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    flow("run", "threads.py", env=flow_env)
    out = tmp_path / "trace.json"
    assert flow("export", "--format", "chrome", "-o", str(out), env=flow_env).returncode == 0
    trace = json.loads(out.read_text())
    complete = [e for e in trace["traceEvents"] if e["ph"] == "X"]
    names = {e["name"] for e in complete}
    assert {"work", "square"} <= names
    thread_names = {
        e["args"]["name"]
        for e in trace["traceEvents"]
        if e["ph"] == "M" and e["name"] == "thread_name"
    }
    assert {"worker-0", "worker-3"} <= thread_names
    assert all("dur" in e and "ts" in e for e in complete)


def test_export_jsonl_has_header_and_events(flow_env: dict[str, str]) -> None:
    flow("run", "classes.py", env=flow_env)
    lines = flow("export", "--format", "jsonl", env=flow_env).stdout.splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "debugflow-jsonl"
    kinds = {json.loads(line)["type"] for line in lines[1:]}
    assert {"run", "call", "end", "stats"} <= kinds


def test_doctor_names_backend_and_reason(flow_env: dict[str, str]) -> None:
    out = flow("doctor", env=flow_env).stdout
    expected = "monitoring" if sys.version_info >= (3, 12) else "settrace"
    assert f"backend:       {expected}" in out
    assert "reason:" in out and "run store:" in out
    forced = flow("doctor", env={**flow_env, "FLOW_BACKEND": "settrace"}).stdout
    assert "forced by FLOW_BACKEND=settrace" in forced


def test_logs_on_writes_project_log(tmp_path: Path, flow_env: dict[str, str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text("print('hi')\n")
    env = {**flow_env, "FLOW_PROJECT_ROOT": str(project)}
    assert "logging is on" in flow("logs", "on", env=env, cwd=project).stdout
    assert (tmp_path / "data" / "logging-on").exists()
    assert flow("run", "app.py", env=env, cwd=project).stdout == "hi\n"
    assert "started (" in (project / "logs" / "debugflow.log").read_text()
    assert "logging is off" in flow("logs", "off", env=env, cwd=project).stdout


def test_log_scripts_say_why_a_linked_data_folder_is_refused(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    """`flow-logs-on` with a data folder that is a symbolic link: a message, no traceback."""
    shared, project = tmp_path / "shared", tmp_path / "project"
    shared.mkdir()
    project.mkdir()
    (project / ".debugflow").symlink_to(shared)  # as a repository could ship it
    env = {k: v for k, v in flow_env.items() if k != "FLOW_DATA_DIR"}
    env["FLOW_PROJECT_ROOT"] = str(project)
    script = "from debugflow.cli.logs_cmd import on_main; on_main()"
    result = run([sys.executable, "-c", script], env=env, cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("flow-logs: ") and "Traceback" not in result.stderr


def test_a_broken_layer_fails_loudly_instead_of_vanishing(flow_env: dict[str, str]) -> None:
    """`flow ghost` once vanished ("invalid choice") when its module failed to import."""
    broken = (
        "import sys; sys.modules['debugflow.ghost.cli'] = None\n"
        "from debugflow.cli.main import main\n"
        "sys.exit(main(['ghost', '--help']))\n"
    )
    result = run([sys.executable, "-c", broken], env=flow_env)
    assert result.returncode != 0
    assert "debugflow.ghost.cli" in result.stderr and "invalid choice" not in result.stderr
    assert "flow ghost" in flow("ghost", "--help", env=flow_env).stdout
