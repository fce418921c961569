"""`flow run` starts lean: what its main thread imports before the program's first line.

Everything imported before the program starts is time a user waits for on every run, so the
list is pinned here: a change that brings a module onto that path has to add it below, on
purpose. The store's modules, SQLite, the JSON encoder, the previews (`formatting`), Rich
and asyncio belong off that path: the store is opened on its writer's thread and previews
are loaded by the first one made, on the collector's thread.

An audit hook (installed by a `sitecustomize` on PYTHONPATH) sees each import with the
thread that made it; the traced program itself reports what the main thread imported.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

from tests.conftest import flow

HOOK = textwrap.dedent(
    """
    import sys, threading, types
    _seen = []
    def _hook(event, args):
        if event == "import" and threading.current_thread() is threading.main_thread():
            _seen.append(args[0])
    sys.addaudithook(_hook)
    sys.modules["_startup_imports"] = types.SimpleNamespace(seen=_seen)
    """
)
PROGRAM = 'import sys\nprint("\\n".join(sorted(set(sys.modules["_startup_imports"].seen))))\n'

# The debugflow modules on the path to the program's first line; keep it short.
EXPECTED = {
    "debugflow",
    "debugflow.cli",
    "debugflow.cli.main",
    "debugflow.cli.run_cmd",
    "debugflow.cli.run_options",
    "debugflow.config",
    "debugflow.durations",
    "debugflow.errors",
    "debugflow.logfile",
    "debugflow.paths",
    "debugflow.private_files",
    "debugflow.protocol",
    "debugflow.protocol.essential",
    "debugflow.protocol.events",
    "debugflow.redaction",
    "debugflow.run",
    "debugflow.run.program",
    "debugflow.run.session",
    "debugflow.storage",
    "debugflow.storage.sink",
    "debugflow.storage.writer",
    "debugflow.tracer",
    "debugflow.tracer.backend",
    "debugflow.tracer.calltree",
    "debugflow.tracer.codefilter",
    "debugflow.tracer.codetable",
    "debugflow.tracer.collector",
    "debugflow.tracer.engine",
    "debugflow.tracer.exctext",
    "debugflow.tracer.hotcore",
    "debugflow.tracer.hotpath",
    "debugflow.tracer.linetrace",
    "debugflow.tracer.nodes",
    "debugflow.tracer.opencall",
    "debugflow.tracer.previewing",
    "debugflow.tracer.records",
    "debugflow.tracer.selector",
    "debugflow.tracer.stats",
    "debugflow.tracer.threadnames",
    "debugflow.workers",
} | {"debugflow.tracer.monitoring" if sys.version_info >= (3, 12) else "debugflow.tracer.settrace"}
# The compiled hot path, where it is built (FLOW_PURE_PYTHON=1 runs without it).
COMPILED = "debugflow.tracer._hotpath"

# Never before the first line, whatever else changes.
HEAVY = (
    "json", "sqlite3", "_sqlite3", "rich", "asyncio", "aiohttp", "logging", "socket", "ssl",
    "argparse", "debugflow.formatting", "debugflow.storage.store", "debugflow.storage.reader",
    "debugflow.storage.schema", "debugflow.storage.rows", "debugflow.debugger",
    "debugflow.transport", "debugflow.server",
)  # fmt: skip


def imported_before_first_line(tmp_path: Path, env: dict[str, str]) -> set[str]:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    (tmp_path / "prog.py").write_text(PROGRAM, encoding="utf-8")
    paths = [str(tmp_path / "hook"), *filter(None, [env.get("PYTHONPATH")])]
    env = {**env, "PYTHONPATH": os.pathsep.join(paths)}
    done = flow("run", "-q", str(tmp_path / "prog.py"), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_flow_run_imports_only_the_pinned_modules_before_the_program(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    seen = imported_before_first_line(tmp_path, flow_env)
    ours = {name for name in seen if name.split(".")[0] == "debugflow"} - {COMPILED}
    assert ours == EXPECTED, (
        f"new on the start path: {sorted(ours - EXPECTED)}; gone: {sorted(EXPECTED - ours)}"
    )


def test_nothing_heavy_is_imported_before_the_program(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    seen = imported_before_first_line(tmp_path, flow_env)
    heavy = sorted(n for n in seen if any(n == h or n.startswith(h + ".") for h in HEAVY))
    assert heavy == []
