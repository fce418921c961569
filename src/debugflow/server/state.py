"""The state one hub shares between its handlers: settings, live runs, history, open sockets."""

from __future__ import annotations

import asyncio
import os
from collections import OrderedDict, deque
from collections.abc import Sequence

from aiohttp import web

from debugflow import __version__
from debugflow.debugger.record import PauseLog, PauseSpan
from debugflow.protocol import Event
from debugflow.protocol.versions import EVENT_VERSION, SPINE_VERSION, WIRE_VERSION
from debugflow.protocol.viewer import HelloMessage, PausesMessage, PauseWire, RunInfo, RunsMessage
from debugflow.server.connections import ConnectionGuard
from debugflow.server.history import EventsPage, History
from debugflow.server.registry import LiveRun, Registry
from debugflow.server.replay import EventSource, MemoryEvents
from debugflow.server.settings import HubSettings
from debugflow.spine.model import SpineModel
from debugflow.storage.final_spine import FinalSpine


class HubState:
    """What every request handler of one hub reaches through `request.app[HUB]`."""

    def __init__(self, settings: HubSettings) -> None:
        self.settings = settings
        self.history = History(settings.store_path)
        self.registry = Registry(settings, self._stored_whole)
        self.sockets: set[web.WebSocketResponse] = set()
        self.connections = ConnectionGuard(settings.max_unproven, settings.request_timeout)
        self.stored: list[RunInfo] = []
        self._pauses: OrderedDict[str, list[PauseWire]] = OrderedDict()  # recorded runs'

    async def refresh_stored(self) -> None:
        """Re-read the recorded runs from the store."""
        self.stored = await self.history.runs()

    async def _stored_whole(self, run_id: str) -> bool:
        """Whether the store holds `run_id` whole; if so the run list is read again, so the
        run is listed as recorded once it leaves the live runs."""
        if not await self.history.ended(run_id):
            return False
        await self.refresh_stored()
        return True

    def run_list(self) -> RunsMessage:
        """Live runs first (newest first), then recorded runs not streaming here."""
        stored_ids = {info["id"] for info in self.stored}
        live = self.registry.live_infos()
        for info in live:
            info["stored"] = info["id"] in stored_ids
        live_ids = {info["id"] for info in live}
        rest = [info for info in self.stored if info["id"] not in live_ids]
        return {"type": "runs", "v": WIRE_VERSION, "runs": [*live, *rest]}

    def live_run(self, run_id: str) -> LiveRun | None:
        """A run streamed into this hub, by its exact id."""
        return self.registry.runs.get(run_id)

    def _memory_log(self, run_ref: str) -> LiveRun | None:
        """The live run `run_ref` names if its whole event log is still in memory."""
        live = self.live_run(run_ref)
        return live if live is not None and not live.truncated else None

    async def replay_source(self, run_ref: str) -> EventSource:
        """A run's events for replay: from memory when complete there, else from the store."""
        live = self._memory_log(run_ref)
        if live is not None:
            return MemoryEvents(run_ref, live.events)
        return await self.history.open_events(run_ref)

    async def events_page(self, run_ref: str, offset: int, limit: int) -> EventsPage:
        """A page of a run's events: from memory when complete there, else from the store."""
        live = self._memory_log(run_ref)
        if live is None:
            return await self.history.page(run_ref, offset, limit)
        return EventsPage(run_ref, len(live.events), live.events[offset : offset + limit])

    async def stored_model(self, run_ref: str) -> SpineModel:
        """The final spine of a recorded run, applied off the event loop: for a finished run
        from its nodes' statistics and a few calls per node (`storage.final_spine`), else
        its events streamed from the store a chunk at a time (the spine is bounded; the run
        is not)."""
        final = await self.history.final_spine(run_ref)
        if final is not None:
            model = SpineModel(final.run_id)
            await asyncio.to_thread(_apply_final, model, final)
            pauses = PauseLog()
            _note(pauses, final.pauses)  # kept, so that no pass over the stream finds them
            self._keep_pauses(final.run_id, _pause_wires(pauses, final.origin_ns))
            return model
        source = await self.history.open_events(run_ref)
        model = SpineModel(source.run_id)
        pauses = PauseLog()
        while chunk := await source.read():
            await asyncio.to_thread(model.apply, chunk)
            _note(pauses, chunk)
        self._keep_pauses(source.run_id, _pause_wires(pauses, source.origin_ns))
        return model

    async def pauses_message(self, run_ref: str) -> PausesMessage:
        """Every pause of a run, for the timeline of a recorded run or a replay (a recorded
        run's are kept from reading its spine; otherwise its events are read for them)."""
        found = self._pauses.get(run_ref)
        if found is None:
            source = await self.replay_source(run_ref)
            pauses = PauseLog()
            while chunk := await source.read():
                _note(pauses, chunk)
            found = _pause_wires(pauses, source.origin_ns)
            if self.live_run(source.run_id) is None:
                self._keep_pauses(source.run_id, found)
        return {"type": "pauses", "v": WIRE_VERSION, "run": run_ref, "pauses": found}

    def _keep_pauses(self, run_id: str, pauses: list[PauseWire]) -> None:
        self._pauses[run_id] = pauses
        self._pauses.move_to_end(run_id)
        while len(self._pauses) > PAUSES_KEPT:
            self._pauses.popitem(last=False)


PAUSES_KEPT = 32  # recorded runs whose pause lists are kept


def _note(pauses: PauseLog, events: Sequence[Event]) -> None:
    deque(pauses.through(events), maxlen=0)  # noted on the way through; nothing kept


def _pause_wires(pauses: PauseLog, origin_ns: int) -> list[PauseWire]:
    return [_pause_wire(span, origin_ns) for span in pauses.all()]


def _pause_wire(span: PauseSpan, origin_ns: int) -> PauseWire:
    pause, resume = span.pause, span.resume
    return {
        "seq": pause.seq,
        "thread": pause.thread,
        "thread_name": pause.thread_name,
        "file": pause.file,
        "line": pause.line,
        "function": pause.function,
        "reason": pause.reason,
        "detail": pause.detail,
        "t": pause.ts_ns - origin_ns,
        "resumed_t": resume.ts_ns - origin_ns if resume is not None else None,
        "how": resume.how if resume is not None else None,
    }


def _apply_final(model: SpineModel, final: FinalSpine) -> None:
    model.apply(final.events)
    model.count_unread_calls(final.unread)


def hello_message() -> HelloMessage:
    """The first message on every viewer connection."""
    return {
        "type": "hello",
        "v": WIRE_VERSION,
        "spine": SPINE_VERSION,
        "events": EVENT_VERSION,
        "hub": {"pid": os.getpid(), "version": __version__},
    }


HUB: web.AppKey[HubState] = web.AppKey("hub", HubState)
