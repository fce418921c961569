"""DebugFlow: watch Python code run: every call, its arguments, return, exception and time."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "pulse", "register_preview", "trace"]

if TYPE_CHECKING:
    from debugflow.api import pulse, trace
    from debugflow.formatting import register_preview

_LAZY = {
    "trace": "debugflow.api",
    "pulse": "debugflow.api",
    "register_preview": "debugflow.formatting",
}


def __getattr__(name: str) -> object:
    # Loaded on first use, so `import debugflow.storage` (the hub, the CLI) stays light.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'debugflow' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
