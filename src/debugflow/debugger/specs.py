"""Breakpoint specs: what a person types after `--break` or `b`, read into one record.

    app.py:42                       a line
    app.py:42 if x > 3              a line, when the condition holds there
    app.process_order               a function (module.qualname, or a bare qualname): the
                                    first line of each of its calls
    app.py:42 hit 5                 pause on the 5th hit only
    app.py:42 every 100             pause on every 100th hit
    app.py:42 log total={total}     a logpoint: the message, `{expr}` filled in, goes into the
                                    run and nothing pauses
    raised [ValueError,KeyError]    an exception raised in traced code (every kind but the
                                    iteration signals, unless they are named)
    uncaught [ValueError]           an exception about to leave the program or a thread

The parts after a location come in this order: `hit N` or `every N`, then `if CONDITION`,
then `log MESSAGE`. A hit is counted only when the condition holds. Parsing is pure: files
are made absolute against the folder given, and the condition and the message's fields must
compile; whether a line has code is for `breakpoints.check_line`.
"""

from __future__ import annotations

import os
import re
from typing import Literal, NamedTuple

from debugflow.errors import BadBreakpoint

SpecKind = Literal["line", "function", "raised", "uncaught"]
EXCEPTION_KINDS = ("raised", "uncaught")
_DOTTED = re.compile(r"[A-Za-z_][\w]*(\.[A-Za-z_<>][\w<>]*)*")
_NAMES = re.compile(r"[A-Za-z_][\w.]*")


class BreakSpec(NamedTuple):
    """One breakpoint as asked for: where (or on what exception), when, and what it does."""

    kind: SpecKind
    file: str = ""  # line: an absolute path, or a relative one matched at the end of paths
    line: int = 0
    function: str = ""  # function: `module.qualname` or a bare qualname
    exceptions: tuple[str, ...] = ()  # raised/uncaught: class names; empty means any
    condition: str | None = None
    hit: int | None = None  # pause on this hit only
    every: int | None = None  # pause on every N-th hit
    log: str | None = None  # a logpoint's message: no pause

    def where(self) -> str:
        """The location part: `file:line`, the function, or the exception rule."""
        if self.kind == "line":
            return f"{self.file}:{self.line}"
        if self.kind == "function":
            return self.function
        return " ".join([self.kind, ",".join(self.exceptions)]).strip()

    def text(self) -> str:
        """The spec as text that `parse_spec` reads back into the same record."""
        parts = [self.where()]
        if self.hit is not None:
            parts.append(f"hit {self.hit}")
        if self.every is not None:
            parts.append(f"every {self.every}")
        if self.condition is not None:
            parts.append(f"if {self.condition}")
        if self.log is not None:
            parts.append(f"log {self.log}")
        return " ".join(parts)


def parse_spec(text: str, cwd: str) -> BreakSpec:
    """The BreakSpec `text` means; BadBreakpoint says what is wrong with it."""
    words = text.strip().split(None, 1)
    if not words:
        raise BadBreakpoint(
            "an empty breakpoint: give file:line, module.function, raised or uncaught"
        )
    head, rest = words[0], (words[1] if len(words) > 1 else "")
    if head in EXCEPTION_KINDS:
        return _exception_spec(head, rest)
    spec = _location(head, cwd)
    return _options(spec, rest, text)


def _exception_spec(kind: str, rest: str) -> BreakSpec:
    names = tuple(n for n in re.split(r"[\s,]+", rest.strip()) if n)
    for name in names:
        if not _NAMES.fullmatch(name):
            raise BadBreakpoint(f"{name!r} is not an exception class name ({kind} NAME,NAME…)")
    return BreakSpec("raised" if kind == "raised" else "uncaught", exceptions=names)


def _location(head: str, cwd: str) -> BreakSpec:
    path, colon, number = head.rpartition(":")
    if colon and number.isdigit():
        if not path:
            raise BadBreakpoint(f"{head!r} names no file (file:line)")
        line = int(number)
        if line < 1:
            raise BadBreakpoint(f"{head!r}: lines are numbered from 1")
        return BreakSpec("line", file=absolute_path(path, cwd), line=line)
    if head.endswith(".py") or os.sep in head or not _DOTTED.fullmatch(head):
        raise BadBreakpoint(
            f"{head!r} is neither file:line nor module.function (app.py:42, app.process_order)"
        )
    return BreakSpec("function", function=head)


def absolute_path(path: str, cwd: str) -> str:
    """An existing file as an absolute real path; a relative name that is not a file here is
    kept relative, to match any traced file whose path ends with it."""
    expanded = os.path.expanduser(path)
    if os.path.isabs(expanded):
        return os.path.realpath(expanded)
    candidate = os.path.join(cwd, expanded)
    if os.path.exists(candidate):
        return os.path.realpath(candidate)
    return os.path.normpath(expanded)


def _options(spec: BreakSpec, rest: str, text: str) -> BreakSpec:
    """Read `[hit N | every N] [if CONDITION] [log MESSAGE]` into `spec`."""
    rest = rest.strip()
    before, log_word, message = _split_log(rest)
    changes: dict[str, object] = {}
    if log_word:
        changes["log"] = _checked_message(message)
    count = re.match(r"(hit|every)\s+(\S+)\s*", before)
    if count:
        changes[count.group(1)] = _count(count.group(2), text)
        before = before[count.end() :]
    if before.startswith("if ") or before == "if":
        changes["condition"] = _checked_condition(before[3:].strip())
    elif before:
        raise BadBreakpoint(
            f"cannot read {before!r} in {text!r}: after the location come "
            "`hit N` or `every N`, then `if CONDITION`, then `log MESSAGE`"
        )
    return spec._replace(**changes)  # type: ignore[arg-type]


def _split_log(rest: str) -> tuple[str, bool, str]:
    if rest.startswith("log ") or rest == "log":
        return "", True, rest[4:]
    before, found, message = rest.partition(" log ")
    return before.strip(), bool(found), message


def _count(raw: str, text: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise BadBreakpoint(f"{text!r}: a hit count is a whole number from 1, not {raw!r}")
    return int(raw)


def _checked_condition(condition: str) -> str:
    if not condition:
        raise BadBreakpoint("`if` needs a condition (app.py:42 if x > 3)")
    try:
        compile(condition, "<condition>", "eval")
    except SyntaxError as error:
        raise BadBreakpoint(
            f"the condition {condition!r} is not an expression: {error.msg}"
        ) from None
    return condition


def _checked_message(message: str) -> str:
    if not message.strip():
        raise BadBreakpoint("`log` needs a message (app.py:42 log total={total})")
    for expression in message_fields(message):
        try:
            compile(expression, "<log message>", "eval")
        except SyntaxError as error:
            raise BadBreakpoint(f"{{{expression}}} in the log message: {error.msg}") from None
    return message


def message_fields(message: str) -> list[str]:
    """The expressions between braces of a log message (`{{` and `}}` are literal braces)."""
    return [part for literal, part in split_message(message) if part is not None]


def split_message(message: str) -> list[tuple[str, str | None]]:
    """The message as (literal text, expression or None) pieces, in order."""
    pieces: list[tuple[str, str | None]] = []
    literal, index = "", 0
    while index < len(message):
        char = message[index]
        if message.startswith("{{", index) or message.startswith("}}", index):
            literal, index = literal + char, index + 2
        elif char == "{":
            end = _closing_brace(message, index)
            pieces.append((literal, message[index + 1 : end].strip()))
            literal, index = "", end + 1
        else:
            literal, index = literal + char, index + 1
    pieces.append((literal, None))
    return pieces


def _closing_brace(message: str, start: int) -> int:
    depth = 0
    for index in range(start, len(message)):
        if message[index] in "{[(":
            depth += 1
        elif message[index] in "}])":
            depth -= 1
            if depth == 0:
                return index
    raise BadBreakpoint(f"the log message {message!r} has a {{ without its }}")
