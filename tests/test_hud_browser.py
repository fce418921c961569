"""The web HUD in a real browser: real hub, real traced programs, what the page shows.

Chromium (Debian's package) is driven by Playwright; the assertions read the page's ARIA tree,
hover card, status panel and canvas pixels. Screenshots land in tests/output/ (CI artifacts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from debugflow.ghost import record_ghost
from debugflow.units import format_duration
from ghost_helpers import SHOP, ghost
from hub_helpers import running_hub
from hud_page import HudPage, browser_skip_reason, finish, hud_tab, start_program

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]


@pytest.fixture
def hud(browser: Any) -> Iterator[HudPage]:
    with hud_tab(browser, {"width": 1280, "height": 800}) as page:
        yield page


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


def test_click_and_enter_show_the_source_and_o_opens_the_editor(
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
        hud.page.mouse.click(*hud.center("load"))  # a click shows the code panel…
        panel = hud.page.get_by_role("region", name="Code panel: pipeline.py")
        panel.locator(".df-cp-title", has_text="load").wait_for()
        assert not record.exists()
        panel.get_by_role("button", name="Open in editor").click()  # …one button from the editor
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
        hud.page.keyboard.press("Enter")  # …Enter shows the source in the code panel…
        panel.locator(".df-cp-title", has_text="divide").wait_for()
        hud.page.keyboard.press("o")  # …and O opens it in the editor
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


def test_a_new_tab_opens_the_running_run_and_lists_runs_newest_first(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    project = tmp_path / "proj"
    with running_hub(data_dir, store_path=data_dir / "runs.db") as info:
        finish(start_program(project, "older.py", data_dir, source=SHORT, stream=False))
        hud.open(info.url)
        proc = start_program(project, "pipeline.py", data_dir, [str(gate)])
        hud.wait_state("hold", "processing")  # running, and streamed into this hub
        finish(start_program(project, "newer.py", data_dir, source=SHORT, stream=False))
        tab = HudPage(hud.page.context.new_page())
        tab.open(info.url)
        tab.wait_state("hold", "processing")  # opened by itself, no click
        tab.wait_js("document.querySelectorAll('.df-run-open').length === 3")
        runs = tab.history()
        # Newest first, the live run between the two recorded ones (not live runs first).
        assert [run["script"] for run in runs] == ["newer.py", "pipeline.py", "older.py"]
        assert [run["current"] for run in runs] == [False, True, False]
        assert tab.page.evaluate("window.debugflowHud.runId()") == runs[1]["id"]
        tab.screenshot("hud-new-tab-running")
        gate.touch()
        finish(proc)
        tab.wait_state("hold", "success")
        assert tab.errors == [], f"the page threw: {tab.errors}"


def test_a_new_tab_opens_the_latest_recorded_run_that_is_not_a_ghost(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    store = data_dir / "runs.db"
    project = tmp_path / "proj"
    finish(start_program(project, "pipeline.py", data_dir, stream=False))
    finish(start_program(project, "later.py", data_dir, source=SHORT, stream=False))
    record_ghost(ghost(SHOP, "limits.py:sync"), store)  # the newest run of all: a ghost
    with running_hub(data_dir, store_path=store) as info:
        hud.open(info.url)
        hud.wait_js("document.querySelectorAll('.df-run-open').length === 3")
        runs = hud.history()
        assert [run["ghost"] for run in runs] == [True, False, False]
        later = runs[1]
        assert later["script"] == "later.py"
        hud.wait_js(f"window.debugflowHud.runId() === {later['id']!r}")
        hud.wait_state("twice", "success")
        assert hud.page.locator(".df-notice").is_hidden()  # not "Waiting for a traced program…"
        assert [run["current"] for run in hud.history()] == [False, True, False]
        hud.screenshot("hud-new-tab-recorded")
        # …and new live runs are still followed.
        gate = tmp_path / "gate"
        proc = start_program(project, "pipeline.py", data_dir, [str(gate)])
        hud.wait_state("hold", "processing")
        assert hud.history()[0]["current"] is True
        gate.touch()
        finish(proc)


def test_short_calls_and_the_end_of_the_run_never_scroll_the_view_back_up(
    hud: HudPage, data_dir: Path, tmp_path: Path
) -> None:
    with running_hub(data_dir) as info:
        hud.open(info.url)
        hud.record_scrolling()
        proc = start_program(tmp_path / "proj", "steady.py", data_dir, source=STEADY)
        hud.page.wait_for_selector('[role=treeitem][data-function="work"]', state="attached")
        work = hud.node_id("work")
        hud.page.wait_for_function(IN_FOCUS_ZONE, arg=work)
        settled = len(hud.scroll_log())
        finish(proc)
        hud.wait_status("ended")
        hud.page.wait_for_timeout(1000)
        tops = hud.scroll_log()[settled:]
        rises = [(a, b) for a, b in pairwise(tops) if b < a - 1]
        assert rises == [], f"the view went back up {len(rises)} times: {rises[:5]}"
        assert tops[-1] >= tops[0] > 0  # and did not jump to the top when the run ended
        assert hud.page.evaluate(IN_FOCUS_ZONE, work)
        assert hud.page.evaluate("window.debugflowHud.following()") is True
        hud.screenshot("hud-steady-after-end")


def test_clipped_values_end_in_one_ellipsis(hud: HudPage, data_dir: Path, tmp_path: Path) -> None:
    # A narrow window, so the spine's column is near its narrowest and the previews get cut.
    hud.page.set_viewport_size({"width": 1000, "height": 800})
    with running_hub(data_dir) as info:
        hud.open(info.url)
        finish(start_program(tmp_path / "proj", "clip.py", data_dir, source=CLIP))
        hud.wait_status("ended")
        hud.wait_js(f"document.querySelectorAll('[data-function=probe]').length === {CLIP_PADS}")
        items = hud.page.locator("[role=treeitem][data-function=probe]").evaluate_all(
            "items => items.map(li => [Number(li.dataset.node), li.dataset.args])"
        )
        drawn = [(node, args, hud.labels(node)) for node, args in items]
        doubled = [labels for _, _, labels in drawn if any("……" in t for t in labels.values())]
        assert doubled == []
        # The column cut some previews right after their own ellipsis ("[[[…" of "[[[…]]]").
        cut = [(node, labels["args"]) for node, args, labels in drawn if labels["args"] != args]
        at_ellipsis = [node for node, text in cut if text.endswith("[[[…")]
        assert at_ellipsis, cut
        hud.page.evaluate("id => window.debugflowHud.reveal(id)", at_ellipsis[0])
        hud.page.wait_for_timeout(100)
        hud.screenshot("hud-clipped-values")


# Short programs written into the test's project (the bigger ones live in hud_programs/).
SHORT = """def twice(x):
    return x * 2


for i in range(3):
    twice(i)
"""

# A caller far above its callee, calling it for 150 ms with 120 ms of its own work between
# calls: the callee's node goes yellow, green, yellow again.
STEADY = """import time


def dive(level):
    if level > 0:
        dive(level - 1)


def work(i):
    time.sleep(0.15)
    return i


def main():
    dive(25)
    time.sleep(0.3)
    for i in range(10):
        work(i)
        time.sleep(0.12)
    time.sleep(0.3)


main()
"""

# `probe` nodes deep enough that all share one label width, each with a longer `pad`, so the
# column cuts the line at every position around the `[[[…]]]` preview of `deep`.
CLIP_PADS = 30
CLIP = f"""DEEP = [[[[1]]]]


def probe(pad, deep):
    return len(pad)


def nest(n):
    if n < 10 + {CLIP_PADS}:
        if n >= 10:
            probe("x" * (n - 10), DEEP)
        nest(n + 1)


nest(0)
"""


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
