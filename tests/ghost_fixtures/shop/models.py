"""Domain types of the ghost-mode fixture shop (standard library only; attrs and pydantic
models live in thirdparty.py)."""

from __future__ import annotations

import dataclasses
import enum
from typing import NamedTuple, TypedDict


class Status(enum.Enum):
    NEW = "new"
    PAID = "paid"


@dataclasses.dataclass
class Item:
    sku: str
    qty: int
    price: float = 2.5

    def subtotal(self) -> float:
        return self.qty * self.price


@dataclasses.dataclass
class Order:
    id: int
    items: list[Item]
    status: Status
    note: str | None = None

    def total(self) -> float:
        return sum(item.subtotal() for item in self.items)


class Point(NamedTuple):
    x: int
    y: int = 0


class Address(TypedDict):
    street: str
    zip: str


@dataclasses.dataclass
class Account:
    name: str
    address: Address
    vip: bool = False


class Ledger:
    """A plain class whose constructor is annotated."""

    def __init__(self, owner: Account, opening: float) -> None:
        self.owner = owner
        self.balance = opening

    def post(self, amount: float) -> float:
        self.balance += amount
        return self.balance


class Base:
    """Like an ORM's declarative base: columns are class annotations, set from keywords."""

    def __init__(self, **values) -> None:
        for name, value in values.items():
            setattr(self, name, value)


class OrderRow(Base):
    id: int
    total: float
    status: str
