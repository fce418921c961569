"""`flow` / `debugflow`: parse the command line and dispatch to one command module."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from debugflow import __version__
from debugflow.errors import FlowError

if TYPE_CHECKING:
    import argparse

# Imported only when needed: `flow run` starts the program sooner without the others.
_COMMAND_MODULES = ("run", "debug", "runs", "show", "stats", "export", "doctor", "logs")
# The status a shell reports for a writer killed by SIGPIPE (128 + 13), as `yes | head` gives:
# scripts that already tell a reader stopping early from a failure treat `flow` the same way.
EXIT_READER_GONE = 141


def build_parser() -> argparse.ArgumentParser:
    """The `flow` parser with every subcommand."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="flow",
        description="DebugFlow: watch Python code run: calls, arguments, returns, time.",
    )
    parser.add_argument("--version", action="version", version=f"debugflow {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(f"debugflow.cli.{name}_cmd").add_parser(commands)
    _add_layer_commands(commands)
    return parser


def _add_layer_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`flow hud`, `flow ghost` and the sentinel's commands, whose modules register them."""
    from debugflow.cli.hud_cmd import add_hud_parser
    from debugflow.ghost.cli import add_ghost_parser
    from debugflow.sentinel.cli import add_sentinel_parsers

    add_hud_parser(commands)
    add_ghost_parser(commands)
    add_sentinel_parsers(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `flow` and `debugflow` console scripts."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    try:
        if tokens[:1] == ["run"]:
            from debugflow.cli.run_cmd import main_run  # without the other commands or argparse

            # Outside _command's pipe handling: the traced program meets a closed pipe
            # exactly as it would under plain python.
            return main_run(tokens[1:])
        if tokens[:1] == ["debug"]:
            from debugflow.cli.debug_cmd import main_debug  # the program's pipes, as for `run`

            return main_debug(tokens[1:])
        return _command(tokens)
    except FlowError as error:
        print(f"flow: {error}", file=sys.stderr)
        return 2


def _command(tokens: list[str]) -> int:
    """Run any command but `run`; a reader that closed the pipe (`| head`) ends it quietly."""
    try:
        parser = build_parser()
        args = parser.parse_args(tokens)
        if getattr(args, "func", None) is None:
            parser.print_help()
            code = 0
        else:
            code = args.func(args)
        # Output short enough to sit in the buffer meets the closed pipe only here.
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_READER_GONE
    return code


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's flush at exit cannot fail.

    The recipe of the Python docs (signal module, "Note on SIGPIPE").
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
