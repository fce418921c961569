"""The HUD's link to its hub: the viewer WebSocket and `POST /api/open`, on a thread of its own.

An aiohttp client runs in an asyncio loop on the `debugflow-hud-link` thread. It reads
messages, checks them (`messages.decode`) and puts them in the render loop's inbox, a
`queue.Queue`, stamped with the time they arrived; the render loop is the only one that
touches Dear PyGui or the run's model. Commands and editor requests go the other way through
`call_soon_threadsafe`. The token travels in a header, never in a URL, and only to the hub
that discovery verified; when the link drops, the hub is found and verified again (a new hub
has a new port and token) and the link retries with a growing pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Literal

import aiohttp

from debugflow.hud.messages import BadMessage, decode
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.protocol.viewer import OpenResult, ViewerCommand, ViewerMessage
from debugflow.transport.addresses import netloc
from debugflow.transport.discovery import HubInfo
from debugflow.transport.wire import TOKEN_HEADER, VIEWER_PATH

OPEN_PATH = "/api/open"
RETRY_MIN = 0.5  # seconds before reconnecting, doubled after each failure…
RETRY_MAX = 5.0  # …up to this
OPEN_TIMEOUT = 10.0

Rediscover = Callable[[], "HubInfo | None"]


@dataclass(frozen=True)
class Arrival:
    """A message from the hub and when it arrived (`time.monotonic()`)."""

    message: ViewerMessage
    at: float


@dataclass(frozen=True)
class LinkChange:
    """The link opened, or closed and why."""

    state: Literal["open", "closed"]
    detail: str = ""


@dataclass(frozen=True)
class SourceOpened:
    """The hub's answer to a click: the editor command it ran, or why it ran none."""

    result: OpenResult


Inbound = Arrival | LinkChange | SourceOpened


class HubClient:
    """Keeps a viewer connection to the hub and relays both ways."""

    def __init__(self, hub: HubInfo, rediscover: Rediscover, inbox: queue.Queue[Inbound]) -> None:
        self._hub = hub
        self._rediscover = rediscover
        self._inbox = inbox
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ws: aiohttp.ClientWebSocketResponse[bool] | None = None
        self._http: aiohttp.ClientSession | None = None
        self._stop: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="debugflow-hud-link", daemon=True)

    def start(self) -> None:
        """Start the link thread (returns once its loop runs)."""
        self._thread.start()
        self._started.wait(5.0)

    def send(self, command: ViewerCommand) -> None:
        """Send a command to the hub (dropped while the link is down: a reconnect resyncs)."""
        self._call(self._send, command)

    def open_source(self, file: str, line: int) -> None:
        """Ask the hub to open `file:line` in the editor; the answer arrives in the inbox."""
        self._call(self._open, file, line)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the link and end the thread."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop ended on its own meanwhile
                loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)

    def _call(self, work: Callable[..., Coroutine[object, object, None]], *args: object) -> None:
        """Run `work(*args)` on the link's loop (from any thread)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return

        def schedule() -> None:
            task = loop.create_task(work(*args))
            self._tasks.add(task)  # the loop holds tasks weakly
            task.add_done_callback(self._tasks.discard)

        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(schedule)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._started.set()
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=5.0)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            self._http = http
            serve = asyncio.create_task(self._serve(http))
            await self._stop.wait()
            serve.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await serve

    async def _serve(self, http: aiohttp.ClientSession) -> None:
        # The token goes only to a hub verified just before: the first one was verified by
        # the caller; after a drop, the hub is looked for and verified again each time.
        hub: HubInfo | None = self._hub
        pause = RETRY_MIN
        while True:
            if hub is not None:
                self._hub = hub
                try:
                    await self._read(http, hub)
                    pause = RETRY_MIN
                    detail = "the hub closed the connection"
                except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                    detail = f"cannot reach the hub at {netloc(hub.host, hub.port)} ({exc})"
                self._inbox.put(LinkChange("closed", detail))
            await asyncio.sleep(pause)
            pause = min(pause * 2, RETRY_MAX)
            hub = await asyncio.to_thread(self._rediscover)

    async def _read(self, http: aiohttp.ClientSession, hub: HubInfo) -> None:
        url = f"ws://{netloc(hub.host, hub.port)}{VIEWER_PATH}"
        # max_msg_size=0: a snapshot of a big run is several megabytes (docs/protocol.md).
        async with http.ws_connect(url, headers={TOKEN_HEADER: hub.token}, max_msg_size=0) as ws:
            self._ws = ws
            self._inbox.put(LinkChange("open"))
            try:
                async for frame in ws:
                    if frame.type == aiohttp.WSMsgType.TEXT:
                        self._receive(frame.data)
            finally:
                self._ws = None  # and no editor request until a hub is verified again

    def _receive(self, text: str) -> None:
        message: ViewerMessage | None
        try:
            message = decode(text)
        except BadMessage as exc:
            message = {
                "type": "error",
                "v": WIRE_VERSION,
                "code": "bad_message",
                "message": f"ignored a message from the hub: {exc}",
                "fatal": False,
            }
        if message is not None:
            self._inbox.put(Arrival(message, time.monotonic()))

    async def _send(self, command: ViewerCommand) -> None:
        ws = self._ws
        if ws is not None and not ws.closed:
            with contextlib.suppress(aiohttp.ClientError, ConnectionError):
                await ws.send_str(json.dumps(command))

    async def _open(self, file: str, line: int) -> None:
        self._inbox.put(SourceOpened(await self._post_open(file, line)))

    async def _post_open(self, file: str, line: int) -> OpenResult:
        hub, http = self._hub, self._http
        if http is None or self._ws is None:
            return {"ok": False, "error": "the HUD is not connected to a hub"}
        url = f"http://{netloc(hub.host, hub.port)}{OPEN_PATH}"
        try:
            async with http.post(
                url,
                json={"file": file, "line": line},
                headers={TOKEN_HEADER: hub.token},
                timeout=aiohttp.ClientTimeout(total=OPEN_TIMEOUT),
            ) as response:
                body = await response.json(content_type=None)
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError, ValueError) as exc:
            return {"ok": False, "error": f"the hub could not be reached ({exc})"}
        return _open_result(response.status, body)


def _open_result(status: int, body: object) -> OpenResult:
    """The hub's answer to `/api/open` as an OpenResult, whatever the body holds."""
    fields = body if isinstance(body, dict) else {}
    command = fields.get("command")
    if status == 200 and fields.get("ok") is True and isinstance(command, list):
        return {"ok": True, "command": [str(part) for part in command]}
    error = fields.get("error")
    return {"ok": False, "error": str(error) if error else f"the hub answered {status}"}
