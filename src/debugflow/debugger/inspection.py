"""What a person asks about a paused frame: an expression's value, the stack, the source.

These run on the paused thread itself (the debugger hands them over), so an expression sees
the frame as its own code would, thread-locals included. They return text for a front end.
"""

from __future__ import annotations

import linecache
import os
from collections.abc import Callable, Collection
from types import FrameType

import debugflow

_OWN_DIR = os.path.dirname(os.path.abspath(debugflow.__file__)) + os.sep
LIST_LINES = 11  # lines `list` shows, as pdb does


def evaluate(frame: FrameType, expression: str) -> str:
    """The `repr` of an expression evaluated in the frame, or the error it raised."""
    try:
        value = eval(expression, frame.f_globals, frame.f_locals)
    except SyntaxError as error:
        return f"*** SyntaxError: {error.msg}"
    except Exception as error:
        return f"*** {type(error).__name__}: {error}"
    try:
        return repr(value)
    except Exception as error:
        return f"*** the value's repr raised {type(error).__name__}: {error}"


def where(frame: FrameType, shown: Callable[[FrameType], bool]) -> str:
    """The stack down to `frame`, outermost first, pdb-style; DebugFlow's frames left out.

    `shown(frame)` picks the frames to list (the program's; not the runner's).
    """
    stack: list[FrameType] = []
    current: FrameType | None = frame
    while current is not None:
        if shown(current):
            stack.append(current)
        current = current.f_back
    lines: list[str] = []
    for item in reversed(stack):
        marker = ">" if item is frame else " "
        lines.append(f"{marker} {location(item)}")
        source = source_line(item.f_code.co_filename, item.f_lineno or 0)
        if source:
            lines.append(f"-> {source}")
    return "\n".join(lines)


def is_programs(frame: FrameType) -> bool:
    """Whether a frame belongs on a stack a person reads: not DebugFlow's nor the runner's."""
    filename = frame.f_code.co_filename
    if filename.startswith(_OWN_DIR) or filename.startswith("<frozen "):
        return False
    return os.path.basename(filename) != "runpy.py"


def location(frame: FrameType, line: int | None = None) -> str:
    """`/path/app.py(42)process_order()`, as pdb writes a place."""
    number = frame.f_lineno if line is None else line
    return f"{frame.f_code.co_filename}({number}){frame.f_code.co_name}()"


def source_line(filename: str, line: int) -> str:
    """One line of source, stripped; empty when it cannot be read."""
    return linecache.getline(filename, line).strip()


def listing(filename: str, first: int, current: int, marked: Collection[int]) -> str:
    """`LIST_LINES` lines from `first`, with `->` on the current one and `B` on breakpoints."""
    out: list[str] = []
    for number in range(max(first, 1), max(first, 1) + LIST_LINES):
        text = linecache.getline(filename, number)
        if not text:
            out.append("[EOF]")
            break
        mark = ("B" if number in marked else " ") + ("->" if number == current else "  ")
        out.append(f"{number:4d} {mark} {text.rstrip()}")
    return "\n".join(out)
