"""Ghost runs in the web HUD: a recorded `flow ghost` pass opened from History in a browser.

The nodes must carry the ghost style (read from the ARIA items), still show each call's mock
arguments, and the static-map functions the pass never reached must appear as placeholders
under their caller, with the reason on hover.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debugflow.ghost import record_ghost
from ghost_helpers import SHOP, ghost
from hub_helpers import running_hub
from hud_page import HudPage, browser_skip_reason, chromium, hud_tab

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]


@pytest.fixture
def hud() -> Iterator[HudPage]:
    with chromium() as browser, hud_tab(browser, {"width": 1280, "height": 800}) as page:
        yield page


def _items(hud: HudPage) -> dict[str, dict[str, Any]]:
    """Every spine item's ghost-related data, by function name."""
    rows = hud.page.locator("[role=tree] [data-node]").evaluate_all(
        """items => items.map(li => [li.dataset.function, {
            ghost: li.dataset.ghost ?? null, placeholder: li.dataset.placeholder ?? null,
            reason: li.dataset.reason ?? null, args: li.dataset.args,
            parent: document.getElementById('df-node-' + li.dataset.parent)?.dataset.function
                ?? null}])"""
    )
    return {name: data for name, data in rows}


def test_a_ghost_run_from_history_is_drawn_as_ghosts_with_mock_args_and_placeholders(
    hud: HudPage, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "runs.db"
    record_ghost(ghost(SHOP, "limits.py:sync"), store)
    with running_hub(data_dir, store_path=store) as info:
        hud.open(info.url)
        entry = hud.page.locator(".df-run-open[data-ghost=true]")
        assert entry.locator(".df-run-ghost").inner_text() == "GHOST"
        assert ", ghost, " in str(entry.get_attribute("aria-label"))
        entry.click()
        hud.page.wait_for_selector('[role=treeitem][data-function="online"]', state="attached")
        items = _items(hud)
        assert {data["ghost"] for data in items.values()} == {"true"}
        assert items["sync"]["args"].startswith("config_path: PosixPath=")
        assert "url: str='mock'" in items["offline"]["args"]
        assert items["offline"]["placeholder"] is None
        online = items["online"]
        assert online["placeholder"] == "true" and online["parent"] == "sync"
        assert "returned without calling it" in online["reason"]
        assert hud.page.locator(".df-ghost-badge").is_visible()
        assert hud.page.locator(".df-status").get_attribute("data-ghost") == "true"
        hud.page.mouse.move(*hud.center("online"))
        card = hud.page.locator("#df-hover")
        card.wait_for(state="visible")
        assert "returned without calling it" in card.inner_text()
        hud.screenshot("hud-ghost-run")


def test_an_ordinary_run_carries_no_ghost_marker(hud: HudPage, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with running_hub(data_dir, store_path=data_dir / "runs.db") as info:
        hud.open(info.url)
        hud.page.wait_for_selector(".df-runs-empty")
        assert hud.page.locator(".df-ghost-badge").is_hidden()
        assert hud.page.locator(".df-status").get_attribute("data-ghost") is None
