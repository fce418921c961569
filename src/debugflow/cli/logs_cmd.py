"""`flow logs on|off|status` and the `flow-logs`, `flow-logs-on`, `flow-logs-off` scripts."""

from __future__ import annotations

import argparse
import sys

from debugflow.config import FlowConfig
from debugflow.errors import FlowError
from debugflow.logfile import log_file, logging_enabled, set_logging


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow logs`."""
    parser = commands.add_parser("logs", help="turn DebugFlow's own log file on or off")
    parser.add_argument(
        "state", nargs="?", choices=("on", "off", "toggle", "status"), default="status"
    )
    parser.add_argument("--root", help="project root (default: current directory)")
    parser.set_defaults(func=logs_command)


def logs_command(args: argparse.Namespace) -> int:
    """Change or report the project's logging state."""
    config = FlowConfig.from_env(root=args.root)
    state = args.state
    if state == "toggle":
        state = "off" if logging_enabled(config) else "on"
    if state in ("on", "off"):
        set_logging(config, state == "on")
    word = "on" if logging_enabled(config) else "off"
    print(f"DebugFlow logging is {word}: {log_file(config)}")
    return 0


def _script(state: str) -> int:
    """The scripts' own entry: a folder that cannot be made private is said, not a traceback."""
    try:
        return logs_command(argparse.Namespace(state=state, root=None))
    except FlowError as error:
        print(f"flow-logs: {error}", file=sys.stderr)
        return 2


def toggle_main() -> None:
    """`flow-logs`: toggle (or `flow-logs on|off`)."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "toggle"
    if arg not in ("on", "off", "toggle", "status"):
        print("usage: flow-logs [on|off|status]", file=sys.stderr)
        sys.exit(2)
    sys.exit(_script(arg))


def on_main() -> None:
    """`flow-logs-on`."""
    sys.exit(_script("on"))


def off_main() -> None:
    """`flow-logs-off`."""
    sys.exit(_script("off"))
