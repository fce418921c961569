"""Helpers for the browser tests of the web HUD: Debian's chromium driven by Playwright.

The page is read the way a screen reader (or a user) would: through its ARIA tree, the hover
card, the status panel — and the canvas pixels where colour is what is being checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROGRAMS = Path(__file__).parent / "hud_programs"
OUTPUT = Path(__file__).parent / "output"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Node colours as drawn (viewer/src/theme.ts STATE_COLORS).
COLORS = {
    "processing": (250, 204, 21),
    "success": (74, 222, 128),
    "exception": (248, 113, 113),
}
TIMEOUT_MS = 20_000


def browser_skip_reason() -> str | None:
    """Why the browser tests are skipped here, or None: only without chromium, and never in CI."""
    if shutil.which("chromium") is None and not os.environ.get("CI"):
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium (the system one; Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable is not None, "chromium must be installed: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def program_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a traced program that streams to the hub in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(data_dir), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def start_program(
    project: Path,
    name: str,
    data_dir: Path,
    args: Sequence[str] = (),
    *,
    source: str | None = None,
    stream: bool = True,
) -> subprocess.Popen[str]:
    """`python -m debugflow run <name> ARGS` on a copy of a test program inside `project`.

    `source`: the program's text, instead of tests/hud_programs/<name>. `stream=False`: the run
    is only recorded in the store (FLOW_HUB=off), a run the hub never saw live.
    """
    project.mkdir(parents=True, exist_ok=True)
    if source is None:
        shutil.copy(PROGRAMS / name, project / name)
    else:
        (project / name).write_text(source, encoding="utf-8")
    extra: dict[str, str] = {} if stream else {"FLOW_HUB": "off"}
    return subprocess.Popen(
        # Every call in detail: the spine tests count nodes (`step ×12`, `step ×5`) of
        # functions called more often than the default detail budget.
        [sys.executable, "-m", "debugflow", "run", "--quiet", "--detail-calls", "100", name, *args],
        cwd=project,
        env=program_env(data_dir, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str], timeout: float = 60) -> str:
    """Wait for a traced program; fails with its output when it did not exit cleanly."""
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"exit {proc.returncode}\n{out}\n{err}"
    return out


class HudPage:
    """One HUD tab, with the questions the tests ask of it."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.set_default_timeout(TIMEOUT_MS)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.wait_js("window.debugflowHud !== undefined")
        self.page.wait_for_selector(".df-link[data-link=open]")

    def wait_js(self, condition: str) -> None:
        """Wait until a JS expression holds (as a function: the page's CSP forbids eval)."""
        self.page.wait_for_function(f"() => ({condition})")

    def wait_status(self, prefix: str) -> None:
        """Wait until the status panel's state starts with `prefix` ("ended", "replay @ 0")."""
        self.wait_js(
            f"document.querySelector('[data-field=state]').textContent.startsWith({prefix!r})"
        )

    def item(self, function: str, calls: int | None = None) -> Any:
        """The ARIA tree item of the (first) node of `function` (with that many calls)."""
        extra = "" if calls is None else f'[data-calls="{calls}"]'
        return self.page.locator(f'[role=treeitem][data-function="{function}"]{extra}').first

    def node_id(self, function: str, calls: int | None = None) -> int:
        """The (first) node of `function`: from the page's model, since the accessible tree
        holds only the items near the view; with `calls`, from the items in the page."""
        if calls is not None:
            return int(self.item(function, calls).get_attribute("data-node"))
        find = f"window.debugflowHud.nodes().find(n => n.function === {function!r})"
        self.wait_js(f"{find} !== undefined")
        return int(self.page.evaluate(f"() => {find}.id"))

    def wait_state(self, function: str, state: str) -> None:
        self.page.wait_for_selector(
            f'[role=treeitem][data-function="{function}"][data-state="{state}"]', state="attached"
        )

    def picture(self) -> list[tuple[str, ...]]:
        """What the spine shows, item by item: name, state, calls, values, level."""
        return [
            tuple(row)
            for row in self.page.locator("[role=tree] [data-node]").evaluate_all(
                """items => items.map(li => [
                li.dataset.function, li.dataset.state, li.dataset.calls,
                li.dataset.args, li.dataset.result, li.getAttribute('aria-level')])"""
            )
        ]

    def center(self, function: str, calls: int | None = None) -> tuple[float, float]:
        """Where the node of `function` is drawn, in page pixels (scrolled into view first)."""
        node = self.node_id(function, calls)
        self.page.evaluate("id => window.debugflowHud.reveal(id)", node)
        self.page.wait_for_timeout(50)  # one frame for the scroll to be painted
        rect = self.page.evaluate("id => window.debugflowHud.nodeRect(id)", node)
        assert rect is not None, f"{function} is not laid out"
        return rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2

    def pixel(self, x: float, y: float) -> tuple[int, int, int, int]:
        """The canvas pixel under a page point, as RGBA."""
        rgba = self.page.evaluate(
            """([x, y]) => {
                const canvas = document.querySelector('.df-canvas');
                const box = canvas.getBoundingClientRect();
                const scale = canvas.width / box.width;
                const px = Math.round((x - box.left) * scale);
                const py = Math.round((y - box.top) * scale);
                return Array.from(canvas.getContext('2d').getImageData(px, py, 1, 1).data);
            }""",
            [x, y],
        )
        return (rgba[0], rgba[1], rgba[2], rgba[3])

    def wait_color(self, function: str, state: str) -> None:
        """Poll until the node of `function` is drawn in its state's colour."""
        want = COLORS[state]
        for _ in range(100):
            x, y = self.center(function)
            got = self.pixel(x, y)
            if all(abs(a - b) <= 12 for a, b in zip(got[:3], want, strict=True)) and got[3] > 240:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"{function} is drawn {got}, not {state} {want}")

    def wait_picture(self, expected: list[tuple[str, ...]], timeout_s: float = 20) -> None:
        """Poll until the spine shows exactly `expected`."""
        got: list[tuple[str, ...]] = []
        for _ in range(int(timeout_s * 20)):
            got = self.picture()
            if got == expected:
                return
            self.page.wait_for_timeout(50)
        assert got == expected

    def status(self, field: str) -> str:
        return str(self.page.locator(f".df-stat-value[data-field={field}]").inner_text())

    def labels(self, node: int) -> dict[str, str]:
        """A node's args, title and result lines as drawn on the canvas (clipped to the column)."""
        labels = self.page.evaluate("id => window.debugflowHud.labels(id)", node)
        assert labels is not None, f"node {node} is not laid out"
        return dict(labels)

    def history(self) -> list[dict[str, Any]]:
        """The History list top to bottom: id, script, state, ghost, and whether it is shown."""
        return list(
            self.page.locator(".df-run-open").evaluate_all(
                """buttons => buttons.map(b => ({
                id: b.dataset.run, script: b.querySelector('.df-run-script').lastChild.textContent,
                state: b.dataset.state, ghost: b.dataset.ghost === 'true',
                current: b.getAttribute('aria-current') === 'true'}))"""
            )
        )

    def record_scrolling(self) -> None:
        """Start logging the spine's scroll position at every animation frame."""
        self.page.evaluate(
            """() => {
                const scroller = document.querySelector('.df-scroller');
                window.__scrollLog = [];
                const tick = () => {
                    window.__scrollLog.push(scroller.scrollTop);
                    requestAnimationFrame(tick);
                };
                requestAnimationFrame(tick);
            }"""
        )

    def scroll_log(self) -> list[float]:
        """Every frame's scroll position since record_scrolling()."""
        return [float(top) for top in self.page.evaluate("window.__scrollLog")]

    def screenshot(self, name: str) -> Path:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@contextmanager
def hud_tab(browser: Any, viewport: dict[str, int]) -> Iterator[HudPage]:
    """A HUD tab in a fresh browser context of that size, closed after use; the page must not
    have thrown while it was open."""
    context = browser.new_context(viewport=viewport)
    page = HudPage(context.new_page())
    try:
        yield page
    finally:
        context.close()
    assert page.errors == [], f"the page threw: {page.errors}"
