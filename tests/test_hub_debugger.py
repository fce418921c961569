"""The HUD debugger end to end: a real hub on port 0, a real `flow run` subprocess and real
websocket viewers. A breakpoint set by a viewer pauses the program; the state comes only from
the program; stale and racing commands are refused; the locals tree, the stack and watches
answer from the paused frame; nothing a viewer sends harms the program.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from debugflow.debugger import savefile
from debugflow.debugger.channel import RESUME_AFTER_VAR
from debugflow.debugger.specs import BreakSpec
from debugflow.protocol.shapes import problems
from debugflow.protocol.viewer import DebugReplyMessage, DebugStateMessage, PausesMessage
from debugflow.transport.discovery import HubInfo
from hub_helpers import get_json, http_url, receive_until, running_hub, ws_url

PROGRAM = """\
import os
import sys
import time


def work(n):
    items = list(range(n))
    cycle = [1]
    cycle.append(cycle)
    data = {"a": items, "nested": {"k": [1, 2, 3]}}
    password = "hunter2"
    config = {"password": password, "user": "ann"}
    total = sum(items)  # BREAK
    return total


def main():
    print("started", flush=True)
    gate = sys.argv[1]
    deadline = time.monotonic() + 60
    while not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.02)
    print("result", work(5000))
    sys.exit(3)


main()
"""
BREAK_LINE = PROGRAM.splitlines().index("    total = sum(items)  # BREAK") + 1
BACKENDS = ["settrace", "monitoring"] if sys.version_info >= (3, 12) else ["settrace"]


class Viewer:
    """One viewer connection: every message kept, debug requests numbered."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.seen: list[dict[str, Any]] = []  # arrived, not yet taken by `until`
        self.arrived: list[dict[str, Any]] = []  # every message, in the order it came
        self._next = 0

    async def until(self, predicate: Any, timeout: float = 20.0) -> dict[str, Any]:
        for message in self.seen:
            if predicate(message):
                self.seen.remove(message)
                return message

        def keep(message: dict[str, Any]) -> bool:
            self.arrived.append(message)
            if predicate(message):
                return True
            self.seen.append(message)
            return False

        return await receive_until(self.ws, keep, timeout)

    async def ask(self, run: str, request: dict[str, Any]) -> dict[str, Any]:
        self._next += 1
        id = self._next
        await self.ws.send_json({"type": "debug", "run": run, "id": id, "request": request})
        reply = await self.until(lambda m: m["type"] == "debug_reply" and m["id"] == id)
        assert not problems(reply, DebugReplyMessage), problems(reply, DebugReplyMessage)
        return reply

    async def state(self, predicate: Any) -> dict[str, Any]:
        message = await self.until(lambda m: m["type"] == "debug_state" and predicate(m["state"]))
        assert not problems(message, DebugStateMessage), problems(message, DebugStateMessage)
        state: dict[str, Any] = message["state"]
        return state


async def _viewer(session: aiohttp.ClientSession, info: HubInfo) -> Viewer:
    ws = await session.ws_connect(ws_url(info, "/ws/viewer"))
    return Viewer(ws)


async def _live_run(viewer: Viewer) -> str:
    runs = await viewer.until(
        lambda m: m["type"] == "runs" and any(r["live"] and r["state"] == "live" for r in m["runs"])
    )
    run: str = next(r["id"] for r in runs["runs"] if r["live"])
    return run


def _start(
    tmp_path: Path, info: HubInfo, backend: str, **extra: str
) -> tuple[subprocess.Popen[str], Path]:
    script = tmp_path / "paused.py"
    script.write_text(PROGRAM)
    gate = tmp_path / "gate"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(tmp_path / "data"), FLOW_HUB=info.url, FLOW_BACKEND=backend)
    env.update(extra)
    process = subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", "-q", str(script), str(gate)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return process, gate


async def _session_at_a_breakpoint(tmp_path: Path, info: HubInfo, backend: str) -> dict[str, Any]:
    """Drive one program through a pause; what each step saw, for the test to check."""
    process, gate = _start(tmp_path, info, backend)
    script = os.path.realpath(tmp_path / "paused.py")
    seen: dict[str, Any] = {"process": process}
    async with aiohttp.ClientSession() as session:
        first = await _viewer(session, info)
        run = await _live_run(first)
        seen["run"] = run
        await first.ws.send_json({"type": "subscribe", "run": run})
        start = await first.state(lambda s: True)
        assert start["phase"] == "running" and start["place"] is None

        gutter = {"line": BREAK_LINE, "condition": "n > 10", "hit": None, "log": None}
        request = {"op": "set_breakpoints", "file": script, "breakpoints": [gutter]}
        seen["set"] = await first.ask(run, request)
        await first.state(lambda s: any(b["line"] == BREAK_LINE for b in s["breakpoints"]))
        seen["saved"] = [spec.text() for spec in savefile.load(tmp_path / "data")]
        gate.touch()
        paused = await first.state(lambda s: s["phase"] == "paused")
        seen["paused"] = paused
        seq = paused["seq"]

        seen["stale"] = await first.ask(run, {"op": "command", "kind": "continue", "seq": seq - 1})
        seen["stack"] = await first.ask(run, {"op": "stack", "seq": seq})
        page = {"op": "locals", "seq": seq, "frame": 0, "offset": 0, "limit": 50}
        seen["locals"] = await first.ask(run, {**page, "path": []})
        seen["big"] = await first.ask(run, {**page, "path": ["items"], "offset": 4990})
        seen["cycle"] = await first.ask(run, {**page, "path": ["cycle", "1", "1", "1"]})
        seen["config"] = await first.ask(run, {**page, "path": ["config"]})
        seen["hidden"] = await first.ask(run, {**page, "path": ["password"]})
        seen["outer"] = await first.ask(run, {**page, "frame": 1, "path": []})
        watch = {"op": "evaluate", "seq": seq, "frame": 0}
        seen["watch"] = await first.ask(run, {**watch, "expr": "len(items) + n"})
        seen["watch_error"] = await first.ask(run, {**watch, "expr": "1 / 0"})
        seen["bad_op"] = await first.ask(run, {"op": "explode", "seq": seq})
        seen["bad_fields"] = await first.ask(run, {"op": "locals", "seq": seq})
        seen["unknown_run"] = await first.ask("no-such-run", {"op": "stack", "seq": 1})
        seen["next"] = await first.ask(run, {"op": "command", "kind": "next", "seq": seq})
        stepped = await first.state(lambda s: s["phase"] == "paused")
        seen["stepped"] = stepped
        seen["first_states"] = [m["state"] for m in first.arrived if m["type"] == "debug_state"]
        seq = stepped["seq"]
        await first.ws.close()  # a viewer leaving while paused leaves the program paused

        await asyncio.sleep(0.5)
        seen["still_running"] = process.poll() is None
        second, third = await _viewer(session, info), await _viewer(session, info)
        for viewer in (second, third):
            await viewer.ws.send_json({"type": "subscribe", "run": run})
        seen["rejoined"] = await second.state(lambda s: True)
        await third.state(lambda s: True)
        go = {"op": "command", "kind": "continue", "seq": seq}
        seen["race"] = await asyncio.gather(second.ask(run, go), third.ask(run, go))
        seen["ended"] = await second.state(lambda s: s["phase"] == "ended")
        seen["after_end"] = await second.ask(run, {"op": "stack", "seq": seq})
        stdout, stderr = process.communicate(timeout=60)
        seen["output"] = (stdout, stderr, process.returncode)
        await asyncio.sleep(0.3)
        seen["gone"] = await second.ask(run, {"op": "stack", "seq": seq})
        await second.ws.send_json({"type": "replay", "run": run, "at": None, "speed": 0})
        seen["pauses"] = await second.until(lambda m: m["type"] == "pauses")
        seen["source"] = get_json(http_url(info, "/api/source") + f"&run={run}&file={script}")
        seen["not_of_run"] = get_json(
            http_url(info, "/api/source") + f"&run={run}&file=/etc/passwd"
        )
        no_token = f"http://127.0.0.1:{info.port}/api/source?run={run}&file={script}"
        seen["no_token"] = get_json(no_token)
        for viewer in (second, third):
            await viewer.ws.close()
    return seen


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_viewer_debugs_a_real_program_through_the_hub(tmp_path: Path, backend: str) -> None:
    (tmp_path / "open-gate").touch()
    plain = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path / "open-gate")],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    with running_hub(tmp_path / "data", write_discovery=False) as info:
        seen = asyncio.run(_session_at_a_breakpoint(tmp_path, info, backend))
    assert seen["set"]["accepted"], seen["set"]
    script = os.path.realpath(tmp_path / "paused.py")
    assert f"{script}:{BREAK_LINE} if n > 10" in seen["saved"]

    paused = seen["paused"]
    assert paused["place"]["line"] == BREAK_LINE and paused["place"]["function"] == "work"
    assert paused["place"]["reason"] == "breakpoint"
    states = seen["first_states"]
    # (a viewer may skip a state it was too slow for, as the short "stepping" one here)
    lines = [s["place"]["line"] for s in states if s["phase"] == "paused"]
    assert lines == [BREAK_LINE, BREAK_LINE + 1]
    revs = [s["rev"] for s in states]
    assert revs == sorted(set(revs)), revs  # strictly increasing
    seqs = [s["seq"] for s in states]
    assert seqs == sorted(seqs)
    phases = [(s["seq"], s["phase"]) for s in states]
    assert all(a[0] < b[0] for a, b in itertools.pairwise(phases) if a[1] != b[1])

    assert not seen["stale"]["accepted"] and "stale" in seen["stale"]["reason"]
    frames = seen["stack"]["result"]["frames"]
    assert [f["function"] for f in frames[:2]] == ["work", "main"]
    assert frames[0]["line"] == BREAK_LINE
    names = {c["name"]: c for c in seen["locals"]["result"]["children"]}
    assert {"n", "items", "cycle", "data"} <= names.keys()
    assert names["items"]["expandable"] and names["n"]["value"] == "5000"
    big = seen["big"]["result"]
    assert big["total"] == 5000 and [c["value"] for c in big["children"]][-1] == "4999"
    assert len(big["children"]) == 10
    assert seen["cycle"]["result"]["total"] == 2  # the list inside itself, three levels down
    # the run's redaction rule holds in the locals tree too
    assert names["password"]["value"] == "<redacted>"
    replies = json.dumps([seen[key] for key in ("locals", "config", "hidden", "outer")])
    assert "hunter2" not in replies
    shown = {c["name"]: c["value"] for c in seen["config"]["result"]["children"]}
    assert shown == {"password": "<redacted>", "user": "'ann'"}
    assert not seen["hidden"]["accepted"] and "redaction" in seen["hidden"]["reason"]
    assert "n" not in {c["name"] for c in seen["outer"]["result"]["children"]}
    assert seen["watch"]["result"] == {
        "type": "int", "value": "10000", "expandable": False, "error": None,
    }  # fmt: skip
    assert seen["watch_error"]["result"]["error"].startswith("ZeroDivisionError")
    for refused in ("bad_op", "bad_fields", "unknown_run"):
        assert not seen[refused]["accepted"] and seen[refused]["reason"], refused
    assert "no live run" in seen["unknown_run"]["reason"]

    assert seen["still_running"], "the program ended while a viewer had left it paused"
    assert seen["next"]["accepted"]
    stepped = seen["stepped"]
    assert (stepped["place"]["line"], stepped["place"]["reason"]) == (BREAK_LINE + 1, "step")
    assert seen["rejoined"]["phase"] == "paused" and seen["rejoined"]["seq"] == stepped["seq"]
    race = [reply["accepted"] for reply in seen["race"]]
    assert sorted(race) == [False, True], seen["race"]
    assert not seen["after_end"]["accepted"]
    assert not seen["gone"]["accepted"] and "not connected" in seen["gone"]["reason"]

    assert seen["output"] == (plain.stdout, plain.stderr, plain.returncode)
    assert seen["output"][2] == 3

    pauses = seen["pauses"]
    assert not problems(pauses, PausesMessage), problems(pauses, PausesMessage)
    pause, step = pauses["pauses"]
    assert (pause["line"], pause["reason"], pause["how"]) == (BREAK_LINE, "breakpoint", "next")
    assert (step["line"], step["reason"], step["how"]) == (BREAK_LINE + 1, "step", "continue")
    assert step["resumed_t"] is not None and step["resumed_t"] >= step["t"] >= pause["t"] > 0

    status, source = seen["source"]
    assert status == 200 and len(source["lines"]) == len(PROGRAM.splitlines())
    assert ["k", "def"] in source["lines"][5]
    assert {"name": "work", "start": 6, "end": 14} in source["functions"]
    assert seen["not_of_run"][0] == 404
    assert seen["no_token"][0] == 401


def _saved_breakpoint(tmp_path: Path) -> None:
    """The project's saved breakpoint on BREAK_LINE (as a viewer's gutter click keeps it)."""
    script = tmp_path / "paused.py"
    script.write_text(PROGRAM)
    (tmp_path / "gate").touch()
    spec = BreakSpec("line", file=os.path.realpath(script), line=BREAK_LINE)
    savefile.save(tmp_path / "data", [spec])


async def _pause_outlives_the_hub(tmp_path: Path, backend: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    async with aiohttp.ClientSession() as session:
        with running_hub(tmp_path / "data", write_discovery=False) as info:
            process, _ = _start(tmp_path, info, backend)
            first = await _viewer(session, info)
            run = await _live_run(first)
            await first.ws.send_json({"type": "subscribe", "run": run})
            await first.state(lambda s: s["phase"] == "paused")
            await first.ws.close()
        await asyncio.sleep(3.0)  # the hub is gone: no timer may continue the pause
        seen["alive"] = process.poll() is None
        same = {"port": info.port, "token": info.token}  # as a hub restarted with its token
        with running_hub(tmp_path / "data", write_discovery=False, **same) as again:
            viewer = await _viewer(session, again)
            await viewer.until(
                lambda m: m["type"] == "runs" and any(r["id"] == run for r in m["runs"])
            )
            await viewer.ws.send_json({"type": "subscribe", "run": run})
            paused = await viewer.state(lambda s: s["phase"] == "paused")
            go = {"op": "command", "kind": "continue", "seq": paused["seq"]}
            seen["go"] = await viewer.ask(run, go)
            seen["output"] = process.communicate(timeout=60)[0], process.returncode
            await viewer.ws.close()
    return seen


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_pause_outlives_the_hub_and_a_new_hub_resumes_it(tmp_path: Path, backend: str) -> None:
    _saved_breakpoint(tmp_path)
    seen = asyncio.run(_pause_outlives_the_hub(tmp_path, backend))
    assert seen["alive"], "the program went on while nobody could see its pause"
    assert seen["go"]["accepted"], seen["go"]
    assert seen["output"] == ("started\nresult 12497500\n", 3)


def test_resume_after_continues_a_pause_nobody_watches(tmp_path: Path) -> None:
    _saved_breakpoint(tmp_path)
    with running_hub(tmp_path / "data", write_discovery=False) as info:
        process, _ = _start(tmp_path, info, BACKENDS[-1], **{RESUME_AFTER_VAR: "1"})
        try:
            stdout, _ = process.communicate(timeout=60)
        finally:
            process.kill()
    assert (stdout, process.returncode) == ("started\nresult 12497500\n", 3)
    store = tmp_path / "data" / "runs.db"  # a hub started later reads the run from the store
    with running_hub(tmp_path / "data", write_discovery=False, store_path=store) as info:
        pauses = asyncio.run(_stored_pauses(info))
        source = http_url(info, "/api/source") + f"&run={pauses['run']}&file="
        script = os.path.realpath(tmp_path / "paused.py")
        assert get_json(source + script)[0] == 200  # a recorded run's file
        assert get_json(source + str(tmp_path / "data" / "breakpoints.json"))[0] == 404
    (pause,) = pauses["pauses"]
    assert (pause["line"], pause["how"]) == (BREAK_LINE, "continue")
    assert pause["resumed_t"] - pause["t"] >= 900_000_000  # about the second asked for


async def _stored_pauses(info: HubInfo) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        viewer = await _viewer(session, info)
        runs = await viewer.until(lambda m: m["type"] == "runs" and m["runs"])
        await viewer.ws.send_json({"type": "subscribe", "run": runs["runs"][0]["id"]})
        await viewer.until(lambda m: m["type"] == "snapshot" and m["mode"] == "stored")
        pauses = await viewer.until(lambda m: m["type"] == "pauses")
        await viewer.ws.close()
    return pauses


def test_an_interrupt_ends_a_pause_as_it_would_end_the_program(tmp_path: Path) -> None:
    _saved_breakpoint(tmp_path)
    (tmp_path / "gate").touch()
    plain = subprocess.Popen(
        [sys.executable, "-c", "import time; print('started', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with running_hub(tmp_path / "data", write_discovery=False) as info:
        process, _ = _start(tmp_path, info, BACKENDS[-1])
        try:
            asyncio.run(_wait_for_pause(info))
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=20)
        finally:
            process.kill()
    assert plain.stdout is not None and plain.stdout.readline() == "started\n"
    plain.send_signal(signal.SIGINT)
    _, plain_err = plain.communicate(timeout=20)
    assert stdout == "started\n"
    assert process.returncode == plain.returncode != 0
    assert stderr.strip().endswith("KeyboardInterrupt") and plain_err.strip().endswith(
        "KeyboardInterrupt"
    )


async def _wait_for_pause(info: HubInfo) -> None:
    async with aiohttp.ClientSession() as session:
        viewer = await _viewer(session, info)
        run = await _live_run(viewer)
        await viewer.ws.send_json({"type": "subscribe", "run": run})
        await viewer.state(lambda s: s["phase"] == "paused")
        await viewer.ws.close()


def test_a_hub_never_reached_never_holds_a_breakpoint(tmp_path: Path) -> None:
    _saved_breakpoint(tmp_path)
    with running_hub(tmp_path / "hub", write_discovery=False) as gone:
        pass  # its address now refuses connections
    process, _ = _start(tmp_path, gone, BACKENDS[-1])
    try:
        stdout, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (stdout, process.returncode) == ("started\nresult 12497500\n", 3)


async def _watched_then_left(info: HubInfo, process: subprocess.Popen[str], gate: Path) -> bool:
    async with aiohttp.ClientSession() as session:
        viewer = await _viewer(session, info)
        run = await _live_run(viewer)
        await viewer.ws.send_json({"type": "subscribe", "run": run})
        await viewer.state(lambda s: True)
        await asyncio.sleep(0.5)  # the hub has told the program it is followed
        gate.touch()
        await viewer.state(lambda s: s["phase"] == "paused")
        await asyncio.sleep(2.5)  # watched: FLOW_DEBUG_RESUME_AFTER=1 must not continue it
        held = process.poll() is None
        await viewer.ws.close()
    return held


def test_resume_after_waits_while_a_viewer_follows_the_run(tmp_path: Path) -> None:
    _saved_breakpoint(tmp_path)
    (tmp_path / "gate").unlink()  # the program waits until the viewer follows it
    with running_hub(tmp_path / "data", write_discovery=False) as info:
        process, gate = _start(tmp_path, info, BACKENDS[-1], **{RESUME_AFTER_VAR: "1"})
        try:
            held = asyncio.run(_watched_then_left(info, process, gate))
            stdout, _ = process.communicate(timeout=30)
        finally:
            process.kill()
    assert held, "a pause a viewer followed was continued"
    assert (stdout, process.returncode) == ("started\nresult 12497500\n", 3)
