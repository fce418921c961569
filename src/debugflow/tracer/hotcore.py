"""Chooses the core of the hot path, compiled or Python, and records why.

The compiled core (`debugflow.tracer._hotpath`, built from `_hotpath.c` when the package is
installed on a machine with a C compiler) does the per-call work of plain calls in C; the
Python core (`hotpath.HotPath.callbacks`) does all of it in Python. Both keep the same
lists and dicts, and the compiled one calls the Python slow path for every call that becomes
a record, so both produce the same records and numbers. The Python core is the fallback
(no compiler at install time, another interpreter, `FLOW_PURE_PYTHON=1`) and the oracle the
tests compare the compiled one with. `flow doctor` prints the choice, and every run records
it beside its backend.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping
from typing import NamedTuple

CORES = ("compiled", "python")


class CoreChoice(NamedTuple):
    """The hot path's core and the reason it was chosen."""

    name: str
    reason: str

    @property
    def compiled(self) -> bool:
        """Whether the C core runs."""
        return self.name == "compiled"


def choose_core(environ: Mapping[str, str] = os.environ) -> CoreChoice:
    """The compiled core where it is built and not refused, else the Python one."""
    if environ.get("FLOW_PURE_PYTHON", "") not in ("", "0"):
        return CoreChoice("python", "FLOW_PURE_PYTHON is set")
    implementation = platform.python_implementation()
    if implementation != "CPython":
        return CoreChoice("python", f"the compiled core is for CPython, this is {implementation}")
    try:
        from debugflow.tracer import _hotpath  # noqa: F401
    except ImportError as error:  # optional: built only where a C compiler was found
        return CoreChoice(
            "python",
            f"the compiled core is not built here ({error}); reinstall with a C compiler",
        )
    return CoreChoice("compiled", "debugflow.tracer._hotpath is built for this Python")


def describe(core: CoreChoice) -> str:
    """`compiled (why)`: the hot path as `flow doctor` and a run's record name it."""
    return f"{core.name} ({core.reason})"
