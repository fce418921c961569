"""`flow export [RUN | --ghost] --format chrome|jsonl [-o FILE]`: a run for other tools."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from typing import TextIO

from debugflow.cli.common import add_store_options, open_store, resolve_run
from debugflow.exporters.chrome import write_chrome_trace
from debugflow.exporters.jsonl import write_jsonl

WRITERS = {"chrome": write_chrome_trace, "jsonl": write_jsonl}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow export`."""
    parser = commands.add_parser(
        "export",
        help="export a run: Chrome trace or JSONL (default: newest live run)",
        description="Export the newest live run, the one RUN names, or with --ghost the "
        "newest ghost run, as a Chrome trace (for Perfetto) or as JSON lines.",
    )
    add_store_options(parser)
    parser.add_argument("--format", choices=sorted(WRITERS), default="chrome")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.set_defaults(func=export_command)


def export_command(args: argparse.Namespace) -> int:
    """Write one run in the chosen format."""
    with open_store(args) as store:
        run_id = resolve_run(store, args)
        with _output(args.output) as out:
            count = WRITERS[args.format](store.events(run_id), out)
    if args.output:
        print(f"wrote {count} events of run {run_id} to {args.output}", file=sys.stderr)
    return 0


def _output(path: str | None) -> AbstractContextManager[TextIO]:
    if path is None:
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")
