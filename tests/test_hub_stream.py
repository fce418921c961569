"""Events from a producer reach viewers through a real hub: live, coalesced, replayed."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from pathlib import Path
from typing import Any

import aiohttp

from debugflow.protocol import ArgPreview, Event
from debugflow.protocol.versions import SPINE_VERSION
from debugflow.storage import RunStore
from debugflow.transport.discovery import HubInfo
from debugflow.transport.wire import encode_events, encode_hello
from hub_helpers import (
    call,
    end,
    http_url,
    receive_until,
    run_started,
    running_hub,
    sample_run,
    send_run,
    ws_url,
)
from waiting import wait_until_async


def _final(data: dict[str, Any]) -> bool:
    status: dict[str, Any] = data.get("status") or {}
    return data.get("type") in ("snapshot", "patch") and status.get("state") == "ended"


async def _viewer(session: aiohttp.ClientSession, info: HubInfo) -> Any:
    ws = await session.ws_connect(ws_url(info, "/ws/viewer"), max_msg_size=0)
    hello = await receive_until(ws, lambda m: True)
    assert (hello["type"], hello["v"], hello["spine"]) == ("hello", 1, SPINE_VERSION)
    return ws


async def _watch_live_run(info: HubInfo) -> dict[int, Any]:
    """Connect a viewer, wait for the run to be listed, subscribe, collect until it ends."""
    async with aiohttp.ClientSession() as session:
        ws = await _viewer(session, info)
        producer = asyncio.create_task(_produce_slowly(session, info))
        await receive_until(ws, lambda m: m["type"] == "runs" and m["runs"])
        await ws.send_json({"type": "subscribe", "run": "run-1"})
        view: dict[int, Any] = {}
        while True:
            msg = await receive_until(ws, lambda m: m["type"] in ("snapshot", "patch"))
            if msg["type"] == "snapshot":
                view = {}
            view.update({n["id"]: n for n in msg["nodes"]})
            if msg["status"] and msg["status"]["state"] == "ended":
                break
        await producer
        await ws.close()
        return view


async def _produce_slowly(session: aiohttp.ClientSession, info: HubInfo) -> None:
    async with session.ws_connect(ws_url(info, "/ws/producer")) as ws:
        await ws.send_str(encode_hello(run_started(), os.getpid(), "test"))
        for seq, event in enumerate(sample_run(steps=4), 1):
            await ws.send_str(encode_events(seq, [event], 0))
            await asyncio.sleep(0.01)  # paced on purpose: the viewer watches a run in progress
        await ws.send_str('{"type":"bye","v":1,"dropped":0}')
        await ws.receive()


def test_producer_events_reach_a_viewer_as_a_spine(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        view = asyncio.run(_watch_live_run(info))
    by_name = {n["function"]: n for n in view.values()}
    assert set(by_name) == {"main", "step"}
    assert by_name["step"]["calls"] == 4
    assert by_name["step"]["state"] == "success"
    assert by_name["step"]["parent"] == by_name["main"]["id"]


async def _list_and_snapshot(info: HubInfo) -> tuple[Any, Any]:
    async with aiohttp.ClientSession() as session:
        await send_run(session, info, sample_run())
        async with session.get(http_url(info, "/api/runs")) as resp:
            runs = await resp.json()
        async with session.get(http_url(info, "/api/runs/run-1")) as resp:
            spine = await resp.json()
        return runs, spine


def test_rest_lists_runs_and_serves_a_snapshot(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        runs, spine = asyncio.run(_list_and_snapshot(info))
    assert [(r["id"], r["state"], r["live"]) for r in runs["runs"]] == [("run-1", "ended", True)]
    snapshot = spine["snapshot"]
    assert snapshot["type"] == "snapshot" and snapshot["status"]["exit_code"] == 0
    assert [n["function"] for n in snapshot["nodes"]] == ["main", "step"]


async def _flood_and_count(info: HubInfo, batches: int) -> tuple[int, dict[str, Any], Any]:
    async with aiohttp.ClientSession() as session:
        ws = await _viewer(session, info)
        prod = await session.ws_connect(ws_url(info, "/ws/producer"))
        await prod.send_str(encode_hello(run_started(), os.getpid(), "test"))
        await receive_until(ws, lambda m: m["type"] == "runs" and m["runs"])
        await ws.send_json({"type": "subscribe", "run": "run-1"})
        await receive_until(ws, lambda m: m["type"] == "snapshot")
        for i in range(batches):
            await prod.send_str(encode_events(i + 1, [call(i + 2, f"f{i}", None, i)], 0))
        messages = 0
        last: dict[str, Any] = {}
        while last.get("status", {}) is None or (last.get("status") or {}).get("calls") != batches:
            last = await receive_until(ws, lambda m: m["type"] in ("patch", "snapshot"))
            messages += 1
        async with session.get(http_url(info, "/api/runs/run-1")) as resp:
            fresh = (await resp.json())["snapshot"]
        await prod.close()
        await ws.close()
        return messages, last, fresh


def test_a_viewer_gets_coalesced_patches_not_one_per_batch(tmp_path: Path) -> None:
    with running_hub(tmp_path, viewer_interval=0.2) as info:
        messages, last, fresh = asyncio.run(_flood_and_count(info, batches=200))
    assert messages < 200
    assert last["version"] == fresh["version"]
    assert fresh["status"]["nodes"] == 200


async def _replay(info: HubInfo) -> tuple[Any, Any, Any]:
    async with aiohttp.ClientSession() as session:
        await send_run(session, info, sample_run(steps=3))
        ws = await _viewer(session, info)
        await ws.send_json({"type": "replay", "run": "run-1", "at": 120, "speed": 0})
        early = await receive_until(ws, lambda m: m["type"] == "snapshot")
        await ws.send_json({"type": "replay", "run": "run-1", "at": 0, "speed": 1000})
        played = await receive_until(ws, lambda m: m["type"] == "snapshot" and _final(m))
        await ws.send_json({"type": "subscribe", "run": "run-1"})
        live = await receive_until(ws, lambda m: m["type"] == "snapshot" and m["mode"] == "live")
        await ws.close()
        return early, played, live


def test_replay_seeks_and_plays_to_the_same_final_picture(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        early, played, live = asyncio.run(_replay(info))
    assert (early["mode"], early["at"]) == ("replay", 120)
    step = next(n for n in early["nodes"] if n["function"] == "step")
    assert (step["calls"], step["state"]) == (1, "processing")
    assert played["mode"] == "replay"
    assert played["nodes"] == live["nodes"]


async def _unknown_run(info: HubInfo) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        ws = await _viewer(session, info)
        await ws.send_json({"type": "subscribe", "run": "no-such-run"})
        error = await receive_until(ws, lambda m: m["type"] == "error")
        await ws.send_json({"type": "list_runs"})
        await receive_until(ws, lambda m: m["type"] == "runs")  # still connected
        await ws.close()
        return error


def test_unknown_run_is_an_error_but_keeps_the_connection(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        error = asyncio.run(_unknown_run(info))
    assert error["code"] == "unknown_run" and error["fatal"] is False


async def _two_producers(info: HubInfo) -> list[str]:
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(
            send_run(session, info, sample_run(), run=run_started("run-a")),
            send_run(
                session, info, [call(1, "other", None, 0), end(1, 5)], run=run_started("run-b")
            ),
        )
        async with session.get(http_url(info, "/api/runs")) as resp:
            return sorted(r["id"] for r in (await resp.json())["runs"])


def test_runs_from_two_producers_stay_apart(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        assert asyncio.run(_two_producers(info)) == ["run-a", "run-b"]


def _stalled_viewer(info: HubInfo) -> socket.socket:
    """A viewer that completes the handshake, subscribes, then never reads again."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", info.port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /ws/viewer?token={info.token} HTTP/1.1\r\nHost: 127.0.0.1:{info.port}\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    assert sock.recv(12) == b"HTTP/1.1 101"
    command = json.dumps({"type": "subscribe", "run": "run-1"}).encode()
    mask = os.urandom(4)  # clients must mask their frames
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(command))
    sock.sendall(bytes([0x81, 0x80 | len(command)]) + mask + body)
    return sock


def _wide_run(functions: int, rounds: int) -> list[Event]:
    """Many nodes with long argument previews, all touched every round: megabytes of patches."""
    events: list[Event] = []
    cid = 1
    arg = (ArgPreview("text", "str", "x" * 1500),)
    for _ in range(rounds):
        for f in range(functions):
            events += [call(cid, f"f{f}", None, cid)._replace(args=arg), end(cid, cid + 1)]
            cid += 1
    return events


async def _stream_past_a_stalled_viewer(info: HubInfo) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        prod = await session.ws_connect(ws_url(info, "/ws/producer"))
        await prod.send_str(encode_hello(run_started(), os.getpid(), "test"))
        await _until_listed(session, info, "run-1")  # the stalled viewer subscribes to it
        stalled = await asyncio.to_thread(_stalled_viewer, info)
        # Even one coalesced patch of these (~8 MB) overflows the socket buffers.
        events = _wide_run(functions=5000, rounds=2)
        for seq, start in enumerate(range(0, len(events), 1000), 1):
            await prod.send_str(encode_events(seq, events[start : start + 1000], 0))
        await prod.close()
        ws = await _viewer(session, info)
        await ws.send_json({"type": "subscribe", "run": "run-1"})
        snapshot = await receive_until(ws, lambda m: m["type"] == "snapshot")
        await ws.close()
        # Without reading a byte from the stalled viewer, wait for the hub to let it go.
        await _until_no_viewers(session, info, timeout=20)
        closed = await asyncio.to_thread(_read_until_closed, stalled)
        return {"snapshot": snapshot, "stalled_closed": closed}


async def _until_listed(session: aiohttp.ClientSession, info: HubInfo, run_id: str) -> None:
    async def listed() -> bool:
        async with session.get(http_url(info, "/api/runs")) as resp:
            return any(r["id"] == run_id for r in (await resp.json())["runs"])

    await wait_until_async(listed, f"the hub to list {run_id}")


async def _until_no_viewers(
    session: aiohttp.ClientSession, info: HubInfo, timeout: float = 10.0
) -> None:
    async def none_left() -> bool:
        async with session.get(http_url(info, "/api/health")) as resp:
            return bool((await resp.json())["viewers"] == 0)

    await wait_until_async(none_left, "the hub to let every viewer go", timeout)


def _read_until_closed(sock: socket.socket) -> bool:
    sock.settimeout(20)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionError:
        pass
    finally:
        sock.close()
    return True


def test_a_stalled_viewer_is_dropped_and_never_holds_up_others(tmp_path: Path) -> None:
    with running_hub(tmp_path, viewer_interval=0.0, send_timeout=0.5) as info:
        result = asyncio.run(_stream_past_a_stalled_viewer(info))
    assert result["snapshot"]["status"]["calls"] == 10_000
    assert result["stalled_closed"]


async def _vanish_then(info: HubInfo, reconnect: bool) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        viewer = await _viewer(session, info)
        for round_ in range(2 if reconnect else 1):
            prod = await session.ws_connect(ws_url(info, "/ws/producer"))
            await prod.send_str(encode_hello(run_started(), os.getpid(), "test"))
            cid = round_ + 1
            await prod.send_str(encode_events(1, [call(cid, "main", None, cid)], 0))
            await prod.close()  # no bye: the program vanished (or its link dropped)
        runs = await receive_until(viewer, lambda m: m["type"] == "runs" and bool(m["runs"]))
        if not reconnect:
            runs = await receive_until(
                viewer, lambda m: m["type"] == "runs" and m["runs"][0]["state"] == "lost"
            )
        await viewer.close()
        info_: dict[str, Any] = runs["runs"][0]
        return info_


def test_a_producer_that_vanishes_leaves_a_lost_run(tmp_path: Path) -> None:
    with running_hub(tmp_path, lost_grace=0.2) as info:
        run = asyncio.run(_vanish_then(info, reconnect=False))
    assert (run["id"], run["state"], run["calls"]) == ("run-1", "lost", 1)


def test_a_producer_that_reconnects_continues_its_run(tmp_path: Path) -> None:
    with running_hub(tmp_path, lost_grace=5.0) as info:
        asyncio.run(_vanish_then(info, reconnect=True))
        spine = asyncio.run(_snapshot(info))
    assert spine["status"]["state"] == "live"
    assert (spine["status"]["calls"], spine["nodes"][0]["calls"]) == (2, 2)


async def _snapshot(info: HubInfo) -> Any:
    async with (
        aiohttp.ClientSession() as session,
        session.get(http_url(info, "/api/runs/run-1")) as resp,
    ):
        return (await resp.json())["snapshot"]


async def _vanished_viewer(info: HubInfo) -> Any:
    stalled = await asyncio.to_thread(_stalled_viewer, info)
    stalled.close()  # the browser tab was killed: no close frame, just gone
    async with aiohttp.ClientSession() as session:
        await _until_no_viewers(session, info)
        await send_run(session, info, sample_run())
    return await _snapshot(info)


def test_a_killed_browser_leaves_the_hub_serving(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        spine = asyncio.run(_vanished_viewer(info))
    assert spine["status"]["state"] == "ended"


async def _vanish_with_the_run_in_the_store(info: HubInfo) -> tuple[dict[str, Any], Any]:
    """A viewer follows run-1 live; its producer sends one call and vanishes without bye."""
    async with aiohttp.ClientSession() as session:
        viewer = await _viewer(session, info)
        prod = await session.ws_connect(ws_url(info, "/ws/producer"))
        await prod.send_str(encode_hello(run_started(), os.getpid(), "test"))
        await prod.send_str(encode_events(1, [call(1, "main", None, 1)], 0))
        await receive_until(viewer, lambda m: m["type"] == "runs" and bool(m["runs"]))
        await viewer.send_json({"type": "subscribe", "run": "run-1"})
        await receive_until(viewer, lambda m: m["type"] == "snapshot")
        await prod.close()  # the program ended with events still in its link's buffer
        seen: dict[str, Any] = {}

        def moved(m: dict[str, Any]) -> bool:
            if m["type"] == "snapshot" and m["mode"] == "stored":
                seen["snapshot"] = m
            elif m["type"] == "runs" and m["runs"] and not m["runs"][0]["live"]:
                seen["run"] = m["runs"][0]
            return len(seen) == 2

        await receive_until(viewer, moved)
        await viewer.close()
        return seen["snapshot"], seen["run"]


def test_a_producer_that_vanishes_hands_its_run_over_to_the_store_that_holds_it_whole(
    tmp_path: Path,
) -> None:
    store_path = tmp_path / "runs.db"
    with RunStore(store_path) as store:  # what the program's own writer recorded
        store.begin_run(run_started())
        store.append("run-1", [run_started(), *sample_run(steps=5)])
    with running_hub(tmp_path, lost_grace=0.2, store_path=store_path) as info:
        moved, listed = asyncio.run(_vanish_with_the_run_in_the_store(info))
    assert (moved["status"]["state"], moved["status"]["calls"]) == ("ended", 6)
    assert {n["function"]: n["calls"] for n in moved["nodes"]} == {"main": 1, "step": 5}
    assert (listed["id"], listed["state"], listed["stored"]) == ("run-1", "ended", True)


def test_a_vanished_run_the_store_has_not_ended_is_lost(tmp_path: Path) -> None:
    store_path = tmp_path / "runs.db"
    with RunStore(store_path) as store:  # begun, never ended: the program was killed
        store.begin_run(run_started())
    with running_hub(tmp_path, lost_grace=0.2, store_path=store_path) as info:
        run = asyncio.run(_vanish_then(info, reconnect=False))
    assert (run["id"], run["state"]) == ("run-1", "lost")
