"""Whatever DebugFlow meets, the traced program behaves as it does untraced."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import flow, run


def test_unwritable_store_changes_nothing(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    env = {**flow_env, "FLOW_DATA_DIR": str(blocker / "data")}
    plain = run([sys.executable, "exit3.py"], env)
    traced = flow("run", "exit3.py", env=env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )


def test_user_repr_mode_survives_hostile_reprs(backend: str, flow_env: dict[str, str]) -> None:
    plain = run([sys.executable, "bad_repr.py"], flow_env)
    traced = flow("run", "--repr", "user", "bad_repr.py", env=flow_env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    shown = flow("show", env=flow_env).stdout
    assert "repr-error" in shown or "RuntimeError" in shown


def test_previews_that_never_end_are_abandoned(backend: str, flow_env: dict[str, str]) -> None:
    """A `__repr__` and an exception's `__str__` that loop forever: the program runs as it
    does untraced, the run ends, and the values say their preview was abandoned."""
    plain = run([sys.executable, "endless_repr.py"], flow_env)
    traced = flow("run", "--repr", "user", "endless_repr.py", env=flow_env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    shown = flow("show", env=flow_env)
    assert "ended, exit 4" in shown.stdout
    exported = flow("export", "--format", "jsonl", env=flow_env).stdout
    assert "<preview abandoned after 250 ms>" in exported
    assert "<str() abandoned after 250 ms>" in shown.stdout
