"""What `python -m debugflow.hud` does where it cannot open its window: it says why on its
status line and exits with status 2, instead of being ended by Dear PyGui (no display) or
failing on an import (no desktop extra). Real processes, no display needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from debugflow.hud.main import DESKTOP_HINT
from desktop_helpers import desktop_extra_missing

# The entry point checks for Dear PyGui first, then for a display.
needs_the_extra = pytest.mark.skipif(
    desktop_extra_missing() is not None and not os.environ.get("CI"),
    reason=str(desktop_extra_missing()),
)


def hud(
    *args: str, env: dict[str, str], code: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The HUD's entry point in a child process (with `code` run first, to take a module away)."""
    launch = ["-m", "debugflow.hud"] if code is None else ["-c", code]
    return subprocess.run(
        [sys.executable, *launch, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def no_display() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}


@needs_the_extra
def test_without_a_display_it_says_so_and_exits_2(
    tmp_path: Path, no_display: dict[str, str]
) -> None:
    done = hud("--data-dir", str(tmp_path), env=no_display)
    assert done.returncode == 2, done.stderr
    assert done.stdout.startswith("hud: error: no X display: DISPLAY is not set")
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr


@needs_the_extra
def test_a_display_that_cannot_be_opened_is_an_error_too(
    tmp_path: Path, no_display: dict[str, str]
) -> None:
    done = hud("--data-dir", str(tmp_path), env={**no_display, "DISPLAY": ":999"})
    assert done.returncode == 2, done.stderr
    assert done.stdout.startswith("hud: error: cannot open the X display ':999'")


def test_without_the_desktop_extra_it_names_the_extra_and_exits_2(
    tmp_path: Path, no_display: dict[str, str]
) -> None:
    without = (
        "import sys; sys.modules['dearpygui'] = None\n"  # as if it were not installed
        "from debugflow.hud.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = hud("--data-dir", str(tmp_path), env=no_display, code=without)
    assert done.returncode == 2, done.stderr
    assert done.stdout == f"hud: error: {DESKTOP_HINT}\n"
    assert (
        DESKTOP_HINT == "the desktop HUD needs the desktop extra: pip install 'debugflow[desktop]'"
    )


# The parts of the HUD that are rules, not drawing: they load (and are tested) without it.
NO_DEAR_PYGUI = (
    "animations", "capture", "card", "client", "dock", "follow", "labels", "layout", "main",
    "messages", "mirror", "options", "session", "statusline", "theme", "x11",
)  # fmt: skip


def test_the_model_and_its_rules_load_without_dear_pygui(no_display: dict[str, str]) -> None:
    imports = "".join(f"import debugflow.hud.{name}\n" for name in NO_DEAR_PYGUI)
    code = f"import sys; sys.modules['dearpygui'] = None\n{imports}"
    done = subprocess.run(
        [sys.executable, "-c", code], env=no_display, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
