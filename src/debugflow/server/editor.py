"""Click-to-source: open a file at a line in the user's editor.

`FLOW_EDITOR_CMD` is a command template with `{file}` and `{line}` (for example
`code -g {file}:{line}`); without it the first editor found on PATH is used. The command is
split with shlex and run without a shell, so a file name can never inject a command, and the
placeholders are filled in one pass over the template, so a file name that itself contains
`{line}` or `{file}` is passed as it is.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from debugflow.errors import FlowError

ENV_VAR = "FLOW_EDITOR_CMD"

# (executable, argument template) in the order they are tried.
KNOWN_EDITORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code", ("-g", "{file}:{line}")),
    ("cursor", ("-g", "{file}:{line}")),
    ("windsurf", ("-g", "{file}:{line}")),
    ("subl", ("{file}:{line}",)),
    ("pycharm", ("--line", "{line}", "{file}")),
    ("pycharm.sh", ("--line", "{line}", "{file}")),
    ("pycharm64.exe", ("--line", "{line}", "{file}")),
    ("charm", ("--line", "{line}", "{file}")),
)

Which = Callable[[str], "str | None"]
PLACEHOLDER = re.compile(r"\{(file|line)\}")


class EditorNotFound(FlowError):
    """No editor command is configured and none of the known editors is on PATH."""


class BadSourcePath(FlowError):
    """The file to open is not an existing absolute path."""


def editor_command(
    file: str, line: int, env: Mapping[str, str] | None = None, which: Which = shutil.which
) -> list[str]:
    """The argv that opens `file` at `line`; raises EditorNotFound when there is none."""
    env = os.environ if env is None else env
    template = env.get(ENV_VAR, "").strip()
    if template:
        return _fill(shlex.split(template, posix=os.name != "nt"), file, line)
    for name, args in KNOWN_EDITORS:
        found = which(name)
        if found:
            return _fill([found, *args], file, line)
    names = ", ".join(name for name, _ in KNOWN_EDITORS)
    raise EditorNotFound(
        f"no editor found on PATH (tried {names}); set {ENV_VAR}, e.g. 'code -g {{file}}:{{line}}'"
    )


def open_in_editor(file: str, line: int, env: Mapping[str, str] | None = None) -> list[str]:
    """Start the editor on `file:line` without waiting for it; returns the argv it ran."""
    check_source_path(file)
    argv = editor_command(file, max(1, line), env)
    try:
        proc = subprocess.Popen(  # an argv list, no shell
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise EditorNotFound(f"could not start {argv[0]!r}: {exc}") from exc
    # Reap it in the background: editors' launchers exit quickly, some stay open for long.
    threading.Thread(target=proc.wait, name="debugflow-editor", daemon=True).start()
    return argv


def check_source_path(file: str) -> None:
    """Refuse anything but an existing absolute file (so no argument can look like an option)."""
    path = Path(file)
    if not path.is_absolute() or not path.is_file():
        raise BadSourcePath(f"not an existing absolute file: {file!r}")


def _fill(parts: list[str], file: str, line: int) -> list[str]:
    if not parts:
        raise EditorNotFound(f"{ENV_VAR} is empty")
    if not any("{file}" in part for part in parts):
        parts = [*parts, "{file}"]
    # Not str.format: other braces in the template stay as written. One pass: what is put in
    # is never searched for placeholders again.
    values = {"file": file, "line": str(line)}
    return [PLACEHOLDER.sub(lambda found: values[found[1]], part) for part in parts]
