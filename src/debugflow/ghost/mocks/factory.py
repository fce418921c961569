"""The mock factory: the smallest plausible value for a type hint, or a recording stand-in.

Recipes are asked in order: typing constructs, builtins and the standard library, scientific
libraries by qualified name, then classes. A hint nobody can answer, a missing annotation,
`Any`, or a forward reference that does not resolve gets a `StandIn`, and the factory writes
down which parameter of which function lacked a usable hint.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from debugflow.ghost.mocks import classes, generics, libraries, stdlib
from debugflow.ghost.mocks.base import NOTHING, Recipe, Slot
from debugflow.ghost.mocks.hints import Unresolved
from debugflow.ghost.mocks.standin import StandIn, UseLog
from debugflow.ghost.model import MissingHint

DEFAULT_MAX_DEPTH = 4

_RECIPES: list[Recipe] = [
    *generics.RECIPES,
    *stdlib.RECIPES,
    libraries.library_value,
    *classes.RECIPES,
]


class MockFactory:
    """Builds mock values for hints and keeps the record of parameters that had no usable hint."""

    def __init__(self, temp_dir: Path, max_depth: int = DEFAULT_MAX_DEPTH):
        self.temp_dir = temp_dir
        self.max_depth = max_depth
        self.building: list[type] = []
        self.uses = UseLog()
        self.missing: list[tuple[str, str, str]] = []  # (function, parameter, detail)
        self.notes: list[str] = []

    def make(self, hint: object, slot: Slot) -> object:
        """A mock value for `hint` in `slot`; never raises."""
        if hint is inspect.Parameter.empty:
            return self.standin(slot, "no annotation")
        if isinstance(hint, Unresolved):
            return self.standin(slot, f"unresolved annotation {hint.text!r} ({hint.error})")
        if isinstance(hint, str):
            return self.standin(slot, f"unresolved annotation {hint!r}")
        for recipe in _RECIPES:
            try:
                value = recipe(self, hint, slot)
            except Exception as exc:  # a recipe must never end the pass: try the next one
                self.note(f"mock for {hint!r} failed in {recipe.__name__}: {exc!r}"[:200])
                continue
            if value is not NOTHING:
                return value
        return self.standin(slot, f"no mock recipe for {hint!r}")

    def standin(self, slot: Slot, detail: str) -> StandIn:
        """A recording stand-in for `slot`, noted as a parameter without a usable hint."""
        self.missing.append((slot.where, slot.param, detail))
        return StandIn(slot.param or "value", self.uses)

    def note(self, text: str) -> None:
        """Add a line to the report's notes (each once)."""
        if text not in self.notes:
            self.notes.append(text)

    def mark(self) -> int:
        """A position in the missing-hint record to roll back to."""
        return len(self.missing)

    def rollback(self, mark: int) -> None:
        """Forget missing-hint records made after `mark`."""
        del self.missing[mark:]

    def missing_hints(self) -> list[MissingHint]:
        """Each parameter without a usable hint once, with what the code did with its stand-in."""
        seen: dict[tuple[str, str], MissingHint] = {}
        for where, param, detail in self.missing:
            uses = tuple(self.uses.uses.get(param.split("[")[0], ()))
            seen.setdefault((where, param), MissingHint(where, param, detail, uses))
        return list(seen.values())
