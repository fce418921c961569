"""Mock synthesis from annotations, the recording stand-in, hint resolution and branch variants.

These run in the test process: building mocks runs no program code beyond constructors.
"""
# ruff: noqa: UP007, UP045 - Optional and Union are hints under test

from __future__ import annotations

import abc
import asyncio
import collections
import dataclasses
import datetime as dt
import enum
import inspect
import io
import typing
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, NewType, Optional, Protocol, TypeVar, Union

import annotated_types
import pytest

from debugflow.ghost.mocks.base import Slot
from debugflow.ghost.mocks.factory import MockFactory
from debugflow.ghost.mocks.hints import Unresolved, resolve_hints
from debugflow.ghost.mocks.standin import StandIn, is_standin
from debugflow.ghost.mocks.variants import mine_constants, plan

UserId = NewType("UserId", int)
Number = TypeVar("Number", int, float)


class Shape(enum.Enum):
    SQUARE = "square"
    ROUND = "round"


class Speaker(Protocol):
    def speak(self) -> str: ...


class Animal(abc.ABC):
    @abc.abstractmethod
    def sound(self) -> str: ...


class Dog(Animal):
    def sound(self) -> str:
        return "woof"


@dataclasses.dataclass
class Node:
    value: int
    next: Optional[Node] = None


class Tree:
    def __init__(self, left: Tree, right: Tree) -> None:
        self.left, self.right = left, right


@pytest.fixture
def factory(tmp_path: Path) -> MockFactory:
    return MockFactory(tmp_path)


def make(factory: MockFactory, hint: object) -> object:
    return factory.make(hint, Slot("tests:f", "param"))


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (int, 1),
        (float, 1.0),
        (str, "mock"),
        (bool, True),
        (bytes, b"mock"),
        (type(None), None),
        (list[int], [1]),
        (dict[str, list[float]], {"mock": [1.0]}),
        (tuple[int, ...], (1,)),
        (tuple[int, str], (1, "mock")),
        (set[str], {"mock"}),
        (frozenset[int], frozenset({1})),
        (Optional[str], "mock"),
        (Union[int, str], 1),
        (int | None, 1),
        (Literal["a", "b"], "a"),
        (Annotated[int, annotated_types.Gt(10)], 11),
        (Annotated[float, annotated_types.Le(-2)], -2),
        (Annotated[str, annotated_types.MinLen(6)], "mockxx"),
        (Annotated[list[int], annotated_types.MinLen(2)], [1, 1]),
        (Mapping[str, int], {"mock": 1}),
        (collections.deque[int], collections.deque([1])),
        (UserId, 1),
        (Number, 1),
        (Shape, Shape.SQUARE),
        (dt.date, dt.date(2024, 1, 1)),
        (dt.timedelta, dt.timedelta(seconds=1)),
        (Decimal, Decimal("1")),
        (uuid.UUID, uuid.UUID(int=0x12345678123456781234567812345678)),
        (type[Shape], Shape),
    ],
)
def test_values_for_hints(factory: MockFactory, hint: object, expected: object) -> None:
    assert make(factory, hint) == expected
    assert factory.missing == []


def test_callables_iterators_streams_and_awaitables(factory: MockFactory) -> None:
    build = make(factory, Callable[..., Node])
    assert callable(build) and build(1, x=2) == Node(1)  # type: ignore[operator]
    assert list(make(factory, Iterator[str])) == ["mock"]  # type: ignore[call-overload]
    assert isinstance(make(factory, typing.TextIO), io.StringIO)
    assert isinstance(make(factory, typing.IO[bytes]), io.BytesIO)

    async def consume() -> tuple[object, list[object]]:
        ready = await make(factory, Awaitable[int])  # type: ignore[misc]
        items = [item async for item in make(factory, AsyncIterator[int])]  # type: ignore[attr-defined]
        return ready, items

    assert asyncio.run(consume()) == (1, [1])


def test_paths_live_in_the_throw_away_folder(factory: MockFactory, tmp_path: Path) -> None:
    source = factory.make(Path, Slot("tests:f", "source"))
    out_dir = factory.make(Path, Slot("tests:f", "out_dir"))
    assert isinstance(source, Path) and source.parent == tmp_path and source.is_file()
    assert isinstance(out_dir, Path) and out_dir.is_dir()
    assert [p.name for p in out_dir.iterdir()] == ["mock.txt"]  # one element, like a list


def test_recursive_and_self_referencing_classes_stop(factory: MockFactory) -> None:
    node = make(factory, Node)
    assert node == Node(1, None)  # Optional[Node] inside Node is None, not endless
    tree = make(factory, Tree)
    assert isinstance(tree, Tree)
    depth = 0
    while isinstance(tree, Tree):
        tree, depth = tree.left, depth + 1
    assert is_standin(tree) and depth == factory.max_depth


def test_protocols_abstract_classes_and_any(factory: MockFactory) -> None:
    assert isinstance(make(factory, Animal), Dog)
    assert is_standin(make(factory, Speaker))
    assert is_standin(make(factory, Any))
    assert [detail for _, _, detail in factory.missing] == [
        "Protocol Speaker (no concrete class to build)",
        "annotated as Any",
    ]


def test_a_class_whose_constructor_fails_is_built_with_new(factory: MockFactory) -> None:
    class Strict:
        size: int

        def __init__(self, size: int) -> None:
            raise ValueError("no")

    value = make(factory, Strict)
    assert isinstance(value, Strict) and value.size == 1
    assert any("built with __new__" in note for note in factory.notes)


def test_the_stand_in_goes_along_and_records() -> None:
    from debugflow.ghost.mocks.standin import UseLog

    log = UseLog()
    thing: Any = StandIn("order", log)
    assert len(thing) == 1 and bool(thing) and [str(x) for x in thing] == ["mock"]
    assert is_standin(thing.items()[0] + 2 * thing.total)
    assert int(thing) == 1 and float(thing) == 1.0 and thing["k"] is not None
    with thing as inside:
        assert inside is thing
    assert not (thing > 3) and thing != 3 and thing == thing
    assert asyncio.run(_await(thing)) is not None
    assert log.uses["order"][:3] == [" len()", " truth test", " iterated"]
    assert ".total (right of *)" in log.uses["order"]
    assert any(use.startswith(".items()[0] + order.total") for use in log.uses["order"])
    with pytest.raises(AttributeError):
        thing.__array__  # noqa: B018 - protocol probes see nothing


async def _await(value: Any) -> object:
    result: object = await value
    return result


def test_hints_resolve_strings_type_checking_imports_and_named_modules(tmp_path: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "ghost_hint_probe"}
    exec(
        "def f(a: 'int', b: 'decimal.Decimal', c: 'Missing', d: 'list[int]') -> None: ...",
        namespace,
    )
    hints = resolve_hints(namespace["f"])
    assert hints["a"] is int and hints["b"] is Decimal and hints["d"] == list[int]
    assert isinstance(hints["c"], Unresolved) and hints["c"].text == "Missing"


def test_variants_come_from_comparisons_then_from_the_type() -> None:
    def route(score: int, kind: str, ratio: float) -> None:
        if score > 100 or 5 >= score:  # noqa: SIM300 - the mirrored form is under test
            return
        if kind in ("refund", "void") or ratio == 2:
            return

    assert mine_constants(route) == {"score": [101, 5], "kind": ["refund", "void"], "ratio": [2]}
    variants = plan(route, {"score": (int, 1), "kind": (str, "mock"), "ratio": (float, 1.0)}, 20)
    chosen = [(v.name, v.value, v.mined) for v in variants]
    assert chosen[:4] == [("score", 101, True), ("score", 5, True), ("score", 0, False),
                          ("score", -1, False)]  # fmt: skip
    assert ("kind", "refund", True) in chosen and ("ratio", 2.0, True) in chosen
    assert ("kind", "1", False) in chosen


def test_signature_defaults_are_kept(factory: MockFactory) -> None:
    from debugflow.ghost.mocks.arguments import bind_mocks

    def retry(url: str, attempts: int = 3, *, mode: str = "fast", **extra: int) -> None: ...

    bound = bind_mocks(factory, inspect.signature(retry), resolve_hints(retry), Slot("t:r", ""))
    assert bound.args == ["mock", 3] and bound.kwargs == {"mock": 1}
    assert bound.defaults == ["attempts", "mode"]
