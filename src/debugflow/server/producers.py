"""The `/ws/producer` endpoint: traced programs stream their runs' events into the hub.

A producer sends `hello` first, then `events` frames, then `bye`. A malformed frame closes
that producer's connection with an error; the hub and every other connection carry on.
A producer with a debugger also sends `debug_state` and `debug_reply` frames, and is sent
`debug_request` frames (`server.debug_relay`) through a bounded queue by a writer task of
its own, so the read loop never waits on the program.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import WSCloseCode, WSMsgType, web

from debugflow.server.registry import LiveRun
from debugflow.server.sockets import HubWebSocket, close_quietly, fail
from debugflow.server.state import HubState
from debugflow.transport.wire import (
    Bye,
    DebugReplyFrame,
    DebugStateFrame,
    EventsFrame,
    FrameError,
    Hello,
    decode_producer_frame,
)

log = logging.getLogger("debugflow.hub")
MAX_REQUESTS_QUEUED = 256  # debug_request frames waiting to be written to one producer


class ProducerSession:
    """Serves one producer connection until it says bye, breaks a rule or disconnects."""

    def __init__(self, ws: web.WebSocketResponse, hub: HubState) -> None:
        self._ws = ws
        self._hub = hub
        self.run: LiveRun | None = None
        self.clean = False
        self._requests: asyncio.Queue[str] = asyncio.Queue(MAX_REQUESTS_QUEUED)
        self._writer: asyncio.Task[None] | None = None

    async def serve(self) -> None:
        """Read frames until the connection ends; always detaches from its run."""
        try:
            await self._read_loop()
        finally:
            if self._writer is not None:
                self._writer.cancel()
            if self.run is not None:
                self.run.debug.producer_gone(self)
                self._hub.registry.detach(self.run, self.clean)

    def send_request(self, text: str) -> bool:
        """Queue a debug_request for the program; False when the queue is full."""
        try:
            self._requests.put_nowait(text)
        except asyncio.QueueFull:
            return False
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_loop())
        return True

    async def _write_loop(self) -> None:
        timeout = self._hub.settings.send_timeout
        while not self._ws.closed:
            text = await self._requests.get()
            with contextlib.suppress(ConnectionError, RuntimeError, asyncio.TimeoutError):
                await asyncio.wait_for(self._ws.send_str(text), timeout)

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
            self.run.debug.connected(self)  # the latest connection takes the requests
            return None
        if self.run is None:
            return "the first frame must be hello"
        if isinstance(frame, DebugStateFrame):
            self._hub.registry.debug_state(self.run, frame.state)
            return None
        if isinstance(frame, DebugReplyFrame):
            self.run.debug.reply(frame)
            return None
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
