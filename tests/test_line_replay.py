"""Line replay of focused functions, end to end: real `flow run --lines` subprocesses, the
run store they write, `flow export --format jsonl`, and `/api/lines` on a real hub.

The oracle for the executed lines is `sys.settrace` itself: the same program run by plain
Python under a trace function that notes each line event of the focused functions' frames.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from debugflow.protocol import ArgPreview, LineCall, LineStats, NodeSeen
from debugflow.protocol.shapes import problems
from debugflow.protocol.viewer import LinesResult
from debugflow.storage import RunStore
from hub_helpers import get_json, http_url, receive_until, running_hub, ws_url

PROGRAM = """\
import os
import sys
import time


def helper(n):
    return n * 2


def work(items):
    total = 0
    for item in items:
        total += helper(item)
    if total > 100:
        raise ValueError(total)
    label = f"total={total}"
    return label


def gen(n):
    for i in range(n):
        yield i * i


def main():
    if len(sys.argv) > 1:  # wait for the test to say go
        deadline = time.monotonic() + 60
        while not os.path.exists(sys.argv[1]) and time.monotonic() < deadline:
            time.sleep(0.02)
    for size in (3, 1, 2):
        print(work(list(range(size))))
    try:
        work([100, 1])
    except ValueError as error:
        print("caught", error)
    print(sum(gen(4)))
    sys.exit(4)


main()
"""
FOCUSED = ("work", "gen")

# Runs the program under plain Python with a settrace that notes the line events of the
# focused functions' frames, one list per frame (a generator's across its resumptions).
ORACLE = """\
import json, runpy, sys
names, traces, order = set(sys.argv[2].split(",")), {}, []
def local(frame, event, arg):
    if event == "line":
        traces[id(frame)][1].append(frame.f_lineno)
    return local
def global_trace(frame, event, arg):
    code = frame.f_code
    if code.co_name in names and code.co_filename.endswith("prog.py"):
        if id(frame) not in traces:
            traces[id(frame)] = (code.co_name, [], frame)
            order.append(id(frame))
        return local
    return None
sys.argv = [sys.argv[1]]
sys.settrace(global_trace)
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
sys.settrace(None)
out = {}
for key in order:
    name, lines, _ = traces[key]
    out.setdefault(name, []).append(lines)
print(json.dumps(out))
"""
BACKENDS = ["settrace", "monitoring"] if sys.version_info >= (3, 12) else ["settrace"]


def _env(tmp_path: Path, backend: str, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(tmp_path / "data"), FLOW_BACKEND=backend, **more)
    return env


def _program(tmp_path: Path) -> Path:
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    return script


def _oracle(
    tmp_path: Path, script: Path, names: tuple[str, ...] = FOCUSED
) -> dict[str, list[list[int]]]:
    runner = tmp_path / "oracle.py"
    runner.write_text(ORACLE.replace('endswith("prog.py")', f'endswith("{script.name}")'))
    found = subprocess.run(
        [sys.executable, str(runner), str(script), ",".join(names)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    traces: dict[str, list[list[int]]] = json.loads(found.stdout.splitlines()[-1])
    return traces


def _stored(tmp_path: Path) -> tuple[str, list[Any]]:
    with RunStore(tmp_path / "data" / "runs.db") as store:
        run_id = store.resolve("latest")
        return run_id, list(store.events(run_id))


@pytest.mark.parametrize("backend", BACKENDS)
def test_flow_run_lines_records_the_lines_settrace_sees(tmp_path: Path, backend: str) -> None:
    script = _program(tmp_path)
    plain = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    traced = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "--lines", "prog.work", "--lines",
         "prog.py:gen", str(script)],
        cwd=tmp_path, env=_env(tmp_path, backend), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout, plain.stderr, plain.returncode
    )  # fmt: skip
    assert plain.returncode == 4
    oracle = _oracle(tmp_path, script)
    assert [len(oracle["work"]), len(oracle["gen"])] == [4, 1]

    _, events = _stored(tmp_path)
    nodes = {e.node_id: e.function for e in events if isinstance(e, NodeSeen)}
    calls = [e for e in events if isinstance(e, LineCall)]
    stats = {nodes[e.node_id]: e for e in events if isinstance(e, LineStats)}
    assert {nodes[c.node_id] for c in calls} == set(FOCUSED) == set(stats)  # nothing else
    for name in FOCUSED:
        mine = sorted((c for c in calls if nodes[c.node_id] == name), key=lambda c: c.start_ns)
        assert [[s.line for s in c.steps] for c in mine] == oracle[name]
        assert all(c.truncated == 0 for c in mine)
        times = [[s.t for s in c.steps] for c in mine]
        assert all(t == sorted(t) for t in times)
        expected = Counter(line for lines in oracle[name] for line in lines)
        assert {c.line: c.hits for c in stats[name].lines} == dict(expected)
        assert all(c.ns > 0 for c in stats[name].lines)

    work = sorted((c for c in calls if nodes[c.node_id] == "work"), key=lambda c: c.start_ns)
    line_of = {text.strip(): n for n, text in enumerate(PROGRAM.splitlines(), 1)}
    first = work[0].steps
    assert first[0] == (line_of["total = 0"], 0, (ArgPreview("total", "int", "0"),))
    label = [s for s in first if s.line == line_of['label = f"total={total}"']]
    assert [s.changed for s in label] == [(ArgPreview("label", "str", "'total=6'"),)]
    loop = [s.changed for s in first if s.line == line_of["for item in items:"]]
    assert [[p.value for p in changed] for changed in loop] == [["0"], ["1"], ["2"], []]
    raised = work[3].steps  # the call an exception left: its trace ends at the raise
    assert raised[-1].line == line_of["raise ValueError(total)"]
    gen = next(c for c in calls if nodes[c.node_id] == "gen")
    squares = [p.value for s in gen.steps for p in s.changed if p.name == "i"]
    assert squares == ["0", "1", "2", "3"]  # one trace across the generator's resumptions


COROUTINES = """\
import asyncio


async def fetch(n):
    got = []
    for i in range(n):
        await asyncio.sleep(0)
        got.append(i)
    return len(got)


async def main():
    print(sum(await asyncio.gather(fetch(2), fetch(3))))


asyncio.run(main())
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_focused_coroutine_is_one_trace_across_its_awaits(tmp_path: Path, backend: str) -> None:
    script = tmp_path / "coros.py"
    script.write_text(COROUTINES)
    done = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "-q", "--lines", "coros.fetch", str(script)],
        cwd=tmp_path, env=_env(tmp_path, backend), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.stdout, done.returncode) == ("5\n", 0)
    oracle = _oracle(tmp_path, script, ("fetch",))
    _, events = _stored(tmp_path)
    nodes = {e.node_id: e.function for e in events if isinstance(e, NodeSeen)}
    calls = [e for e in events if isinstance(e, LineCall) and nodes[e.node_id] == "fetch"]
    assert len(calls) == 2
    by_length = sorted([[s.line for s in c.steps] for c in calls], key=len)
    assert by_length == sorted(oracle["fetch"], key=len)


def test_the_jsonl_export_holds_the_line_events(tmp_path: Path) -> None:
    script = _program(tmp_path)
    env = _env(tmp_path, BACKENDS[-1])
    subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "-q", "--lines", "prog.work", str(script)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    run_id, events = _stored(tmp_path)
    exported = subprocess.run(
        [sys.executable, "-m", "debugflow", "export", "--format", "jsonl", run_id],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in exported.stdout.splitlines()[1:]]
    lines = [row for row in rows if row["type"] == "line"]
    stored = [e for e in events if isinstance(e, LineCall)]
    assert len(lines) == len(stored) == 4
    first = lines[0]
    assert set(first) == {"node_id", "thread_id", "start_ns", "steps", "truncated", "type"}
    assert first["steps"][0]["changed"] == [{"name": "total", "type": "int", "value": "0"}]
    assert [[s["line"] for s in row["steps"]] for row in lines] == [
        [s.line for s in call.steps] for call in stored
    ]
    assert [row for row in rows if row["type"] == "line_stats"]


def test_nothing_focused_means_no_line_events(tmp_path: Path) -> None:
    script = _program(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "-q", "--lines", "prog.never_called",
         str(script)],
        cwd=tmp_path, env=_env(tmp_path, BACKENDS[-1]), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 4
    _, events = _stored(tmp_path)
    assert not [e for e in events if isinstance(e, LineCall | LineStats)]
    assert [e for e in events if isinstance(e, NodeSeen) and e.function == "work"]


def test_a_bad_focus_name_is_refused_before_the_program_runs(tmp_path: Path) -> None:
    script = _program(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "--lines", "prog.py", str(script)],
        cwd=tmp_path, env=_env(tmp_path, BACKENDS[-1]), capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode != 0 and done.returncode != 4
    assert "names no function" in done.stderr
    assert "total=" not in done.stdout


async def _focus_through_the_hub(tmp_path: Path, info: Any, backend: str) -> dict[str, Any]:
    script = _program(tmp_path)
    gate = tmp_path / "gate"
    env = _env(tmp_path, backend, FLOW_HUB=info.url)
    process = subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", "-q", str(script), str(gate)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen: dict[str, Any] = {}
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(ws_url(info, "/ws/viewer"))
        runs = await receive_until(
            ws, lambda m: m["type"] == "runs" and any(r["live"] for r in m["runs"]), 30
        )
        run = next(r["id"] for r in runs["runs"] if r["live"])
        await ws.send_json({"type": "subscribe", "run": run})
        # The program's debugger speaks first (its state); requests before it are refused.
        await receive_until(ws, lambda m: m["type"] == "debug_state", 30)
        for id, function in enumerate(("prog.py", "prog.work"), 1):
            request = {"op": "focus", "function": function, "on": True}
            await ws.send_json({"type": "debug", "run": run, "id": id, "request": request})
            reply = await receive_until(
                ws, lambda m, id=id: m["type"] == "debug_reply" and m["id"] == id, 30
            )
            seen[function] = reply
        gate.touch()
        seen["output"] = (*await asyncio.to_thread(process.communicate, timeout=60),)
        seen["code"] = process.returncode
        await asyncio.sleep(0.5)
        await ws.close()
    seen["run"] = run
    return seen


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_viewer_focuses_a_function_and_reads_its_lines(tmp_path: Path, backend: str) -> None:
    with running_hub(tmp_path / "data") as info:
        seen = asyncio.run(_focus_through_the_hub(tmp_path, info, backend))
        run = seen["run"]
        status, body = get_json(http_url(info, f"/api/runs/{run}"))
        assert status == 200
        nodes = body["snapshot"]["nodes"]
        work = next(n for n in nodes if n["function"] == "work")
        helper = next(n for n in nodes if n["function"] == "helper")
        status, lines = get_json(http_url(info, "/api/lines") + f"&run={run}&node={work['id']}")
        _, none = get_json(http_url(info, "/api/lines") + f"&run={run}&node={helper['id']}")
        missing, _ = get_json(http_url(info, "/api/lines") + f"&run={run}&node=99999")
        bad, _ = get_json(http_url(info, "/api/lines") + f"&run={run}&node=x")
        no_token = f"http://127.0.0.1:{info.port}/api/lines?run={run}&node={work['id']}"
        refused, _ = get_json(no_token)
    data = tmp_path / "data"
    with running_hub(data, store_path=data / "runs.db") as info:  # the run is a stored one now
        assert run in [r["id"] for r in get_json(http_url(info, "/api/runs"))[1]["runs"]]
        again_status, again = get_json(http_url(info, f"/api/runs/{run}"))
        assert again_status == 200, again
        stored_work = next(n for n in again["snapshot"]["nodes"] if n["function"] == "work")
        url = http_url(info, "/api/lines") + f"&run={run}&node={stored_work['id']}"
        stored_status, stored_lines = get_json(url)
    assert (stored_status, stored_work["lines"]) == (200, work["lines"])
    assert stored_lines["calls"] == lines["calls"]
    assert seen["prog.py"]["accepted"] is False and "names no function" in seen["prog.py"]["reason"]
    assert seen["prog.work"]["accepted"] is True
    assert seen["code"] == 4 and "caught 202" in seen["output"][0]
    assert status == 200
    assert not problems({k: v for k, v in lines.items() if k != "v"}, LinesResult)
    assert lines["node"] == work["id"] and len(lines["calls"]) == 4
    line_of = {text.strip(): n for n, text in enumerate(PROGRAM.splitlines(), 1)}
    assert lines["calls"][0]["steps"][0] == {
        "line": line_of["total = 0"], "t": 0,
        "changed": [{"name": "total", "type": "int", "value": "0"}],
    }  # fmt: skip
    hits = {entry["line"]: entry["hits"] for entry in work["lines"]}
    assert hits[line_of["for item in items:"]] == 4 + 2 + 3 + 3  # sizes 3, 1, 2, then 2 items
    assert helper["lines"] is None and none["calls"] == []
    assert (missing, bad, refused) == (404, 400, 401)


def test_focus_specs_read_every_form() -> None:
    from debugflow.debugger.focus import FocusSpec, parse_focus
    from debugflow.errors import BadBreakpoint

    assert parse_focus("app.Cart.total", "/p") == FocusSpec("app.Cart.total")
    spec = parse_focus("lib/app.py:Cart.total", "/nowhere")
    assert spec == FocusSpec("Cart.total", "lib/app.py")
    assert spec.matches("app", "Cart.total", "/src/lib/app.py")
    assert not spec.matches("app", "Cart.total", "/src/other/app.py")
    assert FocusSpec("app.process").matches("app", "process", "/src/app.py")
    assert FocusSpec("script.main").matches("__main__", "main", "/src/script.py")
    assert not FocusSpec("app.process").matches("other", "process", "/src/other.py")
    for bad in ("app.py", "app.py:", ":f", "a b", "1x"):
        with pytest.raises(BadBreakpoint):
            parse_focus(bad, "/p")


BOUNDED = """\
def long(n):
    total = 0
    for i in range(n):
        total += i
    return total


def small(x):
    y = x + 1
    return y


print(long(6000))
for k in range(30):
    small(k)
"""


def test_line_traces_are_bounded_and_the_counts_stay_exact(tmp_path: Path) -> None:
    script = tmp_path / "bounded.py"
    script.write_text(BOUNDED)
    done = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "-q", "--lines", "bounded.long",
         "--lines", "bounded.small", str(script)],
        cwd=tmp_path, env=_env(tmp_path, BACKENDS[-1]), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert (done.stdout, done.returncode) == ("17997000\n", 0)
    _, events = _stored(tmp_path)
    nodes = {e.node_id: e.function for e in events if isinstance(e, NodeSeen)}
    calls = [e for e in events if isinstance(e, LineCall)]
    stats = {nodes[e.node_id]: {c.line: c.hits for c in e.lines} for e in events
             if isinstance(e, LineStats)}  # fmt: skip
    (long,) = [c for c in calls if nodes[c.node_id] == "long"]
    executed = 1 + 6001 + 6000 + 1  # total = 0, the loop's lines, return
    assert len(long.steps) == 10_000 and long.truncated == executed - 10_000
    assert stats["long"] == {2: 1, 3: 6001, 4: 6000, 5: 1}
    small = [c for c in calls if nodes[c.node_id] == "small"]
    assert len(small) == 20  # the latest calls traced step by step, no more
    ys = [int(c.steps[0].changed[0].value) for c in small]
    assert ys == sorted(ys) and ys[0] >= 1 and ys[-1] <= 30
    assert all([s.line for s in c.steps] == [9, 10] for c in small)
    assert stats["small"] == {9: 30, 10: 30}
