"""The global hotkeys, bound with pynput (imported here only: it fails without a display).

A hotkey that cannot be bound (no display, pynput missing, a combination pynput cannot
parse, one taken by the other action) is reported in the state, never a crash: the
sentinel goes on with what it could bind.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

from debugflow.sentinel.state import Hotkey

HUD_HOTKEY_ENV = "FLOW_HUD_HOTKEY"
TRIGGER_HOTKEY_ENV = "FLOW_TRIGGER_HOTKEY"
DEFAULT_HUD_HOTKEY = "<ctrl>+<alt>+f"
DEFAULT_TRIGGER_HOTKEY = "<ctrl>+<alt>+s"
INSTALL_HINT = "pip install 'debugflow[desktop]'"
START_TIMEOUT_S = 5.0


def chosen_hotkeys(env: Mapping[str, str]) -> list[Hotkey]:
    """The two hotkeys with the combinations the environment chose."""
    return [
        Hotkey("Toggle HUD", env.get(HUD_HOTKEY_ENV) or DEFAULT_HUD_HOTKEY),
        Hotkey("Run / Trigger", env.get(TRIGGER_HOTKEY_ENV) or DEFAULT_TRIGGER_HOTKEY),
    ]


def display_problem(env: Mapping[str, str]) -> str | None:
    """Why nothing can use the screen here (None when something can)."""
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return "no display (DISPLAY is not set)"
    return None


def pretty(combo: str) -> str:
    """`<ctrl>+<alt>+f` as people write it: `Ctrl + Alt + F`."""
    return " + ".join(part.strip("<>").capitalize() for part in combo.split("+"))


class HotkeyListener:
    """pynput's global hotkey listener, once it is running."""

    def __init__(self, listener: Any) -> None:
        self._listener = listener

    def alive(self) -> bool:
        """Whether it still listens."""
        return bool(self._listener.is_alive())

    def stop(self) -> None:
        """Stop listening."""
        self._listener.stop()


def bind(
    hotkeys: list[Hotkey],
    callbacks: Mapping[str, Callable[[], None]],
    env: Mapping[str, str] | None = None,
) -> HotkeyListener | None:
    """Bind each hotkey to `callbacks[action]` (called on pynput's thread: keep them quick).

    Marks each hotkey bound, or records why not; returns the listener, or None when none
    could be bound.
    """
    env = os.environ if env is None else env
    problem = display_problem(env)
    keyboard: Any = None
    if problem is None:
        try:
            keyboard = importlib.import_module("pynput.keyboard")
        except ImportError as exc:  # missing, or no backend for this session
            problem = f"pynput cannot be loaded ({exc}): {INSTALL_HINT}"
    if problem is not None:
        for hotkey in hotkeys:
            hotkey.problem = problem
        return None
    chosen: dict[str, Callable[[], None]] = {}
    for hotkey in hotkeys:
        try:
            keys = keyboard.HotKey.parse(hotkey.combo)
        except ValueError as exc:
            hotkey.problem = f"{hotkey.combo!r} is not a hotkey pynput understands ({exc})"
            continue
        if not keys:
            hotkey.problem = f"{hotkey.combo!r} names no key"
        elif hotkey.combo in chosen:
            hotkey.problem = f"{hotkey.combo!r} is already the other action's hotkey"
        else:
            chosen[hotkey.combo] = callbacks[hotkey.action]
    if not chosen:
        return None
    try:
        listener = keyboard.GlobalHotKeys(chosen)
        listener.start()
        listener.wait()
    except Exception as exc:  # the display refused (no RECORD extension, no access…)
        for hotkey in hotkeys:
            hotkey.problem = hotkey.problem or f"the hotkey listener could not start ({exc})"
        return None
    listener.join(0.2)  # a listener the display refuses ends at once
    if not listener.is_alive():
        for hotkey in hotkeys:
            hotkey.problem = hotkey.problem or "the hotkey listener stopped at once"
        return None
    for hotkey in hotkeys:
        hotkey.bound = hotkey.problem is None
    return HotkeyListener(listener)
