"""`flow run script.py args…` / `flow run -m module args…`: run a program traced, like `python`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from debugflow.config import FlowConfig
from debugflow.protocol import RunEnded, RunStarted, Sink
from debugflow.runner import finish_like_python, parse_target, run_target, wait_for_threads
from debugflow.session import TraceSession
from debugflow.units import format_count, format_duration

if TYPE_CHECKING:
    from debugflow.cli.hud_launch import HudLaunch

# Options of `flow run` that take a value; everything from the script (or `-m module`) on
# belongs to the program, so `flow run app.py --epochs 3` passes `--epochs 3` through.
_VALUE_OPTIONS = frozenset(
    {
        "--root",
        "--include",
        "--exclude",
        "--backend",
        "--repr",
        "--detail-calls",
        "--sample-every",
        "--port",
    }
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow run`."""
    parser = commands.add_parser(
        "run",
        help="run a Python program and trace it",
        description="Run a script or module exactly as python would, recording every call.",
        usage="flow run [options] (script.py | -m module) [args ...]",
    )
    parser.add_argument("-m", dest="module", help="run a library module as a script")
    parser.add_argument("--root", help="project root whose code is traced (default: cwd)")
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        help="also trace these paths/globs/modules (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="never trace these paths/globs/modules (repeatable)",
    )
    parser.add_argument(
        "--backend", choices=("monitoring", "settrace"), help="force a tracing backend"
    )
    parser.add_argument(
        "--repr",
        dest="repr_mode",
        choices=("safe", "user"),
        help="'user' shows values with the program's own __repr__ (guarded)",
    )
    parser.add_argument("--detail-calls", type=int, help="calls per function kept in full")
    parser.add_argument("--sample-every", type=int, help="then keep one call in N in full")
    parser.add_argument("-q", "--quiet", action="store_true", help="no output from DebugFlow")
    parser.add_argument(
        "--live",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="live terminal view (default: on when stderr is a terminal)",
    )
    parser.add_argument(
        "--hud",
        action="store_true",
        help="start a hub if none is running, open the web HUD, keep serving after the run "
        "until Ctrl+C (FLOW_NO_BROWSER=1: do not open a browser)",
    )
    parser.add_argument("program", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_command)


def split_run_argv(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split `flow run` arguments into DebugFlow's options and the program's command line."""
    options: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            return options, list(tokens[index + 1 :])
        if token == "-m":
            return options + list(tokens[index : index + 2]), list(tokens[index + 2 :])
        if not token.startswith("-"):
            return options, list(tokens[index:])
        options.append(token)
        if token in _VALUE_OPTIONS:
            options.extend(tokens[index + 1 : index + 2])
            index += 1
        index += 1
    return options, []


def run_command(args: argparse.Namespace) -> int:
    """Run the program traced and leave the process as plain Python would."""
    config = _config(args)
    target = parse_target(args.program, args.module)
    hud = _start_hud(config) if args.hud else None  # first, so the run streams to it
    show = not config.quiet and sys.stderr.isatty()
    live = config.live if config.live is not None else show
    sinks: list[Sink] = [_live_view()] if live and not config.quiet else []
    session = TraceSession(config, kind="run", argv=target.argv(), sinks=sinks)
    run = session.start()
    for warning in session.warnings if show else ():
        print(warning, file=sys.stderr)  # off a terminal, stderr belongs to the program alone
    outcome = run_target(target)
    wait_for_threads()
    ended = session.stop(outcome.exit_code)
    if show:
        print(summary_line(run, ended), file=sys.stderr)
    if hud is not None:
        hud.serve_until_interrupted()
    finish_like_python(outcome)
    return outcome.exit_code


def summary_line(run: RunStarted, ended: RunEnded) -> str:
    """One line about a finished run and how to open it."""
    seconds = max(ended.ended_at - run.started_at, 0.0)
    parts = [
        f"debugflow: run {run.run_id}",
        f"{format_count(ended.calls)} calls",
        f"{format_count(ended.exceptions)} exceptions",
        format_duration(seconds * 1e9),
    ]
    if ended.dropped:
        parts.append(f"{format_count(ended.dropped)} events dropped")
    parts.append(f"open it: flow show {run.run_id}")
    return " · ".join(parts)


def _config(args: argparse.Namespace) -> FlowConfig:
    config = FlowConfig.from_env(root=args.root)
    changes: dict[str, object] = {"quiet": args.quiet}
    if args.include:
        changes["include"] = config.include + tuple(args.include)
    if args.exclude:
        changes["exclude"] = config.exclude + tuple(args.exclude)
    for name in ("backend", "repr_mode", "detail_calls", "sample_every", "live"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    return config.with_options(**changes)


def _start_hud(config: FlowConfig) -> HudLaunch | None:
    from debugflow.cli.hud_launch import start_hud  # only with --hud: `flow run` starts lean

    return start_hud(config.data_dir)


def _live_view() -> Sink:
    from debugflow.cli.live_view import LiveView

    return LiveView(sys.stderr)
