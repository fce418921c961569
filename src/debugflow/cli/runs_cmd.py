"""`flow runs [--clear]`: the recorded runs of every kind, newest first."""

from __future__ import annotations

import argparse
import datetime

from rich.table import Table

from debugflow.cli.common import add_store_options, console, open_store
from debugflow.units import format_count, format_duration


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow runs`."""
    parser = commands.add_parser("runs", help="list recorded runs and their kinds, newest first")
    add_store_options(parser, run_argument=False)
    parser.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
    parser.add_argument("--clear", action="store_true", help="delete every recorded run")
    parser.set_defaults(func=runs_command)


def runs_command(args: argparse.Namespace) -> int:
    """List runs, or delete them all with --clear."""
    with open_store(args) as store:
        if args.clear:
            print(f"deleted {store.clear()} runs")
            return 0
        runs = store.runs(args.limit)
    if not runs:
        print("no runs recorded yet: try `flow run your_script.py`")
        return 0
    table = Table(title="recorded runs (newest first)", title_justify="left")
    for column in ("run", "kind", "started", "status", "exit", "took", "calls", "exc", "command"):
        table.add_column(column, no_wrap=column != "command")
    for run in runs:
        table.add_row(
            run.run_id,
            run.kind,
            datetime.datetime.fromtimestamp(run.started_at).strftime("%m-%d %H:%M:%S"),
            run.status,
            "" if run.exit_code is None else str(run.exit_code),
            format_duration(run.duration_s * 1e9) if run.duration_s is not None else "",
            format_count(run.calls),
            format_count(run.exceptions),
            " ".join(run.argv) or run.kind,
        )
    console().print(table)
    return 0
