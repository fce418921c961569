"""The web HUD in a real browser: real hub, real traced programs, what the page shows.

Chromium (Debian's package) is driven by Playwright; the assertions read the page's ARIA tree,
hover card, status panel and canvas pixels. Screenshots land in tests/output/ (CI artifacts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debugflow.units import format_duration
from hub_helpers import running_hub
from hud_page import HudPage, browser_skip_reason, chromium, finish, start_program

pytestmark = pytest.mark.skipif(
    browser_skip_reason() is not None, reason=str(browser_skip_reason())
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def hud(browser: Any) -> Iterator[HudPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = HudPage(context.new_page())
    try:
        yield page
    finally:
        context.close()
    assert page.errors == [], f"the page threw: {page.errors}"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def test_a_live_run_appears_with_names_values_states_and_colours(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    with running_hub(data_dir, store_path=data_dir / "runs.db") as info:
        hud.open(info.url)
        proc = start_program(tmp_path / "proj", "pipeline.py", data_dir, [str(gate)])
        hud.wait_state("hold", "processing")  # the program is still running: this is live
        assert proc.poll() is None
        hud.wait_color("hold", "processing")
        assert hud.item("load").get_attribute("data-args") == (
            "path: str='/data/train.csv', limit: int=3"
        )
        assert hud.item("step", 12).get_attribute("aria-label").startswith("step ×12, success, ")
        assert hud.item("step", 5).get_attribute("aria-label").startswith("step ×5, success, ")
        assert hud.status("state") == "live"
        hud.screenshot("hud-live-running")
        gate.touch()
        finish(proc)
        hud.wait_state("hold", "success")
        hud.wait_color("hold", "success")
        hud.wait_status("ended")
        lanes = hud.page.locator("[role=tree] > [role=treeitem]").evaluate_all(
            "items => items.map(li => li.getAttribute('aria-label'))"
        )
        assert lanes == ["lane MainThread", "lane worker"]
        assert hud.status("exceptions") == "1"
        hud.page.click(".df-follow")  # back to following: the view glides to the last activity
        hud.page.wait_for_timeout(800)
        hud.screenshot("hud-live-ended")


def test_an_exception_node_is_red_and_keeps_its_text(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    with running_hub(data_dir) as info:
        hud.open(info.url)
        finish(start_program(tmp_path / "proj", "pipeline.py", data_dir))
        hud.wait_state("divide", "exception")
        divide = hud.item("divide")
        assert divide.get_attribute("data-result") == "✖ ZeroDivisionError: division by zero"
        assert divide.get_attribute("data-error") == "ZeroDivisionError: division by zero"
        assert divide.get_attribute("aria-label").startswith(
            "divide, exception ZeroDivisionError, "
        )
        hud.wait_color("divide", "exception")


def test_hover_shows_duration_and_stats_and_dims_the_others(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    with running_hub(data_dir) as info:
        hud.open(info.url)
        finish(start_program(tmp_path / "proj", "pipeline.py", data_dir))
        hud.wait_state("main", "success")
        other = hud.center("train")
        x, y = hud.center("step", 12)
        hud.page.mouse.move(x, y)
        card = hud.page.locator("#df-hover")
        card.wait_for(state="visible")
        last_ns = int(hud.item("step", 12).get_attribute("data-duration-ns"))
        assert card.locator(".df-duration .df-card-value").inner_text() == format_duration(last_ns)
        text = card.inner_text()
        source = tmp_path / "proj" / "pipeline.py"
        assert f"__main__ · {source}:{_def_line(source, 'step')}" in text  # module, file:line
        assert "step ×12" in text and "min / median / max" in text
        assert hud.pixel(*other)[3] < 160  # the other nodes are dimmed
        hud.screenshot("hud-hover")
        hud.page.mouse.move(5, 400)
        card.wait_for(state="hidden")


def test_click_and_enter_open_the_source_in_the_editor(
    hud: HudPage, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "editor-argv.json"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, sys\nwith open(sys.argv[1], 'w') as out:\n    json.dump(sys.argv[2:], out)\n"
    )
    monkeypatch.setenv(
        "FLOW_EDITOR_CMD", f'"{sys.executable}" "{editor}" "{record}" {{file}} {{line}}'
    )
    source = tmp_path / "proj" / "pipeline.py"
    with running_hub(data_dir) as info:
        hud.open(info.url)
        finish(start_program(tmp_path / "proj", "pipeline.py", data_dir))
        hud.wait_state("main", "success")
        hud.page.mouse.click(*hud.center("load"))
        popup = hud.page.locator(".df-popup")
        popup.locator("text=in your editor").wait_for()
        assert _wait_json(hud, record) == [str(source), str(_def_line(source, "load"))]
        assert popup.locator(".df-copy").get_attribute("data-ref") == (
            f"{source}:{_def_line(source, 'load')}"
        )
        record.unlink()
        hud.page.keyboard.press("Escape")
        hud.item("divide").focus()
        hud.page.keyboard.press("ArrowUp")  # the keyboard walks the tree…
        assert hud.page.evaluate("document.activeElement.dataset.function") == "step"
        hud.page.keyboard.press("ArrowDown")
        hud.page.keyboard.press("Enter")  # …and Enter opens the source
        assert _wait_json(hud, record) == [str(source), str(_def_line(source, "divide"))]


def test_replay_of_a_recorded_run_reaches_the_same_final_picture(
    hud: HudPage, browser: Any, data_dir: Path, tmp_path: Path
) -> None:
    store = data_dir / "runs.db"
    with running_hub(data_dir, store_path=store) as info:
        hud.open(info.url)
        finish(start_program(tmp_path / "proj", "pipeline.py", data_dir))
        hud.wait_status("ended")
        live = hud.picture()
    with running_hub(data_dir, store_path=store) as info:  # a new hub: the run is history now
        hud.open(info.url)
        run = hud.page.locator(".df-run-open[data-state=ended]")
        run.click()
        hud.page.wait_for_selector(".df-timeline[data-replaying=true]")
        hud.wait_js(f"document.querySelectorAll('[data-node]').length == {len(live)}")
        assert hud.picture() == live
        _scrub_to_start(hud)
        assert len(hud.picture()) < len(live)
        hud.page.select_option(".df-speed", "50")
        hud.page.click(".df-play")
        hud.wait_picture(live)
        hud.page.wait_for_selector(".df-timeline[data-playing=false]", state="attached")
        hud.screenshot("hud-replay")


def test_a_live_run_can_be_scrubbed_back_and_returned_to(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    with running_hub(data_dir) as info:
        hud.open(info.url)
        proc = start_program(tmp_path / "proj", "pipeline.py", data_dir, [str(gate)])
        hud.wait_state("hold", "processing")
        nodes = len(hud.picture())
        _scrub_to_start(hud)
        assert len(hud.picture()) < nodes
        hud.page.click(".df-golive")
        hud.page.wait_for_selector(".df-timeline[data-replaying=false]", state="attached")
        hud.wait_state("hold", "processing")
        gate.touch()
        finish(proc)
        hud.wait_state("hold", "success")


def test_the_view_follows_the_active_call_until_the_user_scrolls(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    with running_hub(data_dir) as info:
        hud.open(info.url)
        proc = start_program(tmp_path / "proj", "deep.py", data_dir, [str(gate)])
        hud.wait_state("hold", "processing")
        page = hud.page
        hold = hud.node_id("hold")
        page.wait_for_function(IN_FOCUS_ZONE, arg=hold)  # slid down to the active call
        drawn, total = page.evaluate(
            "[window.debugflowHud.drawn(), document.querySelectorAll('[data-node]').length]"
        )
        assert 0 < drawn < total / 4  # only what is visible is drawn
        page.mouse.move(400, 400)
        page.mouse.wheel(0, -3000)
        page.wait_for_selector(".df-follow", state="visible")
        assert page.evaluate("window.debugflowHud.following()") is False
        page.click(".df-follow")
        page.wait_for_function(IN_FOCUS_ZONE, arg=hold)
        assert page.evaluate("window.debugflowHud.following()") is True
        hud.screenshot("hud-follow")
        gate.touch()
        finish(proc)


# A JS predicate: the node is drawn in the middle band of the stage (the focus zone).
IN_FOCUS_ZONE = """id => {
    const r = window.debugflowHud.nodeRect(id);
    const s = document.querySelector('.df-stage').getBoundingClientRect();
    const y = r && (r.y + r.height / 2 - s.top) / s.height;
    return y > 0.3 && y < 0.7;
}"""


def _scrub_to_start(hud: HudPage) -> None:
    slider = hud.page.locator(".df-scrubber")
    slider.evaluate("s => { s.value = '0'; s.dispatchEvent(new Event('change')); }")
    hud.page.wait_for_selector(".df-timeline[data-replaying=true]", state="attached")
    hud.wait_status("replay @ 0")


def _wait_json(hud: HudPage, path: Path) -> Any:
    for _ in range(200):
        if path.exists() and path.stat().st_size > 0:
            return json.loads(path.read_text())
        hud.page.wait_for_timeout(50)
    raise AssertionError(f"the editor command never ran ({path} missing)")


def _def_line(source: Path, function: str) -> int:
    lines = source.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"def {function}("))
