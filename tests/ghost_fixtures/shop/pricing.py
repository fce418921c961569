"""Helpers the scheduler imports by name."""

from __future__ import annotations

from models import Item


class Pricer:
    def price(self, item: Item) -> float:
        return item.subtotal() * rate()


def rate() -> float:
    return 1.1


def discount(price: float) -> float:
    return price * 0.9


def unused() -> None:
    """Never called from the scheduler: must not be in its map."""
