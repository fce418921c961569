"""A project's breakpoints, kept between runs in `<data folder>/breakpoints.json` (0600).

    {"format": "debugflow-breakpoints", "version": 1, "breakpoints": ["/abs/app.py:42 if x > 3"]}

Each breakpoint is kept as its spec text, files made absolute, and read back through the same
parser, so the file holds nothing the command line could not say. The file is private like
the rest of the folder and is believed only if this user alone could have written it.
"""

from __future__ import annotations

import json
from pathlib import Path

from debugflow.debugger.specs import BreakSpec, parse_spec
from debugflow.errors import BadBreakpoint, FlowError
from debugflow.private_files import read_private_bytes, write_private_text

FILE_NAME = "breakpoints.json"
FORMAT = "debugflow-breakpoints"
VERSION = 1
_LIMIT = 1 << 20  # bytes read at most: a breakpoint file is a few lines


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
        texts = _texts(data)
        return [parse_spec(text, str(data_dir)) for text in texts]
    except (ValueError, BadBreakpoint) as error:
        raise FlowError(f"the breakpoint file {path} cannot be read: {error}") from None


def _texts(data: object) -> list[str]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("it is not a DebugFlow breakpoint file")
    if data.get("version") != VERSION:
        raise ValueError(f"it has version {data.get('version')!r}; this DebugFlow reads {VERSION}")
    texts = data.get("breakpoints")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ValueError("its breakpoints are not a list of texts")
    return texts


def save(data_dir: Path, specs: list[BreakSpec]) -> Path:
    """Keep `specs` as the project's breakpoints."""
    data = {"format": FORMAT, "version": VERSION, "breakpoints": [s.text() for s in specs]}
    return write_private_text(saved_path(data_dir), json.dumps(data, indent=1) + "\n")
