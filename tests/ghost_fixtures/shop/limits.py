"""One entry function per "Ghost Mode Limits" item of the seed, for tests/test_ghost_limits.py."""
# ruff: noqa: UP007, UP037, UP045, F821 - the old spellings are what this fixture tests

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
import sqlite3
import sys
import uuid
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, Literal, Optional, TextIO, TypeVar, Union

from models import Account, Address, Item, Ledger, Order, OrderRow, Point, Status

if sys.version_info >= (3, 11):
    from typing import TypedDict, Unpack
else:
    from typing_extensions import TypedDict, Unpack

if TYPE_CHECKING:
    from models import Ledger as LedgerType

T = TypeVar("T", bound=float)


# -- well-typed functions ------------------------------------------------------------------
def checkout(order: Order) -> float:
    return apply_tax(order.total())


def apply_tax(amount: float) -> float:
    return round(amount * 1.2, 2)


# -- unannotated parameters ----------------------------------------------------------------
def describe_order(order, verbose):
    skus = [line.sku for line in order.items]
    count = len(skus) + order.extra * 2
    if verbose:
        return summarize(count)
    return "quiet"


def summarize(count) -> str:
    return f"{count} lines"


def strict_parse(data) -> str:
    if not isinstance(data, str):
        raise TypeError("data must be text")
    return summarize(data)


# -- custom classes, dataclasses, ORM-style models (attrs/pydantic: limits_thirdparty.py) ----
def settle(
    order: Order,
    account: Account,
    ledger: Ledger,
    row: OrderRow,
    where: Point,
    address: Address,
    status: Status,
) -> float:
    ledger.post(order.total())
    label = f"{account.name}/{account.address['zip']}/{address['street']}/{status.value}"
    return bill(row, where.x + len(label))


def bill(row: OrderRow, extra: int) -> float:
    return row.total + extra


# -- generics, Optional/Union, Callable ------------------------------------------------------
def crunch(
    counts: list[int],
    table: dict[str, list[float]],
    pair: tuple[int, ...],
    tags: set[str],
    frozen: frozenset[int],
    maybe: Optional[str],
    either: Union[int, str],
    pipe: int | None,
    mode: Literal["fast", "slow"],
    weight: Annotated[float, "kg"],
    make: Callable[..., Item],
    seq: Sequence[Item],
    rows: Iterable[int],
    stream: Iterator[str],
    lookup: Mapping[str, int],
    scale: T,
) -> float:
    key = next(iter(table))
    total = counts[0] + table[key][0] + pair[0] + len(tags) + min(frozen) + len(maybe or "")
    total += either + (pipe or 0) + len(mode) + weight + make().qty + seq[0].qty + sum(rows)
    total += len(next(stream)) + sum(lookup.values())
    return weigh(total, scale)


def weigh(total: float, scale: float) -> float:
    return total * scale


# -- standard-library types, file handles, async --------------------------------------------
def archive(
    source: Path,
    when: dt.datetime,
    span: dt.timedelta,
    day: dt.date,
    key: uuid.UUID,
    amount: Decimal,
    log: TextIO,
    blob: BinaryIO,
    out_dir: Path,
) -> str:
    (out_dir / "report.txt").write_text(log.read() + blob.read().decode())
    stamp = (when + span).isoformat() + day.isoformat()
    return store_record(source.read_text(), stamp, key.hex, amount + 1)


def store_record(text: str, stamp: str, key: str, amount: Decimal) -> str:
    return f"{text.strip()}|{stamp}|{key}|{amount}"


async def fetch_all(
    pending: Awaitable[int], feed: AsyncIterator[str], queue: asyncio.Queue[int]
) -> int:
    total = await pending
    async for item in feed:
        total += len(item)
    await asyncio.sleep(3600)
    await queue.put(total)
    return await tally(await queue.get())


async def tally(count: int) -> int:
    return count


# -- forward references ----------------------------------------------------------------------
def reconcile(ledger: LedgerType, order: "Order", later: "NotDefinedAnywhere") -> float:
    return post_total(ledger, order.total())


def post_total(ledger: Ledger, amount: float) -> float:
    return ledger.post(amount)


# -- self and cls ------------------------------------------------------------------------------
class Cart:
    def __init__(self, owner: Account) -> None:
        self.owner = owner
        self.items: list[Item] = []

    def add(self, item: Item) -> int:
        self.items.append(item)
        return self.count()

    def count(self) -> int:
        return len(self.items)

    @classmethod
    def for_customer(cls, name: str) -> Cart:
        return cls(Account(name, {"street": "Main", "zip": "1000"}))


# -- *args and **kwargs ----------------------------------------------------------------------
def log_all(*args, **kwargs) -> int:
    return count_args(len(args) + len(kwargs))


def count_args(count: int) -> int:
    return count


def total_of(*amounts: float, **labels: str) -> float:
    return count_args(int(sum(amounts)) + len(labels))


class Options(TypedDict):
    region: str
    retries: int


def configure(**options: Unpack[Options]) -> str:
    return f"{options['region']}:{count_args(options['retries'])}"


# -- default values ----------------------------------------------------------------------------
def retry(url: str, attempts: int = 3, backoff: float = 0.5, *, mode: str = "gentle") -> str:
    return plan(attempts, mode)


def plan(attempts: int, mode: str) -> str:
    return mode * attempts


# -- value-dependent logic -------------------------------------------------------------------
def route(raw: str, score: int, kind: str, items: list[int]) -> str:
    qty = int(raw)
    if score > 100:
        return premium(qty)
    if kind == "refund":
        return refund(qty)
    return standard(qty + items[0])


def premium(qty: int) -> str:
    return f"premium {qty}"


def refund(qty: int) -> str:
    return f"refund {qty}"


def standard(qty: int) -> str:
    return f"standard {qty}"


# -- external state ----------------------------------------------------------------------------
def sync(config_path: Path, db: sqlite3.Connection, port: int = 9) -> str:
    url = os.environ["SHOP_GHOST_API_URL"]
    settings = config_path.read_text()
    db.execute("create table if not exists seen (x)")
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        return offline(url, settings)
    return online(url)


def offline(url: str, settings: str) -> str:
    return f"offline {url} {len(settings)}"


def online(url: str) -> str:
    return f"online {url}"
