"""`flow` / `debugflow`: parse the command line and dispatch to one command module."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from debugflow import __version__
from debugflow.errors import FlowError

if TYPE_CHECKING:
    import argparse

# Imported only when needed: `flow run` starts the program sooner without the others.
_COMMAND_MODULES = ("run", "runs", "show", "stats", "export", "doctor", "logs")


def build_parser(run_only: bool = False) -> argparse.ArgumentParser:
    """The `flow` parser with every subcommand (or only `run`, for its help and errors)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="flow",
        description="DebugFlow: watch Python code run: calls, arguments, returns, time.",
    )
    parser.add_argument("--version", action="version", version=f"debugflow {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES[:1] if run_only else _COMMAND_MODULES:
        importlib.import_module(f"debugflow.cli.{name}_cmd").add_parser(commands)
    if not run_only:
        _add_layer_commands(commands)
    return parser


def _add_layer_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`flow hud` and `flow ghost`, whose modules register themselves."""
    from debugflow.cli.hud_cmd import add_hud_parser
    from debugflow.ghost.cli import add_ghost_parser

    add_hud_parser(commands)
    add_ghost_parser(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `flow` and `debugflow` console scripts."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        if tokens[:1] == ["run"]:
            from debugflow.cli.run_cmd import main_run  # without the other commands or argparse

            return main_run(tokens[1:])
        parser = build_parser()
        args = parser.parse_args(tokens)
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 0
        code: int = args.func(args)
    except FlowError as error:
        print(f"flow: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
