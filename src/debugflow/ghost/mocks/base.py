"""Shared pieces of mock synthesis: the slot being filled, the "no answer" marker, the factory seam.

Each recipe module (typing constructs, classes, standard library, scientific libraries) is a
list of functions `recipe(factory, hint, slot) -> value | NOTHING`; the factory asks them in
order and the first answer wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol


class _Nothing:
    """The marker a recipe returns when the hint is not its business."""

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING = _Nothing()


@dataclass(frozen=True)
class Slot:
    """Where a mock goes: the function it is for, the parameter path and the nesting depth."""

    where: str  # function id, e.g. "shop:Order.__init__"
    param: str  # parameter name, e.g. "order"
    depth: int = 0

    def deeper(self, where: str, param: str) -> Slot:
        """The slot of a value nested inside this one (a field, an element)."""
        return replace(self, where=where, param=param, depth=self.depth + 1)

    def element(self, suffix: str) -> Slot:
        """The slot of an element of this value (same function, same depth plus one)."""
        return replace(self, param=f"{self.param}{suffix}", depth=self.depth + 1)


class Maker(Protocol):
    """What recipes may ask of the mock factory."""

    temp_dir: Path
    max_depth: int
    building: list[type]

    def make(self, hint: object, slot: Slot) -> object:
        """A mock value for `hint`."""

    def standin(self, slot: Slot, detail: str) -> object:
        """A recording stand-in, noted as a parameter without a usable hint."""

    def note(self, text: str) -> None:
        """Add a line to the report's notes."""

    def rollback(self, mark: int) -> None:
        """Forget missing-hint records made after `mark` (a failed Union arm)."""

    def mark(self) -> int:
        """A position to roll back to."""


Recipe = Callable[[Maker, object, Slot], object]


def is_typeddict(hint: object) -> bool:
    """True for a TypedDict class from `typing` or `typing_extensions` (any Python version)."""
    return isinstance(hint, type) and issubclass(hint, dict) and hasattr(hint, "__required_keys__")
