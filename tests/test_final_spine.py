"""A finished run opens from its nodes' statistics: the same spine as its whole stream gives,
from a few calls per node, however many calls were stored.

Real programs under `flow run` (a loop of many calls all kept in detail, exceptions,
threads, asyncio tasks, marks, imports), each compared with the spine its whole event
stream builds; then a hub opening such a run.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import PROGRAMS, flow
from debugflow.protocol import CallStarted, RunEnded
from debugflow.server.history import History
from debugflow.server.settings import HubSettings
from debugflow.server.state import HubState
from debugflow.spine.model import SpineModel
from debugflow.storage import SCHEMA_VERSION, RunStore
from debugflow.storage.final_spine import FinalSpine
from debugflow.storage.reader import RunReader
from hub_helpers import http_url, running_hub
from stored_runs import long_run, record

HUD_PROGRAMS = Path(__file__).parent / "hud_programs"
LOOP = """\
import debugflow


def check(i):
    if i % 250 == 0:
        raise ValueError(i)
    return i


def work(i):
    try:
        return check(i)
    except ValueError:
        debugflow.pulse("caught", {"i": i})
        return 0


def main():
    total = 0
    for i in range(3000):
        total += work(i)
    print(total)


main()
"""


def _both(
    store_path: Path, run_ref: str = "latest", *, summarised: bool = True
) -> tuple[dict[str, Any], dict[str, Any], int, int]:
    """The final spine's snapshot and the whole stream's, the call rows the final spine
    built events of, and the call rows stored. `summarised`: whether the final spine must
    come from the store's per-node call summary (else from counting the calls)."""
    with RunStore(store_path) as store:
        run_id = store.resolve(run_ref)
        final = store.final_spine(run_id)
        assert final is not None
        quick = SpineModel(run_id)
        quick.apply(final.events)
        quick.count_unread_calls(final.unread)
        events = list(store.events(run_id))
    whole = SpineModel(run_id)
    whole.apply(events)
    stored = sum(isinstance(event, CallStarted) for event in events)
    built = sum(isinstance(event, CallStarted) for event in final.events)
    assert built == final.read_calls
    assert final.summarised == summarised
    return _content(quick), _content(whole), built, stored


def _content(model: SpineModel) -> dict[str, Any]:
    """A model's snapshot but its version (a count of applied batches)."""
    return {k: v for k, v in model.snapshot().items() if k != "version"}


def test_many_detailed_calls_open_from_a_few(tmp_path: Path, flow_env: dict[str, str]) -> None:
    (tmp_path / "loop.py").write_text(LOOP)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "100000"}  # every call stored whole
    ran = flow("run", "loop.py", env=env, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    quick, whole, built, stored = _both(Path(env["FLOW_DATA_DIR"]) / "runs.db")
    assert quick == whole
    assert stored == 6002  # the module body, main, 3000 work and 3000 check calls
    assert built <= 4 * len(whole["nodes"]) + 12  # + the 12 calls the marks were made in
    assert whole["status"]["calls"] == 6002 and whole["status"]["exceptions"] == 12


@pytest.mark.parametrize(
    ("folder", "script", "include"),
    [
        (HUD_PROGRAMS, "networkx_paths.py", ["--include", "networkx"]),
        (HUD_PROGRAMS, "threaded_work.py", []),
        (HUD_PROGRAMS, "async_work.py", []),
        (PROGRAMS, "generators.py", []),
        (PROGRAMS, "recursion.py", []),
    ],
)
def test_the_same_spine_as_the_whole_stream(
    folder: Path, script: str, include: list[str], flow_env: dict[str, str], backend: str
) -> None:
    env = {**flow_env, "FLOW_DETAIL_CALLS": "3", "FLOW_SAMPLE_EVERY": "5"}
    ran = flow("run", *include, script, env=env, cwd=folder, backend=backend)
    assert ran.returncode == 0, ran.stderr
    quick, whole, built, stored = _both(Path(env["FLOW_DATA_DIR"]) / "runs.db")
    assert _diff(quick, whole) == []
    assert quick == whole
    assert built <= stored


def test_a_hub_opens_a_finished_run_from_its_statistics(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    (tmp_path / "loop.py").write_text(LOOP)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "100000"}
    assert flow("run", "loop.py", env=env, cwd=tmp_path).returncode == 0
    data = Path(env["FLOW_DATA_DIR"])
    _, whole, _, _ = _both(data / "runs.db")
    with (
        running_hub(data, store_path=data / "runs.db", write_discovery=False) as info,
        urllib.request.urlopen(http_url(info, "/api/runs/latest"), timeout=30) as answer,
    ):
        body: dict[str, Any] = json.loads(answer.read())
    snapshot = body["snapshot"]
    assert snapshot["nodes"] == whole["nodes"]
    assert snapshot["status"] == whole["status"]


# What version 5 added, taken away again: the store as a version-4 DebugFlow left it.
TO_VERSION_4 = (
    "DROP INDEX calls_open",
    "DROP TABLE node_calls",
    "ALTER TABLE runs DROP COLUMN summarised",
    "UPDATE meta SET value = '4' WHERE key = 'schema_version'",
)


def test_a_run_stored_by_version_4_opens_by_counting_its_calls(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    """A store written before the call summary existed is upgraded when opened; its run,
    every call kept, has no summary and opens from a count of its calls, with the same
    spine as its whole stream. A run recorded after the upgrade is summarised."""
    (tmp_path / "loop.py").write_text(LOOP)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "100000"}
    assert flow("run", "loop.py", env=env, cwd=tmp_path).returncode == 0
    path = Path(env["FLOW_DATA_DIR"]) / "runs.db"
    with RunStore(path) as store:
        old_run = store.resolve("latest")
    conn = sqlite3.connect(path)
    for statement in TO_VERSION_4:
        conn.execute(statement)
    conn.commit()
    conn.close()
    quick, whole, built, stored = _both(path, old_run, summarised=False)
    assert quick == whole
    assert stored == 6002 and built <= 4 * len(whole["nodes"]) + 12
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    assert conn.execute("SELECT summarised FROM runs").fetchall() == [(0,)]
    conn.close()
    assert flow("run", "loop.py", env=env, cwd=tmp_path).returncode == 0
    quick, whole, _, _ = _both(path, "latest", summarised=True)
    assert quick == whole
    quick, whole, _, _ = _both(path, old_run, summarised=False)
    assert quick == whole


def test_the_hub_opens_a_finished_run_without_streaming_its_calls(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    """Through the hub's own state, as a viewer subscribing gets it (the spine, then the
    pauses): no event stream is opened, the final spine comes from the store's call summary,
    and the call rows read are the picked ones."""
    (tmp_path / "loop.py").write_text(LOOP)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "100000"}
    assert flow("run", "loop.py", env=env, cwd=tmp_path).returncode == 0
    data = Path(env["FLOW_DATA_DIR"])
    opened: list[CountingStore] = []

    def open_store(path: Path) -> RunStore:
        opened.append(CountingStore(path))
        return opened[-1]

    async def open_run() -> dict[str, Any]:
        """As a viewer subscribing to the run gets it: its spine, then its pauses."""
        state = HubState(HubSettings(data_dir=data, store_path=data / "runs.db"))
        state.history = History(data / "runs.db", open_store=open_store)
        try:
            model = await state.stored_model("latest")
            assert (await state.pauses_message(model.run_id))["pauses"] == []
            return dict(model.snapshot())
        finally:
            state.history.close()

    snapshot = asyncio.run(open_run())
    assert snapshot["status"]["calls"] == 6002
    store = opened[0]
    assert store.readers == 0  # no event stream was opened
    assert store.summarised == 1  # nor a pass over the stored calls
    assert 0 < store.final_calls <= 4 * len(snapshot["nodes"]) + 12


class CountingStore(RunStore):
    """A run store that counts the event readers it opens, the call rows its final spines
    build, and the final spines read from the call summary."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.readers = 0
        self.final_calls = 0
        self.summarised = 0

    def reader(self, run_id: str) -> RunReader:
        self.readers += 1
        return super().reader(run_id)

    def final_spine(self, run_id: str) -> FinalSpine | None:
        found = super().final_spine(run_id)
        self.final_calls += found.read_calls if found is not None else 0
        self.summarised += found is not None and found.summarised
        return found


def _diff(quick: dict[str, Any], whole: dict[str, Any]) -> list[str]:
    """The node fields that differ, readably (a failure shows which node and field)."""
    out = []
    for a, b in zip(quick["nodes"], whole["nodes"], strict=False):
        for key in a:
            if a[key] != b[key]:
                out.append(f"{a['id']} {a['function']} {key}: {a[key]!r} != {b[key]!r}")
    return out


def test_ties_pulses_threads_and_unreached_functions_of_a_long_run(tmp_path: Path) -> None:
    """A generated run whose calls in two threads start at the same nanoseconds, with marks
    made in calls, exceptions and an unreached function, stored in batches."""
    events = long_run("long-run", steps=600)
    record(tmp_path / "runs.db", events)
    quick, whole, built, stored = _both(tmp_path / "runs.db")
    assert _diff(quick, whole) == []
    assert quick == whole
    assert stored == 1261 and built < 30


def test_a_run_still_going_is_read_as_its_whole_stream(tmp_path: Path) -> None:
    events = [e for e in long_run("unfinished-run", steps=50) if not isinstance(e, RunEnded)]
    record(tmp_path / "runs.db", events)
    with RunStore(tmp_path / "runs.db") as store:
        assert store.final_spine("unfinished-run") is None
