"""`flow debug` and `flow run --break` as a person uses them: breakpoint kinds, the prompt's
commands, quitting, the run's record of every pause, and a program left as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import flow, run
from debug_helpers import DEBUG_PROGRAMS, converse, debug, flow_stops
from debugflow.debugger import savefile
from debugflow.protocol import Paused, Resumed
from debugflow.storage import RunStore

ORDERS = [("orders.py", 1, "<module>")]


def stops_of(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    return flow_stops(result.stdout)


def test_a_conditional_breakpoint(backend: str, flow_env: dict[str, str]) -> None:
    result = debug(
        "orders.py",
        ["c", "p x", "c", "p x", "c"],
        flow_env,
        backend,
        "--break",
        "orders.py:11 if x > 5",
    )
    assert stops_of(result) == ORDERS + [("orders.py", 11, "run")] * 2
    assert "(flow) p x\n6\n" in result.stdout and "(flow) p x\n7\n" in result.stdout
    assert "breakpoint 1 (orders.py:11 if x > 5)" in result.stdout
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("spec", "xs"), [("orders.py:11 hit 5", ["4"]), ("orders.py:11 every 3", ["2", "5"])]
)
def test_hit_counts(spec: str, xs: list[str], backend: str, flow_env: dict[str, str]) -> None:
    commands = [c for _ in xs for c in ("c", "p x")] + ["c"]
    result = debug("orders.py", commands, flow_env, backend, "--break", spec)
    assert stops_of(result) == ORDERS + [("orders.py", 11, "run")] * len(xs)
    printed = [line for line in result.stdout.splitlines() if line.isdigit()]
    assert printed == xs


def test_a_logpoint_writes_into_the_run_and_never_pauses(
    backend: str, flow_env: dict[str, str]
) -> None:
    spec = "shop.py:12 log order {order.number} costs {amount}"
    result = debug("orders.py", ["c"], flow_env, backend, "--break", spec, args=("3",))
    assert stops_of(result) == ORDERS
    for n, amount in ((0, 1), (1, 3), (2, 5)):
        assert f"[log] order {n} costs {amount}" in result.stdout
    pulses = [e.name for e in _events(flow_env) if type(e).__name__ == "Pulse"]
    assert pulses == ["order 0 costs 1", "order 1 costs 3", "order 2 costs 5"]


def test_a_function_breakpoint_stops_at_each_call_of_it(
    backend: str, flow_env: dict[str, str]
) -> None:
    result = debug(
        "orders.py", ["c", "c", "c", "c"], flow_env, backend, "--break", "shop.process_order"
    )
    assert stops_of(result)[:4] == ORDERS + [("shop.py", 11, "process_order")] * 3
    assert "breakpoint 1 (shop.process_order)" in result.stdout


def test_a_method_breakpoint_by_qualname(backend: str, flow_env: dict[str, str]) -> None:
    result = debug(
        "orders.py",
        ["c", "p self.items", "c"],
        flow_env,
        backend,
        "--break",
        "shop.Order.total hit 2",
    )
    assert stops_of(result) == [*ORDERS, ("shop.py", 7, "total")]
    assert "(flow) p self.items\n[1, 2]\n" in result.stdout


def test_raised_exception_breakpoint(backend: str, flow_env: dict[str, str]) -> None:
    result = debug(
        "orders.py",
        ["c", "p order.number", "w", "c", "q"],
        flow_env,
        backend,
        "--break",
        "raised ValueError",
    )
    before, rest = result.stdout.split("(flow) w\n", 1)
    stack, after = rest.split("(flow)", 1)
    assert flow_stops(before + after) == ORDERS + [("shop.py", 13, "process_order")] * 2
    assert "ValueError: order 5 is too large: 11" in result.stdout
    assert "(flow) p order.number\n5\n" in result.stdout
    assert [
        line.split("(")[0].rsplit("/", 1)[-1]
        for line in stack.splitlines()
        if line[:2] in ("  ", "> ")
    ] == ["orders.py", "orders.py", "shop.py"]


def test_uncaught_exception_breakpoint_shows_where_it_was_raised(
    backend: str, flow_env: dict[str, str]
) -> None:
    plain = run([sys.executable, "failing.py"], flow_env, cwd=DEBUG_PROGRAMS)
    result = debug("failing.py", ["c", "p value", "c"], flow_env, backend, "--break", "uncaught")
    assert stops_of(result) == [("failing.py", 1, "<module>"), ("failing.py", 3, "check")]
    assert "breakpoint 1 (uncaught): ValueError: negative: -1" in result.stdout
    assert "(flow) p value\n-1\n" in result.stdout
    assert result.returncode == plain.returncode == 1
    assert result.stderr.endswith(plain.stderr)  # the traceback, as plain python prints it


def test_a_caught_exception_is_not_uncaught(backend: str, flow_env: dict[str, str]) -> None:
    result = debug("orders.py", ["c"], flow_env, backend, "--break", "uncaught")
    assert stops_of(result) == ORDERS
    assert result.returncode == 0


def test_breakpoints_set_at_the_prompt_are_kept_for_the_project(
    backend: str, flow_env: dict[str, str]
) -> None:
    first = debug(
        "orders.py",
        ["b shop.py:12", "b 11", "cl 3", "b", "c", "c", "q"],
        flow_env,
        backend,
        "--break",
        "orders.py:9",
    )
    assert "Breakpoint 3 at" in first.stdout and "Deleted breakpoint 3" in first.stdout
    assert stops_of(first) == [*ORDERS, ("orders.py", 9, "run"), ("shop.py", 12, "process_order")]
    data_dir = Path(flow_env["FLOW_DATA_DIR"])
    kept = savefile.load(data_dir)
    assert [spec.text() for spec in kept] == [f"{DEBUG_PROGRAMS / 'shop.py'}:12"]
    assert oct((data_dir / "breakpoints.json").stat().st_mode & 0o777) == "0o600"
    second = debug("orders.py", ["c", "c", "q"], flow_env, backend)
    assert stops_of(second) == ORDERS + [("shop.py", 12, "process_order")] * 2


def test_a_kept_breakpoint_follows_its_line_when_lines_above_it_change(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    script = tmp_path / "tally.py"
    body = "total = 0\nfor n in range(3):\n    total += n\nprint(total)\n"
    script.write_text(body)
    first = flow("debug", "tally.py", env=flow_env, cwd=tmp_path, stdin="b 3\nq\n")
    assert "Breakpoint 1 at" in first.stdout
    script.write_text('"""Tally."""\nimport sys\n\n' + body)  # three lines above it
    second = flow("debug", "tally.py", env=flow_env, cwd=tmp_path, stdin="c\np n\nc\nc\nc\n")
    assert stops_of(second) == [("tally.py", 1, "<module>")] + [("tally.py", 6, "<module>")] * 3
    assert "-> total += n" in second.stdout and "\n0\n" in second.stdout


def test_a_statement_at_the_prompt_runs_in_the_paused_frame(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    script = tmp_path / "work.py"
    script.write_text(
        "def work(n):\n    total = n\n    total += 1\n    return total\n\n\n"
        'print("result", work(1), flag)\n'.replace("print(", "flag = 0\nprint(")
    )
    commands = ["b work.py:3", "c", "total = 100", "!n = 7", "p total, n", "xs = [1]; xs.append(2)"]
    commands += ["p xs", "import math as m; global flag; flag = m.floor(2.5)", "1/0", "for", "c"]
    result = flow("debug", "work.py", env=flow_env, backend=backend, cwd=tmp_path,
                  stdin="\n".join(commands) + "\n")  # fmt: skip
    lines = result.stdout.splitlines()
    assert (
        "(flow) p total, n" in lines and lines[lines.index("(flow) p total, n") + 1] == "(100, 7)"
    )
    assert "[1, 2]" in lines
    assert "*** ZeroDivisionError: division by zero" in lines
    assert "*** SyntaxError: invalid syntax" in lines
    assert "result 101 2" in lines  # the local written back into the frame, the global set
    assert result.returncode == 0


def test_a_bad_breakpoint_is_an_error_before_anything_runs(flow_env: dict[str, str]) -> None:
    for spec, message in [
        ("orders.py:2", "line 2 of"),
        ("orders.py:11 if x >", "is not an expression"),
        ("orders.py:11 hit 0", "whole number from 1"),
        ("orders.py:11 when x", "cannot read 'when x'"),
    ]:
        result = flow("debug", "--break", spec, "orders.py", env=flow_env, cwd=DEBUG_PROGRAMS)
        assert result.returncode == 2, spec
        assert message in result.stderr and result.stdout == "", (spec, result.stderr)


def test_quit_and_the_end_of_the_commands(backend: str, flow_env: dict[str, str]) -> None:
    quit_now = debug("orders.py", ["n", "q"], flow_env, backend)
    assert stops_of(quit_now) == [*ORDERS, ("orders.py", 3, "<module>")]
    assert "processed" not in quit_now.stdout and quit_now.returncode == 0
    runs = _runs(flow_env)
    assert runs[0].status == "ended" and runs[0].exit_code is None
    ran_out = debug("orders.py", ["n"], flow_env, backend)
    assert stops_of(ran_out) == stops_of(quit_now)
    assert "processed" not in ran_out.stdout and ran_out.returncode == 0


def test_stdout_and_exit_code_are_the_programs(backend: str, flow_env: dict[str, str]) -> None:
    plain = run([sys.executable, "orders.py", "8"], flow_env, cwd=DEBUG_PROGRAMS)
    result = debug("orders.py", ["c"], flow_env, backend, "--break", "orders.py:9 if x == 99")
    printed = [
        line
        for line in result.stdout.splitlines()
        if not line.startswith(("> ", "-> ", "(flow) ", "The program finished"))
    ]
    assert "\n".join(printed) + "\n" == plain.stdout
    assert "The program finished with exit status 0." in result.stdout


def test_every_pause_is_in_the_store_and_the_jsonl_export(
    backend: str, flow_env: dict[str, str]
) -> None:
    result = debug(
        "workers.py", ["c", "n", "c", "c", "c"], flow_env, backend, "--break", "workers.py:5"
    )
    assert result.returncode == 0
    events = _events(flow_env)
    pauses = [e for e in events if isinstance(e, Paused)]
    resumes = [e for e in events if isinstance(e, Resumed)]
    assert [p.reason for p in pauses][:2] == ["step", "breakpoint"]
    assert all(p.thread_name for p in pauses) and len(pauses) == len(resumes) == 5
    seqs = sorted(e.seq for e in pauses + resumes)
    assert seqs == sorted(set(seqs)), "each state has one number"
    assert {p.thread_name for p in pauses[1:] if p.reason == "breakpoint"} == {
        "worker-0",
        "worker-1",
        "worker-2",
    }
    assert [r.how for r in sorted(resumes, key=lambda r: r.seq)] == [
        "continue",
        "next",
        "continue",
        "continue",
        "continue",
    ]
    exported = flow("export", "--format", "jsonl", env=flow_env, cwd=DEBUG_PROGRAMS)
    lines = [json.loads(line) for line in exported.stdout.splitlines()[1:]]
    wire = [line for line in lines if line["type"] == "pause"]
    assert len(wire) == 5
    for line in wire:
        assert {"file", "line", "function", "thread", "reason", "seq"} <= line.keys()
    breakpoint = next(line for line in wire if line["reason"] == "breakpoint")
    assert breakpoint["file"] == str(DEBUG_PROGRAMS / "workers.py")
    assert (breakpoint["line"], breakpoint["function"]) == (5, "work")
    assert breakpoint["thread"] in {p.thread for p in pauses}
    calls = [e for e in events if type(e).__name__ == "CallStarted" and e.function == "work"]
    assert sorted(a.label() for c in calls for a in c.args if a.name == "n") == [
        "n: int=0",
        "n: int=1",
        "n: int=2",
    ]  # the tracer still records each call's own arguments
    shown = flow("show", env=flow_env, cwd=DEBUG_PROGRAMS)
    assert "paused 5 times in the debugger:" in shown.stdout
    assert "breakpoint workers.py:5 work()" in shown.stdout


@pytest.mark.parametrize("program", ["orders.py", "failing.py", "workers.py", "exceptions.py"])
def test_flow_run_break_off_a_terminal_leaves_the_program_as_it_is(
    program: str, backend: str, flow_env: dict[str, str]
) -> None:
    plain = run([sys.executable, program], flow_env, cwd=DEBUG_PROGRAMS, stdin="")
    breaks = [
        "--break",
        f"{program}:1",
        "--break",
        "raised",
        "--break",
        "uncaught",
        "--break",
        "shop.process_order",
    ]
    traced = flow("run", *breaks, program, env=flow_env, backend=backend, cwd=DEBUG_PROGRAMS)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    pulses = [e.name for e in _events(flow_env) if type(e).__name__ == "Pulse"]
    assert pulses and all(p.endswith("(not paused: no terminal)") for p in pulses)
    assert pulses[0].startswith(f"breakpoint 1 ({program}:1) at ")
    assert not [e for e in _events(flow_env) if isinstance(e, Paused)]


def test_flow_run_break_on_a_terminal_pauses_and_takes_commands(
    backend: str, flow_env: dict[str, str]
) -> None:
    env = {**flow_env, "FLOW_BACKEND": backend, "TERM": "dumb"}
    args = [
        sys.executable,
        "-m",
        "debugflow",
        "run",
        "--break",
        "orders.py:11 if x == 3",
        "orders.py",
    ]
    screen = converse(args, env, ["p order.items", "c"])
    assert "breakpoint 1 (orders.py:11 if x == 3)" in screen
    assert "> " + str(DEBUG_PROGRAMS / "orders.py") + "(11)run()" in screen
    assert "[3, 4]" in screen and "processed [1, 3, 5, 7, 9]" in screen
    pauses = [e for e in _events(flow_env) if isinstance(e, Paused)]
    assert [(p.reason, p.line) for p in pauses] == [("breakpoint", 11)]


def _runs(flow_env: dict[str, str]) -> list[object]:
    with RunStore(Path(flow_env["FLOW_DATA_DIR"]) / "runs.db") as store:
        return list(store.runs())


def _events(flow_env: dict[str, str]) -> list[object]:
    with RunStore(Path(flow_env["FLOW_DATA_DIR"]) / "runs.db") as store:
        return list(store.events(store.resolve()))
