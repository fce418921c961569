"""What a RUN reference means: `latest` (the newest live run), `--ghost`, ids and parts of ids."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import flow
from debugflow.protocol import RunStarted
from debugflow.storage import RunNotFound, RunStore


def started(run_id: str, at: float, kind: str = "run") -> RunStarted:
    return RunStarted(run_id, ("app.py",), "/proj", "3.11.7", "settrace", "", at, 0, kind)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RunStore]:
    opened = RunStore(tmp_path / "runs.db")
    yield opened
    opened.close()


def begin(store: RunStore, *runs: tuple[str, str]) -> None:
    """Store runs given as (id, kind), oldest first."""
    for at, (run_id, kind) in enumerate(runs):
        store.begin_run(started(run_id, 1000.0 + at, kind))


# -- latest and --ghost ----------------------------------------------------------------------


def test_latest_is_the_newest_run_that_is_not_a_ghost(store: RunStore) -> None:
    begin(store, ("old-run", "run"), ("live-launch", "launch"), ("dry", "ghost"))
    assert store.resolve() == "live-launch"
    assert store.resolve("latest") == "live-launch"
    assert store.resolve(ghost=True) == "dry"


@pytest.mark.parametrize("kind", ["run", "api", "launch"])
def test_every_kind_but_ghost_is_live(store: RunStore, kind: str) -> None:
    begin(store, ("older", "run"), ("newer", kind), ("dry", "ghost"))
    assert store.resolve() == "newer"


def test_ghost_runs_stay_reachable_by_id_and_by_part_of_one(store: RunStore) -> None:
    begin(store, ("20261206-234605-4ac803", "ghost"), ("20261206-234610-9bb001", "run"))
    assert store.resolve("20261206-234605-4ac803") == "20261206-234605-4ac803"
    assert store.resolve("4ac8") == "20261206-234605-4ac803"


def test_latest_explains_a_store_holding_only_ghost_runs(store: RunStore) -> None:
    begin(store, ("dry", "ghost"))
    with pytest.raises(RunNotFound, match=r"no live runs.*1 ghost run.*--ghost"):
        store.resolve()


def test_latest_ghost_explains_a_store_without_ghost_runs(store: RunStore) -> None:
    begin(store, ("live", "run"))
    with pytest.raises(RunNotFound, match=r"no ghost runs .*`flow ghost`"):
        store.resolve(ghost=True)


def test_an_empty_store_says_so(store: RunStore) -> None:
    with pytest.raises(RunNotFound, match="no runs are recorded yet"):
        store.resolve()
    with pytest.raises(RunNotFound, match="no runs are recorded yet"):
        store.resolve(ghost=True)


# -- ids, prefixes and substrings ------------------------------------------------------------

IDS = ("20261206-234605-4ac803", "20261206-234610-9bb001", "20261207-101500-3fa9c2")


def test_any_unique_part_of_an_id_names_its_run(store: RunStore) -> None:
    begin(store, *((run_id, "run") for run_id in IDS))
    assert store.resolve("4ac803") == IDS[0]
    assert store.resolve("9bb") == IDS[1]
    assert store.resolve("234610") == IDS[1]
    assert store.resolve("1207-10") == IDS[2]
    assert store.resolve("20261207") == IDS[2]  # a prefix is a part too


def test_a_unique_prefix_wins_over_matches_elsewhere_in_other_ids(store: RunStore) -> None:
    # Before parts of ids were accepted, "ab" named "ab-1"; it still does.
    begin(store, ("ab-1", "run"), ("x-ab-2", "run"))
    assert store.resolve("ab") == "ab-1"
    assert store.resolve("b-2") == "x-ab-2"


def test_a_part_of_several_ids_names_them(store: RunStore) -> None:
    begin(store, *((run_id, "run") for run_id in IDS))
    with pytest.raises(RunNotFound) as raised:
        store.resolve("2346")
    message = str(raised.value)
    assert "'2346' matches 2 runs" in message
    assert f"{IDS[1]}, {IDS[0]}" in message  # newest first
    assert IDS[2] not in message


def test_an_ambiguous_reference_names_at_most_five_runs(store: RunStore) -> None:
    ids = [f"2026-{n}-cafe{n}" for n in range(7)]
    begin(store, *((run_id, "run") for run_id in ids))
    with pytest.raises(RunNotFound) as raised:
        store.resolve("cafe")
    message = str(raised.value)
    assert "matches 7 runs" in message
    assert ", ".join(reversed(ids[2:])) + ", …" in message
    assert ids[1] not in message and ids[0] not in message


def test_ambiguity_is_judged_among_every_kind(store: RunStore) -> None:
    begin(store, ("live-77", "run"), ("dry-77", "ghost"))
    with pytest.raises(RunNotFound, match="matches 2 runs"):
        store.resolve("77")


@pytest.mark.parametrize("ref", ["zzz", "%", "_", "4ac803-"])
def test_a_reference_matching_nothing_points_at_flow_runs(store: RunStore, ref: str) -> None:
    # Matched literally: SQL wildcards are ordinary characters.
    begin(store, *((run_id, "run") for run_id in IDS))
    with pytest.raises(RunNotFound, match=r"no recorded run matches .*`flow runs` lists them"):
        store.resolve(ref)


def test_an_empty_reference_matches_nothing(store: RunStore) -> None:
    begin(store, ("run-1", "run"))
    with pytest.raises(RunNotFound, match="empty"):
        store.resolve("")


# -- the commands ----------------------------------------------------------------------------

LAUNCHER = """\
from debugflow.flow_engine import launch


def helper(x):
    return x + 1


def runme():
    return helper(41)


print(launch("runme", Ghost=True))
"""


@pytest.fixture
def launched(tmp_path: Path, flow_env: dict[str, str]) -> Path:
    """A project whose script called launch(Ghost=True) under `flow run`: the ghost pass is
    stored while the outer run is going, so it is the newest run in the store."""
    (tmp_path / "app.py").write_text(LAUNCHER)
    ran = flow("run", "app.py", env=flow_env, cwd=tmp_path)
    assert (ran.returncode, ran.stdout) == (0, "42\n"), ran.stderr
    return tmp_path


def _stored_runs(flow_env: dict[str, str]) -> dict[str, str]:
    """Run ids by kind."""
    with RunStore(Path(flow_env["FLOW_DATA_DIR"]) / "runs.db") as store:
        runs = store.runs()
    assert [run.kind for run in runs] == ["ghost", "run"]  # newest first
    return {run.kind: run.run_id for run in runs}


def _exported_run_id(*args: str, env: dict[str, str], cwd: Path) -> str:
    exported = flow("export", *args, "--format", "jsonl", env=env, cwd=cwd)
    assert exported.returncode == 0, exported.stderr
    return str(json.loads(exported.stdout.splitlines()[1])["run_id"])


def test_show_stats_and_export_default_to_the_newest_live_run(
    launched: Path, flow_env: dict[str, str]
) -> None:
    ids = _stored_runs(flow_env)
    shown = flow("show", env=flow_env, cwd=launched)
    assert shown.returncode == 0, shown.stderr
    assert ids["run"] in shown.stdout and ids["ghost"] not in shown.stdout
    assert _exported_run_id(env=flow_env, cwd=launched) == ids["run"]
    stats = flow("stats", "--json", env=flow_env, cwd=launched)
    assert {"runme", "helper"} <= {row["function"] for row in json.loads(stats.stdout)}


def test_ghost_flag_picks_the_newest_ghost_run(launched: Path, flow_env: dict[str, str]) -> None:
    ids = _stored_runs(flow_env)
    shown = flow("show", "--ghost", env=flow_env, cwd=launched)
    assert shown.returncode == 0, shown.stderr
    assert ids["ghost"] in shown.stdout and ids["run"] not in shown.stdout
    assert _exported_run_id("--ghost", env=flow_env, cwd=launched) == ids["ghost"]
    stats = flow("stats", "--ghost", "--json", env=flow_env, cwd=launched)
    assert stats.returncode == 0, stats.stderr
    assert isinstance(json.loads(stats.stdout), list)


def test_ghost_flag_and_a_run_reference_exclude_each_other(
    launched: Path, flow_env: dict[str, str]
) -> None:
    clash = flow("show", "--ghost", "latest", env=flow_env, cwd=launched)
    assert clash.returncode == 2
    assert "not allowed with" in clash.stderr


def test_runs_lists_every_run_with_its_kind(launched: Path, flow_env: dict[str, str]) -> None:
    listed = flow("runs", env=flow_env, cwd=launched)
    assert listed.returncode == 0, listed.stderr
    for kind, run_id in _stored_runs(flow_env).items():
        row = next(line for line in listed.stdout.splitlines() if run_id in line)
        assert kind in [cell.strip() for cell in row.split("│")]


def test_show_takes_any_unique_part_of_an_id(launched: Path, flow_env: dict[str, str]) -> None:
    for run_id in _stored_runs(flow_env).values():
        tail = run_id.rsplit("-", 1)[1]  # the random hex part: neither id's prefix
        assert _exported_run_id(tail, env=flow_env, cwd=launched) == run_id
        shown = flow("show", tail, env=flow_env, cwd=launched)
        assert shown.returncode == 0, shown.stderr
        assert run_id in shown.stdout


def test_an_ambiguous_or_unknown_reference_is_a_clear_error(
    launched: Path, flow_env: dict[str, str]
) -> None:
    ambiguous = flow("stats", "-", env=flow_env, cwd=launched)
    assert ambiguous.returncode == 2
    assert "'-' matches 2 runs" in ambiguous.stderr
    assert all(run_id in ambiguous.stderr for run_id in _stored_runs(flow_env).values())
    unknown = flow("export", "no-such-run", env=flow_env, cwd=launched)
    assert unknown.returncode == 2
    assert "`flow runs` lists them" in unknown.stderr and unknown.stdout == ""
