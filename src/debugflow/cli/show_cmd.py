"""`flow show [RUN | --ghost]`: a recorded run as a call tree in the terminal."""

from __future__ import annotations

import argparse
import datetime

from debugflow.cli.common import add_store_options, console, open_store, resolve_run
from debugflow.debugger.record import PauseLog
from debugflow.spine.model import SpineModel
from debugflow.spine.terminal import render_spine
from debugflow.storage import RunSummary
from debugflow.units import format_count, format_duration


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow show`."""
    parser = commands.add_parser(
        "show",
        help="show a run as a call tree (default: newest live run)",
        description="Show a recorded run as a call tree: the newest live run, the one RUN "
        "names, or with --ghost the newest ghost run.",
    )
    add_store_options(parser)
    parser.add_argument("--max-nodes", type=int, default=2000, help="stop after this many nodes")
    parser.add_argument(
        "--imports",
        action="store_true",
        help="show what each import ran (by default one folded line per top-level import)",
    )
    parser.set_defaults(func=show_command)


def show_command(args: argparse.Namespace) -> int:
    """Print the call tree of one run."""
    pauses = PauseLog()
    with open_store(args) as store:
        run_id = resolve_run(store, args)
        summary = store.summary(run_id)
        model = SpineModel(run_id)
        model.apply(pauses.through(store.events(run_id)))
    out = console()
    out.print(render_spine(model, title_of(summary), args.max_nodes, unfold_imports=args.imports))
    spans = pauses.all()
    if spans:
        out.print(f"paused {len(spans)} time{'s' if len(spans) != 1 else ''} in the debugger:")
        for span in spans:
            out.print(f"  {span.line()}", markup=False)
    return 0


def title_of(summary: RunSummary) -> str:
    """One line naming a run: id, command, status, counts."""
    started = datetime.datetime.fromtimestamp(summary.started_at).strftime("%Y-%m-%d %H:%M:%S")
    command = " ".join(summary.argv) or summary.kind
    took = format_duration(summary.duration_s * 1e9) if summary.duration_s is not None else "?"
    exit_text = "" if summary.exit_code is None else f", exit {summary.exit_code}"
    return (
        f"run {summary.run_id} · {command} · {started} · {summary.status}{exit_text} · "
        f"{format_count(summary.calls)} calls · {format_count(summary.exceptions)} "
        f"exceptions · {took}"
    )
