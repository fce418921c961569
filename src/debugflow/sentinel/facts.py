"""What `flow doctor` says about the desktop parts: the display, the desktop HUD, the
hotkeys and the sentinel, each with how to fix what is missing."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from debugflow.sentinel.desktop import desktop_problem
from debugflow.sentinel.hotkeys import INSTALL_HINT, chosen_hotkeys, display_problem, pretty
from debugflow.sentinel.state import find_sentinel


def desktop_facts(env: Mapping[str, str], data_dir: Path) -> dict[str, str]:
    """One `name: value` line each for the display, the desktop HUD, the hotkeys, the sentinel."""
    return {
        "display": _display(env),
        "desktop HUD": _desktop_hud(env),
        "hotkeys": _hotkeys(env),
        "sentinel": _sentinel(data_dir),
    }


def _display(env: Mapping[str, str]) -> str:
    problem = display_problem(env)
    if problem is not None:
        return f"none: {problem}; the desktop HUD and the hotkeys need one"
    shown = [f"{name}={env[name]}" for name in ("DISPLAY", "WAYLAND_DISPLAY") if env.get(name)]
    return ", ".join(shown) or "the system's"


def _desktop_hud(env: Mapping[str, str]) -> str:
    problem = desktop_problem(env)
    if problem is not None:
        return f"unavailable: {problem}"
    return f"Dear PyGui {_version('dearpygui')}"


def _hotkeys(env: Mapping[str, str]) -> str:
    keys = ", ".join(f"{h.action} {pretty(h.combo)}" for h in chosen_hotkeys(env))
    problem = display_problem(env)
    if problem is None:
        try:
            importlib.import_module("pynput.keyboard")  # connects to the display on X11
        except ImportError as exc:
            problem = f"pynput cannot be loaded ({exc}): {INSTALL_HINT}"
    if problem is not None:
        return f"cannot be bound ({problem}); chosen: {keys}"
    return f"pynput {_version('pynput')}: {keys}"


def _sentinel(data_dir: Path) -> str:
    found = find_sentinel(data_dir)
    if found.alive and found.state is not None:
        return f"active (pid {found.state.pid}): `flow status` tells more"
    if found.stale is not None:
        return f"not active; stale state left behind ({found.stale}): `flow deactivate` cleans it"
    return "not active: `flow activate` starts it"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "(version unknown)"
