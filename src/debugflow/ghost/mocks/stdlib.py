"""Mocks for builtins and standard-library types: numbers, text, bare containers, paths inside the
throw-away folder, dates and times, UUID, Decimal, streams, patterns, loggers, SQLite, addresses."""

from __future__ import annotations

import collections.abc as abc
import datetime as dt
import decimal
import fractions
import io
import ipaddress
import logging
import pathlib
import re
import sqlite3
import typing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from debugflow.ghost.mocks.base import NOTHING, Maker, Recipe, Slot

# The smallest plausible value of each builtin (bool before int: bool is an int).
BUILTINS: dict[type, Callable[[], object]] = {
    bool: lambda: True,
    int: lambda: 1,
    float: lambda: 1.0,
    complex: lambda: 1 + 0j,
    str: lambda: "mock",
    bytes: lambda: b"mock",
    bytearray: lambda: bytearray(b"mock"),
    list: list,
    dict: dict,
    tuple: tuple,
    set: set,
    frozenset: frozenset,
    type(None): lambda: None,
    range: lambda: range(1),
    memoryview: lambda: memoryview(b"mock"),
    slice: lambda: slice(0, 1),
}

_TIMES: dict[type, Callable[[], object]] = {
    dt.datetime: lambda: dt.datetime(2024, 1, 1, 12, 0, 0),
    dt.date: lambda: dt.date(2024, 1, 1),
    dt.time: lambda: dt.time(12, 0),
    dt.timedelta: lambda: dt.timedelta(seconds=1),
    dt.timezone: lambda: dt.timezone.utc,
    dt.tzinfo: lambda: dt.timezone.utc,
}

_VALUES: dict[type, Callable[[], object]] = {
    uuid.UUID: lambda: uuid.UUID("12345678-1234-5678-1234-567812345678"),
    decimal.Decimal: lambda: decimal.Decimal("1"),
    fractions.Fraction: lambda: fractions.Fraction(1),
    re.Pattern: lambda: re.compile("mock"),
    logging.Logger: lambda: logging.getLogger("debugflow.ghost.mock"),
    sqlite3.Connection: lambda: sqlite3.connect(":memory:"),
    sqlite3.Cursor: lambda: sqlite3.connect(":memory:").cursor(),
    ipaddress.IPv4Address: lambda: ipaddress.IPv4Address("127.0.0.1"),
    ipaddress.IPv6Address: lambda: ipaddress.IPv6Address("::1"),
    ipaddress.IPv4Network: lambda: ipaddress.IPv4Network("127.0.0.0/8"),
    ipaddress.IPv6Network: lambda: ipaddress.IPv6Network("::1/128"),
}

_TEXT_STREAMS = (typing.TextIO, io.TextIOBase, io.StringIO, io.TextIOWrapper, typing.IO)
_BINARY_STREAMS = (typing.BinaryIO, io.BufferedIOBase, io.RawIOBase, io.BytesIO, io.IOBase)

# Bare abstract collections (no type arguments) and what stands for them.
_BARE_ABSTRACT: dict[object, Callable[[], object]] = {
    abc.Iterable: list,
    abc.Sequence: list,
    abc.MutableSequence: list,
    abc.Collection: list,
    abc.Set: set,
    abc.MutableSet: set,
    abc.Mapping: dict,
    abc.MutableMapping: dict,
    abc.Iterator: lambda: iter(()),
    abc.Hashable: lambda: "mock",
    abc.Sized: list,
}

_DIR_WORDS = ("dir", "directory", "folder", "root", "dest", "destination")


def builtins(factory: Maker, hint: object, slot: Slot) -> object:
    """Exact builtins get their smallest plausible value (`1`, `"mock"`, `[]`, ...)."""
    maker = BUILTINS.get(hint) if isinstance(hint, type) else None
    return maker() if maker is not None else NOTHING


def bare_abstract(factory: Maker, hint: object, slot: Slot) -> object:
    """`Iterable`, `Mapping`, ... without type arguments are empty builtins."""
    for key, maker in _BARE_ABSTRACT.items():
        if hint is key or hint is getattr(typing, getattr(key, "__name__", ""), None):
            return maker()
    return NOTHING


def times_and_values(factory: Maker, hint: object, slot: Slot) -> object:
    """Dates, times, UUID, Decimal, Fraction, patterns, loggers, SQLite, IP addresses."""
    if not isinstance(hint, type):
        return NOTHING
    for table in (_TIMES, _VALUES):
        maker = table.get(hint)
        if maker is not None:
            return maker()
    return NOTHING


def streams(factory: Maker, hint: object, slot: Slot) -> object:
    """File handles are in-memory streams holding one line: text or binary by the hint."""
    if any(hint is t for t in _TEXT_STREAMS):
        return io.StringIO("mock\n")
    if any(hint is t for t in _BINARY_STREAMS):
        return io.BytesIO(b"mock\n")
    return NOTHING


def paths(factory: Maker, hint: object, slot: Slot) -> object:
    """A `Path` is a real file (or folder, by its name) inside the throw-away folder."""
    if not (isinstance(hint, type) and issubclass(hint, pathlib.PurePath)):
        return NOTHING
    path = temp_path(factory.temp_dir, slot.param)
    if issubclass(hint, pathlib.Path):
        return path
    return hint(str(path))


def temp_path(temp_dir: Path, param: str) -> Path:
    """A fresh file or folder named after `param` inside `temp_dir` (folders for `*_dir` names)."""
    if _stem(param).lower().endswith(_DIR_WORDS):
        return temp_folder(temp_dir, param)
    return temp_file(temp_dir, param)


def temp_file(temp_dir: Path, param: str) -> Path:
    """A fresh one-line text file named after `param` inside `temp_dir`."""
    file = next(_numbered(temp_dir, _stem(param))).with_suffix(".txt")
    file.write_text("mock\n", encoding="utf-8")
    return file


def temp_folder(temp_dir: Path, param: str) -> Path:
    """A fresh folder named after `param` inside `temp_dir`, holding one one-line file: like a
    container mock, it has one element, so a loop over it runs once."""
    folder = next(_numbered(temp_dir, _stem(param)))
    folder.mkdir(parents=True)
    (folder / "mock.txt").write_text("mock\n", encoding="utf-8")
    return folder


def fresh_path(temp_dir: Path, param: str) -> Path:
    """A path named after `param` inside `temp_dir` that does not exist yet."""
    return next(_numbered(temp_dir, _stem(param)))


def _stem(param: str) -> str:
    return re.sub(r"\W+", "_", param).strip("_") or "path"


def _numbered(temp_dir: Path, stem: str) -> Iterator[Path]:
    index = 0
    while True:
        name = stem if index == 0 else f"{stem}_{index}"
        candidate = temp_dir / name
        if not candidate.exists() and not candidate.with_suffix(".txt").exists():
            yield candidate
        index += 1


RECIPES: list[Recipe] = [builtins, bare_abstract, times_and_values, streams, paths]
