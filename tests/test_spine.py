"""The spine model: which calls become nodes, their states, ×N collapsing, lanes, pulses."""

from __future__ import annotations

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    NodeSeen,
    NodeStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)
from debugflow.protocol.viewer import NodeWire, SnapshotMessage
from debugflow.spine.model import SpineLimits, SpineModel
from debugflow.spine.panel import run_script

ORIGIN = 1_000_000_000
MAIN = 1


def run_started() -> RunStarted:
    return RunStarted(
        run_id="r1",
        argv=("train.py", "--fast"),
        cwd="/p",
        python="3.11",
        backend="settrace",
        backend_reason="test",
        started_at=1.0,
        origin_ns=ORIGIN,
    )


def call(
    cid: int,
    fn: str,
    parent: int | None,
    t: int,
    thread: int = MAIN,
    task: int | None = None,
    args: tuple[ArgPreview, ...] = (),
    node: int | None = None,
    detailed: bool = True,
) -> CallStarted:
    return CallStarted(
        call_id=cid,
        parent_id=parent,
        thread_id=thread,
        task_id=task,
        function=fn,
        module="train",
        file="/p/train.py",
        line=len(fn),
        call_line=None,
        args=args,
        start_ns=ORIGIN + t,
        detailed=detailed,
        node_id=node,
    )


def seen(node: int, fn: str, parent: int | None, thread: int = MAIN) -> NodeSeen:
    return NodeSeen(node, parent, thread, None, fn, "train", "/p/train.py", len(fn), None, ORIGIN)


def exact(node: int, calls: int, exceptions: int = 0, low: int = 5, mid: int = 7) -> NodeStats:
    return NodeStats(node, calls, exceptions, calls * mid, calls, low, mid, 9)


def ret(cid: int, t: int, value: str = "1") -> CallEnded:
    return CallEnded(
        call_id=cid, end_ns=ORIGIN + t, outcome="return", value=ArgPreview("return", "int", value)
    )


def fail(cid: int, t: int, message: str) -> CallEnded:
    return CallEnded(
        call_id=cid,
        end_ns=ORIGIN + t,
        outcome="exception",
        exc_type="ValueError",
        exc_message=message,
        exc_line=7,
    )


def model_with(*events: Event, limits: SpineLimits | None = None) -> SpineModel:
    model = SpineModel("r1", limits)
    model.apply([run_started(), *events])
    return model


def nodes_by_name(snap: SnapshotMessage) -> dict[str, NodeWire]:
    return {n["function"]: n for n in snap["nodes"]}


def test_a_running_call_is_a_processing_node_with_its_arguments() -> None:
    arg = ArgPreview("lr", "float", "0.001")
    model = model_with(call(1, "train", None, 10, args=(arg,)))
    node = model.snapshot()["nodes"][0]
    assert node["state"] == "processing"
    assert node["active"] == 1
    assert node["sample"] is not None and node["sample"]["state"] == "running"
    assert node["sample"]["args"] == [{"name": "lr", "type": "float", "value": "0.001"}]
    assert node["parent"] is None and node["depth"] == 0
    assert node["first_t"] == 10


def test_return_turns_the_node_green_with_duration_and_value() -> None:
    model = model_with(call(1, "train", None, 10), ret(1, 60, "42"))
    node = model.snapshot()["nodes"][0]
    assert node["state"] == "success"
    assert node["sample"] is not None
    assert node["sample"]["ret"] == {"name": "return", "type": "int", "value": "42"}
    assert (node["sample"]["state"], node["sample"]["duration"]) == ("returned", 50)
    assert node["dur"] == {"min": 50, "median": 50, "max": 50, "total": 50, "own": 0}


def test_exception_keeps_its_text_after_later_successes() -> None:
    model = model_with(
        call(1, "main", None, 0),
        call(2, "parse", 1, 1),
        fail(2, 2, "bad row 3"),
        call(3, "parse", 1, 3),
        ret(3, 4),
    )
    parse = nodes_by_name(model.snapshot())["parse"]
    assert parse["state"] == "success"
    assert parse["exceptions"] == 1
    assert parse["failure"] is not None and parse["failure"]["state"] == "raised"
    assert parse["failure"]["error"] == {"type": "ValueError", "message": "bad row 3", "line": 7}
    assert model.snapshot()["status"]["exceptions"] == 1


def test_repeated_calls_collapse_per_parent_with_timing_stats() -> None:
    events: list[Event] = [call(1, "epoch", None, 0)]
    for i, duration in enumerate([30, 10, 20]):
        step, load = 10 + 2 * i, 11 + 2 * i
        start = 100 * (i + 1)
        events += [
            call(step, "step", 1, start),
            call(load, "load", step, start + 1),
            ret(load, start + 2),
            ret(step, start + duration),
        ]
    snap = model_with(*events).snapshot()
    assert [n["function"] for n in snap["nodes"]] == ["epoch", "step", "load"]
    step_node = nodes_by_name(snap)["step"]
    assert step_node["calls"] == 3
    assert step_node["dur"] is not None
    assert (step_node["dur"]["min"], step_node["dur"]["median"], step_node["dur"]["max"]) == (
        10,
        20,
        30,
    )
    assert nodes_by_name(snap)["load"]["parent"] == step_node["id"]


def test_same_function_under_different_parents_makes_different_nodes() -> None:
    model = model_with(
        call(1, "main", None, 0),
        call(2, "a", 1, 1),
        call(3, "log", 2, 2),
        ret(3, 3),
        ret(2, 4),
        call(4, "b", 1, 5),
        call(5, "log", 4, 6),
        ret(5, 7),
    )
    logs = [n for n in model.snapshot()["nodes"] if n["function"] == "log"]
    assert len(logs) == 2
    assert {n["depth"] for n in logs} == {2}


def test_node_stays_processing_while_any_of_its_calls_runs() -> None:
    model = model_with(
        call(1, "work", None, 0, thread=1), call(2, "work", None, 1, thread=1), ret(2, 5)
    )
    node = model.snapshot()["nodes"][0]
    assert (node["state"], node["active"], node["calls"]) == ("processing", 1, 2)


def test_threads_and_tasks_get_their_own_named_lanes() -> None:
    model = model_with(
        ThreadSeen(MAIN, "MainThread"),
        ThreadSeen(2, "worker"),
        call(1, "main", None, 0),
        call(2, "fetch", 1, 1, task=7),
        call(3, "job", None, 2, thread=2),
    )
    snap = model.snapshot()
    names = [lane["name"] for lane in snap["lanes"]]
    assert names == ["MainThread", "MainThread · task 7", "worker"]
    fetch = nodes_by_name(snap)["fetch"]
    assert fetch["lane"] == 1
    assert fetch["parent"] is None and fetch["spawned_by"] == 0  # a root of its task lane


def test_too_many_task_lanes_share_an_overflow_lane() -> None:
    events = [call(i, f"t{i}", None, i, task=i) for i in range(1, 6)]
    snap = model_with(*events, limits=SpineLimits(max_task_lanes=2)).snapshot()
    assert len(snap["lanes"]) == 3
    assert snap["lanes"][2]["name"].endswith("other tasks")


def test_pulses_go_down_on_call_and_up_on_return() -> None:
    model = model_with(call(1, "main", None, 0))
    base = model.version
    model.apply([call(2, "child", 1, 5), ret(2, 9)])
    patch = model.patch_since(base)
    assert patch is not None and patch["type"] == "patch"
    assert [(p["dir"], p["node"], p["parent"], p["outcome"]) for p in patch["pulses"]] == [
        ("down", 1, 0, None),
        ("up", 1, 0, "success"),
    ]


def test_patches_carry_only_what_changed_and_chain_by_version() -> None:
    model = model_with(call(1, "main", None, 0), call(2, "a", 1, 1))
    first = model.version
    model.apply([ret(2, 5)])
    patch = model.patch_since(first)
    assert patch is not None and patch["type"] == "patch"
    assert (patch["base"], patch["version"]) == (first, first + 1)
    assert [n["function"] for n in patch["nodes"]] == ["a"]
    assert model.patch_since(model.version) is None


def test_merged_patch_spans_several_versions() -> None:
    model = model_with(call(1, "main", None, 0))
    base = model.version
    model.apply([call(2, "a", 1, 1)])
    model.apply([call(3, "b", 1, 2)])
    patch = model.patch_since(base)
    assert patch is not None and patch["type"] == "patch"
    assert [n["function"] for n in patch["nodes"]] == ["a", "b"]
    assert patch["version"] == base + 2


def test_a_viewer_too_far_behind_gets_a_snapshot() -> None:
    model = model_with(call(1, "main", None, 0), limits=SpineLimits(history=2))
    for i in range(2, 6):
        model.apply([call(i, f"f{i}", 1, i)])
    message = model.patch_since(1)
    assert message is not None and message["type"] == "snapshot"
    assert len(message["nodes"]) == 5


def test_patches_apply_to_the_same_picture_as_a_fresh_snapshot() -> None:
    model = model_with(call(1, "main", None, 0))
    view = {n["id"]: n for n in model.snapshot()["nodes"]}
    version = model.version
    batches: list[list[Event]] = [
        [call(2, "a", 1, 1)],
        [ret(2, 3), call(3, "a", 1, 4)],
        [fail(3, 6, "x")],
    ]
    for batch in batches:
        model.apply(batch)
        patch = model.patch_since(version)
        assert patch is not None and patch["type"] == "patch" and patch["base"] == version
        view.update({n["id"]: n for n in patch["nodes"]})
        version = patch["version"]
    assert list(view.values()) == model.snapshot()["nodes"]


def test_node_limit_counts_hidden_calls_and_their_subtrees() -> None:
    model = model_with(
        call(1, "main", None, 0),
        call(2, "a", 1, 1),
        call(3, "b", 2, 2),
        limits=SpineLimits(max_nodes=2),
    )
    status = model.snapshot()["status"]
    assert (status["nodes"], status["calls"], status["hidden"]) == (2, 3, 1)


def test_run_end_closes_open_nodes_and_reports_exit() -> None:
    end = RunEnded(ended_at=2.0, exit_code=3, calls=9, exceptions=1, dropped=2)
    model = model_with(call(1, "main", None, 0), end)
    snap = model.snapshot()
    assert snap["nodes"][0]["state"] == "unfinished"
    status = snap["status"]
    assert (status["state"], status["exit_code"], status["calls"], status["dropped"]) == (
        "ended",
        3,
        9,
        2,
    )
    assert status["script"] == "train.py"


def test_lost_producer_marks_the_run_lost() -> None:
    model = model_with(call(1, "main", None, 0))
    model.set_state("lost")
    snap = model.snapshot()
    assert snap["status"]["state"] == "lost"
    assert snap["nodes"][0]["state"] == "unfinished"


def test_manual_pulse_becomes_a_mark_node_under_its_parent() -> None:
    mark = Pulse(
        name="checkpoint",
        params=(ArgPreview("epoch", "int", "3"),),
        returns="ok",
        node_type="success",
        ts_ns=ORIGIN + 5,
        thread_id=MAIN,
        parent_id=1,
    )
    node = nodes_by_name(model_with(call(1, "main", None, 0), mark).snapshot())["checkpoint"]
    assert (node["kind"], node["state"], node["parent"]) == ("mark", "success", 0)
    assert node["sample"] is not None
    assert node["sample"]["ret"] == {"name": "return", "type": "", "value": "ok"}
    assert node["sample"]["args"] == [{"name": "epoch", "type": "int", "value": "3"}]


def test_end_without_a_start_is_ignored() -> None:
    model = model_with(ret(99, 5))
    assert model.snapshot()["nodes"] == []


def test_function_stats_are_passed_through_by_key() -> None:
    stats = FunctionStats(
        function="step",
        module="train",
        file="/p/train.py",
        line=4,
        calls=5,
        exceptions=0,
        total_ns=50,
        own_ns=40,
        min_ns=5,
        median_ns=10,
        max_ns=20,
    )
    model = model_with(call(1, "step", None, 0), ret(1, 10), stats)
    snap = model.snapshot()
    assert snap["functions"][0]["fkey"] == snap["nodes"][0]["fkey"]
    assert snap["functions"][0]["median_ns"] == 10


def test_tracer_nodes_place_calls_and_give_every_call_exactly() -> None:
    """The tracer counts every call of a node; only a few of them are recorded."""
    events: list[Event] = [seen(1, "epoch", None), seen(2, "step", 1)]
    events += [call(1, "epoch", None, 0, node=1)]
    events += [call(i, "step", 1, i, node=2) for i in range(2, 5)]
    events += [ret(i, i + 1) for i in range(2, 5)]
    events += [exact(1, 1), exact(2, 1000, exceptions=2)]
    snap = model_with(*events).snapshot()
    step = nodes_by_name(snap)["step"]
    assert (step["calls"], step["exceptions"], step["parent"]) == (1000, 2, 0)
    assert step["dur"] == {"min": 5, "median": 7, "max": 9, "total": 7000, "own": 1000}
    assert [n["function"] for n in snap["nodes"]] == ["epoch", "step"]


def test_a_node_nobody_recorded_still_shows_with_its_numbers() -> None:
    snap = model_with(seen(1, "main", None), seen(2, "helper", 1), exact(2, 500)).snapshot()
    helper = nodes_by_name(snap)["helper"]
    assert (helper["calls"], helper["state"], helper["sample"]) == (500, "success", None)


def test_a_collapsed_node_never_mixes_two_calls() -> None:
    """validate ×3: the second call raised, the third returned. The node shows the third whole
    and the second whole, never the arguments of one beside the outcome of the other."""
    x = [(ArgPreview("x", "int", str(i)),) for i in range(4)]
    snap = model_with(
        call(1, "main", None, 0),
        call(2, "validate", 1, 1, args=x[1]),
        ret(2, 2, "1"),
        call(3, "validate", 1, 3, args=x[2]),
        fail(3, 4, "x=2 is even"),
        call(4, "validate", 1, 5, args=x[3]),
        ret(4, 6, "3"),
    ).snapshot()
    node = nodes_by_name(snap)["validate"]
    assert node["sample"] is not None and node["failure"] is not None
    assert (node["sample"]["args"], node["sample"]["ret"]) == (
        [{"name": "x", "type": "int", "value": "3"}],
        {"name": "return", "type": "int", "value": "3"},
    )
    assert node["failure"]["args"] == [{"name": "x", "type": "int", "value": "2"}]
    assert node["failure"]["error"] is not None
    assert node["failure"]["error"]["message"] == "x=2 is even"
    assert (node["calls"], node["exceptions"], node["state"]) == (3, 1, "success")


def test_a_raising_call_whose_values_were_not_kept_says_so() -> None:
    snap = model_with(
        call(1, "main", None, 0),
        call(2, "step", 1, 1, args=(ArgPreview("i", "int", "0"),)),
        ret(2, 2),
        call(3, "step", 1, 3, detailed=False),
        fail(3, 4, "boom"),
    ).snapshot()
    node = nodes_by_name(snap)["step"]
    assert node["sample"] is not None and node["sample"]["state"] == "returned"
    assert node["failure"] is not None
    assert (node["failure"]["args"], node["failure"]["state"]) == (None, "raised")


def test_when_the_shown_call_raised_there_is_no_separate_failure() -> None:
    snap = model_with(
        call(1, "main", None, 0, args=(ArgPreview("n", "int", "1"),)), fail(1, 3, "no")
    ).snapshot()
    node = snap["nodes"][0]
    assert node["sample"] is not None and node["sample"]["state"] == "raised"
    assert node["failure"] is None and node["state"] == "exception"


def test_unreached_functions_are_nodes_of_their_own_kind() -> None:
    snap = model_with(
        call(1, "main", None, 0),
        UnreachedFunction("save", "shop", "/p/shop.py", 9, "never called: main raised", 1),
    ).snapshot()
    node = nodes_by_name(snap)["save"]
    assert (node["kind"], node["parent"], node["reason"]) == (
        "unreached",
        0,
        "never called: main raised",
    )


def test_a_ghost_run_is_named_after_the_function_it_mapped() -> None:
    ghost_run = run_started()._replace(kind="ghost", argv=("flow", "ghost", "shop.py:checkout"))
    model = SpineModel("r1")
    model.apply([ghost_run])
    assert model.snapshot()["status"]["script"] == "shop.py:checkout"
    assert run_script("run", ("train.py", "--fast")) == "train.py"
