"""Running foreign preview code safely: the program's `__repr__` and registered previews.

Both may raise, recurse or call `preview()` again from inside. Exceptions are caught and
reported in the text; a per-thread guard stops a repr (or a registered preview of the same
object) from re-entering itself, and the caller then falls back to the safe preview.

A preview that ran past its time budget is stopped by the tracer (`PreviewAbandoned`, see
`tracer.previewing`); the class whose `__repr__` it was in, or the registered preview, is
remembered and not called again: values of that class get the safe preview from then on.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable
from typing import Any

from debugflow.errors import PreviewAbandoned
from debugflow.formatting.introspect import type_name
from debugflow.formatting.limits import PreviewLimits, clip, one_line

PreviewFn = Callable[[object, PreviewLimits], tuple[str, str]]


class _Guard(threading.local):
    """What this thread is inside of: a user repr, and registered previews of which objects."""

    def __init__(self) -> None:
        self.in_repr = False
        self.registered: set[int] = set()


_guard = _Guard()
# Classes whose `__repr__`, and registered previews, that ran past the time budget once.
_slow_reprs: weakref.WeakSet[type] = weakref.WeakSet()
_slow_registered: weakref.WeakSet[PreviewFn] = weakref.WeakSet()


def user_repr(value: object, limits: PreviewLimits) -> str | None:
    """The program's own `repr(value)` on one line, or None when already inside one or when
    this class's `__repr__` once ran past the time budget (the caller shows the safe preview)."""
    if _guard.in_repr or _known_slow(_slow_reprs, type(value)):
        return None  # a repr that previews again gets the safe preview, not infinite recursion
    _guard.in_repr = True
    try:
        text = repr(value)
    except PreviewAbandoned:
        _remember(_slow_reprs, type(value))
        raise  # the tracer stopped it past its budget, and catches this
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit from a repr must not end the program either
        return _repr_error(exc, limits)
    finally:
        _guard.in_repr = False
    return one_line(text, limits.max_width)


def _repr_error(exc: BaseException, limits: PreviewLimits) -> str:
    name = type_name(type(exc))
    try:
        message = str(exc)  # the exception's own text is the program's code too
    except Exception:
        message = "?"
    detail = f": {one_line(message, limits.max_string)}" if message else ""
    return f"<repr-error {name}{detail}>"


def call_registered(fn: PreviewFn, value: object, limits: PreviewLimits) -> tuple[str, str] | None:
    """A registered preview's `(label, text)`, or None if it failed, misbehaved or re-entered."""
    key = id(value)
    if key in _guard.registered or _known_slow(_slow_registered, fn):
        return None  # the preview asked for a preview of its own value, or is known slow
    _guard.registered.add(key)
    try:
        result = fn(value, limits)
    except PreviewAbandoned:
        _remember(_slow_registered, fn)
        raise
    except Exception:
        return None
    finally:
        _guard.registered.discard(key)
    if type(result) is not tuple or len(result) != 2:
        return None
    label, text = result
    if type(label) is not str or type(text) is not str:
        return None
    return clip(label, limits.max_width), one_line(text, limits.max_width)


def _known_slow(slow: weakref.WeakSet[Any], item: object) -> bool:
    try:
        return item in slow
    except TypeError:  # cannot be weakly referenced: never remembered
        return False


def _remember(slow: weakref.WeakSet[Any], item: object) -> None:
    with contextlib.suppress(TypeError):  # cannot be weakly referenced: never remembered
        slow.add(item)
