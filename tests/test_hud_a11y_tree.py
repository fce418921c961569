"""The web HUD's accessible tree on a run of thousands of nodes: it is virtual.

A real hub, a real `flow run` of a wide program (40 groups × 60 leaves, 2,400+ nodes) and
Debian's chromium. Only the items near the view are in the page (a few hundred at most), yet
the item a search, "next exception" or End lands on is there, active, and says where it sits
in the whole tree (aria-level, aria-posinset, aria-setsize); folding and focusing change
aria-expanded and the sets from the keyboard.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hub_helpers import running_hub
from hud_page import HudPage, browser_skip_reason, hud_tab, program_env

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]

VIEWPORT = {"width": 1600, "height": 900}
GROUPS = 40
LEAVES = 60
FRAGILE_GROUP = 33
ITEM_LIMIT = 400  # viewer/src/treewindow.ts TREE_ITEM_BUDGET


def wide_program() -> str:
    """`main` calls GROUPS groups, each calling LEAVES leaves; one group also catches an error."""
    parts = [f"def leaf_{j}(x):\n    return x + {j}\n\n" for j in range(LEAVES)]
    parts.append(f"LEAVES = ({', '.join(f'leaf_{j}' for j in range(LEAVES))},)\n\n")
    parts.append("def fragile(x):\n    raise ValueError(f'bad {x}')\n\n")
    for i in range(GROUPS):
        body = "    for leaf in LEAVES:\n        leaf(x)\n"
        if i == FRAGILE_GROUP:
            body += "    try:\n        fragile(x)\n    except ValueError:\n        pass\n"
        parts.append(f"def group_{i}(x):\n{body}\n")
    parts.append(f"GROUPS = ({', '.join(f'group_{i}' for i in range(GROUPS))},)\n\n")
    parts.append("def main():\n    for group in GROUPS:\n        group(1)\n    print('done')\n\n")
    parts.append("main()\n")
    return "".join(parts)


def run_traced(project: Path, data_dir: Path) -> None:
    """`flow run` the wide program; it must behave exactly as it does untraced."""
    project.mkdir()
    (project / "wide.py").write_text(wide_program())
    traced = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "--quiet", "wide.py"],
        cwd=project,
        env=program_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    plain = subprocess.run(
        [sys.executable, "wide.py"],
        cwd=project,
        env=program_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert traced.returncode == plain.returncode == 0, traced.stderr
    assert (traced.stdout, traced.stderr) == (plain.stdout, plain.stderr) == ("done\n", "")


def js(hud: HudPage, expression: str, arg: Any = None) -> Any:
    return hud.page.evaluate(expression, arg)


def items_in_page(hud: HudPage) -> list[int]:
    """Node ids of the tree items in the page, in document order."""
    return [
        int(i)
        for i in hud.page.locator("[role=tree] [role=treeitem][data-node]").evaluate_all(
            "items => items.map(li => li.dataset.node)"
        )
    ]


def check_window(hud: HudPage) -> list[int]:
    """A few hundred items at most, in the canvas's row order, the rows in view among them."""
    hud.page.wait_for_timeout(100)  # a frame for the tree to follow the view
    # Read at once (one task: no frame in between), as the view may still be gliding.
    seen = js(
        hud,
        """() => ({
            ids: [...document.querySelectorAll('[role=tree] [role=treeitem][data-node]')]
                .map(li => Number(li.dataset.node)),
            counted: window.debugflowHud.treeItems(),
            rows: window.debugflowHud.rows()[0],
            visible: window.debugflowHud.visible(),
        })""",
    )
    ids: list[int] = seen["ids"]
    assert 0 < len(ids) <= ITEM_LIMIT
    assert seen["counted"] == len(ids)
    rows = {node: row for row, node in enumerate(seen["rows"])}
    places = [rows[i] for i in ids]
    assert places == sorted(places)
    assert set(seen["visible"]) <= set(ids)
    return ids


def place(hud: HudPage, node: int) -> dict[str, str | None]:
    """What a node's item says: level, set, fold, selection and tab stop (None: absent)."""
    item = hud.page.locator(f"#df-node-{node}")
    item.wait_for(state="attached")
    names = ("aria-level", "aria-posinset", "aria-setsize", "aria-expanded", "aria-selected")
    found = {name: item.get_attribute(name) for name in names}
    found["tabindex"] = item.get_attribute("tabindex")
    return found


def check_place(hud: HudPage, node: int, want: dict[str, str]) -> None:
    """The node's item says what `want` says (other attributes are not looked at)."""
    found = place(hud, node)
    assert {name: found[name] for name in want} == want, (node, found)


def active_node(hud: HudPage) -> int | None:
    value = js(hud, "document.activeElement && document.activeElement.dataset.node")
    return None if value is None else int(value)


def test_a_big_run_keeps_only_the_items_near_the_view_and_the_active_one(
    browser: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with running_hub(data_dir) as info, hud_tab(browser, VIEWPORT) as hud:
        run_traced(tmp_path / "proj", data_dir)
        hud.open(info.url)
        hud.wait_status("ended")
        hud.wait_js("window.debugflowHud.treeItems() > 0")
        nodes = js(hud, "window.debugflowHud.nodes()")
        assert len(nodes) > GROUPS * LEAVES
        by_id = {n["id"]: n for n in nodes}
        group = {n["function"]: n["id"] for n in nodes if n["function"].startswith("group_")}
        check_window(hud)

        # A search jump far from the view: its item is made, selected and the tab stop.
        js(hud, "document.activeElement && document.activeElement.blur()")
        box = hud.page.locator(".df-search-input")
        box.fill("leaf_59")
        hud.wait_js(f"window.debugflowHud.hits().length === {GROUPS}")
        box.press("Enter")
        hud.wait_js("window.debugflowHud.selected() !== null")
        hit = int(js(hud, "window.debugflowHud.selected()"))
        assert by_id[hit]["function"] == "leaf_59" and by_id[hit]["parent"] == group["group_0"]
        want = {"aria-level": "5", "aria-posinset": str(LEAVES), "aria-setsize": str(LEAVES)}
        check_place(hud, hit, want | {"aria-selected": "true", "tabindex": "0"})
        assert hit in check_window(hud)

        # "Next exception": the call that raised, the last of its group's children.
        js(hud, "document.activeElement && document.activeElement.blur()")
        hud.page.keyboard.press("e")
        hud.wait_js(f"window.debugflowHud.selected() !== {hit}")
        raised = int(js(hud, "window.debugflowHud.selected()"))
        assert by_id[raised]["function"] == "fragile"
        check_place(
            hud,
            raised,
            {
                "aria-level": "5",
                "aria-posinset": str(LEAVES + 1),
                "aria-setsize": str(LEAVES + 1),
                "aria-selected": "true",
            },
        )
        error = hud.page.locator(f"#df-node-{raised}").get_attribute("data-error")
        assert error is not None and error.startswith("ValueError")
        check_window(hud)

        # From the keyboard: End goes to the last row, Home to the lane, ↓ walks down.
        hud.page.locator(f"#df-node-{raised}").focus()
        hud.page.keyboard.press("End")
        last = js(hud, "window.debugflowHud.rows()[0]")[-1]
        hud.wait_js(f"document.activeElement.id === 'df-node-{last}'")
        check_place(
            hud,
            last,
            {
                "aria-level": "5",
                "aria-posinset": str(LEAVES),
                "aria-setsize": str(LEAVES),
                "tabindex": "0",
            },
        )
        check_window(hud)
        hud.page.keyboard.press("Home")
        hud.wait_js("document.activeElement.dataset.lane !== undefined")
        assert js(hud, "document.activeElement.getAttribute('aria-level')") == "1"
        for _ in range(3):  # the module body, main, the first group
            hud.page.keyboard.press("ArrowDown")
        hud.wait_js(f"document.activeElement.id === 'df-node-{group['group_0']}'")
        check_place(
            hud,
            group["group_0"],
            {
                "aria-level": "4",
                "aria-posinset": "1",
                "aria-setsize": str(GROUPS),
                "aria-expanded": "true",
            },
        )
        check_window(hud)

        # ← folds the group: its leaves leave the page; ↓ goes to the next group.
        hud.page.keyboard.press("ArrowLeft")
        hud.wait_js(f"window.debugflowHud.folded({group['group_0']})")
        assert place(hud, group["group_0"])["aria-expanded"] == "false"
        assert hud.page.locator(f'[data-parent="{group["group_0"]}"]').count() == 0
        hud.page.keyboard.press("ArrowDown")
        hud.wait_js(f"document.activeElement.id === 'df-node-{group['group_1']}'")
        assert place(hud, group["group_1"])["aria-posinset"] == "2"
        # → opens it again, and a second → goes to its first leaf.
        hud.page.keyboard.press("ArrowUp")
        hud.page.keyboard.press("ArrowRight")
        hud.wait_js(f"!window.debugflowHud.folded({group['group_0']})")
        assert place(hud, group["group_0"])["aria-expanded"] == "true"
        hud.page.keyboard.press("ArrowRight")
        leaf = active_node(hud)
        assert leaf is not None and by_id[leaf]["parent"] == group["group_0"]
        assert place(hud, leaf)["aria-posinset"] == "1"

        # Focus on a group: alone at its level under its ancestors, the other groups gone.
        hud.page.locator(f"#df-node-{group['group_1']}").focus()
        hud.page.keyboard.press("f")
        hud.wait_js(f"window.debugflowHud.rows()[0][0] === {group['group_1']}")
        hud.page.get_by_role("tree", name="Call spine, focused on group_1").wait_for()
        hud.wait_js(
            f"document.getElementById('df-node-{group['group_1']}')"
            ".getAttribute('aria-setsize') === '1'"
        )
        assert place(hud, group["group_1"])["aria-posinset"] == "1"
        main = by_id[group["group_1"]]["parent"]
        check_place(hud, main, {"aria-level": "3", "aria-setsize": "1"})
        assert hud.page.locator(f"#df-node-{group['group_0']}").count() == 0
        hud.page.keyboard.press("Escape")
        hud.wait_js(
            f"document.getElementById('df-node-{group['group_1']}')"
            f".getAttribute('aria-setsize') === '{GROUPS}'"
        )

        # Fold below the groups' depth: every row fits, each group collapsed.
        hud.page.locator(".df-fold-depth").select_option("2")
        hud.wait_js(f"window.debugflowHud.rows()[0].length === {GROUPS + 2}")
        hud.page.wait_for_timeout(100)
        ids = items_in_page(hud)
        assert ids == js(hud, "window.debugflowHud.rows()[0]")
        states = {place(hud, group[f"group_{i}"])["aria-expanded"] for i in range(GROUPS)}
        assert states == {"false"}

        # Unfolded and scrolled to the middle: the items follow the view.
        hud.page.locator(".df-fold-depth").select_option("")
        hud.wait_js(f"window.debugflowHud.rows()[0].length > {GROUPS * LEAVES}")
        js(hud, "document.querySelector('.df-scroller').scrollTop = 60 * 1200")
        middle = check_window(hud)
        assert js(hud, "window.debugflowHud.rows()[0][1200]") in middle
        assert hud.errors == []
