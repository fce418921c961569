"""`flow stats [RUN | --ghost] [--json]`: per-function counts and timings of a run."""

from __future__ import annotations

import argparse
import json
import os

from rich.table import Table

from debugflow.cli.common import add_store_options, console, open_store, resolve_run
from debugflow.protocol import FunctionStats
from debugflow.units import format_count, format_duration


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow stats`."""
    parser = commands.add_parser(
        "stats",
        help="per-function calls, exceptions, time (default: newest live run)",
        description="Per-function calls, exceptions and time of the newest live run, of the "
        "one RUN names, or with --ghost of the newest ghost run.",
    )
    add_store_options(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--limit", type=int, default=50, help="rows in the table (default 50)")
    parser.set_defaults(func=stats_command)


def stats_command(args: argparse.Namespace) -> int:
    """Print the stats of one run as a table or JSON."""
    with open_store(args) as store:
        stats = store.function_stats(resolve_run(store, args))
    if args.json:
        print(json.dumps([_as_json(s) for s in stats], indent=2))
    else:
        console().print(_table(stats[: args.limit]))
    return 0


def _as_json(stats: FunctionStats) -> dict[str, object]:
    data = stats._asdict()
    data.pop("type")
    return data


def _table(stats: list[FunctionStats]) -> Table:
    table = Table(title="functions by total time", title_justify="left")
    for column in ("function", "where", "calls", "exc", "total", "own", "min", "median", "max"):
        table.add_column(column, justify="left" if column in ("function", "where") else "right")
    for row in stats:
        table.add_row(
            row.function,
            f"{os.path.basename(row.file)}:{row.line}",
            format_count(row.calls),
            format_count(row.exceptions),
            *(
                format_duration(n)
                for n in (row.total_ns, row.own_ns, row.min_ns, row.median_ns, row.max_ns)
            ),
        )
    return table
