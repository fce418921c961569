"""The HUD's code panel in a real browser: a real hub, a real `flow run`, Debian's chromium.

A click on a node shows its source beside the spine; a click in the gutter sets a breakpoint
in the running program, which pauses there; the page shows the line, the stack, the locals and
a watch only from the debugger's own state; F10 steps, F5 continues, and the program prints
what it prints untraced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen
from typing import Any

import pytest

from hub_helpers import HubInfo, running_hub
from hud_page import (
    PROGRAMS,
    HudPage,
    browser_skip_reason,
    finish,
    hud_tab,
    start_program,
)

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]

SOURCE = (PROGRAMS / "squares.py").read_text(encoding="utf-8").splitlines()
VALUE_LINE = SOURCE.index("    value = n * n") + 1
CALL_LINE = SOURCE.index("        squares[n] = square(n)") + 1


@pytest.fixture
def hud(browser: Any) -> Iterator[HudPage]:
    with hud_tab(browser, {"width": 1440, "height": 860}) as page:
        yield page


class CodePanel:
    """The code panel of one HUD tab, read through its roles and names."""

    def __init__(self, hud: HudPage) -> None:
        self.page = hud.page
        self.region = hud.page.get_by_role("region", name="Code panel: squares.py")

    def gutter(self, line: int) -> Any:
        """The gutter button of `line`, named "Breakpoint at line N" (and its settings)."""
        button = self.region.locator(f'.df-code-row[data-line="{line}"] .df-gutter')
        assert str(button.get_attribute("aria-label")).startswith(f"Breakpoint at line {line}")
        return button

    def wait_pressed(self, line: int, pressed: bool) -> None:
        self.page.wait_for_selector(
            f'.df-code-row[data-line="{line}"] .df-gutter[aria-pressed="{str(pressed).lower()}"]'
        )

    def wait_status(self, text: str) -> None:
        self.region.locator(".df-debug-status", has_text=text).wait_for()

    def current_line(self) -> int:
        row = self.region.locator(".df-code-row[aria-current=step]")
        return int(row.get_attribute("data-line"))

    def wait_current(self, line: int) -> None:
        self.region.locator(f'.df-code-row[aria-current=step][data-line="{line}"]').wait_for()

    def frames(self) -> list[str]:
        items = self.region.get_by_role("listbox", name="Call stack").get_by_role("option")
        return [str(text) for text in items.locator(".df-frame-function").all_inner_texts()]

    def local(self, name: str) -> str:
        tree = self.region.get_by_role("tree", name="Locals")
        item = tree.locator(f'[role=treeitem][data-name="{name}"]').first
        item.wait_for()
        return str(item.get_attribute("aria-label"))

    def wait_local(self, name: str, label: str) -> None:
        self.region.get_by_role("tree", name="Locals").locator(
            f'[role=treeitem][data-name="{name}"][aria-label="{label}"]'
        ).first.wait_for()

    def wait_watch(self, expr: str, value: str) -> None:
        self.region.locator(
            f'.df-watch[data-expr="{expr}"] .df-watch-value', has_text=value
        ).wait_for()

    def enabled(self, name: str) -> bool:
        return bool(self.region.get_by_role("button", name=name, exact=True).is_enabled())


@contextmanager
def squares_run(hud: HudPage, tmp_path: Path) -> Iterator[tuple[HubInfo, Popen[str], Path]]:
    """A hub with this tab open on it and squares.py started under `flow run`, waiting for its
    gate file: the hub, the program and the gate."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    gate = tmp_path / "gate"
    with running_hub(data_dir) as info:
        hud.open(info.url)
        yield info, start_program(tmp_path / "proj", "squares.py", data_dir, [str(gate)]), gate


def main_panel(hud: HudPage) -> CodePanel:
    """The code panel of `main`, opened by a click on its node once the node is drawn."""
    hud.wait_state("main", "processing")
    hud.page.mouse.click(*hud.center("main"))
    return CodePanel(hud)


def test_click_a_node_then_break_step_watch_and_continue(
    hud: HudPage, browser: Any, tmp_path: Path
) -> None:
    with squares_run(hud, tmp_path) as (info, proc, gate):
        panel = main_panel(hud)  # the source appears beside the spine
        panel.region.locator(".df-cp-title", has_text="main").wait_for()
        panel.region.locator(f'.df-code-row[data-line="{len(SOURCE)}"]').wait_for()
        assert panel.region.locator(".df-code-row").count() == len(SOURCE)
        marked = panel.region.locator(".df-code-row.df-in-function").evaluate_all(
            "rows => rows.map(row => Number(row.dataset.line))"
        )
        assert marked[0] == SOURCE.index("def main(gate: str) -> None:") + 1
        assert marked[-1] == SOURCE.index('    print("total", sum(squares.values()), warmup)') + 1
        panel.wait_status("Running")
        assert not panel.enabled("Continue") and panel.enabled("Pause")

        assert (
            panel.region.get_by_role(
                "button", name=f"Breakpoint at line {VALUE_LINE}", exact=True
            ).get_attribute("aria-pressed")
            == "false"
        )
        panel.gutter(VALUE_LINE).click()  # shown once the debugger's table has it
        panel.wait_pressed(VALUE_LINE, True)
        panel.gutter(VALUE_LINE).click(button="right")  # the edit form: a condition
        editor = panel.region.get_by_role("form", name="Edit breakpoint")
        editor.get_by_role("textbox", name="Condition").fill("n == 4")
        editor.get_by_role("textbox", name="Hit count").fill("often")
        editor.get_by_role("button", name="Save").click()
        assert "every N" in editor.get_by_role("alert").inner_text()  # refused before sending
        editor.get_by_role("textbox", name="Hit count").fill("")
        editor.get_by_role("button", name="Save").click()
        panel.region.get_by_role(
            "button", name=f"Breakpoint at line {VALUE_LINE}, if n == 4"
        ).wait_for()
        gate.touch()
        panel.wait_status(f"Paused (breakpoint) at squares.py:{VALUE_LINE} in square")
        panel.wait_current(VALUE_LINE)
        assert proc.poll() is None
        assert panel.enabled("Continue") and not panel.enabled("Pause")
        panel.region.locator(".df-frame").first.wait_for()
        assert panel.frames()[:2] == ["square", "main"]
        assert panel.local("n") == "n: int = 4"  # the condition skipped n == 3

        watch = panel.region.get_by_role("textbox", name="Watch expression")
        watch.fill("n * 10")
        watch.press("Enter")
        panel.wait_watch("n * 10", "40")

        hud.page.locator(".df-scroller").focus()
        hud.page.keyboard.press("F10")  # step over: the next line of the same call
        panel.wait_status(f"Paused (step) at squares.py:{VALUE_LINE + 1} in square")
        panel.wait_current(VALUE_LINE + 1)
        panel.wait_local("value", "value: int = 16")
        panel.wait_watch("n * 10", "40")  # evaluated again at the new pause
        hud.page.mouse.move(5, 700)  # no hover marks or focus rings in the picture
        hud.page.evaluate("() => document.activeElement?.blur()")
        hud.screenshot("code-panel-paused")  # docs/code-panel.png: scripts/hud_screenshots.py

        panel.region.locator('.df-frame[data-frame="1"]').click()  # the caller's frame
        panel.wait_current(CALL_LINE)
        squares = panel.region.get_by_role("treeitem", name="squares: dict", exact=False)
        squares.get_by_role("button", name="Expand squares").click()  # a locals request
        squares.get_by_role("treeitem").first.wait_for()
        assert squares.get_by_role("treeitem").first.get_attribute("aria-label") == "3: int = 10"
        panel.region.locator('.df-frame[data-frame="0"]').click()
        panel.wait_current(VALUE_LINE + 1)
        panel.region.locator('.df-frame[data-frame="1"]').click()  # expanded again, as it was
        squares.get_by_role("treeitem", name="3: int = 10").wait_for()
        assert squares.get_attribute("aria-expanded") == "true"

        # A second tab opened now sees the pause at once (the hub re-sends the last state).
        other = HudPage(browser.new_page(viewport={"width": 1280, "height": 800}))
        other.open(info.url)
        CodePanel(other).wait_status(f"Paused (step) at squares.py:{VALUE_LINE + 1}")
        other.page.close()
        assert other.errors == []

        hud.page.keyboard.press("F11")  # step into, on a line without calls: the next line
        panel.wait_status(f"Paused (step) at squares.py:{VALUE_LINE + 2} in square")
        panel.wait_current(VALUE_LINE + 2)
        innermost = panel.region.locator('.df-frame[data-frame="0"][aria-selected=true]')
        innermost.filter(has_text="square").wait_for()  # a new pause: its own innermost frame
        hud.page.keyboard.press("Shift+F11")  # step out: back in the caller
        panel.wait_status("Paused (step) at squares.py:")
        panel.region.locator(".df-debug-status", has_text="in main").wait_for()

        panel.gutter(VALUE_LINE).click()  # off again, so the loop runs to its end
        panel.wait_pressed(VALUE_LINE, False)
        hud.page.keyboard.press("F5")
        assert finish(proc) == "total 53 5\n"
        panel.wait_status("The program ended.")
        assert not panel.enabled("Continue")

        # Replayed, the run shows its four pauses on the timeline.
        hud.page.locator(".df-scrubber").evaluate(
            "s => { s.value = '0'; s.dispatchEvent(new Event('change')); }"
        )
        marks = hud.page.get_by_role("list", name="Pauses").get_by_role("button")
        hud.wait_js("document.querySelectorAll('.df-pause-mark').length === 4")
        labels = marks.evaluate_all("marks => marks.map(m => m.getAttribute('aria-label'))")
        assert labels[0].startswith(f"Paused (breakpoint) at squares.py:{VALUE_LINE} in square")
        assert labels[1].startswith(f"Paused (step) at squares.py:{VALUE_LINE + 1} in square")
        hud.screenshot("code-panel-pauses-on-the-timeline")


def test_a_stale_command_is_refused_and_the_reason_is_shown(hud: HudPage, tmp_path: Path) -> None:
    with squares_run(hud, tmp_path) as (_, proc, gate):
        panel = main_panel(hud)
        panel.gutter(VALUE_LINE).click()
        panel.wait_pressed(VALUE_LINE, True)
        gate.touch()
        panel.wait_status(f"Paused (breakpoint) at squares.py:{VALUE_LINE}")
        # A command for a state the debugger has left (an older seq) is refused, and said so.
        hud.page.evaluate(
            """() => {
                const seq = 0;
                window.debugflowHud.debugRequest({op: "command", kind: "continue", seq});
            }"""
        )
        refusal = panel.region.locator(".df-debug-refusal")
        refusal.wait_for()
        assert refusal.inner_text() != ""
        assert refusal.get_attribute("role") == "status"
        panel.wait_current(VALUE_LINE)  # still paused where it was
        panel.gutter(VALUE_LINE).click()
        panel.wait_pressed(VALUE_LINE, False)
        panel.region.get_by_role("button", name="Continue", exact=True).click()
        assert finish(proc) == "total 53 5\n"


def test_trace_lines_of_a_function_then_replay_its_calls(hud: HudPage, tmp_path: Path) -> None:
    with squares_run(hud, tmp_path) as (_, proc, gate):
        hud.wait_state("square", "success")  # the warm-up call, before the gate
        # Right-click on the node: its source, and the focus op, so that the next calls of
        # square are traced line by line ("Trace lines" in the panel, L in the spine, alike).
        hud.page.mouse.click(*hud.center("square"), button="right")
        panel = CodePanel(hud)
        panel.region.locator(".df-cp-title", has_text="square").wait_for()
        trace = panel.region.get_by_role("button", name="Trace lines")
        hud.page.wait_for_selector(".df-cp-focus[aria-pressed=true]")
        assert trace.get_attribute("aria-pressed") == "true"
        gate.touch()
        assert finish(proc) == "total 53 5\n"  # traced line by line, it prints the same
        stat = panel.region.locator(f'.df-code-row[data-line="{VALUE_LINE}"] .df-line-stat')
        stat.filter(has_text="3×").wait_for()  # hits (three calls) and time in the gutter
        replay = panel.region.get_by_role("group", name="Line replay")
        calls = replay.get_by_role("combobox", name="Recorded call")
        hud.wait_js("document.querySelectorAll('.df-replay-call option').length === 3")
        calls.select_option(index=2)  # the last call: square(5)
        replay.get_by_role("combobox", name="Replay speed").select_option("10")
        replay.get_by_role("button", name="Play the call's lines").click()
        replay.locator(".df-replay-locals", has_text="bonus: int=26").wait_for()
        replay.get_by_role("button", name="Play the call's lines").wait_for()  # stopped at the end
        assert "value: int=25" in replay.locator(".df-replay-locals").inner_text()
        scrub = replay.get_by_role("slider", name="Step of the call")
        scrub.fill("0")  # scrubbing back moves the highlighted line to the first step
        first = int(panel.region.locator(".df-code-row.df-replayed").get_attribute("data-line"))
        assert first == VALUE_LINE
        hud.screenshot("code-panel-replay")


def test_a_logpoint_from_the_gutter_logs_into_the_run_without_pausing(
    hud: HudPage, tmp_path: Path
) -> None:
    return_line = SOURCE.index("    return bonus") + 1
    with squares_run(hud, tmp_path) as (_, proc, gate):
        panel = main_panel(hud)
        panel.gutter(return_line).click(button="right")
        editor = panel.region.get_by_role("form", name="Edit breakpoint")
        editor.get_by_role("textbox", name="Log message").fill("bonus is {bonus}")
        editor.get_by_role("button", name="Save").click()
        panel.region.get_by_role(
            "button", name=f'Breakpoint at line {return_line}, logs "bonus is {{bonus}}"'
        ).wait_for()
        gate.touch()
        assert finish(proc) == "total 53 5\n"  # never paused: it ran to its end by itself
        for text in ("bonus is 10", "bonus is 17", "bonus is 26"):
            hud.wait_state(text, "info")  # each message is a mark in the run


def test_pause_all_threads_from_the_debug_bar_reaches_the_program(
    hud: HudPage, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    gate = tmp_path / "gate"
    with running_hub(data_dir) as info:
        hud.open(info.url)
        proc = start_program(tmp_path / "proj", "squares.py", data_dir, [str(gate)])
        hud.wait_state("main", "processing")
        hud.page.mouse.click(*hud.center("main"))
        box = CodePanel(hud).region.get_by_role("checkbox", name="pause all threads")
        assert not box.is_checked()
        box.click()  # the box shows what the program's state says (checked once it has it)
        hud.page.wait_for_selector(".df-debug-pause-all input:checked")
        # The program's state says so: a page opened now shows the box checked.
        hud.open(info.url)
        hud.wait_state("main", "processing")
        hud.page.mouse.click(*hud.center("main"))
        box = CodePanel(hud).region.get_by_role("checkbox", name="pause all threads")
        hud.page.wait_for_selector(".df-debug-pause-all input:checked")
        box.click()
        hud.page.wait_for_selector(".df-debug-pause-all input:not(:checked)")
        gate.touch()
        assert finish(proc) == "total 53 5\n"
