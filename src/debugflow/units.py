"""Human units for durations and counts, shared by every view (`880us`, `12.4ms`, `1.23s`)."""

from __future__ import annotations


def format_duration(ns: int | float) -> str:
    """A duration in nanoseconds with an automatic unit and three significant digits."""
    if ns < 1_000:
        return f"{int(ns)}ns"
    for unit, scale in (("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)):
        text = _three_digits(ns / scale)
        if float(text) < 1000 or unit == "s":
            return text + unit
    raise AssertionError("unreachable")


def _three_digits(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_count(count: int) -> str:
    """A count with thousands separators: `1,234,567`."""
    return f"{count:,}"
