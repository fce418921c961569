"""What the debugger knows about each code object, decided once and kept by `id(code)`.

"Traced" here is the code filter's rule applied to the code's file and module: the project's
own code, never the standard library, site-packages or DebugFlow. Unlike the call tracer,
the debugger counts comprehensions and class bodies of those files too, since a line of them
is a line a step can land on. The breakpoint lines of a code object, and whether it is
focused (traced line by line), are worked out again when the breakpoint or focus table changes.
"""

from __future__ import annotations

from types import CodeType, FrameType
from typing import NamedTuple

from debugflow.debugger.breakpoints import Breakpoint, BreakpointTable, code_lines
from debugflow.debugger.focus import FocusTable
from debugflow.tracer.codefilter import CodeFilter, RealPaths
from debugflow.tracer.codetable import module_of, qualname_of

GENERATOR_FLAGS = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async gen
COROUTINE_FLAGS = 0x80 | 0x100  # `async def` and generator-based coroutines
_LIMIT = 200_000  # code objects remembered before the book starts afresh


class CodeInfo(NamedTuple):
    """The debugger's facts about one code object (pinned, so its id stays its own)."""

    code: CodeType
    traced: bool
    file: str  # the real path of its file
    module: str
    qualname: str
    generator: bool  # a generator, coroutine or async generator: it suspends
    coroutine: bool  # a coroutine (not an async generator)
    lines: frozenset[int]
    breakpoint_lines: frozenset[int]
    functions: tuple[Breakpoint, ...]  # function breakpoints naming it
    focused: bool  # traced line by line (`flow run --lines`): traced code only
    version: int  # the breakpoint and focus tables' version these were worked out for

    @property
    def watched(self) -> bool:
        """Whether its lines matter while no step or pause is under way."""
        return bool(self.breakpoint_lines or self.functions or self.focused)


class CodeBook:
    """`info(code, frame)`: the CodeInfo of a code object, made on first sight."""

    def __init__(
        self, code_filter: CodeFilter, table: BreakpointTable, focus: FocusTable | None = None
    ) -> None:
        self.filter = code_filter
        self.table = table
        self.focus = focus if focus is not None else FocusTable()
        self._infos: dict[int, CodeInfo] = {}
        self._real = RealPaths()

    def info(self, code: CodeType, frame: FrameType | None) -> CodeInfo:
        """The facts about `code`, seen running in `frame` (its module comes from there)."""
        found = self._infos.get(id(code))
        if found is not None and found.code is code:
            # Both tables' versions only grow: their sum changes whenever either does.
            if found.version == self.table.version + self.focus.version:
                return found
            return self._store(self._with_breakpoints(found))
        return self._store(self._first_sight(code, frame))

    def known(self) -> list[CodeInfo]:
        """Every code object seen so far."""
        return list(self._infos.values())

    def _store(self, info: CodeInfo) -> CodeInfo:
        if len(self._infos) > _LIMIT:
            self._infos.clear()
        self._infos[id(info.code)] = info
        return info

    def _first_sight(self, code: CodeType, frame: FrameType | None) -> CodeInfo:
        module = module_of(frame)
        real = self._real.of(code.co_filename) if code.co_filename[:1] != "<" else code.co_filename
        info = CodeInfo(
            code=code,
            traced=self.filter.wants(code.co_filename, module),
            file=real,
            module=module,
            qualname=qualname_of(code, frame),
            generator=bool(code.co_flags & GENERATOR_FLAGS),
            coroutine=bool(code.co_flags & COROUTINE_FLAGS),
            lines=code_lines(code),
            breakpoint_lines=frozenset(),
            functions=(),
            focused=False,
            version=-1,
        )
        return self._with_breakpoints(info)

    def _with_breakpoints(self, info: CodeInfo) -> CodeInfo:
        table = self.table
        return info._replace(
            breakpoint_lines=table.lines_in(info.file, info.lines),
            functions=table.functions(info.module, info.qualname, info.file),
            focused=info.traced and self.focus.focused(info.module, info.qualname, info.file),
            version=table.version + self.focus.version,
        )

    def real_file(self, filename: str) -> str:
        """The real path of a file name as code objects give it."""
        return filename if filename[:1] == "<" else self._real.of(filename)
