"""The desktop HUD's copy of a run and the session that keeps it: what the hub sends, applied
exactly as the web HUD applies it (snapshots, patches on their base only, run switching).
Pure Python: no display."""

from __future__ import annotations

import json
from typing import Any

import pytest

from debugflow.hud.messages import BadMessage, decode
from debugflow.hud.mirror import Applied, Change, Gap, RunMirror
from debugflow.hud.session import Session, first_run_to_show, new_live_run
from debugflow.protocol.shapes import fits, problems
from debugflow.protocol.viewer import SnapshotMessage, ViewerCommand
from desktop_wire import call, hello, lane, node, patch, run_info, runs, snapshot, tree


def applied(result: Applied | Gap) -> Change:
    assert isinstance(result, Applied), "the message was not applied"
    return result.change


def test_a_snapshot_replaces_the_whole_picture() -> None:
    mirror = RunMirror("run-1")
    applied(mirror.apply(snapshot(3, tree([(0, None), (1, 0)]))))
    change = applied(mirror.apply(snapshot(7, tree([(0, None), (2, 0), (3, 2)]))))
    assert change.reset and change.added == [0, 2, 3]
    assert sorted(mirror.nodes) == [0, 2, 3]
    assert mirror.children == {0: [2], 2: [3]}
    assert mirror.version == 7


def test_a_patch_on_its_base_adds_and_replaces_nodes() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(3, tree([(0, None), (1, 0)], state="processing")))
    pulse = {"dir": "up", "node": 1, "parent": 0, "outcome": "success", "t": 5}
    change = applied(
        mirror.apply(patch(3, 4, [node(1, 0, depth=1), node(2, 0, depth=1)], pulses=[pulse]))
    )
    assert change.added == [2] and change.touched == [1, 2]
    assert change.before[1]["state"] == "processing"
    assert mirror.nodes[1]["state"] == "success"
    assert change.pulses == [pulse]
    assert mirror.children[0] == [1, 2]
    assert mirror.version == 4


def test_a_patch_on_another_base_is_a_gap_and_changes_nothing() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(3, tree([(0, None)])))
    assert isinstance(mirror.apply(patch(2, 4, [node(1, 0, depth=1)])), Gap)
    assert isinstance(mirror.apply(patch(4, 5, [node(1, 0, depth=1)])), Gap)
    assert list(mirror.nodes) == [0] and mirror.version == 3


def test_children_stay_in_id_order_whatever_order_a_message_lists_them() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, [node(0, None), node(3, 0, depth=1), node(2, 0, depth=1)]))
    assert mirror.children[0] == [2, 3]


class Recorder:
    """What the session asked of the hub and told the HUD."""

    def __init__(self) -> None:
        self.sent: list[ViewerCommand] = []
        self.runs_opened: list[str] = []
        self.changes: list[Change] = []
        self.problems: list[str] = []

    def incompatible(self, text: str) -> None:
        self.problems.append(text)

    def opened(self, mirror: RunMirror) -> None:
        self.runs_opened.append(mirror.run_id)

    def applied(self, mirror: RunMirror, change: Change) -> None:
        self.changes.append(change)

    def error(self, text: str) -> None:
        self.problems.append(text)


def new_session() -> tuple[Session, Recorder]:
    recorder = Recorder()
    session = Session(recorder.sent.append, recorder)
    session.handle(hello())
    return session, recorder


def test_the_first_list_opens_the_running_run_and_subscribes() -> None:
    session, hub = new_session()
    session.handle(runs(run_info("old", 100), run_info("running", 50, live=True, state="live")))
    assert hub.runs_opened == ["running"]
    assert hub.sent == [{"type": "subscribe", "run": "running"}]


def test_without_a_running_run_the_latest_recorded_one_opens_at_its_end() -> None:
    session, hub = new_session()
    session.handle(
        runs(run_info("old", 100), run_info("latest", 300), run_info("g", 400, kind="ghost"))
    )
    assert hub.runs_opened == ["latest"]
    assert hub.sent == [{"type": "replay", "run": "latest", "at": None, "speed": 0}]


def test_a_new_live_run_takes_over_and_the_old_one_is_unsubscribed() -> None:
    session, hub = new_session()
    first = run_info("first", 100, live=True, state="live")
    session.handle(runs(first))
    session.handle(runs(run_info("second", 200, live=True, state="live"), first))
    assert hub.runs_opened == ["first", "second"]
    assert hub.sent[-2:] == [
        {"type": "unsubscribe", "run": "first"},
        {"type": "subscribe", "run": "second"},
    ]


def test_a_run_that_ended_stays_on_screen() -> None:
    session, hub = new_session()
    session.handle(runs(run_info("r", 100, live=True, state="live")))
    session.handle(snapshot(1, tree([(0, None)]), run="r"))
    session.handle(runs(run_info("r", 100, live=True, state="ended")))
    session.handle(runs(run_info("r", 100, live=True, state="ended"), run_info("old", 50)))
    assert hub.runs_opened == ["r"]
    assert session.mirror is not None and list(session.mirror.nodes) == [0]


def test_a_short_run_that_started_and_ended_between_two_lists_is_still_shown() -> None:
    session, hub = new_session()
    session.handle(runs())
    session.handle(runs(run_info("quick", 100, live=True, state="ended")))
    assert hub.runs_opened == ["quick"]


def test_a_patch_that_does_not_follow_asks_for_a_snapshot_again() -> None:
    session, hub = new_session()
    session.handle(runs(run_info("r", 100, live=True, state="live")))
    session.handle(snapshot(5, tree([(0, None)]), run="r"))
    session.handle(patch(9, 10, [node(1, 0, depth=1)], run="r"))
    assert hub.sent[-1] == {"type": "subscribe", "run": "r"}
    assert session.mirror is not None and 1 not in session.mirror.nodes
    session.handle(patch(5, 6, [node(1, 0, depth=1)], run="r"))
    assert 1 in session.mirror.nodes


def test_messages_of_another_run_are_ignored() -> None:
    session, _ = new_session()
    session.handle(runs(run_info("r", 100, live=True, state="live")))
    session.handle(snapshot(1, tree([(0, None)]), run="other"))
    assert session.mirror is not None and session.mirror.nodes == {}


def test_a_reconnect_asks_for_the_picture_again() -> None:
    session, hub = new_session()
    session.handle(runs(run_info("r", 100, live=True, state="live")))
    session.handle(hello())
    assert hub.sent == [{"type": "subscribe", "run": "r"}, {"type": "subscribe", "run": "r"}]


def test_a_hub_of_another_protocol_version_is_refused_with_the_reason() -> None:
    recorder = Recorder()
    session = Session(recorder.sent.append, recorder)
    session.handle(hello(spine=99))
    session.handle(runs(run_info("r", 100, live=True, state="live")))
    assert recorder.sent == [] and recorder.runs_opened == []
    assert "older than the hub" in recorder.problems[0]


def test_run_order_ties_are_broken_by_id_not_by_the_order_sent() -> None:
    a, b = run_info("a", 100, live=True, state="live"), run_info("b", 100, live=True, state="live")
    assert first_run_to_show([a, b]) == first_run_to_show([b, a]) == b
    assert new_live_run([a, b], {"a", "b"}) == b


def test_messages_are_checked_against_their_shape() -> None:
    good: Any = snapshot(1, tree([(0, None)]))
    good["nodes"][0]["a_field_from_a_newer_hub"] = 1
    assert decode(json.dumps(good)) == good  # unknown fields are ignored, not refused
    assert decode(json.dumps({"type": "something_new"})) is None
    bad = json.loads(json.dumps(good))
    bad["nodes"][0]["parent"] = "0"
    with pytest.raises(BadMessage, match="SnapshotMessage"):
        decode(json.dumps(bad))
    for text in ("not json", "[1]", '{"type": 3}'):
        with pytest.raises(BadMessage):
            decode(text)


def test_lanes_and_functions_are_kept_by_id() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, [node(0, None), node(1, None, lane=1)], lanes=[lane(0), lane(1, "w")]))
    assert mirror.lanes[1]["name"] == "w"


def test_the_fast_shape_check_agrees_with_the_hubs_own() -> None:
    # `fits` is `problems` compiled for bulk reading: on every variant both say the same
    # (fields a shape does not name aside, which `fits` lets through on purpose).
    good: Any = json.loads(json.dumps(snapshot(1, tree([(0, None), (1, 0)]))))
    good["nodes"][1]["sample"] = call(args=[{"name": "a", "type": "int", "value": "1"}])
    variants = [good]
    for field in good["nodes"][1]:
        for wrong in (None, "x", 1.5, True, [], {}):
            variant = json.loads(json.dumps(good))
            variant["nodes"][1][field] = wrong
            variants.append(variant)
    missing = json.loads(json.dumps(good))
    del missing["status"]["run"]
    variants.append(missing)
    for variant in variants:
        assert fits(SnapshotMessage)(variant) == (problems(variant, SnapshotMessage) == [])
    assert sum(fits(SnapshotMessage)(v) for v in variants) < len(variants) / 2


def test_a_node_sent_folded_starts_collapsed_and_stays_open_once_opened() -> None:
    mirror = RunMirror("run-1")
    imports = node(1, 0, depth=1, kind="imports", function="imports json", folded=True)
    mirror.apply(snapshot(1, [node(0, None), imports, node(2, 1, depth=2)]))
    assert mirror.view.collapsed == {1}
    mirror.view.collapsed.discard(1)  # the user opens it
    mirror.apply(snapshot(2, [node(0, None), imports, node(2, 1, depth=2), node(3, 0)]))
    assert mirror.view.collapsed == set()
