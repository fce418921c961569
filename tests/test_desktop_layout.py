"""Where the desktop HUD puts things and what it writes there: rows, indents, lanes and the rows
in view (the web HUD's layout rules), the docked window's size, following, labels, animations
and the latency it measures. Pure Python: no display."""

from __future__ import annotations

import io
import json

from debugflow.hud.animations import Animations, flash_strength
from debugflow.hud.capture import StatsWriter, ViewReport
from debugflow.hud.card import card_rows
from debugflow.hud.dock import Rect, dock_rect, monitor_at, window_width
from debugflow.hud.follow import FocusTracker, Scroller
from debugflow.hud.labels import args_line, clip, error_text, result_line, title, wrap
from debugflow.hud.layout import Layout, Point, column_x, columns_width, row_top
from debugflow.hud.mirror import Applied, RunMirror
from debugflow.hud.scene import Look, Scene, look_of
from debugflow.hud.theme import GEOMETRY as G
from debugflow.hud.theme import TIMING
from debugflow.protocol.viewer import NodeWire, PulseWire
from desktop_wire import call, lane, node, patch, snapshot, tree


def pipeline() -> RunMirror:
    """main ─┬─ load, ├─ train ── step, └─ save; and a worker lane spawned by train."""
    mirror = RunMirror("run-1")
    main = tree([(0, None), (1, 0), (2, 0), (3, 2), (5, 0)])
    worker = [node(4, None, lane=1, spawned_by=2)]
    mirror.apply(snapshot(1, [*main, *worker], lanes=[lane(0), lane(1, "worker")]))
    return mirror


def laid_out(mirror: RunMirror) -> Layout:
    layout = Layout()
    layout.build(mirror)
    return layout


def test_children_go_below_their_parent_in_id_order_one_column_per_lane() -> None:
    layout = laid_out(pipeline())
    assert layout.columns == [[0, 1, 2, 3, 5], [4]]
    assert layout.lane_of_column == [0, 1]
    assert (layout.row(3), layout.row(5), layout.column(1)) == (3, 4, 1)


def test_a_node_sits_by_column_row_and_depth() -> None:
    mirror = pipeline()
    layout = laid_out(mirror)
    assert layout.center(mirror, 0) == Point(G.pad + 12, G.header_height + G.row_height / 2)
    assert layout.center(mirror, 3) == Point(column_x(0) + 12 + 2 * G.indent, row_top(3) + 30)
    assert layout.center(mirror, 4) == Point(column_x(1) + 12, row_top(0) + 30)
    assert layout.center(mirror, 99) is None


def test_indenting_stops_at_the_deepest_indented_level() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, tree([(0, None), *((i, i - 1) for i in range(1, 31))])))
    layout = laid_out(mirror)
    deepest = G.pad + 12 + G.max_indent_depth * G.indent
    assert layout.center(mirror, 30) == Point(deepest, row_top(30) + 30)
    center = layout.center(mirror, G.max_indent_depth)
    assert center is not None and center.x == deepest


def test_a_collapsed_node_hides_its_subtree_and_closes_the_gap() -> None:
    mirror = pipeline()
    mirror.view.collapsed.add(2)
    layout = laid_out(mirror)
    assert layout.columns[0] == [0, 1, 2, 5]
    assert layout.row(3) is None


def extended(mirror: RunMirror, layout: Layout, nodes: list[NodeWire], version: int) -> bool:
    """Apply a patch that adds `nodes`; whether the layout placed them without a rebuild."""
    applied = mirror.apply(patch(version - 1, version, nodes))
    assert isinstance(applied, Applied)
    return layout.extend(mirror, applied.change.added)


def rows_of(mirror: RunMirror, layout: Layout) -> dict[int, int | None]:
    return {node_id: layout.row(node_id) for node_id in mirror.nodes}


def test_nodes_added_as_a_run_streams_land_where_a_fresh_layout_puts_them() -> None:
    mirror = pipeline()
    layout = laid_out(mirror)
    before = layout.version
    # New calls at the end (under the last node), a new root, a node above others (under
    # load, id 1), one in a new lane, listed out of order in one patch.
    added = [node(8, 1, depth=1), node(6, 5, depth=1), node(7, None), node(9, None, lane=2)]
    assert extended(mirror, layout, added, 2)
    fresh = laid_out(mirror)
    assert layout.columns == fresh.columns == [[0, 1, 8, 2, 3, 5, 6, 7], [4], [9]]
    assert layout.lane_of_column == fresh.lane_of_column == [0, 1, 2]
    assert rows_of(mirror, layout) == rows_of(mirror, fresh)
    assert layout.version > before


def test_a_node_added_under_a_folded_one_stays_hidden_until_it_is_unfolded() -> None:
    mirror = pipeline()
    mirror.view.collapsed.add(2)
    layout = laid_out(mirror)
    assert extended(mirror, layout, [node(6, 3, depth=2), node(7, 2, depth=1)], 2)
    assert layout.columns[0] == [0, 1, 2, 5]
    assert layout.row(6) is None and layout.row(7) is None


def test_what_extending_cannot_place_cheaply_asks_for_a_rebuild() -> None:
    mirror = pipeline()
    layout = laid_out(mirror)
    # A new lane that sorts before a shown one moves columns around.
    mirror.apply(snapshot(1, [node(0, None, lane=3)], lanes=[lane(3)]))
    layout = laid_out(mirror)
    assert not extended(mirror, layout, [node(1, None, lane=2)], 2)
    # Many nodes inserted above many others: renumbering the rows below each time costs more.
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, tree([(0, None), (1, 0), *((i, 0) for i in range(2, 3000))])))
    layout = laid_out(mirror)
    above = [node(i, 1, depth=1) for i in range(3000, 3002)]
    assert not extended(mirror, layout, above, 2)
    layout.build(mirror)
    assert layout.columns[0][:5] == [0, 1, 3000, 3001, 2]


def test_hits_find_the_row_under_a_point_within_a_column() -> None:
    mirror = pipeline()
    layout = laid_out(mirror)
    assert layout.hit(column_x(0) + 5, row_top(3) + 1) == 3
    assert layout.hit(column_x(1) + 300, row_top(0) + 59) == 4
    assert layout.hit(column_x(0) + G.column_width + 10, row_top(0) + 5) is None  # the gap
    assert layout.hit(column_x(0) + 5, row_top(9)) is None
    assert layout.hit(column_x(0) + 5, 5) is None  # the header


def test_only_the_rows_in_view_are_drawn_plus_one_each_side() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, tree([(0, None), *((i, 0) for i in range(1, 20_000))])))
    layout = laid_out(mirror)
    assert layout.visible_rows(0, 0, 600) == range(0, 11)
    top = row_top(10_000) - G.row_height / 2  # the view starts halfway down row 9,999
    rows = layout.visible_rows(0, top, 600)
    assert rows == range(9_998, 10_012)  # 9,999 to 10,009 show; spares as the web HUD has them
    assert layout.visible_rows(0, row_top(19_990), 600).stop == 20_000
    assert layout.visible_rows(5, 0, 600) == range(0)


def test_content_size_fits_the_columns_and_room_below() -> None:
    layout = laid_out(pipeline())
    assert layout.width == columns_width(2) == G.pad * 2 + 2 * G.column_width + G.lane_gap
    assert layout.height == row_top(5) + G.bottom_space


def test_the_window_is_one_column_wide_up_to_three_and_45_percent_of_the_monitor() -> None:
    assert window_width(1920, 0) == window_width(1920, 1) == columns_width(1) == 432
    assert window_width(3840, 3) == columns_width(3) == window_width(3840, 7)
    assert window_width(1920, 3) == int(1920 * 0.45)


def test_the_window_docks_to_the_right_edge_of_the_monitor_under_the_pointer() -> None:
    left, right = Rect(0, 0, 1920, 1080), Rect(1920, 120, 1280, 1024)
    assert monitor_at([left, right], 2000, 500) == right
    assert monitor_at([left, right], 5000, 5000) == left  # off every monitor: the primary
    assert monitor_at([], 0, 0) is None
    assert dock_rect(right, 1) == Rect(1920 + 1280 - 432, 120, 432, 1024)
    assert dock_rect(left, 2, "left") == Rect(0, 0, columns_width(2), 1080)


def test_labels_follow_the_web_huds_rules() -> None:
    sample = call(
        args=[
            {"name": "lr", "type": "float", "value": "0.001"},
            {"name": "x", "type": "", "value": ""},
        ],
        ret={"name": "return", "type": "float", "value": "0.5"},
    )
    shown = node(1, 0, calls=1200, sample=sample)
    assert args_line(shown) == "lr: float=0.001, x"
    assert title(shown) == "f1 ×1,200"
    assert result_line(shown) == "→ float=0.5"
    raised = call(state="raised", error={"type": "ValueError", "message": "bad", "line": 3})
    failing = node(2, 0, state="exception", sample=raised)
    assert result_line(failing) == error_text(failing) == "✖ ValueError: bad"
    other = node(
        3, 0, sample=sample, failure=call(args=None, state="raised", error=raised["error"])
    )
    assert result_line(other) == "→ float=0.5 · ✖ another call raised ValueError: bad"
    assert args_line(node(4, 0)) == "…"  # no call's values were kept


def test_labels_are_clipped_to_the_column_with_one_ellipsis() -> None:
    assert clip("short", 10) == "short"
    assert clip("abcdefghijkl", 6) == "abcde…"
    assert clip("abcd…  efgh", 6) == "abcd…"  # never "……"
    assert clip("日本語のテキスト", 7) == "日本語…"  # wide characters take two cells
    assert clip("anything", 0) == ""
    assert wrap("a" * 25, 10, 2) == ["a" * 10, "a" * 9 + "…"]


def test_the_hover_card_says_where_how_long_and_how_often() -> None:
    mirror = pipeline()
    dur = {
        "min": 880_000,
        "median": 1_100_000,
        "max": 1_400_000,
        "total": 5_600_000,
        "own": 5_000_000,
    }
    shown = node(7, 0, module="train", file="/p/train.py", line=20, calls=5, exceptions=1, dur=dur,
                 sample=call(duration=1_200_000))  # fmt: skip
    rows = {row.label: row.text for row in card_rows(mirror, shown)}
    texts = [row.text for row in card_rows(mirror, shown)]
    assert "train · /p/train.py:20" in texts
    assert rows["duration"] == "1.20ms"
    assert rows["calls"] == "5 · 1 raised"
    assert rows["min / median / max"] == "880us / 1.10ms / 1.40ms"
    assert rows["total / own"] == "5.60ms / 5.00ms"


def test_following_picks_the_deepest_running_call_and_holds_on_it() -> None:
    mirror = RunMirror("run-1")
    tracker = FocusTracker()
    nodes = tree([(0, None), (1, 0), (2, 1)], state="processing")
    result = mirror.apply(snapshot(1, nodes))
    assert isinstance(result, Applied)
    assert tracker.update(mirror, result.change) == 2
    # The deepest call returns while its callers still run: the view holds on it.
    result = mirror.apply(patch(1, 2, [node(2, 1, depth=2, state="success")]))
    assert isinstance(result, Applied) and tracker.update(mirror, result.change) == 2
    # A call starts elsewhere: the view moves to it.
    result = mirror.apply(patch(2, 3, [node(3, 0, depth=1, state="processing")]))
    assert isinstance(result, Applied) and tracker.update(mirror, result.change) == 3


def test_the_view_glides_to_the_followed_node_and_a_users_scroll_stops_it() -> None:
    scroller = Scroller()
    scroller.resize(432, 600, Point(432, 5_000))
    target = Point(40, 3_000)
    assert not scroller.follow(target, TIMING.focus_min_nodes - 1, 0)  # too few nodes yet
    steps = 0
    while scroller.follow(target, 10, steps * 16.0):
        steps += 1
        assert steps < 200
    assert scroller.view.top == target.y - 300  # centred
    first_step = Scroller()
    first_step.resize(432, 600, Point(432, 5_000))
    first_step.follow(target, 10, 0)
    assert first_step.view.top == (target.y - 300) * TIMING.follow_ease
    scroller.scroll_by(0, -500)
    assert not scroller.following
    assert not scroller.follow(Point(40, 4_000), 10, 5_000)
    scroller.scroll_by(0, 10_000)  # back to the bottom: following again
    assert scroller.following


def test_pulses_flash_their_node_and_expire() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, tree([(0, None)], state="processing")))
    anim = Animations()
    pulses = [
        {"dir": "down", "node": 1, "parent": 0, "outcome": None, "t": 1},
        {"dir": "up", "node": 1, "parent": 0, "outcome": "exception", "t": 2},
    ]
    result = mirror.apply(
        patch(1, 2, [node(0, None, state="success"), node(1, 0, depth=1)], pulses=pulses)
    )  # type: ignore[arg-type]
    assert isinstance(result, Applied)
    anim.add(result.change, mirror, 1_000)
    assert [p.start for p in anim.pulses] == [1_000, 1_012]
    assert anim.flashes[1].color == "exception"
    assert anim.flashes[0].color == "success"  # it ended without a pulse: it flashes anyway
    assert flash_strength(anim.flashes[0], 1_000) == 1.0
    assert anim.prune(1_000 + TIMING.pulse_ms - 1)
    assert not anim.prune(1_000 + TIMING.flash_ms + 100)


def test_finished_flashes_go_first_and_a_node_flashed_again_moves_to_the_back() -> None:
    mirror = RunMirror("run-1")
    mirror.apply(snapshot(1, tree([(0, None), (1, 0), (2, 0)])))
    anim = Animations()
    for version, (node_id, at) in enumerate([(1, 0), (2, 100), (1, 900)], start=2):
        ended: PulseWire = {
            "dir": "up",
            "node": node_id,
            "parent": 0,
            "outcome": "success",
            "t": at,
        }
        result = mirror.apply(patch(version - 1, version, [], pulses=[ended]))
        assert isinstance(result, Applied)
        anim.add(result.change, mirror, at)
    assert list(anim.flashes) == [2, 1]
    assert anim.prune(100 + TIMING.flash_ms + 1)
    assert list(anim.flashes) == [1]


def scene_of(mirror: RunMirror, layout: Layout, hover: int | None = None) -> Scene:
    return Scene(mirror, layout, Animations(), 400, 800, 0, 0, hover, 0)


def test_a_drawn_nodes_look_changes_only_with_what_it_shows() -> None:
    mirror = pipeline()
    layout = laid_out(mirror)

    def look(node_id: int, hover: int | None = None) -> Look:
        at = layout.center(mirror, node_id)
        assert at is not None
        return look_of(scene_of(mirror, layout, hover), mirror.nodes[node_id], at)

    train, before = look(2), look(2)
    assert train == before  # nothing changed: nothing is drawn again
    assert train.down_to == row_top(3) + 30 and train.across_from == G.pad + 12
    assert look(2, hover=2) != train and look(2, hover=1) != train
    assert look(2, hover=1) == look(2, hover=3)  # dimmed either way
    assert extended(mirror, layout, [node(6, 2, depth=2)], 2)
    assert look(2) != train  # its line now runs down to the new last child
    mirror.apply(patch(2, 3, [node(2, 0, depth=1, calls=2)]))
    assert look(2).node is not train.node and look(2) != train
    assert look(4).spawner == layout.center(mirror, 2)  # the worker lane's link


def test_latency_runs_from_a_nodes_arrival_to_the_first_frame_that_drew_it() -> None:
    out = io.StringIO()
    stats = StatsWriter(out, started=100.0)
    stats.arrived([1, 2], at=100.10)
    stats.frame(100.15, [], 2, ViewReport())  # not drawn yet
    stats.frame(100.30, [1], 2, ViewReport())
    stats.arrived([4], at=100.20)
    stats.frame(101.20, [2, 3], 2, ViewReport(left=5, top=120.4, hover=2))
    record = json.loads(out.getvalue())
    assert record["frames"] == 3 and record["nodes"] == 2
    assert record["latency_ms"]["count"] == 2
    assert record["latency_ms"]["max"] == 1100.0
    out.seek(0)
    out.truncate()
    stats.frame(107.0, [4], 2, ViewReport())  # scrolled to, long after: not the HUD's latency
    assert json.loads(out.getvalue())["latency_ms"] is None
    assert record["view"]["top"] == 120 and record["view"]["hover"] == 2
