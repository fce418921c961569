"""Recorded runs from the store: listed, opened, paged and replayed through the hub."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from debugflow.storage import RunStore
from debugflow.transport.discovery import HubInfo
from hub_helpers import http_url, receive_until, run_started, running_hub, sample_run, ws_url


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
