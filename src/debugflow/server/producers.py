"""The `/ws/producer` endpoint: traced programs stream their runs' events into the hub.

A producer sends `hello` first, then `events` frames, then `bye`. A malformed frame closes
that producer's connection with an error; the hub and every other connection carry on.
"""

from __future__ import annotations

import logging

from aiohttp import WSCloseCode, WSMsgType, web

from debugflow.server.registry import LiveRun
from debugflow.server.sockets import HubWebSocket, close_quietly, fail
from debugflow.server.state import HubState
from debugflow.transport.wire import Bye, EventsFrame, FrameError, Hello, decode_producer_frame

log = logging.getLogger("debugflow.hub")


class ProducerSession:
    """Serves one producer connection until it says bye, breaks a rule or disconnects."""

    def __init__(self, ws: web.WebSocketResponse, hub: HubState) -> None:
        self._ws = ws
        self._hub = hub
        self.run: LiveRun | None = None
        self.clean = False

    async def serve(self) -> None:
        """Read frames until the connection ends; always detaches from its run."""
        try:
            await self._read_loop()
        finally:
            if self.run is not None:
                self._hub.registry.detach(self.run, self.clean)

    async def _read_loop(self) -> None:
        async for msg in self._ws:
            if msg.type == WSMsgType.ERROR:
                log.info("producer connection closed: %s", msg.data)
                return
            if msg.type != WSMsgType.TEXT:
                await fail(self._ws, "bad_frame", "producers send JSON text frames")
                return
            problem = self._handle(msg.data)
            if problem is not None:
                await fail(self._ws, "bad_frame", problem)
                return
            if self.clean:
                await close_quietly(self._ws, WSCloseCode.OK, "bye")
                return

    def _handle(self, text: str) -> str | None:
        """Apply one frame; returns what was wrong with it, if anything."""
        try:
            frame = decode_producer_frame(text)
        except FrameError as exc:
            return str(exc)
        if isinstance(frame, Hello):
            if self.run is not None:
                return "hello sent twice"
            self.run = self._hub.registry.attach(frame)
            return None
        if self.run is None:
            return "the first frame must be hello"
        if isinstance(frame, EventsFrame):
            return self._apply(self.run, frame)
        if isinstance(frame, Bye):
            self.clean = True
            return self._apply(self.run, EventsFrame(seq=0, events=(), dropped=frame.dropped))
        return None

    def _apply(self, run: LiveRun, frame: EventsFrame) -> str | None:
        try:
            self._hub.registry.apply(run, frame)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # Events that decode but make no sense (wrong field types) from a buggy producer.
            log.info("rejecting a producer's events: %r", exc)
            return f"events rejected: {exc}"
        return None


async def producer_endpoint(request: web.Request, hub: HubState) -> web.WebSocketResponse:
    """The `/ws/producer` handler body."""
    ws = HubWebSocket(hub.settings.max_producer_frame)
    await ws.prepare(request)
    hub.sockets.add(ws)
    try:
        await ProducerSession(ws, hub).serve()
    finally:
        hub.sockets.discard(ws)
    return ws
