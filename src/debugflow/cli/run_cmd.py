"""`flow run script.py args…` / `flow run -m module args…`: run a program traced, like `python`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from debugflow.cli.run_options import RunArgs, declare_run_command, read_run_command, run_parser
from debugflow.config import FlowConfig
from debugflow.protocol import Sink
from debugflow.redaction import chosen_pattern
from debugflow.run.program import (
    finish_like_python,
    parse_target,
    run_target,
    set_own_objects_aside,
    wait_for_threads,
)
from debugflow.run.session import TraceSession, hub_configured

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from debugflow.cli.hud_launch import HudLaunch
    from debugflow.debugger.runtime import Debugger


_DESCRIPTION = "Run a script or module exactly as python would, recording every call."
_USAGE = "flow run [options] (script.py | -m module) [args ...]"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `flow run` in `flow --help` (its options are declared in `run_options`)."""
    parser = commands.add_parser(
        "run", help="run a Python program and trace it", description=_DESCRIPTION, usage=_USAGE
    )
    declare_run_command(parser)


def _run_parser() -> argparse.ArgumentParser:
    """`flow run` alone, for its help and its errors (the same text as under `flow`)."""
    return run_parser("flow run", _DESCRIPTION, _USAGE)


def main_run(tokens: Sequence[str]) -> int:
    """`flow run TOKENS…`: options read without argparse unless they need its help or errors."""
    return run_command(read_run_command(tokens, "flow run", _DESCRIPTION, _USAGE))


def run_command(args: RunArgs) -> int:
    """Run the program traced and leave the process as plain Python would."""
    config = run_config(args)
    target = parse_target(args.program, args.module)
    hud = _start_hud(config) if args.hud else None  # first, so the run streams to it
    if args.breaks:  # the debugger is loaded only then: `flow run` starts lean without it
        from debugflow.cli.debugging import run_debugged

        serve = hud.serve_until_interrupted if hud is not None else None
        debugged = config.with_options(live=False)
        return run_debugged(
            debugged, target, args.breaks, stop_first=False, before_exit=serve, focus=args.lines,
            pause_all=args.pause_all,
        )  # fmt: skip
    show = not config.quiet and sys.stderr.isatty()
    live = config.live if config.live is not None else show
    sinks: list[Sink] = [_live_view()] if live and not config.quiet else []
    hub = hub_configured(config)
    debugger, keep = _hub_debugger(config, args.pause_all) if hub else (None, None)
    if args.lines:
        debugger = _focusing(config, args.lines, debugger)
    session = TraceSession(
        config, kind="run", argv=target.argv(), sinks=sinks, debugger=debugger,
        keep_breakpoints=keep,
    )  # fmt: skip
    run = session.start()
    for warning in session.warnings if show else ():
        print(warning, file=sys.stderr)  # off a terminal, stderr belongs to the program alone
    set_own_objects_aside()
    outcome = run_target(target)
    wait_for_threads()
    ended = session.stop(outcome.exit_code)
    if show:
        from debugflow.cli.run_summary import summary_line  # only for a terminal

        line = summary_line(run, ended, session.not_recorded, session.recording_stopped)
        print(line, file=sys.stderr)
    if hud is not None:
        hud.serve_until_interrupted()
    finish_like_python(outcome)
    return outcome.exit_code


def run_config(args: RunArgs) -> FlowConfig:
    """The run's configuration: the environment's, with the command line's options over it."""
    config = FlowConfig.from_env(root=args.root)
    changes: dict[str, object] = {"quiet": args.quiet}
    if args.include:
        changes["include"] = config.include + tuple(args.include)
    if args.exclude:
        changes["exclude"] = config.exclude + tuple(args.exclude)
    for name in ("backend", "repr_mode", "detail_calls", "sample_every", "live"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.redact is not None:
        changes["redact"] = chosen_pattern(args.redact, "--redact", "--no-redact")
    return config.with_options(**changes)


def _hub_debugger(config: FlowConfig, pause_all: bool) -> tuple[Debugger, Callable[[], None]]:
    """The debugger of a run that streams to a hub: the HUD sets its breakpoints and answers
    its pauses. It starts with the project's saved breakpoints; a HUD's changes are saved.
    `pause_all` (`--pause-all`, else FLOW_DEBUG_PAUSE_ALL) holds the other threads in a pause."""
    from debugflow.debugger import savefile
    from debugflow.debugger.breakpoints import BreakpointTable
    from debugflow.debugger.runtime import Debugger
    from debugflow.errors import FlowError
    from debugflow.run.session import code_filter

    try:
        saved = savefile.load(config.data_dir)
    except FlowError as error:
        if not config.quiet and sys.stderr.isatty():
            print(f"debugflow: {error}", file=sys.stderr)
        saved = []
    # Until the link is made, nothing can answer a pause: a stop is recorded, not paused.
    debugger = Debugger(
        BreakpointTable(saved), code_filter(config), can_pause=False, pause_all=pause_all or None
    )

    def keep() -> None:
        savefile.save(config.data_dir, [item.spec for item in debugger.breakpoints()])

    return debugger, keep


def _focusing(config: FlowConfig, lines: Sequence[str], debugger: Debugger | None) -> Debugger:
    """`debugger` (or, without one, a debugger with no breakpoints, which never pauses)
    tracing the functions `lines` names line by line (`--lines`)."""
    from debugflow.cli.debugging import focus_table
    from debugflow.debugger.breakpoints import BreakpointTable
    from debugflow.debugger.runtime import Debugger
    from debugflow.run.session import code_filter

    focused = focus_table(lines)
    if debugger is None:
        return Debugger(BreakpointTable(), code_filter(config), can_pause=False, focus=focused)
    for spec in focused.specs:
        debugger.focus_table.set(spec, True)
    return debugger


def _start_hud(config: FlowConfig) -> HudLaunch | None:
    from debugflow.cli.hud_launch import start_hud  # only with --hud: `flow run` starts lean

    return start_hud(config.data_dir)


def _live_view() -> Sink:
    from debugflow.cli.live_view import LiveView

    return LiveView(sys.stderr)
