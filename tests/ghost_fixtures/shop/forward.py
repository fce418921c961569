"""String forward references without `from __future__ import annotations`."""


def place(item: "Widget", count: "int") -> int:
    return item.weight * count


class Widget:
    def __init__(self, weight: int) -> None:
        self.weight = weight
