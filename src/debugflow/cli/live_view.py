"""The live terminal view of `flow run`: current call stacks, recent calls and counts.

A sink: `handle()` only updates state under a lock; Rich's own refresh thread draws it.
The program's prints go above the live panel (Rich redirects the terminal's output while
the panel is shown), so neither garbles the other.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from debugflow.protocol import CallEnded, CallStarted, Event, RunStarted
from debugflow.units import format_count, format_duration

RECENT = 6
STACK_SHOWN = 8


class LiveView:
    """Draws a compact, constantly refreshed panel on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._console = Console(file=stream, highlight=False)
        self._lock = threading.Lock()
        self._open: dict[int, CallStarted] = {}
        self._recent: deque[Text] = deque(maxlen=RECENT)
        self._calls = 0
        self._exceptions = 0
        self._run: RunStarted | None = None
        self._live: Live | None = None

    def handle(self, events: Sequence[Event]) -> None:
        """Fold a batch into the view's state."""
        with self._lock:
            for event in events:
                self._fold(event)
        if self._live is None and self._run is not None:
            self._start()

    def close(self) -> None:
        """Remove the panel (the summary line follows it)."""
        if self._live is not None:
            self._live.stop()
            self._live = None

    def _start(self) -> None:
        same_terminal = sys.stdout.isatty()
        self._live = Live(
            self,
            console=self._console,
            refresh_per_second=8,
            transient=True,
            redirect_stdout=same_terminal,
            redirect_stderr=same_terminal,
        )
        self._live.start()

    def _fold(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self._run = event
        elif isinstance(event, CallStarted):
            self._open[event.call_id] = event
            self._calls += 1
        elif isinstance(event, CallEnded):
            started = self._open.pop(event.call_id, None)
            if started is not None:
                self._recent.append(_ended_line(started, event))
            self._exceptions += event.outcome == "exception"

    def __rich__(self) -> Panel:
        with self._lock:
            stack = sorted(self._open.values(), key=lambda c: c.start_ns)[-STACK_SHOWN:]
            lines = [Text("  " + call.function, style="yellow") for call in stack]
            recent = list(self._recent)
            counts = (
                f"{format_count(self._calls)} calls shown in detail · "
                f"{format_count(self._exceptions)} exceptions"
            )
        body = Group(
            Text("running now", style="bold"),
            *(lines or [Text("  (idle)", style="dim")]),
            Text("recent", style="bold"),
            *recent,
            Text(counts, style="dim"),
        )
        title = f"debugflow · {self._run.run_id}" if self._run else "debugflow"
        return Panel(body, title=title, border_style="cyan", expand=False)


def _ended_line(started: CallStarted, ended: CallEnded) -> Text:
    took = format_duration(ended.end_ns - started.start_ns)
    if ended.outcome == "exception":
        return Text(
            f"  ✗ {started.function}  {ended.exc_type}: {ended.exc_message}  {took}", style="red"
        )
    value = f" → {ended.value.shown()}" if ended.value is not None else ""
    return Text(f"  ✓ {started.function}{value}  {took}", style="green")
