"""One viewer connection: its subscriptions, its commands, and its coalescing sender.

Nothing is queued per update. A change only sets a flag; the sender wakes, asks each followed
spine for one patch covering everything since what this viewer last got, sends it, and waits
`viewer_interval` — or twice as long as that update took, if longer. A slow viewer, or a run
whose thousands of nodes all change at once, therefore gets fewer, larger patches (or a
snapshot when it falls too far behind) and never holds up the hub, producers or other viewers.

The debugger's messages ride on the same sender: after a live run's snapshot, and whenever it
changes, the run's last `debug_state` (a slow viewer skips states it was too slow for, never
gets one out of order); `debug_reply` messages for this viewer's own requests (a bounded
queue); and after a stored run's or a replay's first snapshot, its `pauses`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from typing import Any

from aiohttp import WSMsgType, web

from debugflow.errors import FlowError
from debugflow.protocol.viewer import (
    DebugCommand,
    DebugReplyMessage,
    PatchMessage,
    PausesMessage,
    ReplayCommand,
    SnapshotMessage,
    ViewMode,
)
from debugflow.server.commands import Command, RefusedRequest, parse_command
from debugflow.server.debug_relay import DebugRelay, refused_reply, unknown_run_reply
from debugflow.server.replay import Replay
from debugflow.server.sockets import HubWebSocket, error_message, fail
from debugflow.server.state import HubState, hello_message
from debugflow.spine.model import SpineModel
from debugflow.transport.wire import FrameError

log = logging.getLogger("debugflow.hub")
MAX_REPLIES_QUEUED = 256  # debug replies waiting for a viewer that reads slowly

# After an update that took t seconds to build and send, the next waits at least this × t.
COST_SHARE = 2.0


class Subscription:
    """One followed run: the spine to read and the version this viewer holds (-1: none).

    A replay's spine is read through the replay, which starts a new one when it seeks back.
    """

    def __init__(
        self,
        model: SpineModel,
        mode: ViewMode,
        replay: Replay | None = None,
        relay: DebugRelay | None = None,
        pauses: PausesMessage | None = None,
    ) -> None:
        self.model = model
        self.mode = mode
        self.replay = replay
        self.relay = relay  # a live run's debugger
        self.pauses = pauses  # sent once, after the first snapshot
        self.debug_rev = -1  # the rev of the last debug_state sent
        self.sent = -1
        self.task: asyncio.Task[None] | None = None

    def next_message(self) -> PatchMessage | SnapshotMessage | None:
        """What this viewer needs to catch up, or None (also while a replay is seeking)."""
        at = None
        if self.replay is not None:
            if self.replay.seeking:
                return None
            if self.replay.model is not self.model:  # rebuilt: versions start again
                self.model, self.sent = self.replay.model, -1
            at = self.replay.at
        message = self.model.patch_since(self.sent, self.mode, at)
        self.sent = self.model.version
        return message

    async def pause(self) -> None:
        """Stop a playing replay once its current step is done (cut mid-step, the next seek
        would have to rebuild the spine from the start)."""
        if self.replay is None or self.task is None:
            return
        self.replay.speed = 0
        task, self.task = self.task, None
        with contextlib.suppress(asyncio.CancelledError):
            await task

    def cancel(self) -> None:
        """Stop a playing replay."""
        if self.task is not None:
            self.task.cancel()


class ViewerSession:
    """Serves one `/ws/viewer` connection until it closes."""

    def __init__(self, ws: web.WebSocketResponse, hub: HubState, request: web.Request) -> None:
        self._ws = ws
        self._hub = hub
        self._request = request
        self._subs: dict[str, Subscription] = {}
        self._wake = asyncio.Event()
        self._runs_dirty = True
        self._tasks: set[asyncio.Task[None]] = set()
        self._replies: deque[DebugReplyMessage] = deque(maxlen=MAX_REPLIES_QUEUED)

    def run_changed(self, run_id: str) -> None:
        """A live run changed: wake the sender if this viewer follows it live; follow the
        recorded run instead when the live one was handed over to the store."""
        sub = self._subs.get(run_id)
        if sub is None or sub.mode != "live":
            return
        if self._hub.live_run(run_id) is None:
            task = asyncio.create_task(self._run({"type": "subscribe", "run": run_id}))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return
        self._wake.set()

    def runs_changed(self) -> None:
        """The run list changed: send it again at the next wake-up."""
        self._runs_dirty = True
        self._wake.set()

    def debug_changed(self, run_id: str) -> None:
        """A live run's debugger state changed: send it if this viewer follows the run."""
        sub = self._subs.get(run_id)
        if sub is not None and sub.relay is not None:
            self._wake.set()

    def debug_reply(self, message: DebugReplyMessage) -> None:
        """Queue the answer to one of this viewer's debugger requests."""
        self._replies.append(message)
        self._wake.set()

    async def serve(self) -> None:
        """Say hello, then read commands while the sender runs, until the connection ends."""
        await self._hub.refresh_stored()
        await self._send(hello_message())
        self._hub.registry.listeners.add(self)
        sender = asyncio.create_task(self._send_loop())
        self._wake.set()
        try:
            await self._read_loop()
        finally:
            self._hub.registry.listeners.discard(self)
            sender.cancel()
            for task in self._tasks:
                task.cancel()
            for sub in self._subs.values():
                sub.cancel()
                if sub.relay is not None:
                    sub.relay.watchers_changed(-1)
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sender

    async def _read_loop(self) -> None:
        async for msg in self._ws:
            if msg.type == WSMsgType.ERROR:
                return  # already closed, with the reason (e.g. 1009 frame too large)
            if msg.type != WSMsgType.TEXT:
                await fail(self._ws, "bad_frame", "viewers send JSON text frames")
                return
            try:
                command = parse_command(msg.data)
            except RefusedRequest as exc:  # a bad debugger request: refused, not fatal
                self.debug_reply(refused_reply(exc.run, exc.id, str(exc)))
                continue
            except FrameError as exc:
                await fail(self._ws, "bad_frame", str(exc))
                return
            await self._run(command)

    async def _run(self, command: Command) -> None:
        try:
            if command["type"] == "subscribe":
                await self._subscribe(command["run"])
            elif command["type"] == "unsubscribe":
                self._drop(command["run"])
            elif command["type"] == "replay":
                await self._replay(command)
            elif command["type"] == "list_runs":
                await self._hub.refresh_stored()
                self.runs_changed()
            elif command["type"] == "debug":
                self._debug(command)
        except FlowError as exc:
            await self._send(error_message("unknown_run", str(exc), False))

    def _debug(self, command: DebugCommand) -> None:
        """Relay a debugger request to the live run's program (answered later, or now)."""
        live = self._hub.live_run(command["run"])
        if live is None:
            self.debug_reply(unknown_run_reply(command["run"], command["id"]))
            return
        live.debug.forward(self, command["id"], command["request"])

    async def _subscribe(self, run_ref: str) -> None:
        live = self._hub.live_run(run_ref)
        if live is not None:
            self._follow(run_ref, Subscription(live.model, "live", relay=live.debug))
            return
        model = await self._hub.stored_model(run_ref)
        pauses = await self._hub.pauses_message(model.run_id)
        self._follow(model.run_id, Subscription(model, "stored", pauses=pauses))

    async def _replay(self, command: ReplayCommand) -> None:
        """Seek the replay this viewer has of the run (forwards continues it, backwards
        rebuilds it), or start one; answered with a snapshot either way."""
        sub = self._subs.get(command["run"])
        if sub is not None and sub.replay is not None:
            await sub.pause()
            replay = sub.replay
            replay.speed = command["speed"]
        else:
            replay = Replay(await self._hub.replay_source(command["run"]), command["speed"])
            pauses = await self._hub.pauses_message(replay.run_id)
            sub = Subscription(replay.model, "replay", replay, pauses=pauses)
        await replay.seek(command["at"])
        sub.sent = -1
        if self._subs.get(replay.run_id) is sub:
            self._wake.set()
        else:
            self._follow(replay.run_id, sub)
        if command["speed"] > 0:
            sub.task = asyncio.create_task(self._play(sub, replay))

    async def _play(self, sub: Subscription, replay: Replay) -> None:
        try:
            await replay.play(self._wake.set, self._hub.settings.viewer_interval)
        except FlowError as exc:  # the store could not be read on
            await self._send(error_message("unknown_run", str(exc), False))
        sub.sent = -1  # the end of a replay is sent as a snapshot carrying the final `at`
        self._wake.set()

    def _follow(self, run_id: str, sub: Subscription) -> None:
        self._drop(run_id)
        self._subs[run_id] = sub
        if sub.relay is not None:
            sub.relay.watchers_changed(+1)
        self._wake.set()

    def _drop(self, run_id: str) -> None:
        old = self._subs.pop(run_id, None)
        if old is not None:
            old.cancel()
            if old.relay is not None:
                old.relay.watchers_changed(-1)

    async def _send_loop(self) -> None:
        interval = self._hub.settings.viewer_interval
        while not self._ws.closed:
            await self._wake.wait()
            self._wake.clear()
            started = time.perf_counter()
            if not await self._flush():
                return
            # The coalescing window, stretched when updates get costly (thousands of nodes
            # changing at once): building and sending them then takes at most a third of
            # the hub's time, and the producers' frames are still read in between.
            await asyncio.sleep(max(interval, COST_SHARE * (time.perf_counter() - started)))

    async def _flush(self) -> bool:
        if self._runs_dirty:
            self._runs_dirty = False
            if not await self._send(self._hub.run_list()):
                return False
        for sub in list(self._subs.values()):
            message = sub.next_message()
            if message is not None and not await self._send(message):
                return False
            if not await self._flush_debug(sub):
                return False
        while self._replies:
            if not await self._send(self._replies.popleft()):
                return False
        return True

    async def _flush_debug(self, sub: Subscription) -> bool:
        """After a subscription's snapshot: its pauses once, its newest debugger state."""
        if sub.sent < 0:
            return True  # no snapshot yet: these follow it
        if sub.pauses is not None:
            pauses, sub.pauses = sub.pauses, None
            if not await self._send(pauses):
                return False
        relay = sub.relay
        state = relay.state_after(sub.debug_rev) if relay is not None else None
        if state is not None:
            sub.debug_rev = state["state"]["rev"]
            return await self._send(state)
        return True

    async def _send(self, message: Any) -> bool:
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        try:
            await asyncio.wait_for(self._ws.send_str(text), self._hub.settings.send_timeout)
        except asyncio.TimeoutError:
            log.info("dropping a viewer that stopped reading")
            self._abort()
            return False
        except (ConnectionError, RuntimeError):
            return False
        return True

    def _abort(self) -> None:
        # A viewer that stopped reading cannot take a close frame either: cut the connection
        # (no close handshake), which also ends the read loop.
        transport = self._request.transport
        if transport is not None:
            transport.abort()


async def viewer_endpoint(request: web.Request, hub: HubState) -> web.WebSocketResponse:
    """The `/ws/viewer` handler body."""
    ws = HubWebSocket(hub.settings.max_viewer_frame)
    await ws.prepare(request)
    hub.sockets.add(ws)
    try:
        await ViewerSession(ws, hub, request).serve()
    finally:
        hub.sockets.discard(ws)
    return ws
