"""`flow debug [--break SPEC]… script.py args…`: run a program under the debugger, pdb-style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from debugflow.cli.run_options import RunArgs, declare_run_command, read_run_command

if TYPE_CHECKING:
    import argparse

_DESCRIPTION = (
    "Run a script or module exactly as python would, traced and recorded, stopped at its "
    "first line with pdb's commands (s, n, r, c, p EXPR, w, l, b, cl, q), read from stdin "
    "whether or not it is a terminal. Breakpoints set at the prompt are kept for the "
    "project; --break ones are for this run."
)
_USAGE = "flow debug [options] [--break SPEC]… (script.py | -m module) [args ...]"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow debug` in `flow --help`."""
    parser = commands.add_parser(
        "debug", help="run a Python program in the debugger", description=_DESCRIPTION,
        usage=_USAGE,
    )  # fmt: skip
    declare_run_command(parser)


def main_debug(tokens: Sequence[str]) -> int:
    """`flow debug TOKENS…`, read like `flow run`'s."""
    return debug_command(read_run_command(tokens, "flow debug", _DESCRIPTION, _USAGE))


def debug_command(args: RunArgs) -> int:
    """Run the program under the debugger and leave the process as plain Python would."""
    from debugflow.cli.debugging import run_debugged
    from debugflow.cli.run_cmd import run_config
    from debugflow.run.program import parse_target

    config = run_config(args).with_options(live=False)
    target = parse_target(args.program, args.module)
    return run_debugged(config, target, args.breaks, stop_first=True, pause_all=args.pause_all)
