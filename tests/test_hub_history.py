"""Recorded runs from the store: listed, opened, paged and replayed through the hub."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp

from debugflow.protocol import to_wire
from debugflow.storage import RunStore
from debugflow.transport.discovery import HubInfo
from hub_helpers import http_url, receive_until, run_started, running_hub, sample_run, ws_url
from stored_runs import long_run, picture, record, spine_at, stored_order


def _record(store_path: Path, run_id: str) -> None:
    with RunStore(store_path) as store:
        run = run_started(run_id)
        store.begin_run(run)
        store.append(run_id, [run, *sample_run(steps=3)])


async def _get(session: aiohttp.ClientSession, url: str) -> tuple[int, Any]:
    async with session.get(url) as resp:
        return resp.status, await resp.json()


async def _browse(info: HubInfo) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        _, runs = await _get(session, http_url(info, "/api/runs"))
        _, spine = await _get(session, http_url(info, "/api/runs/stored-run-1"))
        page_url = http_url(info, "/api/runs/stored-run-1/events") + "&offset=2&limit=3"
        _, page = await _get(session, page_url)
        missing, _ = await _get(session, http_url(info, "/api/runs/nope"))
        ws = await session.ws_connect(ws_url(info, "/ws/viewer"), max_msg_size=0)
        await ws.send_json({"type": "subscribe", "run": "stored-run"})  # a unique prefix
        stored = await receive_until(ws, lambda m: m["type"] == "snapshot")
        await ws.send_json({"type": "replay", "run": "stored-run-1", "at": 0, "speed": 0})
        replay = await receive_until(ws, lambda m: m["type"] == "snapshot")
        await ws.close()
        return {
            "runs": runs,
            "spine": spine,
            "page": page,
            "missing": missing,
            "stored": stored,
            "replay": replay,
        }


def test_recorded_runs_are_listed_opened_and_replayed(tmp_path: Path) -> None:
    store_path = tmp_path / "runs.db"
    _record(store_path, "stored-run-1")
    with running_hub(tmp_path, store_path=store_path) as info:
        got = asyncio.run(_browse(info))
    listed = got["runs"]["runs"]
    assert [(r["id"], r["stored"], r["live"], r["state"]) for r in listed] == [
        ("stored-run-1", True, False, "ended")
    ]
    assert got["spine"]["snapshot"]["mode"] == "stored"
    assert [n["function"] for n in got["spine"]["snapshot"]["nodes"]] == ["main", "step"]
    assert (got["page"]["offset"], len(got["page"]["events"]), got["page"]["next"]) == (2, 3, 5)
    assert got["missing"] == 404
    assert (got["stored"]["run"], got["stored"]["mode"]) == ("stored-run-1", "stored")
    assert got["stored"]["nodes"][1]["calls"] == 3
    assert [n["function"] for n in got["replay"]["nodes"]] == ["main"]


def test_no_store_means_an_empty_history(tmp_path: Path) -> None:
    async def runs(info: HubInfo) -> Any:
        async with aiohttp.ClientSession() as session:
            return (await _get(session, http_url(info, "/api/runs")))[1]

    with running_hub(tmp_path, store_path=tmp_path / "absent.db") as info:
        assert asyncio.run(runs(info))["runs"] == []
    assert not (tmp_path / "absent.db").exists()


LONG_STEPS = 1000  # about 4,200 events: more than two chunks of a replay


async def _until_snapshot(ws: Any, command: dict[str, Any]) -> dict[str, Any]:
    """Send a command and read up to the snapshot that answers it: for a seek to a time, the
    one at that time (a replay that was playing may still send its own snapshots first)."""
    await ws.send_json(command)
    at = command.get("at")

    def answers(message: dict[str, Any]) -> bool:
        return message["type"] == "snapshot" and (at is None or message["at"] == at)

    return await receive_until(ws, answers)


async def _replay_long(info: HubInfo) -> dict[str, Any]:
    got: dict[str, Any] = {"seeks": {}}
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(ws_url(info, "/ws/viewer"), max_msg_size=0)
        for at in (600_000, 100_000, 900_000):  # back, then forward
            replay = {"type": "replay", "run": "long-run-1", "at": at, "speed": 0}
            got["seeks"][at] = await _until_snapshot(ws, replay)
        await ws.send_json({"type": "replay", "run": "long-run-1", "at": 0, "speed": 1000})
        paused = {"type": "replay", "run": "long-run-1", "at": 450_000, "speed": 0}
        got["seeks"][450_000] = await _until_snapshot(ws, paused)  # while playing
        end = {"type": "replay", "run": "long-run-1", "at": None, "speed": 0}
        got["end"] = await _until_snapshot(ws, end)
        got["stored"] = await _until_snapshot(ws, {"type": "subscribe", "run": "long-run-1"})
        await ws.close()
        pages, offset = [], 0
        while offset is not None:
            url = http_url(info, "/api/runs/long-run-1/events") + f"&offset={offset}&limit=1000"
            _, page = await _get(session, url)
            pages.append(page)
            offset = page["next"]
        got["pages"] = pages
    return got


def test_a_long_recorded_run_replays_and_pages_in_chunks(tmp_path: Path) -> None:
    store_path = tmp_path / "runs.db"
    events = long_run("long-run-1", LONG_STEPS)
    record(store_path, events)
    stored = stored_order(events)
    with running_hub(tmp_path, store_path=store_path) as info:
        got = asyncio.run(_replay_long(info))

    def expected(at: int | None) -> dict[str, Any]:
        return _as_json(picture(spine_at(stored, at).snapshot("replay", at)))

    assert len(got["seeks"]) == 4
    for at, snapshot in got["seeks"].items():
        assert (snapshot["mode"], snapshot["at"]) == ("replay", at)
        assert picture(snapshot) == expected(at), at
    assert picture(got["end"]) == expected(None) == picture(got["stored"])
    assert got["stored"]["status"]["calls"] == len([e for e in events if e.type == "call"])
    pages = got["pages"]
    assert [p["total"] for p in pages] == [len(stored)] * len(pages) and len(pages) > 2
    assert [e for p in pages for e in p["events"]] == _as_json([to_wire(e) for e in stored])


def _as_json(value: Any) -> Any:
    """`value` as it reads back from JSON (tuples become lists)."""
    return json.loads(json.dumps(value))
