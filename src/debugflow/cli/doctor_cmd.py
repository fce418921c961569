"""`flow doctor`: what DebugFlow would do here — Python, backend and hot path and why, folders,
settings."""

from __future__ import annotations

import argparse
import os
import platform
import sys

from debugflow import __version__
from debugflow.config import ENVIRONMENT, FlowConfig
from debugflow.errors import BackendUnavailable
from debugflow.logfile import log_file, logging_enabled
from debugflow.sentinel.facts import desktop_facts
from debugflow.tracer.hotcore import choose_core
from debugflow.tracer.selector import choose_backend


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow doctor`."""
    parser = commands.add_parser("doctor", help="show the Python, the tracing backend and why")
    parser.add_argument("--root", help="project root (default: current directory)")
    parser.set_defaults(func=doctor_command)


def doctor_command(args: argparse.Namespace) -> int:
    """Print one `name: value` line per fact."""
    config = FlowConfig.from_env(root=args.root)
    try:
        choice = choose_backend(config.backend)
        backend, reason = choice.name, choice.reason
    except BackendUnavailable as error:
        backend, reason = "unavailable", str(error)
    facts = {
        "debugflow": __version__,
        "python": f"{sys.version.split()[0]} ({platform.python_implementation()}) {sys.executable}",
        "backend": backend,
        "reason": reason,
        "hot path": (core := choose_core()).name,
        "hot path why": core.reason,
        "project root": str(config.root),
        "run store": str(config.store_path),
        "log file": f"{log_file(config)} ({'on' if logging_enabled(config) else 'off'})",
        "ghost sandbox": _ghost_isolation(),
        **desktop_facts(os.environ, config.data_dir),
    }
    for name, value in facts.items():
        print(f"{name + ':':<14} {value}")
    set_vars = [name for name in ENVIRONMENT if name in os.environ]
    print(
        f"{'environment:':<14} "
        + (", ".join(f"{n}={os.environ[n]}" for n in set_vars) or "no FLOW_* variables set")
    )
    return 0


def _ghost_isolation() -> str:
    """How ghost passes are isolated here, and how to get bubblewrap where it is missing."""
    from debugflow.ghost.sandbox import describe  # runs bwrap once: only for `flow doctor`

    return describe()
