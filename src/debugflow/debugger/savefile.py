"""A project's breakpoints, kept between runs in `<data folder>/breakpoints.json` (0600).

    {"format": "debugflow-breakpoints", "version": 2, "breakpoints": [
        {"spec": "/abs/app.py:42 if x > 3", "code": "total += x", "before": "for x in xs:"}]}

Each breakpoint is kept as its spec text, files made absolute, and read back through the same
parser, so the file holds nothing the command line could not say. A line breakpoint also
keeps its line's code and the code of the line before it (stripped), so that it survives
edits of other lines: read back, a breakpoint whose line no longer holds its code moves to
the line that does (the one after the same code as before, then the nearest), as an
editor's breakpoints follow their line. A line whose own code was edited keeps its number.
Version 1 files (spec texts only) are still read. The file is private like the rest of the
folder and is believed only if this user alone could have written it.
"""

from __future__ import annotations

import json
import tokenize
from pathlib import Path
from typing import Any

from debugflow.debugger.specs import BreakSpec, parse_spec
from debugflow.errors import BadBreakpoint, FlowError
from debugflow.private_files import read_private_bytes, write_private_text

FILE_NAME = "breakpoints.json"
FORMAT = "debugflow-breakpoints"
VERSION = 2
VERSIONS = (1, 2)  # the versions read
_LIMIT = 1 << 20  # bytes read at most: a breakpoint file is a few lines
_SOURCE_LIMIT = 8 << 20  # a source file bigger than this is not searched for a moved line


def saved_path(data_dir: Path) -> Path:
    """Where a project's breakpoints are kept."""
    return data_dir / FILE_NAME


def load(data_dir: Path) -> list[BreakSpec]:
    """The saved breakpoints (none when there is no file); FlowError when the file cannot be
    believed or read, naming it."""
    path = saved_path(data_dir)
    try:
        raw = read_private_bytes(path, _LIMIT, "flow debug writes it 0600")
    except FileNotFoundError:
        return []
    except FlowError as error:
        raise FlowError(f"the breakpoint file {path} is not used: {error}") from None
    try:
        data = json.loads(raw)
        entries = _entries(data)
        specs = [(parse_spec(text, str(data_dir)), code, before) for text, code, before in entries]
    except (ValueError, BadBreakpoint) as error:
        raise FlowError(f"the breakpoint file {path} cannot be read: {error}") from None
    return [_followed(spec, code, before) for spec, code, before in specs]


Entry = tuple[str, str | None, str | None]  # spec text, its line's code, the code before it


def _entries(data: object) -> list[Entry]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("it is not a DebugFlow breakpoint file")
    version = data.get("version")
    if version not in VERSIONS:
        raise ValueError(f"it has version {version!r}; this DebugFlow reads {VERSIONS}")
    items = data.get("breakpoints")
    if not isinstance(items, list):
        raise ValueError("its breakpoints are not a list")
    if version == 1:
        if not all(isinstance(item, str) for item in items):
            raise ValueError("its breakpoints are not a list of texts")
        return [(item, None, None) for item in items]
    return [_entry(item) for item in items]


def _entry(item: Any) -> Entry:
    if not isinstance(item, dict) or not isinstance(item.get("spec"), str):
        raise ValueError("a breakpoint is not an object with a spec text")
    code, before = item.get("code"), item.get("before")
    if not all(value is None or isinstance(value, str) for value in (code, before)):
        raise ValueError("a breakpoint's code is not a text")
    return item["spec"], code, before


def save(data_dir: Path, specs: list[BreakSpec]) -> Path:
    """Keep `specs` as the project's breakpoints, each line breakpoint with its line's code."""
    items = [_saved_entry(spec) for spec in specs]
    data = {"format": FORMAT, "version": VERSION, "breakpoints": items}
    return write_private_text(saved_path(data_dir), json.dumps(data, indent=1) + "\n")


def _saved_entry(spec: BreakSpec) -> dict[str, str | None]:
    entry: dict[str, str | None] = {"spec": spec.text()}
    lines = _source(spec.file) if spec.kind == "line" else None
    if lines is not None and 1 <= spec.line <= len(lines):
        entry["code"] = lines[spec.line - 1].strip()
        entry["before"] = _code_before(lines, spec.line)
    return entry


def _followed(spec: BreakSpec, code: str | None, before: str | None) -> BreakSpec:
    """`spec` moved to the line that now holds its code, if other lines were edited."""
    if spec.kind != "line" or not code:
        return spec
    lines = _source(spec.file)
    if lines is None or (spec.line <= len(lines) and lines[spec.line - 1].strip() == code):
        return spec
    found = [number for number, text in enumerate(lines, 1) if text.strip() == code]
    if not found:
        return spec  # its own line was edited: it keeps its number
    best = min(found, key=lambda n: (_code_before(lines, n) != before, abs(n - spec.line), n))
    return spec._replace(line=best)


def _code_before(lines: list[str], line: int) -> str:
    """The nearest non-blank line above `line`, stripped ("" at the top)."""
    for text in reversed(lines[: line - 1]):
        if text.strip():
            return text.strip()
    return ""


def _source(file: str) -> list[str] | None:
    """A source file's lines as Python reads them (its coding cookie); None when unreadable."""
    try:
        if Path(file).stat().st_size > _SOURCE_LIMIT:
            return None
        with tokenize.open(file) as stream:
            return stream.read().splitlines()
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
