"""Shallow copies of small mutable builtins, taken when a call is kept in detail.

Previews are made on the collector thread a few milliseconds after the call, so a list the
function then changes in place (`weights[i] -= step`) would be shown as it ended up, not as
it came in. Copying the top level of small exact lists, dicts, sets and bytearrays at call
time keeps the preview true; it runs only for calls kept in detail.
"""

from __future__ import annotations

SNAPSHOT_MAX_ITEMS = 1000
_COPYABLE = frozenset({list, dict, set, bytearray})


def snapshot(value: object) -> object:
    """`value`, or a shallow copy of it if it is a small exact mutable builtin."""
    if type(value) in _COPYABLE and len(value) <= SNAPSHOT_MAX_ITEMS:  # type: ignore[arg-type]
        return value.copy()  # type: ignore[attr-defined]
    return value
