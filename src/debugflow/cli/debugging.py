"""Running a program under the debugger: `flow debug`, and `flow run --break`.

`flow debug` stops at the program's first line, as `python -m pdb` does, and reads pdb's
commands from stdin, a terminal or not. It starts with the project's saved breakpoints
(`<data folder>/breakpoints.json`) and those given with `--break`; a breakpoint set or
cleared at the prompt is saved for the project, one given with `--break` is for this run.

`flow run --lines` (with `--break`, or alone: then no breakpoint is set and nothing pauses)
traces the functions it names line by line.

`flow run --break` runs on to its breakpoints. On a terminal (stdin is one) it pauses there
and takes the same commands (the live view is off: the prompt needs the terminal). Off a
terminal stdin is the program's own input, so nothing pauses: each breakpoint that takes
effect is recorded in the run instead (a pulse naming it and the place), and the program's
input, output and exit code stay its own.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from debugflow.cli.debug_interrupt import InterruptToPause
from debugflow.cli.debug_terminal import TerminalFrontEnd
from debugflow.cli.run_summary import summary_line
from debugflow.config import FlowConfig
from debugflow.debugger import savefile
from debugflow.debugger.breakpoints import BreakpointTable, check_line
from debugflow.debugger.focus import FocusTable, parse_focus
from debugflow.debugger.runtime import Debugger
from debugflow.debugger.specs import BreakSpec, parse_spec
from debugflow.run.program import Target, finish_like_python, run_target, wait_for_threads
from debugflow.run.session import TraceSession, code_filter

FRONT_END_WAIT_S = 5.0  # how long the end of a run waits for the front end's last line


def read_specs(texts: Sequence[str], cwd: str) -> list[BreakSpec]:
    """Parse `--break` specs and check their lines; BadBreakpoint names the first bad one."""
    specs = [parse_spec(text, cwd) for text in texts]
    for spec in specs:
        check_line(spec)
    return specs


def run_debugged(
    config: FlowConfig,
    target: Target,
    breaks: Sequence[str],
    *,
    stop_first: bool,
    before_exit: Callable[[], None] | None = None,
    focus: Sequence[str] = (),
    pause_all: bool = False,
) -> int:
    """Run `target` under the debugger and leave the process as plain Python would.

    `before_exit` runs after the run is recorded (`flow run --hud` serves the HUD there).
    `pause_all` (`--pause-all`) holds every other thread while one is paused; without it,
    `FLOW_DEBUG_PAUSE_ALL=1` does.
    """
    cwd = os.getcwd()
    given = read_specs(breaks, cwd)
    saved = savefile.load(config.data_dir) if stop_first else []
    table = BreakpointTable([*saved, *given])
    session_only = {item.number for item in table.all()[len(saved) :]}
    pauses = stop_first or _stdin_is_terminal()
    focused = focus_table(focus)
    debugger = Debugger(
        table, code_filter(config), can_pause=pauses, focus=focused, pause_all=pause_all or None
    )
    front = None
    if pauses:
        save = _saver(debugger, config.data_dir, session_only) if stop_first else None
        front = TerminalFrontEnd(debugger, sys.stdin, sys.stdout, cwd, save)
    kind = "debug" if stop_first else "run"
    session = TraceSession(config, kind=kind, argv=target.argv(), debugger=debugger)
    debugger.on_quit = lambda: _quit(session)
    run = session.start()
    # Off a terminal, `flow run`'s stderr belongs to the program alone; `flow debug` talks.
    if not config.quiet and (stop_first or sys.stderr.isatty()):
        for warning in session.warnings:
            print(warning, file=sys.stderr)
    interrupts = None
    if front is not None:
        front.start()
        if _stdin_is_terminal():  # Ctrl+C pauses, as under pdb (commands from a file: not)
            interrupts = InterruptToPause(debugger, front.say)
            interrupts.install()
    if stop_first:
        debugger.stop_first(threading.get_ident())
    outcome = run_target(target)
    wait_for_threads()
    if interrupts is not None:
        interrupts.uninstall()
    debugger.end(outcome.exit_code)
    if front is not None:
        front.join(FRONT_END_WAIT_S)
    ended = session.stop(outcome.exit_code)
    if not config.quiet and sys.stderr.isatty():
        line = summary_line(run, ended, session.not_recorded, session.recording_stopped)
        print(line, file=sys.stderr)
    if before_exit is not None:
        before_exit()
    finish_like_python(outcome)
    return outcome.exit_code


def focus_table(texts: Sequence[str]) -> FocusTable:
    """The focused functions `--lines` names; BadBreakpoint names the first bad one."""
    cwd = os.getcwd()
    return FocusTable(tuple(parse_focus(text, cwd) for text in texts))


def _saver(debugger: Debugger, data_dir: Path, session_only: set[int]) -> Callable[[], None]:
    """Keeps the breakpoints set at the prompt (and the saved ones not cleared)."""

    def save() -> None:
        kept = [item.spec for item in debugger.breakpoints() if item.number not in session_only]
        savefile.save(data_dir, kept)

    return save


def _quit(session: TraceSession) -> None:
    """`q`: end the program now. The run is recorded as ended by the debugger (no exit
    code); the program's own clean-up does not run, and the status is 0, as pdb's."""
    session.stop(None)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):
        return False
