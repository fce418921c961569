"""The traced program's link to a running hub: a Sink that never makes the program wait.

`handle()` only appends to a bounded buffer; a daemon thread named `debugflow-hub-link`
connects with aiohttp, sends batched `events` frames, and reconnects a bounded number of
times. A hub found in a discovery file is confirmed first, on that thread, before each
connection (`discovery.confirm_hub`): one that fails is never sent the token or an event.
When the buffer is full, batches are shed by the rule of `protocol.essential`: the run's
start and end, thread names, exceptions and function counts wait in a bounded backlog, the
rest is dropped and counted. If the hub is absent, refusing, slow or killed, the link
logs one line to the `debugflow` log and goes quiet; the run goes on and is still recorded in
the store. `close()` flushes for at most `flush_timeout` seconds and never raises.

The link is two-way for the debugger (`attach_control`): the hub's `debug_request` frames are
read as they come and handed to the control peer (`debugger.channel`), which only queues them;
its `debug_reply` and `debug_state` frames (`send_control`) go out ahead of the event batches
and are never shed like events. After each `hello` the peer's current state is sent. While a
thread of the program is paused the link does not give up reconnecting (a hub started again
finds the pause), once it has reached a hub; otherwise the same bounded attempts as for
events.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from debugflow import __version__
from debugflow.protocol import Event, RunStarted
from debugflow.protocol.essential import EssentialBacklog
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.transport.discovery import (
    HubInfo,
    UntrustedHub,
    confirm_hub,
    hub_from_url,
    read_hub_file,
)
from debugflow.transport.wire import (
    MAX_EVENTS_PER_FRAME,
    encode_bye,
    encode_events,
    encode_hello,
)
from debugflow.workers import PAUSE_TIMEOUT_S, WorkerThread

log = logging.getLogger("debugflow.hub_link")

ENV_VAR = "FLOW_HUB"
OFF_VALUES = frozenset({"0", "off", "no", "none", "false"})
THREAD_NAME = "debugflow-hub-link"
MAX_CONTROL = 10_000  # control frames waiting for the connection (the oldest go first)
MAX_BACKOFF_S = 4.0


class ControlPeer(Protocol):
    """The debugger's end of the link (`debugger.channel.ControlChannel`)."""

    def request(self, text: str) -> None:
        """A `debug_request` frame from the hub; must not block."""

    def greeting(self) -> str:
        """The `debug_state` frame to send right after `hello`."""

    def holds_program(self) -> bool:
        """Whether a thread of the program waits on the hub (the link must not give up)."""

    def link_gone(self) -> None:
        """The link gave up for good: no hub can answer a pause from now on."""

    def disconnected(self) -> None:
        """A connection to the hub ended (another may follow)."""

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End its threads for a moment (around a fork)."""

    def resume(self) -> None:
        """Start its threads again."""


def connect_hub_sink(data_dir: Path, run: RunStarted) -> HubLink | None:
    """A sink streaming this run to the hub named by `FLOW_HUB` or `<data_dir>/hub.json`.

    Returns None at once when no live hub is known; never connects before returning.
    """
    hub = find_hub(data_dir)
    return HubLink(hub, run) if hub is not None else None


def find_hub(data_dir: Path) -> HubInfo | None:
    """The hub a run would stream to (`FLOW_HUB`, else a live `<data_dir>/hub.json` of this
    protocol), or None; reads the file, never connects."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if raw.lower() in OFF_VALUES:
        return None
    hub = hub_from_url(raw) if raw else read_hub_file(data_dir)
    if hub is None:
        if raw:
            log.info("ignoring %s=%r: not a hub URL with a token", ENV_VAR, raw)
        return None
    if hub.protocol != WIRE_VERSION:
        log.info(
            "the hub speaks protocol %s, this program %s: not streaming", hub.protocol, WIRE_VERSION
        )
        return None
    return hub


class HubLink:
    """A Sink that streams events to one hub from its own thread."""

    def __init__(
        self,
        hub: HubInfo,
        run: RunStarted,
        *,
        max_pending: int = 100_000,
        max_essential: int = 200_000,
        attempts: int = 3,
        connect_timeout: float = 1.0,
        send_timeout: float = 10.0,
        flush_timeout: float = 1.0,
    ) -> None:
        self.hub = hub
        self.run = run
        self.dropped = 0
        self.gave_up = False
        self.connected_once = False
        self._max_pending = max_pending
        self._attempts = attempts
        self._connect_timeout = connect_timeout
        self._send_timeout = send_timeout
        self._flush_timeout = flush_timeout
        self._pending: deque[Event] = deque()
        self._control: deque[str] = deque(maxlen=MAX_CONTROL)
        self._peer: ControlPeer | None = None
        self._backlog = EssentialBacklog(max_essential)  # what a full buffer still keeps
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._seq = 0
        # The link's own loop, run by its thread; a pause (around a fork) stops it and a
        # new thread runs it on, with the connection still open.
        self._own_loop = asyncio.new_event_loop()
        self._task: asyncio.Task[None] | None = None
        self._thread = WorkerThread(self._main, THREAD_NAME, self._stop_loop)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Events waiting to be sent, shed ones kept for their importance included."""
        return len(self._pending) + len(self._backlog)

    # -- Sink ------------------------------------------------------------------------------

    def handle(self, events: Sequence[Event]) -> None:
        """Queue a batch for sending; sheds it when the buffer is full.

        Once shedding, later batches are shed too until the backlog is sent, so that events
        reach the hub in the order they happened.
        """
        if self.gave_up or self._closing.is_set():
            return
        with self._lock:
            if self._backlog or len(self._pending) + len(events) > self._max_pending:
                self.dropped += self._backlog.shed(events)
            else:
                self._pending.extend(events)
        self._poke()

    def attach_control(self, peer: ControlPeer) -> None:
        """Make the link two-way for the debugger (see the module docstring)."""
        self._peer = peer
        with self._lock:
            self._control.append(peer.greeting())
        self._poke()

    def send_control(self, text: str) -> None:
        """Queue a debugger frame for the hub, ahead of the events; never blocks."""
        if self.gave_up:
            return
        with self._lock:
            self._control.append(text)
        self._poke()

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the link's thread, and the debugger's, for a moment (around a fork); the
        connection stays open."""
        self._thread.pause(timeout)
        if self._peer is not None:
            self._peer.pause(timeout)

    def resume(self) -> None:
        """Go on streaming in a new thread."""
        self._thread.resume()
        if self._peer is not None:
            self._peer.resume()

    def close(self) -> None:
        """Send what is pending and say bye, waiting at most `flush_timeout`; never raises."""
        with contextlib.suppress(Exception):
            self._closing.set()
            self._poke()
            self._thread.join(self._flush_timeout)

    # -- the link thread -----------------------------------------------------------------

    def _poke(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop already finished
                loop.call_soon_threadsafe(wake.set)

    def _stop_loop(self) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to stop
            self._own_loop.call_soon_threadsafe(self._own_loop.stop)

    def _main(self, resumed: bool) -> bool:
        """The link thread: runs the loop until the link is done (False) or paused (True)."""
        loop = self._own_loop
        try:
            if self._task is None:
                self._task = loop.create_task(self._connect_loop())
            loop.run_until_complete(self._task)
        except RuntimeError as exc:  # stopped by a pause before the link was done
            if not self._task or self._task.done() or not self._thread.pause_requested:
                self._give_up(f"hub link failed: {exc!r}")
            else:
                return True
        except Exception as exc:  # the link must never disturb the program
            self._give_up(f"hub link failed: {exc!r}")
        _close_loop(loop)
        return False

    async def _connect_loop(self) -> None:
        import aiohttp  # imported here, on the link's thread, so the program never waits for it

        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        problem = "no attempt made"
        async with aiohttp.ClientSession() as session:
            attempt = 0
            while attempt < self._attempts or self._held():
                if attempt and (self._closing.is_set() or not await self._backoff(attempt)):
                    break
                attempt += 1
                try:
                    if await self._stream(session):
                        return
                    problem = "the hub closed the connection"
                except UntrustedHub as exc:
                    self._give_up(f"not streaming to the hub in the discovery file: {exc}")
                    return
                except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
        self._give_up(
            f"hub at {self.hub.host}:{self.hub.port} unreachable ({problem}); "
            "live view off, the run is still recorded"
        )

    async def _backoff(self, attempt: int) -> bool:
        """Wait before reconnecting; False when closing began meanwhile."""
        assert self._wake is not None
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._closing_wait(), min(0.25 * 2**attempt, MAX_BACKOFF_S))
        return not self._closing.is_set()

    def _held(self) -> bool:
        """Whether a paused thread waits on a hub it was shown to: then the link keeps
        reconnecting (a hub never reached gets the usual attempts)."""
        peer = self._peer
        if peer is None or not self.connected_once or self._closing.is_set():
            return False
        return peer.holds_program()

    async def _closing_wait(self) -> None:
        assert self._wake is not None
        while not self._closing.is_set():
            self._wake.clear()
            await self._wake.wait()

    async def _stream(self, session: Any) -> bool:
        """Connect, send hello and frames; True once everything was sent and bye said."""
        import aiohttp

        if self.hub.discovered:
            # Blocks this thread's loop for at most connect_timeout; nothing else runs on it yet.
            confirm_hub(self.hub, self._connect_timeout)

        connecting = session.ws_connect(
            self.hub.producer_url(),
            timeout=aiohttp.ClientWSTimeout(ws_close=0.5),
            autoping=True,
            heartbeat=None,
            compress=0,
            max_msg_size=64 * 1024,
        )
        # A hub that accepts TCP but never answers must not hold the link for long.
        ws = await asyncio.wait_for(connecting, self._connect_timeout)
        self.connected_once = True
        async with ws:
            await self._send(ws, encode_hello(self.run, os.getpid(), f"debugflow {__version__}"))
            peer = self._peer
            if peer is not None:  # what was queued before is superseded by the state now
                with self._lock:
                    self._control.clear()
                await self._send(ws, peer.greeting())
            reader = asyncio.create_task(self._read(ws))  # ends when the hub closes or errs
            try:
                return await self._pump(ws, reader)
            finally:
                reader.cancel()
                if peer is not None:
                    peer.disconnected()

    async def _read(self, ws: Any) -> None:
        """Hand the hub's frames to the peer until the connection ends."""
        import aiohttp

        while True:
            msg = await ws.receive()
            if msg.type != aiohttp.WSMsgType.TEXT:
                return  # closed, closing or broken (a frame over the size limit included)
            peer = self._peer
            if peer is not None:
                peer.request(msg.data)

    async def _pump(self, ws: Any, reader: asyncio.Task[Any]) -> bool:
        assert self._wake is not None
        while not reader.done():
            self._wake.clear()
            control = self._take_control()
            if control:
                for text in control:
                    await self._send(ws, text)
                continue
            batch = self._take()
            if batch:
                self._seq += 1
                await self._send(ws, encode_events(self._seq, batch, self.dropped))
            elif self._closing.is_set():
                await self._send(ws, encode_bye(self.dropped))
                await ws.close()
                return True
            else:
                await self._idle(reader)
        return False

    async def _idle(self, reader: asyncio.Task[Any]) -> None:
        """Wait for more events, closing, or the hub going away."""
        assert self._wake is not None
        waiter = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait([reader, waiter], return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()

    async def _send(self, ws: Any, text: str) -> None:
        await asyncio.wait_for(ws.send_str(text), self._send_timeout)

    def _take_control(self) -> list[str]:
        with self._lock:
            frames = list(self._control)
            self._control.clear()
            return frames

    def _take(self) -> list[Event]:
        with self._lock:
            count = min(len(self._pending), MAX_EVENTS_PER_FRAME)
            batch = [self._pending.popleft() for _ in range(count)]
            # The backlog was shed after everything in the buffer: it goes once that is sent.
            return batch + self._backlog.take(MAX_EVENTS_PER_FRAME - count)

    def _give_up(self, reason: str) -> None:
        self.gave_up = True
        with self._lock:
            self.dropped += len(self._pending) + self._backlog.clear()
            self._pending.clear()
            self._control.clear()
        log.info(reason)
        if self._peer is not None:
            self._peer.link_gone()


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Close a finished loop as `asyncio.run` does: cancel what is left, then close it."""
    try:
        left = asyncio.all_tasks(loop)
        for task in left:
            task.cancel()
        if left:
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    except Exception:  # closing must not raise in the program either
        pass
    finally:
        loop.close()
