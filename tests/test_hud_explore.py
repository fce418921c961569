"""Finding the call that matters in the web HUD, on real programs: networkx traced with
`--include networkx`, a threaded program and an asyncio program (tests/hud_programs/).

A real hub, real `flow run` subprocesses and Debian's chromium: the first screen shows the
program's own calls, search finds every node of a function, "next exception" lands where the
exception started, the overview moves the spine, folds survive live updates, focus has a
breadcrumb back, and the details panel shows a long argument whole.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from hub_helpers import running_hub
from hud_page import PROGRAMS, HudPage, browser_skip_reason, hud_tab, program_env

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]

VIEWPORT = {"width": 1600, "height": 900}
FLOW_ARGS = {
    "networkx_paths.py": ["--include", "networkx"],
    "threaded_work.py": [],
    "async_work.py": [],
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each program traced once into its own hub: the hub's HUD address by program name."""
    urls: dict[str, str] = {}
    with ExitStack() as stack:
        for name, flow_args in FLOW_ARGS.items():
            root = tmp_path_factory.mktemp(name.removesuffix(".py"))
            data_dir = root / "data"
            data_dir.mkdir()
            info = stack.enter_context(running_hub(data_dir, store_path=data_dir / "runs.db"))
            traced(root / "proj", name, data_dir, flow_args)
            urls[name] = info.url
        yield urls


def traced(project: Path, name: str, data_dir: Path, flow_args: list[str]) -> str:
    """`flow run` on a copy of a program; its output, after checking it ran as untraced."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROGRAMS / name, project / name)
    command = [sys.executable, "-m", "debugflow", "run", "--quiet", *flow_args, name]
    done = subprocess.run(
        command, cwd=project, env=program_env(data_dir), capture_output=True, text=True
    )
    plain = subprocess.run(
        [sys.executable, name],
        cwd=project,
        env=program_env(data_dir),
        capture_output=True,
        text=True,
    )
    assert done.returncode == plain.returncode == 0, done.stderr
    assert done.stdout == plain.stdout
    return done.stdout


@pytest.fixture
def page(browser: Any) -> Iterator[HudPage]:
    with hud_tab(browser, VIEWPORT) as hud:
        yield hud


def open_run(hud: HudPage, url: str) -> None:
    hud.open(url)
    hud.wait_status("ended")
    hud.wait_js("window.debugflowHud.rows().length > 0")


def js(hud: HudPage, expression: str, arg: Any = None) -> Any:
    return hud.page.evaluate(expression, arg)


def functions(hud: HudPage) -> dict[int, str]:
    return {n["id"]: n["function"] for n in js(hud, "window.debugflowHud.nodes()")}


def selected(hud: HudPage) -> int | None:
    value = js(hud, "window.debugflowHud.selected()")
    return None if value is None else int(value)


def visible(hud: HudPage) -> list[int]:
    hud.page.wait_for_timeout(80)  # a frame for the scroll to land
    return [int(i) for i in js(hud, "window.debugflowHud.visible()")]


def press(hud: HudPage, key: str) -> None:
    """A shortcut pressed with the keyboard on the page (nothing focused)."""
    js(hud, "document.activeElement && document.activeElement.blur()")
    hud.page.keyboard.press(key)


def test_networkx_first_screen_shows_the_programs_own_calls(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    names = functions(page)
    first = js(page, "window.debugflowHud.rows()[0][0]")
    js(page, "id => window.debugflowHud.reveal(id)", first)
    js(page, "document.querySelector('.df-scroller').scrollTop = 0")
    shown = [names[i] for i in visible(page)]
    assert "main" in shown and "build_grid" in shown, shown
    # The script's own module body is the root; no module body of networkx is in view.
    assert not any(name.startswith("<module") for name in shown[1:]), shown
    imports = [i for i, name in names.items() if name.startswith("imports ")]
    assert imports, "the import of networkx is grouped"
    for node in imports:
        assert js(page, "id => window.debugflowHud.folded(id)", node) is True
        item = page.page.locator(f"#df-node-{node}")
        assert item.get_attribute("aria-expanded") == "false"
    # Opening it shows the module bodies, named by module.
    node = imports[0]
    page.page.locator(f"#df-node-{node}").focus()
    page.page.keyboard.press("ArrowRight")
    page.wait_js(f"!window.debugflowHud.folded({node})")
    assert page.page.locator(f"#df-node-{node}").get_attribute("aria-expanded") == "true"
    rows = js(page, "window.debugflowHud.rows()[0]")
    assert any(names[i].startswith("<module") for i in rows[2:]), [names[i] for i in rows[:8]]


def test_networkx_search_finds_every_node_of_a_function_and_steps_through_them(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    names = functions(page)
    search = page.page.get_by_role("searchbox")
    press(page, "/")
    assert page.page.evaluate("document.activeElement.type") == "search"
    search.fill("Graph.size")
    want = sorted(i for i, name in names.items() if "graph.size" in name.lower())
    assert want
    page.wait_js(f"window.debugflowHud.hits().length === {len(want)}")
    assert sorted(js(page, "window.debugflowHud.hits()")) == want
    count = page.page.locator(".df-search-count")
    assert count.inner_text() == f"{len(want)} found"
    search.press("Enter")
    assert count.inner_text() == f"1 of {len(want)}"
    first = selected(page)
    assert first in want and first in visible(page)
    search.press("Enter")
    search.press("Shift+Enter")
    assert selected(page) == first
    # A regular expression, between slashes: every node whose name starts with "Graph."
    search.fill("/^Graph\\./")
    regex = sorted(i for i, name in names.items() if name.startswith("Graph."))
    page.wait_js(f"window.debugflowHud.hits().length === {len(regex)}")
    assert sorted(js(page, "window.debugflowHud.hits()")) == regex
    search.fill("/unclosed(/")
    page.wait_js("document.querySelector('.df-search-count').textContent === 'invalid regex'")
    assert search.get_attribute("aria-invalid") == "true"


def test_networkx_next_exception_lands_on_the_exception_and_the_details_show_it(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    press(page, "e")
    page.wait_js("window.debugflowHud.selected() !== null")
    node = selected(page)
    item = page.page.locator(f"#df-node-{node}")
    assert "NodeNotFound" in (item.get_attribute("data-error") or "")
    assert node in visible(page)
    assert item.get_attribute("aria-selected") == "true"
    details = page.page.get_by_role("region", name="Details")
    assert "NodeNotFound" in details.inner_text()
    assert details.locator("[data-stat=exceptions]").inner_text().startswith("1")
    # The callers it passed through are red too, but the jump goes where it started: no
    # child of the node raised the same exception.
    parents = {n["id"]: n["parent"] for n in js(page, "window.debugflowHud.nodes()")}
    children = [i for i, parent in parents.items() if parent == node]
    for child in children:
        js(page, "id => window.debugflowHud.reveal(id)", child)
        error = page.page.locator(f"#df-node-{child}").get_attribute("data-error") or ""
        assert "NodeNotFound" not in error


def test_networkx_slowest_and_most_called_lists_jump_to_their_node(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    press(page, "s")
    dialog = page.page.get_by_role("dialog", name="Slowest functions")
    dialog.wait_for()
    entries = dialog.locator(".df-jumplist-pick")
    assert entries.count() >= 5
    assert page.page.evaluate("document.activeElement.classList.contains('df-jumplist-pick')")
    target = int(entries.nth(1).get_attribute("data-node"))
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    page.wait_js(f"window.debugflowHud.selected() === {target}")
    assert target in visible(page)
    page.page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    press(page, "m")
    called = page.page.get_by_role("dialog", name="Most called functions")
    first = called.locator(".df-jumplist-pick").first
    counts = [
        int(text.split("×")[1].replace(",", ""))
        for text in called.locator(".df-jumplist-figure").all_inner_texts()
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    first.click()
    assert selected(page) == int(first.get_attribute("data-node"))


def test_networkx_overview_click_brush_and_keyboard_move_the_spine(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    overview = page.page.get_by_role("img", name="Run overview")
    assert overview.get_attribute("tabindex") == "0"
    names = {name: i for i, name in reversed(list(functions(page).items()))}
    for function in ("build_grid", "spanning_weight"):
        node = names[function]
        box = js(page, "id => window.debugflowHud.overviewBox(id)", node)
        assert box is not None and box["width"] > 4
        y = box["y"] + box["height"] / 2
        # Brushing across the call: the spine goes to the first call that starts inside.
        page.page.mouse.move(box["x"] + 1, y)
        page.page.mouse.down()
        page.page.mouse.move(box["x"] + box["width"] / 2, y, steps=4)
        page.page.mouse.up()
        page.wait_js("window.debugflowHud.selected() !== null")
        target = selected(page)
        assert target is not None and target in visible(page)
        assert target == node or _ancestor(page, node, target), (function, target)
    # A click on a box selects that node.
    node = names["shortest_routes"]
    box = js(page, "id => window.debugflowHud.overviewBox(id)", node)
    page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_js(f"window.debugflowHud.selected() === {node}")
    assert node in visible(page)
    # From the keyboard: the next call at the same depth, then Enter moves the spine there.
    overview.focus()
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("Enter")
    page.wait_js(f"window.debugflowHud.selected() !== {node}")
    moved = selected(page)
    assert moved in visible(page)
    assert functions(page)[moved] == "route_to"  # called next by main, after shortest_routes
    assert page.page.locator("#df-overview-cursor").inner_text().startswith("route_to ×2")


def test_networkx_focus_shows_one_subtree_with_a_breadcrumb_back(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["networkx_paths.py"])
    names = functions(page)
    spanning = next(i for i, name in names.items() if name == "spanning_weight")
    js(page, "id => window.debugflowHud.reveal(id)", spanning)  # its item is made near the view
    page.page.locator(f"#df-node-{spanning}").focus()
    press(page, "f")
    page.wait_js(f"window.debugflowHud.rows()[0][0] === {spanning}")
    rows = js(page, "window.debugflowHud.rows()")
    assert len(rows) == 1 and all(_ancestor(page, spanning, i) for i in rows[0][1:])
    crumbs = page.page.get_by_role("navigation", name="Focus")
    assert crumbs.locator("button").all_inner_texts()[-1] == "spanning_weight"
    assert "main" in crumbs.locator("button").all_inner_texts()
    tree = page.page.get_by_role("tree", name="Call spine, focused on spanning_weight")
    tree.wait_for()
    build_grid = page.page.locator("[role=treeitem][data-function=build_grid]")
    page.wait_js("!document.querySelector('[role=treeitem][data-function=build_grid]')")
    assert build_grid.count() == 0  # out of the focus: not in the tree
    page.page.locator(f"#df-node-{rows[0][1]}").wait_for(state="attached")
    # The focus's ancestors stay above it in the tree, each alone at its level.
    main = page.page.locator("[role=treeitem][data-function=main]")
    assert main.get_attribute("aria-setsize") == "1"
    assert page.page.locator(f"#df-node-{spanning}").get_attribute("aria-setsize") == "1"
    crumbs.get_by_role("button", name="All").click()
    page.wait_js(f"window.debugflowHud.rows()[0][0] !== {spanning}")
    assert crumbs.is_hidden()
    page.page.get_by_role("tree", name="Call spine", exact=True).wait_for()
    js(page, "id => window.debugflowHud.reveal(id)", names_to_ids(names)["build_grid"])
    build_grid.wait_for(state="attached")
    # Fold everything below depth 2: no deeper row is laid out.
    page.page.get_by_label("Fold all below depth").select_option("2")
    laid_out = [i for column in js(page, "window.debugflowHud.rows()") for i in column]
    page.wait_js(f"window.debugflowHud.treeItems() === {len(laid_out)}")
    levels = page.page.locator("[role=treeitem][data-node]").evaluate_all(
        "items => Object.fromEntries("
        "items.map(li => [li.dataset.node, li.getAttribute('aria-level')]))"
    )
    assert max(int(levels[str(i)]) - 2 for i in laid_out) == 2  # nodes at depth 2, folded
    assert len(laid_out) < len(names) / 4


def test_threads_details_show_a_long_argument_whole(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["threaded_work.py"])
    lanes = page.page.locator("[role=tree] > [role=treeitem]").evaluate_all(
        "items => items.map(li => li.getAttribute('aria-label'))"
    )
    assert {"lane worker-alpha", "lane worker-beta", "lane worker-gamma"} <= set(lanes)
    # The node with the longest argument line: beta's worker, whose records hold a
    # 2,000-character string (previewed, as every value, within the tracer's budget).
    args_of = page.page.locator("[role=treeitem][data-args]").evaluate_all(
        "items => items.map(li => [+li.dataset.node, li.dataset.args])"
    )
    long, args = max(args_of, key=lambda pair: len(pair[1]))
    assert len(args) > 120
    js(page, "id => window.debugflowHud.reveal(id)", long)
    clipped = page.labels(long)["args"]
    assert clipped.endswith("…") and len(clipped) < len(args)  # the canvas clips it…
    page.page.locator(f"#df-node-{long}").focus()
    details = page.page.get_by_role("region", name="Details")
    page.wait_js(f"document.querySelector('.df-details').dataset.node === '{long}'")
    shown = details.locator(".df-details-arg").all_inner_texts()
    assert ", ".join(shown) == args  # …the details panel shows it whole,
    rows = details.locator(".df-details-arg").evaluate_all(
        "rows => rows.map(r => [r.getBoundingClientRect().height, r.scrollWidth <= r.clientWidth])"
    )
    assert max(height for height, _ in rows) > 30  # wrapped over lines,
    assert all(fits for _, fits in rows)  # and nothing runs out of the panel
    press(page, "e")
    page.wait_js("window.debugflowHud.selected() !== null")
    error = page.page.locator(f"#df-node-{selected(page)}").get_attribute("data-error")
    assert error is not None and error.startswith("ValueError")


def test_asyncio_tasks_have_overview_lanes_and_next_exception_finds_the_decode_error(
    page: HudPage, recorded: dict[str, str]
) -> None:
    open_run(page, recorded["async_work.py"])
    lanes = page.page.locator("[role=tree] > [role=treeitem]").count()
    assert lanes >= 4  # the main task and the three crawls
    press(page, "e")
    page.wait_js("window.debugflowHud.selected() !== null")
    node = selected(page)
    assert node is not None and functions(page)[node] == "decode"
    error = page.page.locator(f"#df-node-{node}").get_attribute("data-error")
    assert error is not None and error.startswith("UnicodeError")
    bands = page.page.evaluate(
        "ids => ids.map(id => window.debugflowHud.overviewBox(id)).filter(b => b).map(b => b.y)",
        [
            int(li)
            for li in page.page.locator("[role=treeitem][data-function=crawl]").evaluate_all(
                "items => items.map(li => li.dataset.node)"
            )
        ],
    )
    assert len(set(bands)) == 3  # each crawl on its own band


def test_a_fold_survives_live_updates(browser: Any, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    project = tmp_path / "proj"
    project.mkdir()
    (project / "growing.py").write_text(GROWING)
    (project / "steps.py").write_text(
        "".join(f"def step_{k}(i):\n    return i * {k}\n\n" for k in range(40))
    )
    with hud_tab(browser, VIEWPORT) as hud, running_hub(data_dir) as info:
        hud.open(info.url)
        proc = subprocess.Popen(
            [sys.executable, "-m", "debugflow", "run", "--quiet", "growing.py", str(gate)],
            cwd=project,
            env=program_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        hud.page.wait_for_selector("[role=treeitem][data-function=step_2]", state="attached")
        batch = hud.node_id("batch")
        hud.page.locator(f"#df-node-{batch}").focus()
        hud.page.keyboard.press("ArrowLeft")  # fold it from the keyboard
        hud.wait_js(f"window.debugflowHud.folded({batch})")
        version = js(hud, "window.debugflowHud.version()")
        # A step arrives every 0.15 s: wait for one that came after the fold.
        arrived = sum(1 for name in functions(hud).values() if name.startswith("step_"))
        later = f"step_{arrived + 1}"
        hud.wait_js(f"window.debugflowHud.nodes().some(n => n.function === {later!r})")
        assert js(hud, "window.debugflowHud.version()") > version
        assert js(hud, f"window.debugflowHud.folded({batch})") is True
        # The tree's items are written at the end of a frame.
        hud.wait_js(
            f"document.getElementById('df-node-{batch}').getAttribute('aria-expanded') === 'false'"
        )
        # The steps arriving under the folded batch are not laid out, so not in the tree.
        assert hud.page.locator(f"[role=treeitem][data-function={later}]").count() == 0
        ids = names_to_ids(functions(hud))
        steps = [ids[f"step_{k}"] for k in range(arrived + 2)]
        rows = js(hud, "window.debugflowHud.rows()")[0]
        assert not set(steps) & set(rows)
        assert hud.labels(batch)["title"].endswith(" folded")
        # Opening it again from the keyboard shows the steps that arrived meanwhile.
        hud.page.keyboard.press("ArrowRight")
        hud.wait_js(f"!window.debugflowHud.folded({batch})")
        rows = js(hud, "window.debugflowHud.rows()")[0]
        assert set(steps) <= set(rows)
        gate.touch()
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err


GROWING = """
import os, sys, time

import steps

STEPS = [getattr(steps, f"step_{k}") for k in range(40)]

def batch(gate):
    k = 0
    while not os.path.exists(gate) and k < 40:
        STEPS[k](k)
        k += 1
        time.sleep(0.15)

def main(gate):
    batch(gate)

main(sys.argv[1])
"""


def names_to_ids(names: dict[int, str]) -> dict[str, int]:
    """The first node of each function."""
    return {name: i for i, name in sorted(names.items(), reverse=True)}


def _ancestor(hud: HudPage, ancestor: int, node: int) -> bool:
    """Whether `ancestor` is above `node` in the run's tree."""
    parents = {n["id"]: n["parent"] for n in js(hud, "window.debugflowHud.nodes()")}
    parent = parents.get(node)
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parents.get(parent)
    return False
