"""Exactly SIZE calls of small functions (plus `main` and the module): for the memory bench.

Four calls per step: a method that calls two helpers, one of which calls a third. Usage:
`python manycalls.py [SIZE]` with SIZE a multiple of 4; prints a checksum.
"""

from __future__ import annotations

import sys

DEFAULT_SIZE = 10_000_000


def leaf(value: int) -> int:
    return value % 7


def twig(value: int) -> int:
    return leaf(value) + 1


class Branch:
    """Holds a running total; `grow` makes three more calls."""

    def __init__(self) -> None:
        self.total = 0

    def grow(self, value: int) -> None:
        self.total += twig(value) + leaf(value + 3)


def main(size: int = DEFAULT_SIZE) -> str:
    """Make `size` calls (rounded down to a multiple of 4) and return the checksum."""
    branch = Branch()  # one call of its own: counted in the 4 of the first step's budget
    for value in range(size // 4 - 1):
        branch.grow(value)
    twig(0)
    leaf(1)
    return str(branch.total)


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
