"""`flow ghost TARGET`: a ghost pass of one function, shown in the terminal and kept in the store.

Also runnable as `python -m debugflow.ghost.cli TARGET ...`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from debugflow.config import FlowConfig
from debugflow.errors import FlowError, StoreError


def add_ghost_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `ghost TARGET [--report] [--json] [--max-calls N] [--max-seconds S] [--root DIR]`."""
    parser = subparsers.add_parser(
        "ghost",
        help="dry-run one function with mock arguments in a sandbox and map its call chain",
        description="Map the functions TARGET can reach, then dry-run it in a sandboxed child "
        "process with mock arguments made from its type hints.",
    )
    _add_arguments(parser)
    parser.set_defaults(func=run_ghost_command)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="TARGET", help="FILE.py:FUNCTION or FILE.py:Class.method")
    parser.add_argument(
        "--report", action="store_true", help="which functions were reached, and why not"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--max-calls", type=_positive_int, default=50, help="call cap (default 50)")
    parser.add_argument(
        "--max-seconds", type=_positive_float, default=3.0, help="wall-clock cap (default 3)"
    )
    parser.add_argument(
        "--max-inputs", type=_positive_int, default=5, help="input() answers (default 5)"
    )
    parser.add_argument("--root", help="project root (default: current directory)")
    parser.add_argument(
        "--no-store", action="store_true", help="do not record the pass in the run store"
    )


def run_ghost_command(args: argparse.Namespace) -> int:
    """Run the pass, record it, and print the tree, the report or the JSON report."""
    # The sandbox and the renderers load only when a ghost pass runs.
    from rich.console import Console

    from debugflow.ghost.dryrun import run_ghost
    from debugflow.ghost.render import report_view, tree_view

    config = FlowConfig.from_env(root=args.root)
    result = run_ghost(
        args.target,
        root=config.root,
        max_calls=args.max_calls,
        max_seconds=args.max_seconds,
        max_inputs=args.max_inputs,
    )
    run_id = None if getattr(args, "no_store", False) else _record(result, config.store_path)
    if args.json:
        print(json.dumps(_with_run(result.to_json(), run_id), indent=2))
        return 0
    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)
    out.print(report_view(result) if args.report else tree_view(result))
    if run_id is not None:
        out.print(f"[dim]recorded as ghost run {run_id}[/]")
    return 0


def _record(result: Any, store_path: Path) -> str | None:
    from debugflow.ghost.record import record_ghost

    try:
        return record_ghost(result, store_path)
    except StoreError as error:  # the pass is still worth showing without the store
        print(f"flow ghost: not recorded: {error}", file=sys.stderr)
        return None


def _with_run(report: dict[str, Any], run_id: str | None) -> dict[str, Any]:
    return {**report, "run_id": run_id}


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m debugflow.ghost.cli TARGET ...`."""
    parser = argparse.ArgumentParser(prog="flow ghost", description=__doc__)
    _add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_ghost_command(args)
    except FlowError as error:
        print(f"flow: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
