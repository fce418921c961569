"""What a person asks about a paused frame: an expression's value, the stack, the source.

These run on the paused thread itself (the debugger hands them over), so an expression sees
the frame as its own code would, thread-locals included. The terminal's return text; the
HUD's (below) the viewer protocol's shapes.
"""

from __future__ import annotations

import inspect
import linecache
import os
import sys
from collections import deque
from collections.abc import Callable, Collection
from itertools import islice
from types import FrameType, ModuleType
from typing import Any

import debugflow
from debugflow.formatting import describe, preview
from debugflow.protocol import ArgPreview
from debugflow.protocol.viewer import ChildWire, EvaluateResult, LocalsResult, StackResult
from debugflow.redaction import REDACTED

Show = Callable[[str, object], ArgPreview]  # (name, value) -> its preview, as the spine shows it

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


def run_typed_line(frame: FrameType, source: str) -> str:
    """A line typed at the prompt, as pdb runs it: an expression's `repr`, or a statement
    executed in the frame (`x = 5`, `items.append(3)`, `import os`), which says nothing.
    An assignment to a local variable of a function stays in the frame."""
    if _is_expression(source):
        return evaluate(frame, source)
    try:
        code = compile(source + "\n", "<stdin>", "exec")
    except SyntaxError as error:
        return f"*** SyntaxError: {error.msg}"
    names = frame.f_locals  # 3.13+: a view that writes through; before, a snapshot dict
    try:
        exec(code, frame.f_globals, names)
    except Exception as error:
        return f"*** {type(error).__name__}: {error}"
    finally:
        _write_locals_back(frame)
    return ""


def _is_expression(source: str) -> bool:
    try:
        compile(source, "<stdin>", "eval")
    except SyntaxError:
        return False
    return True


def _write_locals_back(frame: FrameType) -> None:
    """Before 3.13 a function frame's `f_locals` is a copy: write it back into the frame,
    as a trace function's return does under settrace (`PyFrame_LocalsToFast`)."""
    if sys.version_info >= (3, 13) or not frame.f_code.co_flags & inspect.CO_OPTIMIZED:
        return
    import ctypes  # only here: a statement typed at a pause

    ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))


def where(frame: FrameType, shown: Callable[[FrameType], bool]) -> str:
    """The stack down to `frame`, outermost first, pdb-style; DebugFlow's frames left out.

    `shown(frame)` picks the frames to list (the program's; not the runner's).
    """
    lines: list[str] = []
    for item in reversed(stack_frames(frame, shown)):
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


# -- the HUD's structured inspection: stack, locals tree, watches ------------------------------
#
# The tree is expanded lazily, one page of one node at a time, by a path of keys from the
# frame's locals: a variable's name, then for a container the position of an item ("3"), for
# an object "." and an attribute's name. Nothing is walked beyond the page asked for, so a
# cycle is only a path that can be expanded again, and a big container costs one page. Values
# are shown by the spine's safe previews (no program code runs: containers are read with the
# built-in types' own methods, objects by their instance dictionary; arrays and tensors by
# their metadata, never expanded).

_SCIENCE = frozenset({"numpy", "torch", "pandas", "jax", "jaxlib", "tensorflow", "polars"})
_SEQUENCES = (list, tuple)
_SETS = (set, frozenset)


def plain_show(name: str, value: object) -> ArgPreview:
    """A value's safe preview, nothing hidden (a run without a redaction rule)."""
    return describe(name, value)


def stack_frames(frame: FrameType, shown: Callable[[FrameType], bool]) -> list[FrameType]:
    """The frames from `frame` outwards that `shown` keeps: innermost first."""
    frames: list[FrameType] = []
    current: FrameType | None = frame
    while current is not None:
        if shown(current):
            frames.append(current)
        current = current.f_back
    return frames


def stack_result(frames: list[FrameType]) -> StackResult:
    """The StackResult of `stack_frames`' frames."""
    return {
        "frames": [
            {"index": index, "file": f.f_code.co_filename, "line": f.f_lineno or 0,
             "function": f.f_code.co_name}
            for index, f in enumerate(frames)
        ]
    }  # fmt: skip


def locals_page(
    frame: FrameType, path: list[str], offset: int, limit: int, show: Show = plain_show
) -> LocalsResult:
    """One page of the children of the node at `path` under the frame's locals; LookupError
    when the path leads nowhere (the value changed since it was listed) or through a value
    `show` hides. `show(name, value)` previews a value as the run's spine does (redaction)."""
    if not path:
        names = _local_names(frame)
        page = names[offset : offset + limit]
        values = frame.f_locals
        children = [_child(name, name, values[name], show) for name in page if name in values]
        return {"total": len(names), "children": children}
    value = _resolve(frame, path, show)
    total, entries = _entries(value, offset, limit)
    return {"total": total, "children": [_child(k, n, v, show) for k, n, v in entries]}


def evaluate_result(frame: FrameType, expression: str, show: Show = plain_show) -> EvaluateResult:
    """A watch: the expression evaluated in the frame, previewed, or the error it raised."""
    try:
        value = eval(expression, frame.f_globals, frame.f_locals)
    except SyntaxError as error:
        return {"type": "", "value": "", "expandable": False, "error": f"SyntaxError: {error.msg}"}
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        return {"type": "", "value": "", "expandable": False, "error": message}
    shown = show(expression, value)
    open_ = shown.value != REDACTED and expandable(value)
    return {"type": shown.type, "value": shown.value, "expandable": open_, "error": None}


def expandable(value: object) -> bool:
    """Whether the tree can show children of `value` (never for arrays and tensors)."""
    try:
        if isinstance(value, dict):
            return dict.__len__(value) > 0
        base = _base(value)
        if base is not None:
            return bool(base.__len__(value) > 0)
        if isinstance(value, type | ModuleType) or callable(value):
            return False
        return bool(_attributes(value))
    except Exception:
        return False


def _local_names(frame: FrameType) -> list[str]:
    names = list(frame.f_locals)
    if frame.f_code.co_name == "<module>":  # a module's globals: leave out its dunders
        names = [n for n in names if not (n.startswith("__") and n.endswith("__"))]
    return names


def _resolve(frame: FrameType, path: list[str], show: Show) -> object:
    first, *rest = path
    values = frame.f_locals
    if first not in values:
        raise LookupError(f"there is no variable {first!r} in this frame")
    name, value = first, values[first]
    for key in ["", *rest]:
        if key:
            name, value = _step(value, key)
        if show(name, value).value == REDACTED:
            raise LookupError(f"{name} is hidden by the run's redaction rule")
    return value


def _step(value: object, key: str) -> tuple[str, object]:
    if key.startswith("."):
        attributes = _attributes(value)
        if key[1:] not in attributes:
            raise LookupError(f"no attribute {key[1:]!r}")
        return key[1:], attributes[key[1:]]
    if not key.isdigit():
        raise LookupError(f"{key!r} is not a key of this tree")
    _, found = _entries(value, int(key), 1)
    if not found:
        raise LookupError(f"no item {key} (the value changed)")
    return found[0][1], found[0][2]


def _entries(value: object, offset: int, limit: int) -> tuple[int, list[tuple[str, str, object]]]:
    """(how many children `value` has, the page of them as (key, name, value))."""
    end = offset + limit
    if isinstance(value, dict):
        items = islice(dict.items(value), offset, end)
        return dict.__len__(value), [
            (str(offset + i), k if isinstance(k, str) else preview(k)[1], v)
            for i, (k, v) in enumerate(items)
        ]
    base = _base(value)
    if base is not None:
        found = islice(base.__iter__(value), offset, end)
        form = "{{{}}}" if base in _SETS else "[{}]"
        return base.__len__(value), [
            (str(offset + i), form.format(offset + i), v) for i, v in enumerate(found)
        ]
    if not expandable(value):
        return 0, []
    attributes = _attributes(value)
    names = list(attributes)[offset:end]
    return len(attributes), [(f".{name}", name, attributes[name]) for name in names]


def _base(value: object) -> Any:
    """The built-in sequence or set type `value` is an instance of (its methods, not the
    program's overrides, are used to read it), or None."""
    for base in (*_SEQUENCES, *_SETS, deque):
        if isinstance(value, base):
            return base
    return None


def _attributes(value: object) -> dict[str, object]:
    """An object's instance dictionary, read without running its code; {} for arrays,
    tensors and objects without one."""
    module = getattr(type(value), "__module__", "") or ""
    if module.split(".", 1)[0] in _SCIENCE:
        return {}
    try:
        found = object.__getattribute__(value, "__dict__")
    except Exception:
        return {}
    return dict(found) if type(found) is dict else {}


def _child(key: str, name: str, value: object, show: Show) -> ChildWire:
    shown = show(name, value)
    open_ = shown.value != REDACTED and expandable(value)
    return {"key": key, "name": name, "type": shown.type, "value": shown.value, "expandable": open_}
