"""Call-heavy pure Python: about a million calls of small functions at the default size.

Classes with small methods, dict updates, string formatting and recursion: the shape of
code where a tracer's per-call cost shows most. Usage: `python callheavy.py [SIZE]`; prints
a checksum that depends only on SIZE.
"""

from __future__ import annotations

import sys

DEFAULT_SIZE = 30_000  # outer steps, about 38 Python calls each


class Vector:
    """A 2-D vector with small methods, so that arithmetic costs calls."""

    __slots__ = ("x", "y")

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def add(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def scale(self, factor: int) -> Vector:
        return Vector(self.x * factor, self.y * factor)

    def manhattan(self) -> int:
        return abs(self.x) + abs(self.y)


class Inventory:
    """Counts and remembers keys in plain dicts."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last: dict[str, str] = {}

    def record(self, key: str, note: str, amount: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount
        self.last[key] = note

    def total(self) -> int:
        return sum(self.counts.values())


def fib(n: int) -> int:
    """Naive recursive Fibonacci: tiny nested calls."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def label(index: int, value: float, where: Vector) -> str:
    return f"item-{index % 97:03d}/{value:8.2f}@({where.x:+d},{where.y:+d})"


def digest(text: str) -> int:
    """A small rolling hash of a string, written out as a loop."""
    value = 7
    for byte in text.encode():
        value = (value * 31 + byte) % 1_000_003
    return value


def bucket(text: str) -> str:
    return text[:8].upper()


def walk(index: int, inventory: Inventory) -> int:
    """One outer step: vectors, a small recursion, a formatted label, a dict update."""
    position = Vector(index % 13, -(index % 7))
    step = Vector(1, 2).scale(index % 5)
    for _ in range(4):
        position = position.add(step)
    text = label(index, position.manhattan() / 3, position)
    inventory.record(bucket(text), text, fib(index % 5 + 3))
    return digest(text * 8) + position.manhattan()


def main(size: int = DEFAULT_SIZE) -> str:
    """Run the workload and return its checksum."""
    inventory = Inventory()
    total = 0
    for index in range(size):
        total += walk(index, inventory)
    return f"{total}-{inventory.total()}-{len(inventory.counts)}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
