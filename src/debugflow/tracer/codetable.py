"""What the tracer knows about each code object, decided once, at its first call.

Backends keep one mutable entry per traced code object, keyed by `id(code)` (a code
object's own hash is computed from its contents and is slow). The collector reads the static
facts (`FunctionInfo`) by the same key. Entries pin their code object, so the id of a traced
code object is never reused while the table lives; code that is not traced is not kept.
"""

from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any, NamedTuple

from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.records import COROUTINE, GENERATOR, PLAIN

# Entry layout, a list so the hot path can update it in place; it indexes it with literal
# numbers for speed:
#   [0 code, 1 kind, 2 argnames, 3 budget, 4 backend data, 5 total_ns, 6 open thread ids,
#    7 id]
# kind is PLAIN, GENERATOR or COROUTINE. budget counts down from the detail budget at every
# call (resumptions of generators and coroutines are not calls) and keeps going negative, so
# `budget > 0 or budget % sample_every == 0` picks the detailed calls and
# `detail_calls - budget` is the number of calls so far.
# 5 and 6 are kept by the hot path for plain functions only (see `hotpath`): the total time of
# outermost calls, and the threads on which a call of the function is running (to tell
# recursive calls). Durations and own times are kept per node of the call tree (`calltree`).
# 7 is `id(code)`, made once: the key of the entry here and of the code's nodes in their
# parents' children, so the hot path's lookups there find the very same int object (a dict
# compares a key by identity before it compares values).

# Code object flags (`inspect.CO_*`), written out: importing `inspect` for them would load
# `ast`, `dis` and `tokenize` into every traced process. A test checks them against inspect.
CO_NEWLOCALS, CO_VARARGS, CO_VARKEYWORDS = 0x2, 0x4, 0x8
CO_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR = 0x20, 0x80, 0x100, 0x200
_GENERATOR_FLAGS = CO_GENERATOR
_COROUTINE_FLAGS = CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR


class FunctionInfo(NamedTuple):
    """Static facts about one traced function."""

    qualname: str
    module: str
    file: str
    line: int
    kind: int


class CodeTable:
    """Entries and infos for every traced code object a backend has seen."""

    def __init__(self, code_filter: CodeFilter, detail_calls: int, sample_every: int):
        self.filter = code_filter
        self.detail_calls = detail_calls
        self.sample_every = sample_every
        self.entries: dict[int, list[Any]] = {}  # never shrinks: ids of traced code stay valid
        self.infos: dict[int, FunctionInfo] = {}
        # Writes into the entries the budgets a compiled hot path counts down in C (see
        # `hotpath.HotPath.fast_path`); whoever reads a budget calls it first.
        self.settle: Callable[[], object] = _nothing_to_settle

    def first_sight(
        self,
        code: CodeType,
        frame: FrameType | None,
        backend_data: Callable[[CodeType], object] | None = None,
    ) -> list[Any] | None:
        """The entry of `code` if it is traced (created now), else None.

        `backend_data(code)` fills slot 4 before the entry can be seen by another thread.
        """
        module = module_of(frame)
        if not _is_function_like(code) or not self.filter.wants(code.co_filename, module):
            return None
        kind = _kind_of(code)
        info = FunctionInfo(
            function_name(code, frame, module), module, code.co_filename, code.co_firstlineno, kind
        )
        code_id = id(code)
        self.infos.setdefault(code_id, info)
        data = backend_data(code) if backend_data is not None else None
        entry = [code, kind, _argnames(code), self.detail_calls, data, 0, set(), code_id]
        # Two threads can meet the same code for the first time at once: both get the entry
        # stored first, so neither counts into one that is then thrown away.
        stored: list[Any] = self.entries.setdefault(code_id, entry)
        return stored

    def calls_of(self, entry: list[Any]) -> int:
        """How many calls of the entry's code have started (read from its budget)."""
        self.settle()
        return int(self.detail_calls - entry[3])


def _nothing_to_settle() -> None:
    """The Python hot path counts budgets down in the entries themselves."""


_HIDDEN_NAMES = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"})


def _is_function_like(code: CodeType) -> bool:
    """Functions, methods, lambdas and module bodies; not class bodies or comprehensions.

    Comprehensions are functions only on some Python versions (3.12 inlines most of them),
    so leaving them out keeps trees and counts the same on every version.
    """
    if code.co_name in _HIDDEN_NAMES:
        return False
    return bool(code.co_flags & CO_NEWLOCALS) or code.co_name == "<module>"


def _kind_of(code: CodeType) -> int:
    if code.co_flags & _COROUTINE_FLAGS:
        return COROUTINE
    if code.co_flags & _GENERATOR_FLAGS:
        return GENERATOR
    return PLAIN


def _argnames(code: CodeType) -> tuple[str, ...]:
    count = code.co_argcount + code.co_kwonlyargcount
    count += bool(code.co_flags & CO_VARARGS) + bool(code.co_flags & CO_VARKEYWORDS)
    return code.co_varnames[:count]


def module_of(frame: FrameType | None) -> str:
    """The `__name__` of the module a frame runs in ("" when it has none)."""
    if frame is None:
        return ""
    name = frame.f_globals.get("__name__")
    return name if isinstance(name, str) else ""


def function_name(code: CodeType, frame: FrameType | None, module: str) -> str:
    """The name a traced code object is shown by: where its code lives, not just its name.

    A module body is `<module networkx.classes.graph>` (the `__name__` it runs under; the
    program's own is `<module __main__>`), code compiled from a string and run with `exec`
    in a module's globals is `<exec in networkx.utils.configs>` (dataclasses and decorators
    make such code; it is not an import), and functions and methods are their qualified
    names (`Graph.size`). Computed once per code object, when its table entry is made.
    """
    if code.co_name == "<module>":
        return module_body_name(module, from_file=code.co_filename[:1] != "<")
    return qualname_of(code, frame)


def module_body_name(module: str, from_file: bool = True) -> str:
    """The shown name of a module body (`from_file` False: code `exec`-ed from a string)."""
    if not module:
        return "<module>"
    return f"<module {module}>" if from_file else f"<exec in {module}>"


def qualname_of(code: CodeType, frame: FrameType | None) -> str:
    """`co_qualname` where Python has it (3.11+); on 3.10, rebuilt from `self`/`cls`."""
    qualname = getattr(code, "co_qualname", None)
    if isinstance(qualname, str):
        return qualname
    return _qualname_from_receiver(code, frame) or code.co_name


def _qualname_from_receiver(code: CodeType, frame: FrameType | None) -> str | None:
    if frame is None or not code.co_argcount:
        return None
    receiver = frame.f_locals.get(code.co_varnames[0])
    owner = receiver if isinstance(receiver, type) else type(receiver)
    for klass in owner.__mro__:
        member = klass.__dict__.get(code.co_name)
        function = getattr(member, "__func__", member)
        if getattr(function, "__code__", None) is code:
            return f"{klass.__qualname__}.{code.co_name}"
    return None


def line_of_offset(code: CodeType, offset: int) -> int:
    """The source line of a bytecode offset (the function's first line if none is known)."""
    best = code.co_firstlineno
    for start, end, line in code.co_lines():
        if start <= offset < end and line is not None:
            return int(line)
        if start <= offset and line is not None:
            best = line
    return int(best)
