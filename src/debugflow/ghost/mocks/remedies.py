"""Remedies: when a mock fails in a way another mock of the same type would not, that other one.

A file used as a folder raises `NotADirectoryError`, where a folder would not; an empty list
indexed raises `IndexError`, where a list of one element would not. Each `Remedy` names, for
one kind of mock value, the errors it runs into, how to tell the error is about this value,
and the variant that avoids them. After an attempt raises, the pass asks `remedies_for` which
of the entry's arguments to change before it tries anything else (see `child/passes.py`).
"""

from __future__ import annotations

import io
import os
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from debugflow.ghost.mocks.base import NOTHING, Maker, Slot
from debugflow.ghost.mocks.stdlib import fresh_path, temp_file, temp_folder
from debugflow.ghost.mocks.variants import Variant

_MAX_CHAIN = 8  # exceptions followed through `raise ... from` and implicit chaining
_CONTAINERS = (list, tuple, set, frozenset, dict)

Errors = tuple[type[BaseException], ...]


@dataclass(frozen=True)
class Remedy:
    """Another value of a mock's type that avoids a class of errors its value runs into.

    `was` and `becomes` describe the two values for the report (`{type}` is the value's type
    name); `fits` says whether a value is of the failing kind, `blamed` whether an error of
    the `avoids` classes is about that value, and `build` makes the variant (NOTHING: none).
    """

    was: str
    becomes: str
    avoids: Errors
    fits: Callable[[object], bool]
    blamed: Callable[[object, BaseException], bool]
    build: Callable[[Maker, object, object, Slot], object]  # (factory, hint, value, slot)

    def describe(self, name: str, value: object) -> str:
        """`inbox was a folder holding one file instead of a file`."""
        kind = type(value).__name__
        return (
            f"{name} was {self.becomes.format(type=kind)} instead of {self.was.format(type=kind)}"
        )


def remedies_for(
    error: BaseException,
    values: dict[str, tuple[object, object]],
    factory: Maker,
    where: str,
    attempt: int,
    tried: set[tuple[str, str]],
) -> list[Variant]:
    """Variants that avoid `error` (or an exception it was raised from), one per argument and
    remedy not `tried` yet; `values` maps each argument of attempt number `attempt` to its
    (hint, value), and `where` is the entry's function id."""
    found: list[Variant] = []
    for name, (hint, value) in values.items():
        for remedy in REMEDIES:
            cause = _cause(remedy, value, error)
            if cause is None or (name, remedy.becomes) in tried:
                continue
            tried.add((name, remedy.becomes))
            other = remedy.build(factory, hint, value, Slot(where, name))
            if other is NOTHING:
                continue
            why = (
                f"{remedy.describe(name, value)} (attempt {attempt} raised {type(cause).__name__})"
            )
            found.append(Variant(name, other, False, remedy.avoids, attempt, why))
    return found


def avoided(variant: Variant, error: BaseException | None) -> bool:
    """Whether an attempt that ended with `error` (None: it returned) no longer ran into the
    errors `variant` was made to avoid."""
    return not any(isinstance(e, variant.avoids) for e in chain(error))


def chain(error: BaseException | None) -> list[BaseException]:
    """`error` and the exceptions it was raised from or while handling, outermost first."""
    found: list[BaseException] = []
    while error is not None and error not in found and len(found) < _MAX_CHAIN:
        found.append(error)
        error = error.__cause__ or error.__context__
    return found


def _cause(remedy: Remedy, value: object, error: BaseException) -> BaseException | None:
    """The exception of `error`'s chain that `remedy` avoids for `value`, if any."""
    if not remedy.fits(value):
        return None
    for item in chain(error):
        if isinstance(item, remedy.avoids) and remedy.blamed(value, item):
            return item
    return None


# -- what a value is -------------------------------------------------------------------------


def _is_file(value: object) -> bool:
    return isinstance(value, Path) and value.is_file()


def _is_folder(value: object) -> bool:
    return isinstance(value, Path) and value.is_dir()


def _exists(value: object) -> bool:
    return isinstance(value, Path) and value.exists()


def _is_empty_container(value: object) -> bool:
    return type(value) in _CONTAINERS and not value


def _is_text(value: object) -> bool:
    return type(value) is str


def _is_word(value: object) -> bool:
    """Text that does not parse as a number."""
    if type(value) is not str:
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False


def _is_text_stream(value: object) -> bool:
    return isinstance(value, io.StringIO)


def _is_binary_stream(value: object) -> bool:
    return isinstance(value, io.BytesIO)


# -- whether an error is about the value ---------------------------------------------------------


def _names_path(value: object, error: BaseException) -> bool:
    """The OS error names the value's path, or a path inside it."""
    path = str(value)
    for name in (getattr(error, "filename", None), getattr(error, "filename2", None)):
        if isinstance(name, str | bytes):
            text = os.fsdecode(name)
            if text == path or text.startswith(path + os.sep):
                return True
    return False


def _quotes(value: object, error: BaseException) -> bool:
    """The message quotes the value (`invalid literal for int() with base 10: 'mock'`)."""
    return repr(value) in str(error)


def _about_emptiness(value: object, error: BaseException) -> bool:
    """Indexing, `next()` or a mean of nothing, or a ValueError that says it met nothing
    (`max() arg is an empty sequence`, `not enough values to unpack`)."""
    if not isinstance(error, ValueError):
        return True
    text = str(error)
    return "empty" in text or "not enough values" in text


def _wanted_bytes(value: object, error: BaseException) -> bool:
    return "got 'bytes'" in str(error) or "not 'bytes'" in str(error)


def _wanted_text(value: object, error: BaseException) -> bool:
    return "not 'str'" in str(error) or "got 'str'" in str(error)


# -- the other value ---------------------------------------------------------------------------


def _folder(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return temp_folder(factory.temp_dir, slot.param)


def _file(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return temp_file(factory.temp_dir, slot.param)


def _fresh(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return fresh_path(factory.temp_dir, slot.param)


def _file_name(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return str(temp_file(factory.temp_dir, slot.param))


def _number_text(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return "1"


def _one_element(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    """The container with one element: the hint's own mock when it names the element type,
    else a recording stand-in for the element (a bare `list` says nothing about it)."""
    if typing.get_args(hint):
        made = factory.make(hint, slot)
        return made if made else NOTHING
    kind = type(value)
    item = factory.standin(slot.element("[0]"), f"bare {kind.__name__}: no element type")
    if kind is dict:
        return {"mock": item}
    return kind([item])  # type: ignore[call-arg]


def _binary_stream(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return io.BytesIO(b"mock\n")


def _text_stream(factory: Maker, hint: object, value: object, slot: Slot) -> object:
    return io.StringIO("mock\n")


REMEDIES: list[Remedy] = [
    Remedy("a file", "a folder holding one file", (NotADirectoryError,), _is_file, _names_path,
           _folder),
    Remedy("a folder", "a file", (IsADirectoryError,), _is_folder, _names_path, _file),
    Remedy("an existing one", "a path that does not exist yet", (FileExistsError,), _exists,
           _names_path, _fresh),
    Remedy("an empty one", "a {type} of one element",
           (IndexError, StopIteration, ZeroDivisionError, ValueError), _is_empty_container,
           _about_emptiness, _one_element),
    Remedy("text naming no file", "the path of a real file", (FileNotFoundError,), _is_text,
           _names_path, _file_name),
    Remedy("text that is not a number", "a number in text ('1')", (ValueError,), _is_word,
           _quotes, _number_text),
    Remedy("a text one", "a binary stream", (TypeError,), _is_text_stream, _wanted_bytes,
           _binary_stream),
    Remedy("a binary one", "a text stream", (TypeError,), _is_binary_stream, _wanted_text,
           _text_stream),
]  # fmt: skip
