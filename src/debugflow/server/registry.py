"""Runs the hub is receiving: one spine model per run, the producers feeding it, who to notify.

Everything here runs on the hub's event loop; notifying a viewer only sets a flag, so a slow
viewer never slows producers down.

A producer that leaves without saying bye may have ended normally with events still in its
buffer (a run whose thousands of nodes change at once streams faster than a hub on a busy
machine takes it in, and a program does not wait at its exit for the hub). Its run is then
handed over to the store when the store holds it whole: it leaves the live runs and its
viewers are moved to the recorded run. Only a run the store does not have ended is "lost".
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from debugflow.protocol import Event
from debugflow.protocol.viewer import DebugStateWire, RunInfo
from debugflow.server.debug_relay import DebugRelay
from debugflow.server.settings import HubSettings
from debugflow.spine.model import SpineModel
from debugflow.transport.wire import EventsFrame, Hello

LOGS_KEPT = 2  # finished runs whose events stay in memory for replay (older ones: the store)


class Listener(Protocol):
    """A viewer connection, told when a run or the run list changes."""

    def run_changed(self, run_id: str) -> None:
        """A run's spine has a new version."""

    def runs_changed(self) -> None:
        """The run list changed (a run started, ended or was lost)."""

    def debug_changed(self, run_id: str) -> None:
        """A run's debugger state changed."""


class LiveRun:
    """A run streamed into this hub: its spine and, for replay, its events so far (bounded)."""

    def __init__(self, model: SpineModel, log_limit: int) -> None:
        self.model = model
        self.events: list[Event] = []
        self.truncated = False  # the log grew past its limit: replay reads the store instead
        self.producers = 0
        self.lost_timer: asyncio.TimerHandle | None = None
        self.debug = DebugRelay(model.run_id)
        self._log_limit = log_limit

    def record(self, events: Sequence[Event]) -> None:
        """Keep events for replay until the log limit, then drop the whole log."""
        if self.truncated:
            return
        if len(self.events) + len(events) > self._log_limit:
            self.truncated = True
            self.events = []
            return
        self.events.extend(events)

    def release_log(self) -> None:
        """Free the event log; replays of this run then read the store."""
        self.truncated = True
        self.events = []

    def info(self) -> RunInfo:
        """This run's entry in the run list."""
        status = self.model.status.wire(self.model.node_count)
        return {
            "id": status["run"],
            "kind": status["kind"],
            "script": status["script"],
            "argv": status["argv"],
            "state": status["state"],
            "live": True,
            "stored": False,
            "started_at": status["started_at"],
            "ended_at": status["ended_at"],
            "exit_code": status["exit_code"],
            "calls": status["calls"],
            "exceptions": status["exceptions"],
        }


class Registry:
    """The live runs by id (newest last) and the viewers listening to them."""

    def __init__(
        self,
        settings: HubSettings,
        stored_whole: Callable[[str], Awaitable[bool]] | None = None,
    ) -> None:
        """`stored_whole(run_id)` says whether the store holds a run whole (see above)."""
        self.settings = settings
        self.runs: OrderedDict[str, LiveRun] = OrderedDict()
        self.listeners: set[Listener] = set()
        self._stored_whole = stored_whole
        self._settling: set[asyncio.Task[None]] = set()

    def attach(self, hello: Hello) -> LiveRun:
        """A producer connected (or reconnected) for `hello.run`."""
        run = self.runs.get(hello.run.run_id)
        if run is None:
            run = LiveRun(SpineModel(hello.run.run_id), self.settings.live_log_limit)
            self.runs[hello.run.run_id] = run
            self.apply(run, EventsFrame(seq=0, events=(hello.run,), dropped=0))
            self._evict_finished()
        if run.lost_timer is not None:
            run.lost_timer.cancel()
            run.lost_timer = None
        run.producers += 1
        if run.model.set_state("live"):
            self._notify(run)
        self._notify_list()
        return run

    def apply(self, run: LiveRun, frame: EventsFrame) -> None:
        """Feed one batch into a run's spine and tell its viewers."""
        ended_before = run.model.status.state == "ended"
        run.record(frame.events)
        changed = run.model.apply(frame.events)
        changed = run.model.note_link_dropped(frame.dropped) or changed
        if changed:
            self._notify(run)
        if not ended_before and run.model.status.state == "ended":
            self._notify_list()

    def debug_state(self, run: LiveRun, state: DebugStateWire) -> None:
        """The run's program sent its debugger state: keep it and tell the viewers."""
        if run.debug.new_state(state):
            for listener in list(self.listeners):
                listener.debug_changed(run.model.run_id)

    def detach(self, run: LiveRun, clean: bool) -> None:
        """A producer left; the run is lost unless it ended or reconnects within the grace time."""
        run.producers = max(0, run.producers - 1)
        if run.producers or run.model.status.state == "ended":
            return
        if clean:
            self._lose(run)
            return
        loop = asyncio.get_running_loop()
        run.lost_timer = loop.call_later(self.settings.lost_grace, self._lose, run)

    def live_infos(self) -> list[RunInfo]:
        """Run-list entries of the runs in memory, newest first."""
        return [run.info() for run in reversed(self.runs.values())]

    def _lose(self, run: LiveRun) -> None:
        run.lost_timer = None
        if run.producers:
            return
        if self._stored_whole is None:
            self._mark_lost(run)
            return
        task = asyncio.ensure_future(self._settle(run, self._stored_whole))
        self._settling.add(task)
        task.add_done_callback(self._settling.discard)

    async def _settle(self, run: LiveRun, stored_whole: Callable[[str], Awaitable[bool]]) -> None:
        """Hand `run` over to the store if it holds it whole, else mark it lost."""
        run_id = run.model.run_id
        whole = await stored_whole(run_id)
        if run.producers or self.runs.get(run_id) is not run:
            return  # reconnected, or gone, meanwhile
        if not whole:
            self._mark_lost(run)
            return
        del self.runs[run_id]
        self._notify(run)  # its viewers find it gone from the live runs and follow the store
        self._notify_list()

    def _mark_lost(self, run: LiveRun) -> None:
        if run.model.set_state("lost"):
            self._notify(run)
            self._notify_list()

    def _evict_finished(self) -> None:
        finished = [
            key
            for key, run in self.runs.items()
            if run.producers == 0 and run.model.status.state != "live"
        ]
        for key in finished[: max(0, len(finished) - self.settings.finished_runs_kept)]:
            del self.runs[key]
        for key in finished[:-LOGS_KEPT]:
            if key in self.runs:
                self.runs[key].release_log()

    def _notify(self, run: LiveRun) -> None:
        for listener in list(self.listeners):
            listener.run_changed(run.model.run_id)

    def _notify_list(self) -> None:
        for listener in list(self.listeners):
            listener.runs_changed()
