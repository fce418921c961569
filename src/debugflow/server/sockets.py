"""WebSocket helpers shared by the producer and viewer endpoints: limits and error closes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from typing import Any

from aiohttp import WSCloseCode, web

from debugflow.protocol.versions import WIRE_VERSION
from debugflow.protocol.viewer import ErrorMessage

CLOSE_TIMEOUT = 2.0


class HubWebSocket(web.WebSocketResponse):
    """A WebSocket whose "message too big" close (1009) says what the limit is."""

    def __init__(self, max_msg_size: int) -> None:
        # Compression costs CPU on both ends and buys nothing on a loopback link.
        super().__init__(max_msg_size=max_msg_size, compress=False, heartbeat=None)
        self._limit = max_msg_size

    async def close(
        self, *, code: int = WSCloseCode.OK, message: bytes = b"", drain: bool = True
    ) -> bool:
        """Close the connection; an oversized frame gets a reason naming the limit."""
        if code == WSCloseCode.MESSAGE_TOO_BIG and not message:
            message = f"frame too large (limit {self._limit} bytes)".encode()
        return await super().close(code=code, message=message, drain=drain)


def error_message(code: str, message: str, fatal: bool) -> ErrorMessage:
    """An `error` message for a client."""
    return {"type": "error", "v": WIRE_VERSION, "code": code, "message": message, "fatal": fatal}


async def fail(
    ws: web.WebSocketResponse,
    code: str,
    message: str,
    close_code: int = WSCloseCode.UNSUPPORTED_DATA,
) -> None:
    """Tell the client what was wrong, then close its connection (never raises or hangs)."""
    text = json.dumps(error_message(code, message, True))
    await bounded(ws.send_str(text), CLOSE_TIMEOUT)
    await bounded(ws.close(code=close_code, message=message.encode()[:120]), CLOSE_TIMEOUT)


async def close_quietly(ws: web.WebSocketResponse, close_code: int, reason: str) -> None:
    """Close, waiting briefly; a peer that stopped reading cannot hold us."""
    # A close reason must fit in a control frame (125 bytes, 2 of them for the code).
    await bounded(ws.close(code=close_code, message=reason.encode()[:120]), CLOSE_TIMEOUT)


async def bounded(work: Coroutine[Any, Any, object], timeout: float) -> None:
    """Run `work` for at most `timeout` seconds, ignoring its errors.

    asyncio.wait, not wait_for: wait_for also waits for the cancelled work to finish, and a
    write to a peer that stopped reading may not finish.
    """
    task = asyncio.ensure_future(work)
    task.add_done_callback(_retrieve)
    _done, pending = await asyncio.wait({task}, timeout=timeout)
    for late in pending:
        late.cancel()


def _retrieve(task: asyncio.Future[object]) -> None:
    # Collect the outcome so an error in work nobody awaits is not reported as lost.
    if not task.cancelled():
        task.exception()
