"""The breakpoints of a debugged run: numbered, counted, and found by file and line.

The table is read by the program's threads inside tracing callbacks and changed by the
debugger's commands, so every change builds new lookup dictionaries and swaps them in whole:
a reader sees the table before or after a change, never half of one. A breakpoint's hit count
is its own (`Breakpoint.reached` counts and decides).

Lines are resolved against code objects: `lines_in(file, code_lines)` says which of a code
object's lines carry breakpoints, so a backend turns line events on only where one can hit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from types import CodeType, FrameType
from typing import Any, NamedTuple

from debugflow.debugger.specs import BreakSpec, split_message
from debugflow.errors import BadBreakpoint
from debugflow.tracer.records import ITERATION_SIGNALS

LinesByFile = dict[int, tuple["Breakpoint", ...]]


class Hit(NamedTuple):
    """A breakpoint that took effect: pause, or (a logpoint) the message to record."""

    breakpoint: Breakpoint
    pause: bool
    message: str | None = None
    note: str | None = None  # why it took effect although its condition could not be read


class Breakpoint:
    """One breakpoint: its number, its spec, and how often it was reached."""

    __slots__ = ("_condition", "hits", "number", "spec")

    def __init__(self, number: int, spec: BreakSpec) -> None:
        self.number = number
        self.spec = spec
        self.hits = 0
        condition = spec.condition
        self._condition = None if condition is None else compile(condition, "<condition>", "eval")

    def label(self) -> str:
        """`breakpoint 3 (app.py:42 if x > 3)`: how a person is told which one it was."""
        kind = "logpoint" if self.spec.log is not None else "breakpoint"
        spec = self.spec
        if spec.kind == "line":
            spec = spec._replace(file=os.path.basename(spec.file))
        return f"{kind} {self.number} ({spec.text()})"

    def reached(self, frame: FrameType) -> Hit | None:
        """Count a hit if the condition holds here; the Hit if this one takes effect.

        A condition that raises takes effect (the safe side, as pdb's does) with a note.
        """
        note = None
        if self._condition is not None:
            try:
                holds = bool(eval(self._condition, frame.f_globals, frame.f_locals))
            except Exception as error:
                holds, note = True, f"its condition raised {type(error).__name__}: {error}"
            if not holds:
                return None
        self.hits += 1
        spec = self.spec
        if (spec.hit is not None and self.hits != spec.hit) or (
            spec.every is not None and self.hits % spec.every
        ):
            return None
        if spec.log is not None:
            return Hit(self, False, format_message(spec.log, frame), note)
        return Hit(self, True, None, note)

    def catches(self, error: BaseException) -> bool:
        """Whether an exception breakpoint is about this exception."""
        names = self.spec.exceptions
        if not names:
            return not isinstance(error, ITERATION_SIGNALS)
        for klass in type(error).__mro__:
            if klass.__name__ in names or f"{klass.__module__}.{klass.__qualname__}" in names:
                return True
        return False


def format_message(message: str, frame: FrameType) -> str:
    """A logpoint's message with each `{expr}` evaluated in `frame` (errors shown inline)."""
    out: list[str] = []
    for literal, expression in split_message(message):
        out.append(literal)
        if expression is not None:
            out.append(_shown(expression, frame))
    return "".join(out)


def _shown(expression: str, frame: FrameType) -> str:
    try:
        return str(eval(expression, frame.f_globals, frame.f_locals))
    except Exception as error:
        return f"<{type(error).__name__}: {error}>"


class BreakpointTable:
    """Every breakpoint of the run, with lookups by file and line, function and exception."""

    def __init__(self, specs: Iterable[BreakSpec] = ()) -> None:
        self._items: dict[int, Breakpoint] = {}
        self._next = 1
        self.version = 0  # changes with every add and remove
        self._files: dict[str, LinesByFile] = {}  # real file -> its lines' breakpoints
        self._functions: tuple[Breakpoint, ...] = ()
        self._raised: tuple[Breakpoint, ...] = ()
        self._uncaught: tuple[Breakpoint, ...] = ()
        for spec in specs:
            self.add(spec)

    def __bool__(self) -> bool:
        return bool(self._items)

    def all(self) -> list[Breakpoint]:
        """Every breakpoint, by number."""
        return [self._items[n] for n in sorted(self._items)]

    def add(self, spec: BreakSpec) -> Breakpoint:
        """Add a breakpoint and return it (numbers are never reused within a run)."""
        item = Breakpoint(self._next, spec)
        self._next += 1
        self._items[item.number] = item
        self._rebuild()
        return item

    def remove(self, number: int) -> Breakpoint:
        """Remove breakpoint `number`; BadBreakpoint if there is none."""
        item = self._items.pop(number, None)
        if item is None:
            raise BadBreakpoint(f"there is no breakpoint {number}")
        self._rebuild()
        return item

    def _rebuild(self) -> None:
        items = self.all()
        self._functions = tuple(b for b in items if b.spec.kind == "function")
        self._raised = tuple(b for b in items if b.spec.kind == "raised")
        self._uncaught = tuple(b for b in items if b.spec.kind == "uncaught")
        self._files = {}
        self.version += 1

    # -- lookups, from the program's threads -----------------------------------------------

    def at(self, real_file: str, line: int) -> tuple[Breakpoint, ...]:
        """The line breakpoints on `line` of the file."""
        return self._by_line(real_file).get(line, ())

    def lines_in(self, real_file: str, code_lines: frozenset[int]) -> frozenset[int]:
        """Which of a code object's lines carry line breakpoints."""
        return frozenset(self._by_line(real_file)).intersection(code_lines)

    def _by_line(self, real_file: str) -> LinesByFile:
        files = self._files
        found = files.get(real_file)
        if found is None:
            found = files[real_file] = self._collect(real_file)
        return found

    def _collect(self, real_file: str) -> LinesByFile:
        lines: dict[int, list[Breakpoint]] = {}
        for item in self._items.values():
            spec = item.spec
            if spec.kind == "line" and same_file(spec.file, real_file):
                lines.setdefault(spec.line, []).append(item)
        return {line: tuple(found) for line, found in lines.items()}

    def functions(self, module: str, qualname: str, real_file: str) -> tuple[Breakpoint, ...]:
        """The function breakpoints naming this function."""
        if not self._functions:
            return ()
        names = function_names(module, qualname, real_file)
        return tuple(b for b in self._functions if b.spec.function in names)

    @property
    def raised(self) -> tuple[Breakpoint, ...]:
        """The `raised` exception breakpoints."""
        return self._raised

    @property
    def uncaught(self) -> tuple[Breakpoint, ...]:
        """The `uncaught` exception breakpoints."""
        return self._uncaught

    @property
    def has_functions(self) -> bool:
        """Whether any function breakpoint is set."""
        return bool(self._functions)


def same_file(spec_file: str, real_file: str) -> bool:
    """Whether a file as a spec gives it (absolute, or relative: the end of the path) is
    `real_file`."""
    if os.path.isabs(spec_file):
        return spec_file == real_file
    return real_file.endswith(os.sep + spec_file)


def function_names(module: str, qualname: str, real_file: str) -> set[str]:
    """The names a function breakpoint (or a focus) may give this function by."""
    names = {qualname, f"{module}.{qualname}"}
    if module == "__main__":  # the script is named by its file: `script.main`
        stem = os.path.splitext(os.path.basename(real_file))[0]
        names.add(f"{stem}.{qualname}")
    return names


def code_lines(code: CodeType) -> frozenset[int]:
    """The lines of a code object that line events can report (not those of nested code)."""
    return frozenset(line for _, _, line in code.co_lines() if line)


def executable_lines(path: str) -> set[int] | None:
    """Every line of a source file that has code, or None if it cannot be read or compiled."""
    try:
        with open(path, "rb") as source:
            top = compile(source.read(), path, "exec", dont_inherit=True)
    except (OSError, SyntaxError, ValueError):
        return None
    lines: set[int] = set()
    pending: list[Any] = [top]
    while pending:
        code = pending.pop()
        lines.update(code_lines(code))
        pending.extend(c for c in code.co_consts if isinstance(c, CodeType))
    return lines


def check_line(spec: BreakSpec) -> None:
    """Refuse a line breakpoint on a line of an existing file that has no code."""
    if spec.kind != "line" or not os.path.isabs(spec.file) or not os.path.isfile(spec.file):
        return
    lines = executable_lines(spec.file)
    if lines is None or spec.line in lines:
        return
    after = [line for line in sorted(lines) if line > spec.line]
    hint = f"; the next line with code is {after[0]}" if after else ""
    raise BadBreakpoint(
        f"line {spec.line} of {spec.file} has no code (blank, a comment, or inside a "
        f"statement){hint}"
    )
