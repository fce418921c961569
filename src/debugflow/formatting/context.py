"""The state of one preview while it walks a value: limits, depth, cycle guard, item layout.

A handler turns one value into a `Shown` triple `(label, text, inline)`: `label` and `text`
are what a top-level preview prints as `name: label=text`; `inline` is how the same value
reads inside a container (`[Point(x=1, y=2), Tensor[3] float32 cpu]`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from debugflow.formatting.introspect import qualified_name, type_name
from debugflow.formatting.limits import ELLIPSIS, PreviewLimits
from debugflow.formatting.shapes import Shape, shape_of

T = TypeVar("T")
Shown = tuple[str, str, str]
Handler = Callable[[object, "Ctx"], Shown]
Resolver = Callable[[type], Handler]

CHANGING = "<changing>"


class Ctx:
    """One preview in progress; handlers call `inline()` for the values inside a value."""

    __slots__ = ("_active", "_handlers", "_resolve", "_shapes", "depth", "limits", "user_repr")

    def __init__(self, limits: PreviewLimits, user_repr: bool, resolve: Resolver) -> None:
        self.limits = limits
        self.user_repr = user_repr
        self.depth = 0
        self._active: set[int] = set()  # ids of the containers being walked: cycle guard
        self._resolve = resolve
        # The handlers `resolve` gave in this preview, by class id (with the class, whose id
        # could otherwise be reused): most values inside a value are of a few classes.
        self._handlers: dict[int, tuple[type, Handler]] = {}
        self._shapes: dict[int, Shape] | None = None  # made by the first object's preview

    def shape(self, cls: type) -> Shape:
        """The `Shape` of `cls`, checked against the class once per preview.

        One preview often meets many objects of one class (a tree of nodes); the class is
        read, or its cached reading checked, when the first of them is met. A class changed
        by another thread in the middle of a preview may be read as it was before, as the
        same preview could have read it a moment earlier; either reading runs no program code.
        """
        shapes = self._shapes
        if shapes is None:
            shapes = self._shapes = {}
        shape = shapes.get(id(cls))  # by id: hashing a class could run its metaclass's code
        if shape is None or shape.cls is not cls:
            shape = shapes[id(cls)] = shape_of(cls)
        return shape

    def show(self, value: object) -> Shown:
        """The `Shown` triple of any value; a handler that fails gives the opaque form."""
        try:
            return self._resolve(type(value))(value, self)
        except Exception:  # a preview must never raise, whatever the value does
            return opaque(value)

    def inline(self, value: object) -> str:
        """How `value` reads inside another value: `show(value)[2]`."""
        # `show` and `_handler` written out: this runs for every item shown.
        cls = type(value)
        try:
            hit = self._handlers.get(id(cls))
            handler = hit[1] if hit is not None and hit[0] is cls else self._handler(cls)
            return handler(value, self)[2]
        except Exception:
            return opaque(value)[2]

    def _handler(self, cls: type) -> Handler:
        """`resolve(cls)`, asked once per class in a preview."""
        hit = self._handlers.get(id(cls))
        if hit is not None and hit[0] is cls:
            return hit[1]
        handler = self._resolve(cls)
        self._handlers[id(cls)] = (cls, handler)
        return handler

    def nested(self, value: object, brackets: tuple[str, str], body: Callable[[], str]) -> str:
        """`body()` inside `brackets`, or `[…]` past the depth limit and `[...]` for a cycle."""
        opening, closing = brackets
        if self.depth >= self.limits.max_depth:
            return f"{opening}{ELLIPSIS}{closing}"
        key = id(value)
        if key in self._active:
            return f"{opening}...{closing}"
        self._active.add(key)
        self.depth += 1
        try:
            return f"{opening}{body()}{closing}"
        finally:
            self.depth -= 1
            self._active.discard(key)

    def join(self, parts: Iterable[str], total: int) -> str:
        """Comma-separated `parts`, stopping once past the width, then `… N more` if any."""
        shown: list[str] = []
        used = 0
        for part in parts:
            shown.append(part)
            used += len(part) + 2
            if used > self.limits.max_width:
                break  # the rest could not be seen anyway
        hidden = total - len(shown)
        if hidden > 0:
            shown.append(f"{ELLIPSIS} {hidden} more")
        return ", ".join(shown)


def snapshot(source: Callable[[], Iterator[T]], count: int) -> list[T] | None:
    """The first `count` items of a live container, or None if it kept changing under us.

    Another thread may resize a dict or set while we read it; one retry usually succeeds.
    """
    for _attempt in range(2):
        try:
            return take(source(), count)
        except RuntimeError:  # "changed size during iteration"
            continue
    return None


def take(items: Iterator[T], count: int) -> list[T]:
    """At most `count` items of an iterator (a seam the tests use to simulate mutation)."""
    return list(islice(items, count))


def opaque(value: object) -> Shown:
    """`<module.Class at 0x…>`: all that can be said without running the object's code."""
    cls = type(value)
    text = f"<{qualified_name(cls)} at {id(value):#x}>"
    return type_name(cls), text, text
