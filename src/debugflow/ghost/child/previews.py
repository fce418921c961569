"""`name: type=value` previews of ghost values, safe for stand-ins and for any user object.

Uses `debugflow.formatting.describe` when that module is present; otherwise a small local
preview that calls `repr()` only on exact builtins (the same rule the project's previews keep).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from debugflow.ghost.mocks.standin import StandIn, is_standin
from debugflow.protocol import ArgPreview

Describe = Callable[[str, object], ArgPreview]
_MAX_TEXT = 60
_SAFE_TYPES = (int, float, complex, bool, str, bytes, type(None))
_CONTAINERS = (list, tuple, set, frozenset, dict)
_describe: Describe | None = None
_looked = False


def preview(name: str, value: object) -> ArgPreview:
    """The preview of one argument or return value; never raises."""
    if is_standin(value):
        return ArgPreview(name=name, type="stand-in", value="")
    describe = _project_describe()
    if describe is not None:
        try:
            return describe(name, value)
        except Exception:
            pass  # `describe` promises not to raise; stay safe if a version does
    return fallback_preview(name, value)


def fallback_preview(name: str, value: object) -> ArgPreview:
    """A preview made without the formatting module: exact builtins shown, others by type."""
    kind = type(value)
    type_name = kind.__qualname__
    if kind in _SAFE_TYPES:
        return ArgPreview(name, type_name, _clip(repr(value)))
    if kind in _CONTAINERS:
        return ArgPreview(name, type_name, f"len={len(value)}")  # type: ignore[arg-type]
    return ArgPreview(name, f"{kind.__module__}.{type_name}", "")


def _project_describe() -> Describe | None:
    global _describe, _looked
    if not _looked:
        _looked = True
        try:
            module = importlib.import_module("debugflow.formatting")
            _describe = cast(Describe, module.describe)
            module.register_preview(StandIn, _standin_preview)  # stand-ins nested in values
        except (ImportError, AttributeError):
            _describe = None
    return _describe


def _standin_preview(value: object, limits: object) -> tuple[str, str]:
    return "stand-in", "<stand-in>"


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"
