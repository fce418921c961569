"""Which run the desktop HUD shows: the newest live run, followed as the web HUD follows it.

The rules are `viewer/src/session.ts` and `runorder.ts` without the History panel and the
timeline: the first run list opens the running run (else the newest recorded one that is not a
ghost run, at its end); every later list opens a live run that appeared since; a patch is
applied only on the version it was made from, and any other one asks for a snapshot again; a
run that ends stays on screen until a newer one starts. Hub messages come in through
`handle()`, commands go out through `send`, and what changed goes to `SessionEvents`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, Protocol

from debugflow.hud.mirror import Change, Gap, RunMirror
from debugflow.protocol.versions import SPINE_VERSION, WIRE_VERSION
from debugflow.protocol.viewer import (
    HelloMessage,
    RunInfo,
    SpineMessage,
    ViewerCommand,
    ViewerMessage,
)

GHOST_KIND = "ghost"  # the run kind `flow ghost` records

Send = Callable[[ViewerCommand], None]


class SessionEvents(Protocol):
    """What the HUD hears from its session."""

    def incompatible(self, text: str) -> None:
        """The hub speaks another protocol version: `text` says which and what to do."""

    def opened(self, mirror: RunMirror) -> None:
        """A run was opened: nothing of it is held yet."""

    def applied(self, mirror: RunMirror, change: Change) -> None:
        """A snapshot or patch of the open run was applied."""

    def error(self, text: str) -> None:
        """The hub refused something (a run that is gone, a command)."""


class Session:
    """Follows the newest live run of one hub connection."""

    def __init__(self, send: Send, events: SessionEvents) -> None:
        self.mirror: RunMirror | None = None
        self.runs: list[RunInfo] = []
        self.compatible = True
        self._send = send
        self._events = events
        self._listed = False  # the first run list tells what was there before the HUD
        self._kind: Literal["live", "replay"] = "live"

    def handle(self, message: ViewerMessage) -> None:
        """Act on one message from the hub."""
        if message["type"] == "hello":
            self._hello(message)
        elif message["type"] == "runs":
            self._on_runs(message["runs"])
        elif message["type"] == "error":
            self._events.error(message["message"])
        elif (message["type"] == "snapshot" or message["type"] == "patch") and self.compatible:
            self._on_spine(message)  # (the debugger's messages are for the web HUD only)

    def open(self, run: RunInfo) -> None:
        """Show `run`: a live run is followed, a recorded one opens at its end."""
        previous = self.mirror
        if previous is not None and previous.run_id != run["id"]:
            self._send({"type": "unsubscribe", "run": previous.run_id})
        self.mirror = RunMirror(run["id"])
        self._events.opened(self.mirror)
        if run["live"]:
            self._subscribe()
        else:
            self._replay_end()

    def _hello(self, message: HelloMessage) -> None:
        self.compatible = message["v"] == WIRE_VERSION and message["spine"] == SPINE_VERSION
        if not self.compatible:
            newer = message["v"] > WIRE_VERSION or message["spine"] > SPINE_VERSION
            self._events.incompatible(
                f"this HUD (wire {WIRE_VERSION}, spine {SPINE_VERSION}) is "
                f"{'older' if newer else 'newer'} than the hub (wire {message['v']}, spine "
                f"{message['spine']}, debugflow {message['hub']['version']}): run the same "
                "DebugFlow version for both"
            )
        elif self.mirror is not None:
            self._resync()  # a reconnect: ask for the picture again

    def _on_runs(self, runs: list[RunInfo]) -> None:
        first = not self._listed
        known = {run["id"] for run in self.runs}
        self._listed = True
        self.runs = runs
        if not self.compatible:
            return
        # The first list is what was there before the HUD: the running run, else the latest
        # recorded one. Later lists only bring new live runs to follow.
        if first and self.mirror is None:
            chosen = first_run_to_show(runs)
        else:
            chosen = new_live_run(runs, known)
        if chosen is not None and (self.mirror is None or chosen["id"] != self.mirror.run_id):
            self.open(chosen)

    def _on_spine(self, message: SpineMessage) -> None:
        mirror = self.mirror
        if mirror is None or message["run"] != mirror.run_id:
            return
        result = mirror.apply(message)
        if isinstance(result, Gap):
            self._resync()
        else:
            self._events.applied(mirror, result.change)

    def _subscribe(self) -> None:
        if self.mirror is not None:
            self._kind = "live"
            self._send({"type": "subscribe", "run": self.mirror.run_id})

    def _replay_end(self) -> None:
        if self.mirror is not None:
            self._kind = "replay"
            self._send({"type": "replay", "run": self.mirror.run_id, "at": None, "speed": 0})

    def _resync(self) -> None:
        if self._kind == "live":
            self._subscribe()
        elif self.mirror is not None:
            run_id, at = self.mirror.run_id, self.mirror.at
            self._send({"type": "replay", "run": run_id, "at": at, "speed": 0})


def newest_first(runs: Iterable[RunInfo]) -> list[RunInfo]:
    """The runs newest first by start time, ties by id (never by the order the hub sent)."""
    by_id = sorted(runs, key=lambda run: run["id"], reverse=True)
    return sorted(by_id, key=lambda run: run["started_at"], reverse=True)


def is_running(run: RunInfo) -> bool:
    """Whether a run is still running in this hub (patches follow a subscribe)."""
    return run["live"] and run["state"] == "live"


def first_run_to_show(runs: Iterable[RunInfo]) -> RunInfo | None:
    """What a new HUD opens: the newest running run, else the newest that is not a ghost run."""
    ordered = newest_first(runs)
    running = [run for run in ordered if is_running(run)]
    shown = running or [run for run in ordered if run["kind"] != GHOST_KIND]
    return shown[0] if shown else None


def new_live_run(runs: Iterable[RunInfo], known: set[str]) -> RunInfo | None:
    """A live run that appeared since the previous list: a running one, or one that started
    and ended between two lists (a short script can finish before the HUD hears of it)."""
    for run in newest_first(runs):
        if run["live"] and (run["state"] == "live" or run["id"] not in known):
            return run
    return None
