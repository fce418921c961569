"""Screenshots of the web HUD on real runs, to look at its layout and to refresh the README's.

    PYTHONPATH=src python scripts/hud_screenshots.py [--docs] [OUT_DIR]

A real hub on port 0, real `flow run`s of tests/hud_programs/ and Debian's chromium, at 1600x1000
and 1280x800: the networkx run with a search and a node selected (details panel), the same with
the code panel open on a node, and a paused run with its stack, locals and a watch. The pictures
go to OUT_DIR (tests/output/screens by default); nothing is checked, they are there to be looked
at. `--docs` also rewrites the README's pictures: docs/hud-overview.png, hud-search.png,
hud-details.png (1600x900) and code-panel.png (1440x860, a conditional breakpoint).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent.parent / "tests"
DOCS = TESTS.parent / "docs"
sys.path.insert(0, str(TESTS))

from hub_helpers import running_hub  # noqa: E402
from hud_page import PROGRAMS, HudPage, chromium, finish, program_env, start_program  # noqa: E402

SIZES = ((1600, 1000), (1280, 800))
SQUARES = (PROGRAMS / "squares.py").read_text(encoding="utf-8").splitlines()
VALUE_LINE = SQUARES.index("    value = n * n") + 1


def settle(hud: HudPage) -> None:
    """No hover marks or focus rings in the picture."""
    hud.page.mouse.move(2, 2)
    hud.page.evaluate("() => document.activeElement?.blur()")
    hud.page.wait_for_timeout(300)


def open_networkx(browser: Any, url: str, width: int, height: int) -> HudPage:
    hud = HudPage(browser.new_page(viewport={"width": width, "height": height}))
    hud.open(url)
    hud.wait_status("ended")
    hud.wait_js("window.debugflowHud.rows().length > 0")
    return hud


def search(hud: HudPage, text: str) -> None:
    """`text` in the search box, then Enter: the first hit selected (the details panel)."""
    box = hud.page.get_by_role("searchbox")
    box.fill(text)
    hud.wait_js("window.debugflowHud.hits().length > 0")
    box.press("Enter")
    hud.wait_js("window.debugflowHud.selected() !== null")


def shoot(hud: HudPage, path: Path) -> None:
    settle(hud)
    hud.page.screenshot(path=str(path))


def networkx(browser: Any, url: str, out: Path) -> None:
    for width, height in SIZES:
        hud = open_networkx(browser, url, width, height)
        search(hud, "Graph.size")
        shoot(hud, out / f"networkx-search-{width}x{height}.png")
        # A click on a node of the program's own code: its details and its source.
        hud.page.mouse.click(*hud.center("build_grid"))
        hud.page.locator(".df-code-row").first.wait_for()
        shoot(hud, out / f"networkx-code-{width}x{height}.png")
        hud.page.close()
        assert hud.errors == [], hud.errors


def networkx_docs(browser: Any, url: str, docs: Path) -> None:
    """The README's pictures of the networkx run (docs/hud-*.png), at their 1600x900."""
    hud = open_networkx(browser, url, 1600, 900)
    search(hud, "shortest_routes")
    hud.page.get_by_role("searchbox").fill("")  # the selection stays, the marks go
    shoot(hud, docs / "hud-overview.png")
    search(hud, "UnionFind.union")  # several nodes: "1 of N", Enter steps through them
    hud.page.get_by_role("searchbox").press("Enter")
    shoot(hud, docs / "hud-search.png")
    hud.page.get_by_role("searchbox").fill("")
    hud.page.evaluate("() => document.activeElement?.blur()")
    hud.page.keyboard.press("e")  # next exception: the details panel on it
    hud.wait_js("document.querySelector('.df-details').textContent.includes('NodeNotFound')")
    shoot(hud, docs / "hud-details.png")
    hud.page.close()
    assert hud.errors == [], hud.errors


def paused(browser: Any, tmp: Path, path: Path, size: tuple[int, int], condition: str = "") -> None:
    """squares.py paused at a gutter breakpoint (with `condition`), a watch on `n * 10`."""
    width, height = size
    data_dir = tmp / f"squares-{path.stem}-{width}" / "data"
    data_dir.mkdir(parents=True)
    project = data_dir.parent / "proj"
    gate = project / "gate"  # passed relative: a short script line in the status bar
    with running_hub(data_dir) as info:
        hud = HudPage(browser.new_page(viewport={"width": width, "height": height}))
        hud.open(info.url)
        proc = start_program(project, "squares.py", data_dir, [gate.name])
        hud.wait_state("main", "processing")
        hud.page.mouse.click(*hud.center("main"))
        region = hud.page.get_by_role("region", name="Code panel: squares.py")
        row = region.locator(f'.df-code-row[data-line="{VALUE_LINE}"] .df-gutter')
        row.click()
        hud.page.wait_for_selector(
            f'.df-code-row[data-line="{VALUE_LINE}"] .df-gutter[aria-pressed="true"]'
        )
        if condition:
            row.click(button="right")
            editor = region.get_by_role("form", name="Edit breakpoint")
            editor.get_by_role("textbox", name="Condition").fill(condition)
            editor.get_by_role("button", name="Save").click()
            region.get_by_role(
                "button", name=f"Breakpoint at line {VALUE_LINE}, if {condition}"
            ).wait_for()
        gate.touch()
        region.locator(".df-debug-status", has_text="Paused").wait_for()
        region.locator(".df-frame").first.wait_for()
        watch = region.get_by_role("textbox", name="Watch expression")
        watch.fill("n * 10")
        watch.press("Enter")
        region.locator('.df-watch[data-expr="n * 10"] .df-watch-value').wait_for()
        hud.page.wait_for_timeout(200)
        shoot(hud, path)
        row.click()  # the breakpoint off, so the loop runs to its end
        hud.page.wait_for_selector(
            f'.df-code-row[data-line="{VALUE_LINE}"] .df-gutter[aria-pressed="false"]'
        )
        hud.page.keyboard.press("F5")
        finish(proc)
        hud.page.close()
        assert hud.errors == [], hud.errors


def main() -> None:
    args = sys.argv[1:]
    docs = DOCS if "--docs" in args else None
    args = [arg for arg in args if arg != "--docs"]
    out = Path(args[0]) if args else TESTS / "output" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name, chromium() as browser:
        tmp = Path(name)
        data_dir = tmp / "networkx" / "data"
        data_dir.mkdir(parents=True)
        with running_hub(data_dir, store_path=data_dir / "runs.db") as info:
            project = data_dir.parent / "proj"
            project.mkdir()
            shutil.copy(PROGRAMS / "networkx_paths.py", project)
            command = [sys.executable, "-m", "debugflow", "run", "--quiet", "--include"]
            command += ["networkx", "networkx_paths.py"]
            subprocess.run(command, cwd=project, env=program_env(data_dir), check=True)
            networkx(browser, info.url, out)
            if docs is not None:
                networkx_docs(browser, info.url, docs)
        for width, height in SIZES:
            paused(browser, tmp, out / f"paused-{width}x{height}.png", (width, height))
        if docs is not None:
            paused(browser, tmp, docs / "code-panel.png", (1440, 860), "n == 4")
    print(out)


if __name__ == "__main__":
    main()
