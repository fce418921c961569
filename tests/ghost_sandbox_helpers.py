"""Helpers for the ghost sandbox tests: choosing the isolation, writing hostile projects, and
finding the processes a pass left behind."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from ghost_helpers import HAZARDS

BUBBLEWRAP = "bubblewrap"  # the values of FLOW_GHOST_ISOLATION (debugflow.ghost.model)
AUDIT_HOOK = "audit-hook"
ISOLATIONS = [BUBBLEWRAP, AUDIT_HOOK]
ISOLATION_ENV = "FLOW_GHOST_ISOLATION"


def use_isolation(monkeypatch: pytest.MonkeyPatch, mode: str) -> str:
    """Force the ghost isolation for this test: the audit hook alone (weak) or bubblewrap
    (strong; skipped where `bwrap` is not installed, and an error where it is but fails)."""
    if mode == BUBBLEWRAP and shutil.which("bwrap") is None:
        pytest.skip("bubblewrap is not installed (apt-get install bubblewrap)")
    monkeypatch.setenv(ISOLATION_ENV, mode)
    return mode


def hazards_project(tmp_path: Path, **aims: object) -> Path:
    """A copy of the hazards fixture project whose functions aim at `aims` (paths, a port)."""
    root = tmp_path / "hazards"
    root.mkdir()
    shutil.copy(HAZARDS / "danger.py", root / "danger.py")
    (root / "aims.json").write_text(json.dumps({k: str(v) for k, v in aims.items()}), "utf-8")
    return root


def write_project(folder: Path, name: str, source: str) -> Path:
    """A project folder holding one module `name`.py with `source` (dedented)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


def processes_with(marker: str) -> list[int]:
    """Pids of the live processes whose environment holds `marker` (this machine's /proc)."""
    found = []
    needle = marker.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # it ended while we looked
        if needle in environ and state != "Z":
            found.append(int(entry.name))
    return found
