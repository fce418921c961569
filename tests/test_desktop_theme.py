"""The two HUDs draw with one palette, one geometry and one timing: the desktop HUD's constants
(`debugflow.hud.theme`) are read against the web HUD's `viewer/src/theme.ts`, value by value,
so changing either alone fails here."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from debugflow.hud import theme

THEME_TS = Path(__file__).resolve().parent.parent / "viewer" / "src" / "theme.ts"
ENTRY = re.compile(r'(\w+)\s*:\s*("[^"]*"|\[[^\]]*\]|-?[0-9.]+)')


def ts_object(name: str) -> dict[str, Any]:
    """The object literal `export const NAME … = { … }` of theme.ts, as Python values."""
    source = re.sub(r"//[^\n]*", "", THEME_TS.read_text(encoding="utf-8"))
    found = re.search(rf"export const {name}\b[^=]*=\s*\{{(.*?)\}}", source, re.S)
    assert found is not None, f"theme.ts has no object {name}"
    return {key: json.loads(value) for key, value in ENTRY.findall(found[1])}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


@pytest.mark.parametrize(
    ("name", "ours"),
    [
        ("COLORS", theme.COLORS),
        ("STATE_COLORS", theme.STATE_COLORS),
        ("GHOST", dict(theme.GHOST)),
        ("OUTCOME_COLORS", theme.OUTCOME_COLORS),
    ],
)
def test_colours_are_the_web_huds(name: str, ours: dict[str, Any]) -> None:
    assert dict(ours) == ts_object(name)


@pytest.mark.parametrize(("name", "ours"), [("GEOMETRY", theme.GEOMETRY), ("TIMING", theme.TIMING)])
def test_geometry_and_timing_are_the_web_huds(name: str, ours: object) -> None:
    web = {snake(key): value for key, value in ts_object(name).items()}
    assert asdict(ours) == web  # type: ignore[call-overload]


def test_the_parser_reads_what_theme_ts_holds() -> None:
    # A guard for the guard: an empty parse would make the tests above pass on nothing.
    assert ts_object("GEOMETRY")["rowHeight"] == 60
    assert ts_object("STATE_COLORS")["exception"].startswith("#")
    assert len(ts_object("COLORS")) >= 12


def test_every_colour_is_one_the_hud_can_draw() -> None:
    values = [*theme.COLORS.values(), *theme.STATE_COLORS.values(), *theme.OUTCOME_COLORS.values()]
    for css in values:
        red, green, blue, alpha = theme.rgba(css)
        assert all(0 <= part <= 255 for part in (red, green, blue, alpha))
    assert theme.rgba("rgba(34, 211, 238, 0.22)") == (34, 211, 238, 56)
    assert theme.rgba("#4ade80") == (74, 222, 128, 255)
