"""Durations read the same everywhere: the terminal views and the HUD format them alike.

`viewer/test/durations.json` holds cases that both `debugflow.units.format_duration` (here)
and the HUD's `formatDuration` (viewer/test/units.test.ts) must print exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debugflow.units import format_count, format_duration

CASES = json.loads(
    (Path(__file__).parent.parent / "viewer" / "test" / "durations.json").read_text("utf-8")
)["cases"]


@pytest.mark.parametrize(("ns", "text"), CASES)
def test_durations_read_as_the_hud_reads_them(ns: int, text: str) -> None:
    assert format_duration(ns) == text


def test_the_cases_cover_every_unit_and_the_rounding_edges() -> None:
    units = {text.lstrip("0123456789.") for _, text in CASES}
    assert units == {"ns", "us", "ms", "s"}
    assert [format_duration(n) for n in (999_400_000, 999_600_000)] == ["999ms", "1.00s"]
    # Never four digits: 9.999us is 10.0us, 99.95us is 100us, and halves round up.
    assert [format_duration(n) for n in (9_999, 99_950, 1_125)] == ["10.0us", "100us", "1.13us"]


def test_counts_have_thousands_separators() -> None:
    assert format_count(1234567) == "1,234,567"
