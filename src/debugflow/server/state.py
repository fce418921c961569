"""The state one hub shares between its handlers: settings, live runs, history, open sockets."""

from __future__ import annotations

import asyncio
import os

from aiohttp import web

from debugflow import __version__
from debugflow.protocol.versions import EVENT_VERSION, SPINE_VERSION, WIRE_VERSION
from debugflow.protocol.viewer import HelloMessage, RunInfo, RunsMessage
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
        self.registry = Registry(settings)
        self.history = History(settings.store_path)
        self.sockets: set[web.WebSocketResponse] = set()
        self.connections = ConnectionGuard(settings.max_unproven, settings.request_timeout)
        self.stored: list[RunInfo] = []

    async def refresh_stored(self) -> None:
        """Re-read the recorded runs from the store."""
        self.stored = await self.history.runs()

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
            return model
        source = await self.history.open_events(run_ref)
        model = SpineModel(source.run_id)
        while chunk := await source.read():
            await asyncio.to_thread(model.apply, chunk)
        return model


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
