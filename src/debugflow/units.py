"""Human units for durations and counts, shared by every view (`880us`, `12.4ms`, `1.23s`)."""

from __future__ import annotations


def format_duration(ns: int | float) -> str:
    """A duration in nanoseconds with an automatic unit and three significant digits.

    Rounding is half up, in integers, so the HUD (`viewer/src/format.ts`, the same steps)
    prints every duration exactly as the terminal does.
    """
    ns = int(ns)
    if ns < 1_000:
        return f"{ns}ns"
    for unit, scale in (("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)):
        for digits in (2, 1, 0):
            # The value with `digits` decimals, as an integer of 3 digits at most.
            shown = (ns * 10**digits * 2 + scale) // (2 * scale)
            if shown < 1000 or (unit == "s" and digits == 0):
                return _decimals(shown, digits) + unit
    raise AssertionError("unreachable")


def _decimals(shown: int, digits: int) -> str:
    if digits == 0:
        return str(shown)
    whole, part = divmod(shown, 10**digits)
    return f"{whole}.{part:0{digits}d}"


def format_count(count: int) -> str:
    """A count with thousands separators: `1,234,567`."""
    return f"{count:,}"
