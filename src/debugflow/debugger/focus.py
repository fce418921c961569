"""Focused functions: the ones whose calls are traced line by line (`flow run --lines`).

A focus names a function as people name it:

    app.process_order           module.function (`__main__`'s functions also by the
                                script's name: `script.main`), or a bare qualname
    app.Cart.total              module.Class.method
    app.py:process_order        a file and a qualname in it (a relative file matches any
                                traced file whose path ends with it)

The table is read by the program's threads (through the code book) and changed by the
debugger's commands; `version` grows with every change so the code book works out again
which code objects are focused.
"""

from __future__ import annotations

import os
import re
from types import FrameType
from typing import NamedTuple, Protocol

from debugflow.debugger.breakpoints import function_names, same_file
from debugflow.debugger.specs import absolute_path
from debugflow.errors import BadBreakpoint

_QUALNAME = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_<>][\w<>]*)*")


class FocusSpec(NamedTuple):
    """One focused function: a (dotted) name, and the file it is in when one was given."""

    function: str
    file: str = ""

    def text(self) -> str:
        """The spec as `parse_focus` reads it back."""
        return f"{self.file}:{self.function}" if self.file else self.function

    def matches(self, module: str, qualname: str, real_file: str) -> bool:
        """Whether this names the function `qualname` of `module`, defined in `real_file`."""
        if self.file:
            return self.function == qualname and same_file(self.file, real_file)
        return self.function in function_names(module, qualname, real_file)


def parse_focus(text: str, cwd: str) -> FocusSpec:
    """The FocusSpec `text` means; BadBreakpoint says what is wrong with it."""
    text = text.strip()
    path, colon, name = text.rpartition(":")
    if colon:
        if not path or not _QUALNAME.fullmatch(name):
            raise BadBreakpoint(f"{text!r}: give file.py:function (app.py:process_order)")
        return FocusSpec(name, absolute_path(path, cwd))
    if text.endswith(".py") or os.sep in text or not _QUALNAME.fullmatch(text):
        raise BadBreakpoint(
            f"{text!r} names no function: give module.function, module.Class.method or "
            "file.py:function"
        )
    return FocusSpec(text)


class FocusTable:
    """The focused functions of a run, swapped whole on every change (readers never lock)."""

    def __init__(self, specs: tuple[FocusSpec, ...] = ()) -> None:
        self.specs: tuple[FocusSpec, ...] = tuple(dict.fromkeys(specs))
        self.version = 0

    def __bool__(self) -> bool:
        return bool(self.specs)

    def set(self, spec: FocusSpec, on: bool) -> bool:
        """Focus `spec` (`on`) or stop focusing it; returns whether anything changed."""
        present = spec in self.specs
        if present == on:
            return False
        if on:
            self.specs = (*self.specs, spec)
        else:
            self.specs = tuple(s for s in self.specs if s != spec)
        self.version += 1
        return True

    def focused(self, module: str, qualname: str, real_file: str) -> bool:
        """Whether any focus names this function."""
        return any(spec.matches(module, qualname, real_file) for spec in self.specs)


class LineEvents(Protocol):
    """Where a backend adapter sends the events of focused frames (`tracer.linetrace`)."""

    def line(self, frame: FrameType, line: int) -> None:
        """`line` of a focused frame begins."""

    def suspended(self, frame: FrameType) -> None:
        """A focused generator or coroutine yields or awaits."""

    def ended(self, frame: FrameType) -> None:
        """A focused frame returns, or an exception leaves it."""


class NoLines:
    """Line events nobody keeps (a debugger outside a traced run)."""

    def line(self, frame: FrameType, line: int) -> None:
        """Keep nothing."""

    def suspended(self, frame: FrameType) -> None:
        """Keep nothing."""

    def ended(self, frame: FrameType) -> None:
        """Keep nothing."""
