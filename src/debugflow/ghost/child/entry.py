"""Inside the sandbox: import the entry function and prepare one call of it with mock arguments.

Methods get a `self` built from their class's own hints (or with `__new__` when that fails),
class methods get `cls`, static methods and functions get nothing extra.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from debugflow.ghost.mocks.arguments import BoundMocks, bind_mocks
from debugflow.ghost.mocks.base import Slot
from debugflow.ghost.mocks.factory import MockFactory
from debugflow.ghost.mocks.hints import resolve_hints


@dataclass(frozen=True)
class Entry:
    """The entry function as found in its module or class."""

    id: str
    function: Callable[..., Any]  # the plain function (unwrapped from classmethod/staticmethod)
    owner: type | None
    binding: str  # "function", "method", "classmethod" or "staticmethod"


class MissingEntry(AttributeError):
    """The module imported, but it has no attribute along the entry's qualname."""


@dataclass
class PreparedCall:
    """A ready-to-run call of the entry with mock arguments."""

    call: Callable[[], object]
    bound: BoundMocks
    hints: dict[str, object]


def load_entry(module_name: str, qualname: str, paths: list[str]) -> Entry:
    """Import `module_name` (with `paths` first on sys.path) and find `qualname` in it;
    raises MissingEntry when the imported module has no such attribute."""
    for path in reversed(paths):
        if path not in sys.path:
            sys.path.insert(0, path)
    holder: Any = importlib.import_module(module_name)
    *outer, name = qualname.split(".")
    try:
        for part in outer:
            holder = getattr(holder, part)
        raw = inspect.getattr_static(holder, name)
    except AttributeError as exc:
        raise MissingEntry(f"{module_name} has no attribute {qualname!r}") from exc
    owner = holder if isinstance(holder, type) else None
    function_id = f"{module_name}:{qualname}"
    if isinstance(raw, classmethod):
        return Entry(function_id, raw.__func__, owner, "classmethod")
    if isinstance(raw, staticmethod):
        return Entry(function_id, raw.__func__, owner, "staticmethod")
    if not callable(raw):
        raise TypeError(f"{qualname} is not a function")
    return Entry(function_id, raw, owner, "method" if owner is not None else "function")


def prepare_call(
    entry: Entry, factory: MockFactory, overrides: dict[str, object] | None = None
) -> PreparedCall:
    """Build the receiver (if any) and mock arguments for one call of the entry."""
    hints = resolve_hints(entry.function, entry.owner)
    signature = inspect.signature(entry.function)
    receiver: list[object] = []
    if entry.binding in ("method", "classmethod") and entry.owner is not None:
        params = list(signature.parameters.values())[1:]
        signature = signature.replace(parameters=params)
        receiver = [_receiver(entry, entry.owner, factory)]
    bound = bind_mocks(factory, signature, hints, Slot(entry.id, ""), overrides)
    call = functools.partial(entry.function, *receiver, *bound.args, **bound.kwargs)
    return PreparedCall(call=call, bound=bound, hints=hints)


def _receiver(entry: Entry, owner: type, factory: MockFactory) -> object:
    if entry.binding == "classmethod":
        return owner
    return factory.make(owner, Slot(entry.id, "self"))
