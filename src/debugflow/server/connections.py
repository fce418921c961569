"""Bounds on connections that have not shown the token yet.

Anyone on the machine can open a connection to the hub and send nothing, or half a request.
Left alone, a few hundred of those use up the hub's file descriptors and it stops answering.
So a connection is "unproven" until one of its requests carries the token, and unproven ones
are bounded two ways:

- each is closed `request_timeout` seconds after it was accepted (plenty for a request's
  headers, a health check or one of the page's static files);
- at most `max_unproven` are held at once: accepting one more closes the oldest.

Proven connections (the page, viewers, producers) are not affected. The guard sits between
the listening socket and aiohttp: `protocol_factory()` wraps each connection's protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import cast

Transport = asyncio.Transport


class ConnectionGuard:
    """Tracks one hub's unproven connections, oldest first, and closes the ones over a bound."""

    def __init__(self, max_unproven: int, request_timeout: float) -> None:
        self.max_unproven = max_unproven
        self.request_timeout = request_timeout
        self._unproven: dict[Transport, asyncio.TimerHandle] = {}  # in order of arrival

    @property
    def unproven(self) -> int:
        """How many connections are open and have not shown the token."""
        return len(self._unproven)

    def protocol_factory(
        self, make: Callable[[], asyncio.Protocol]
    ) -> Callable[[], asyncio.Protocol]:
        """A factory for `loop.create_server` that puts `make()`'s protocols under guard."""
        return lambda: GuardedProtocol(make(), self)

    def proven(self, transport: Transport | None) -> None:
        """A request on this connection carried the token: no bound applies to it any more."""
        timer = self._unproven.pop(transport, None) if transport is not None else None
        if timer is not None:
            timer.cancel()

    def opened(self, transport: Transport) -> None:
        """A new connection: time it, and make room for it by closing the oldest if needed."""
        loop = asyncio.get_running_loop()
        self._unproven[transport] = loop.call_later(self.request_timeout, transport.abort)
        while len(self._unproven) > self.max_unproven:
            oldest = next(iter(self._unproven))
            self.closed(oldest)
            oldest.abort()  # at once: a peer that stopped reading cannot hold a close

    def closed(self, transport: Transport) -> None:
        """The connection ended."""
        timer = self._unproven.pop(transport, None)
        if timer is not None:
            timer.cancel()


class GuardedProtocol(asyncio.Protocol):
    """aiohttp's protocol for one connection, with the guard told when it opens and closes."""

    def __init__(self, inner: asyncio.Protocol, guard: ConnectionGuard) -> None:
        self._inner = inner
        self._guard = guard
        self._transport: Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Register with the guard, then hand over to aiohttp."""
        self._transport = cast(Transport, transport)  # a stream server's: it can abort
        self._guard.opened(self._transport)
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        """Bytes for aiohttp."""
        self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        """The peer finished sending; aiohttp decides whether to keep the connection half open."""
        return self._inner.eof_received()

    def pause_writing(self) -> None:
        """The peer is slow to read: aiohttp stops writing."""
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        """The peer caught up."""
        self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        """Leave the guard, then let aiohttp clean up."""
        if self._transport is not None:
            self._guard.closed(self._transport)
        self._inner.connection_lost(exc)
