"""`flow activate`, `flow status`, `flow deactivate`: the sentinel's commands."""

from __future__ import annotations

import argparse
import os
from typing import Any

from debugflow.config import FlowConfig


def add_sentinel_parsers(commands: Any) -> None:
    """Register the three commands on the `flow` parser."""
    activate = commands.add_parser(
        "activate",
        help="start the background sentinel: hub, hotkeys, desktop HUD",
        description="Start DebugFlow's sentinel for this project, in the background: the hub, "
        "the global hotkeys (Ctrl+Alt+F shows or hides the HUD, Ctrl+Alt+S runs the newest "
        "script under `flow run`) and the desktop HUD.",
    )
    activate.set_defaults(func=_activate)
    status = commands.add_parser("status", help="show what the sentinel is doing")
    status.add_argument("--json", action="store_true", help="as JSON")
    status.set_defaults(func=_status)
    deactivate = commands.add_parser(
        "deactivate", help="stop the sentinel, its HUD and any run it started"
    )
    deactivate.set_defaults(func=_deactivate)
    for parser in (activate, status, deactivate):
        parser.add_argument("--root", help="project root (default: current directory)")


def _activate(args: argparse.Namespace) -> int:
    from debugflow.sentinel.control import activate

    return activate(FlowConfig.from_env(root=args.root), os.environ)


def _status(args: argparse.Namespace) -> int:
    from debugflow.sentinel.control import status

    return status(FlowConfig.from_env(root=args.root), args.json)


def _deactivate(args: argparse.Namespace) -> int:
    from debugflow.sentinel.control import deactivate

    return deactivate(FlowConfig.from_env(root=args.root))
