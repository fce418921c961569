"""`GET /api/source?run=<id>&file=<path>`: a source file of a run, highlighted, for the code panel.

Only a file the run itself traced is served: the file of one of its spine's nodes, or of one
of its pauses (the place of the live debugger state included). Any other path, however
written, is a 404, so the endpoint reads no file that the run did not already name. The file
must be a regular file of at most MAX_SOURCE_BYTES. The answer (`SourceResult`) carries
Pygments' tokens per line, under Pygments' short CSS class names, and the line ranges of the
file's functions and classes from `ast`. The token is checked by the hub's middleware, as for
every route.
"""

from __future__ import annotations

import ast
import asyncio
import io
import os
import stat
import tokenize
from collections import OrderedDict
from functools import cache
from typing import Any

from aiohttp import web

from debugflow.errors import FlowError, RunNotFound
from debugflow.protocol.viewer import FunctionRange, SourceResult
from debugflow.server.state import HUB, HubState

MAX_SOURCE_BYTES = 2 * 1024 * 1024
FILES_KEPT = 16  # recorded runs whose file lists are kept


class SourceFiles:
    """Which files each run may be read for (recorded runs' lists are kept, bounded)."""

    def __init__(self) -> None:
        self._stored: OrderedDict[str, frozenset[str]] = OrderedDict()

    async def of_run(self, hub: HubState, run_ref: str) -> frozenset[str]:
        """The files `run_ref` traced; RunNotFound (or FlowError) when it is not known."""
        live = hub.live_run(run_ref)
        if live is not None:
            files = {node.file for node in live.model.nodes}
            state = live.debug.state
            if state is not None and state["place"] is not None:
                files.add(state["place"]["file"])
            return frozenset(files)
        found = self._stored.get(run_ref)
        if found is None:
            model = await hub.stored_model(run_ref)
            pauses = await hub.pauses_message(model.run_id)
            files = {node.file for node in model.nodes}
            files.update(pause["file"] for pause in pauses["pauses"])
            found = frozenset(files)
            self._stored[run_ref] = found
            while len(self._stored) > FILES_KEPT:
                self._stored.popitem(last=False)
        return found


SOURCE_FILES: web.AppKey[SourceFiles] = web.AppKey("source_files", SourceFiles)


async def source(request: web.Request) -> web.Response:
    """The `/api/source` handler (see the module docstring)."""
    hub = request.app[HUB]
    run_ref, file = request.query.get("run", ""), request.query.get("file", "")
    if not run_ref or not file or len(file) > 4096:
        return _error(400, "give run=<run id> and file=<path>")
    try:
        files = await request.app[SOURCE_FILES].of_run(hub, run_ref)
    except FlowError as exc:
        return _error(404 if isinstance(exc, RunNotFound) else 503, str(exc))
    if file not in files or not os.path.isabs(file):
        return _error(404, "not a file of this run")
    try:
        result = await asyncio.to_thread(highlighted, file)
    except FileTooBig as exc:
        return _error(413, str(exc))
    except OSError as exc:
        return _error(404, f"cannot read it: {exc.strerror or exc}")
    return web.json_response(result)


class FileTooBig(ValueError):
    """A source file over MAX_SOURCE_BYTES, or not a regular file."""


def highlighted(path: str) -> SourceResult:
    """The SourceResult of a file (OSError when it cannot be read, FileTooBig)."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileTooBig("not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            raise FileTooBig(f"the file is over {MAX_SOURCE_BYTES} bytes")
        raw = handle.read(MAX_SOURCE_BYTES + 1)
    if len(raw) > MAX_SOURCE_BYTES:
        raise FileTooBig(f"the file is over {MAX_SOURCE_BYTES} bytes")
    text = _decoded(raw)
    return {
        "file": path,
        "lines": token_lines(text),
        "functions": function_ranges(text),
        "mtime": info.st_mtime,
    }


def _decoded(raw: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError:
        encoding = "utf-8"
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:  # a coding cookie naming no codec
        return raw.decode("utf-8", errors="replace")


def token_lines(text: str) -> list[list[list[str]]]:
    """One list per line of `[css class, text]` pairs (the lines of `text.splitlines()`)."""
    from pygments.lexers.python import PythonLexer  # type: ignore[import-untyped]

    lexer = PythonLexer(stripnl=False, ensurenl=False, tabsize=0)
    lines: list[list[list[str]]] = [[]]
    for kind, value in lexer.get_tokens(text.replace("\r\n", "\n").replace("\r", "\n")):
        css = _css_class(kind)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append([css, part])
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the text's last newline ends its last line; it starts none
    return lines


@cache
def _css_class(kind: Any) -> str:
    from pygments.token import STANDARD_TYPES  # type: ignore[import-untyped]

    while kind not in STANDARD_TYPES:
        kind = kind.parent
    return str(STANDARD_TYPES[kind])


def function_ranges(text: str) -> list[FunctionRange]:
    """Every `def` and `class` of the source with its first and last line (none when the
    source does not parse)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    found: list[FunctionRange] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            end = node.end_lineno or node.lineno
            found.append({"name": node.name, "start": node.lineno, "end": end})
    found.sort(key=lambda item: item["start"])
    return found


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)
