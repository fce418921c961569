"""Imports out of the way: what each top-level import ran is one folded `imports` node.

A real program under `flow run` imports a local package with nested imports (and calls made
while importing), a second module, and a module inside one of its functions; its spine is
read back from the store, whole and in small batches (as a live hub builds it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import flow
from debugflow.protocol import Event
from debugflow.protocol.viewer import NodeWire
from debugflow.spine.model import SpineModel
from debugflow.spine.terminal import render_spine
from debugflow.storage import RunStore

PROGRAM = """\
import pkg
import other


def work(n):
    return pkg.double(n) + 1


def main():
    import late
    total = sum(work(n) for n in range(4))
    print(total, late.VALUE, other.NAME)


main()
"""
FILES = {
    # pkg imports pkg.sub, which imports pkg.deep; pkg.sub calls setup() 5 times on import.
    "pkg/__init__.py": "from pkg.sub import double\n",
    "pkg/sub.py": (
        "from pkg import deep\n\n\ndef setup(i):\n    return deep.square(i)\n\n\n"
        "TABLE = [setup(i) for i in range(5)]\n\n\ndef double(n):\n    return 2 * n\n"
    ),
    "pkg/deep.py": "def square(i):\n    return i * i\n",
    "other.py": "NAME = 'other'\n",
    "late.py": "def make():\n    return 7\n\n\nVALUE = make()\n",
}


@pytest.fixture
def events(tmp_path: Path, flow_env: dict[str, str], backend: str) -> list[Event]:
    """The stored events of one run of the program."""
    root = tmp_path / "project"
    for name, text in {**FILES, "main.py": PROGRAM}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    ran = flow("run", "main.py", env=flow_env, cwd=root, backend=backend)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "16 7 other\n"
    with RunStore(Path(flow_env["FLOW_DATA_DIR"]) / "runs.db") as store:
        return list(store.events(store.resolve("latest")))


def _spine(events: list[Event], batch: int) -> list[NodeWire]:
    model = SpineModel("imports")
    for start in range(0, len(events), batch):
        model.apply(events[start : start + batch])
    return model.snapshot()["nodes"]


def _under(nodes: list[NodeWire], top: NodeWire) -> list[NodeWire]:
    """Every node in `top`'s subtree, `top` left out."""
    ids, found = {top["id"]}, []
    for node in nodes:  # parents come before their children
        if node["parent"] in ids:
            ids.add(node["id"])
            found.append(node)
    return found


def test_one_folded_imports_node_per_top_level_import(events: list[Event]) -> None:
    nodes = _spine(events, len(events))
    by_name = {node["function"]: node for node in nodes}
    groups = [node for node in nodes if node["kind"] == "imports"]
    assert [g["function"] for g in groups] == ["imports pkg", "imports other", "imports late"]
    assert all(g["folded"] and g["sample"] is None for g in groups)
    assert not any(node["folded"] for node in nodes if node["kind"] != "imports")
    main_body, main = by_name["<module __main__>"], by_name["main"]
    assert [g["parent"] for g in groups] == [main_body["id"], main_body["id"], main["id"]]
    pkg, other, late = groups
    assert [n["function"] for n in _under(nodes, pkg)] == [
        "<module pkg>", "<module pkg.sub>", "<module pkg.deep>", "setup", "square"
    ]  # fmt: skip
    assert [n["function"] for n in _under(nodes, other)] == ["<module other>"]
    assert [n["function"] for n in _under(nodes, late)] == ["<module late>", "make"]
    # Exact counts: 3 module bodies, setup() and square() 5 times each.
    assert (pkg["calls"], other["calls"], late["calls"]) == (13, 1, 2)
    assert sum(n["calls"] for n in _under(nodes, pkg)) == pkg["calls"]
    for group in groups:
        bodies = [n for n in nodes if n["parent"] == group["id"]]
        assert len(bodies) == 1 and bodies[0]["function"].startswith("<module ")
        assert group["dur"] is not None and bodies[0]["dur"] is not None
        assert group["dur"]["total"] == bodies[0]["dur"]["total"] > 0
        assert group["dur"]["own"] == 0
        assert (group["state"], group["exceptions"], group["active"]) == ("success", 0, 0)
        assert group["depth"] == bodies[0]["depth"] - 1
        assert group["first_t"] <= bodies[0]["first_t"] and group["last_t"] >= bodies[0]["last_t"]
    # The program's own calls are where the tree starts once the imports are folded.
    visible = [n for n in nodes if not any(n in _under(nodes, g) for g in groups)]
    assert [n["function"] for n in visible] == [
        "<module __main__>", "imports pkg", "imports other", "main", "imports late", "work",
        "double",
    ]  # fmt: skip


def test_the_same_groups_when_built_live_in_small_batches(events: list[Event]) -> None:
    assert _spine(events, 3) == _spine(events, len(events))


def test_flow_show_draws_each_import_as_one_folded_line(events: list[Event]) -> None:
    model = SpineModel("imports")
    model.apply(events)
    folded = _text(model, unfold=False)
    assert "imports pkg (13 calls, " in folded and "imports other (1 call, " in folded
    assert "<module pkg" not in folded and "setup" not in folded
    assert "work(" in folded and "main()" in folded
    unfolded = _text(model, unfold=True)
    assert "<module pkg.deep>()" in unfolded and "setup(i: int=" in unfolded


def _text(model: SpineModel, unfold: bool) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(render_spine(model, "run", unfold_imports=unfold))
    return console.export_text()
