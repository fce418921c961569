"""Mocks for typing constructs: Optional/Union, Literal, containers, iterators, `Callable[..., R]`,
awaitables, async iterators, context managers, `type[X]`, TypeVar and NewType."""

from __future__ import annotations

import collections
import collections.abc as abc
import contextlib
import re
import types
import typing
from collections.abc import AsyncIterator, Callable, Generator

from debugflow.ghost.mocks.base import NOTHING, Maker, Recipe, Slot
from debugflow.ghost.mocks.constraints import annotated
from debugflow.ghost.mocks.standin import is_standin

_LISTS = {list, abc.Sequence, abc.MutableSequence, abc.Collection, abc.Iterable, abc.Reversible}
_SETS = {set, frozenset, abc.Set, abc.MutableSet}
_MAPPINGS = {dict, abc.Mapping, abc.MutableMapping, collections.OrderedDict}
_WRAPPERS = {"ClassVar", "Final", "Required", "NotRequired", "ReadOnly"}


def typevar(factory: Maker, hint: object, slot: Slot) -> object:
    """A TypeVar becomes its bound, else its first constraint, else a stand-in."""
    if not isinstance(hint, typing.TypeVar):
        return NOTHING
    if hint.__bound__ is not None:
        return factory.make(hint.__bound__, slot)
    if hint.__constraints__:
        return factory.make(hint.__constraints__[0], slot)
    return factory.standin(slot, f"unconstrained TypeVar {hint.__name__}")


def new_type(factory: Maker, hint: object, slot: Slot) -> object:
    """A NewType becomes a mock of the type it wraps."""
    supertype = getattr(hint, "__supertype__", None)
    return NOTHING if supertype is None else factory.make(supertype, slot)


def any_type(factory: Maker, hint: object, slot: Slot) -> object:
    """`Any` and `object` say nothing usable: a stand-in answers for them."""
    if hint is typing.Any or hint is object:
        return factory.standin(slot, "annotated as Any" if hint is typing.Any else "object")
    return NOTHING


def union(factory: Maker, hint: object, slot: Slot) -> object:
    """Optional/Union/`X | Y`: the first arm that builds without a stand-in (None when deep)."""
    if typing.get_origin(hint) not in (typing.Union, types.UnionType):
        return NOTHING
    arms = [a for a in typing.get_args(hint) if a is not type(None)]
    optional = len(arms) < len(typing.get_args(hint))
    if optional and (
        slot.depth >= factory.max_depth - 1 or any(a in factory.building for a in arms)
    ):
        return None
    value: object = None
    for arm in arms:
        mark = factory.mark()
        value = factory.make(arm, slot)
        if not is_standin(value):
            return value
        factory.rollback(mark)
    return None if optional else factory.make(arms[-1], slot)


def literal(factory: Maker, hint: object, slot: Slot) -> object:
    """`Literal["a", "b"]` is its first value."""
    if typing.get_origin(hint) is not typing.Literal:
        return NOTHING
    return typing.get_args(hint)[0]


def wrappers(factory: Maker, hint: object, slot: Slot) -> object:
    """`ClassVar[T]`, `Final[T]`, `Required[T]`, `NotRequired[T]` are mocks of T."""
    origin = typing.get_origin(hint)
    if getattr(origin, "_name", None) in _WRAPPERS and typing.get_args(hint):
        return factory.make(typing.get_args(hint)[0], slot)
    return NOTHING


def containers(factory: Maker, hint: object, slot: Slot) -> object:
    """Parameterised containers hold one mock element (an empty one when it cannot be built)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is None or not args:
        return NOTHING
    if origin is tuple:
        return _tuple(factory, args, slot)
    if origin in _LISTS or origin is collections.deque:
        item = factory.make(args[0], slot.element("[0]"))
        return collections.deque([item]) if origin is collections.deque else [item]
    if origin in _SETS:
        item = factory.make(args[0], slot.element("{0}"))
        return _hashable_set(origin, item)
    if origin in _MAPPINGS or origin in (collections.defaultdict, collections.Counter):
        return _mapping(factory, origin, args, slot)
    return NOTHING


def _tuple(factory: Maker, args: tuple[object, ...], slot: Slot) -> tuple[object, ...]:
    if args == ((),):
        return ()
    if len(args) == 2 and args[1] is Ellipsis:
        return (factory.make(args[0], slot.element("[0]")),)
    return tuple(factory.make(a, slot.element(f"[{i}]")) for i, a in enumerate(args))


def _hashable_set(origin: object, item: object) -> object:
    try:
        return frozenset([item]) if origin is frozenset else {item}
    except TypeError:
        return frozenset() if origin is frozenset else set()


def _mapping(factory: Maker, origin: object, args: tuple[object, ...], slot: Slot) -> object:
    key = factory.make(args[0], slot.element("<key>"))
    if origin is collections.Counter:
        return collections.Counter({key: 1}) if _is_hashable(key) else collections.Counter()
    value = factory.make(args[1], slot.element(f"[{key!r}]")) if len(args) > 1 else None
    data = {key: value} if _is_hashable(key) else {}
    if origin is collections.defaultdict:
        return collections.defaultdict(None, data)
    return collections.OrderedDict(data) if origin is collections.OrderedDict else data


def _is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def iterators(factory: Maker, hint: object, slot: Slot) -> object:
    """Iterator/Generator yield one mock item; AsyncIterator/AsyncGenerator do so asynchronously."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin not in (abc.Iterator, abc.Generator, abc.AsyncIterator, abc.AsyncIterable,
                      abc.AsyncGenerator):  # fmt: skip
        return NOTHING
    item = factory.make(args[0], slot.element("[0]")) if args else None
    if origin in (abc.Iterator, abc.Generator):
        return _one_item(item)
    return _async_one_item(item)


def _one_item(item: object) -> Generator[object, None, None]:
    yield item


async def _async_one_item(item: object) -> AsyncIterator[object]:
    yield item


def awaitables(factory: Maker, hint: object, slot: Slot) -> object:
    """Awaitable[R] / Coroutine[..., R] are awaitables that finish at once with a mock R."""
    origin = typing.get_origin(hint)
    if origin not in (abc.Awaitable, abc.Coroutine):
        return NOTHING
    args = typing.get_args(hint)
    return Ready(factory.make(args[-1], slot.element("()")) if args else None)


class Ready:
    """An awaitable that is already done, holding its result (never warns when not awaited)."""

    def __init__(self, value: object):
        self.value = value

    def __await__(self) -> Generator[None, None, object]:
        yield from ()
        return self.value


def context_managers(factory: Maker, hint: object, slot: Slot) -> object:
    """`ContextManager[T]` / `AsyncContextManager[T]` enter as a mock T."""
    origin = typing.get_origin(hint)
    if origin not in (contextlib.AbstractContextManager, contextlib.AbstractAsyncContextManager):
        return NOTHING
    args = typing.get_args(hint)
    return contextlib.nullcontext(factory.make(args[0], slot) if args else None)


def callables(factory: Maker, hint: object, slot: Slot) -> object:
    """`Callable[..., R]` is a function that takes anything and returns a mock R."""
    if hint is abc.Callable or hint is typing.Callable:
        result = factory.standin(slot.element("()"), "Callable without a return type")
        return _returning(result)
    if typing.get_origin(hint) is not abc.Callable:
        return NOTHING
    args = typing.get_args(hint)
    return _returning(factory.make(args[-1], slot.element("()")))


def _returning(value: object) -> Callable[..., object]:
    def ghost_callable(*args: object, **kwargs: object) -> object:
        return value

    return ghost_callable


def class_objects(factory: Maker, hint: object, slot: Slot) -> object:
    """`type[X]` is the class X itself."""
    if typing.get_origin(hint) is not type:
        return NOTHING
    (inner,) = typing.get_args(hint) or (object,)
    if typing.get_origin(inner) in (typing.Union, types.UnionType):
        inner = typing.get_args(inner)[0]
    return inner if isinstance(inner, type) else factory.standin(slot, f"type[{inner!r}]")


def patterns(factory: Maker, hint: object, slot: Slot) -> object:
    """`re.Pattern[str]` compiles a pattern; `IO[str]`/`IO[bytes]` are in-memory streams."""
    origin = typing.get_origin(hint)
    if origin is re.Pattern:
        return re.compile(b"mock" if typing.get_args(hint) == (bytes,) else "mock")
    if origin is typing.IO:
        import io

        return io.BytesIO(b"mock\n") if typing.get_args(hint) == (bytes,) else io.StringIO("mock\n")
    return NOTHING


def user_generics(factory: Maker, hint: object, slot: Slot) -> object:
    """`Box[int]` for a user generic class is a `Box` built from its own hints."""
    origin = typing.get_origin(hint)
    return factory.make(origin, slot) if isinstance(origin, type) else NOTHING


RECIPES: list[Recipe] = [
    any_type,
    typevar,
    new_type,
    annotated,
    union,
    literal,
    wrappers,
    containers,
    iterators,
    awaitables,
    context_managers,
    callables,
    class_objects,
    patterns,
    user_generics,
]
