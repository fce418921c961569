"""Who may talk to the hub: a token on every call, loopback Host names, same-origin pages.

- The token (query `?token=`, header `X-Flow-Token` or `Authorization: Bearer`) proves the
  caller read the URL the hub printed or its discovery file.
- The Host check stops DNS rebinding: a hostile site whose name resolves to 127.0.0.1 still
  sends its own name as Host. Any port is accepted, so SSH forwarding to another local port
  works. With an explicit `--host` the check is off (the user chose to be reachable).
- The Origin check stops cross-site pages: a browser always sends Origin on WebSocket
  handshakes and cross-origin fetches; it must be absent or equal to this hub's own origin.
- Two requests need no token: the package's static files, and `/api/health?nonce=…`, which
  then answers only the hub's proof that it knows the token (`transport.hub_identity`), so
  that whoever found the hub can check it before sending the token.
- A request with the right token marks its connection proven (`connections.ConnectionGuard`).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from debugflow.server.connections import Transport
from debugflow.transport.hub_identity import HEALTH_PATH, NONCE_PARAM, valid_nonce
from debugflow.transport.wire import TOKEN_HEADER, TOKEN_PARAM

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
PUBLIC_PREFIXES = ("/static/",)  # package files, no secrets: loaded by the page without a token

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
OnProven = Callable[[Transport | None], None]


def host_name(host_header: str) -> str:
    """The host part of a Host header (`[::1]:5555` → `::1`), lower-cased."""
    try:
        return (urlsplit(f"//{host_header}").hostname or "").lower()
    except ValueError:
        return ""


def host_allowed(host_header: str | None, any_host: bool) -> bool:
    """Whether a request's Host header names this machine's loopback (or any host is allowed)."""
    if any_host:
        return True
    return host_header is not None and host_name(host_header) in LOOPBACK_NAMES


def origin_allowed(origin: str | None, host_header: str | None) -> bool:
    """Whether Origin is absent or the hub's own origin (same scheme-less host and port)."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == (host_header or "").lower()


def request_token(request: web.Request) -> str:
    """The token a request carries, from the query, a header or a bearer authorization."""
    auth = request.headers.get("Authorization", "")
    bearer = auth[7:] if auth.lower().startswith("bearer ") else ""
    return request.query.get(TOKEN_PARAM) or request.headers.get(TOKEN_HEADER) or bearer


def token_ok(request: web.Request, token: str) -> bool:
    """Whether the request carries the hub's token (compared in constant time)."""
    given = request_token(request)
    return bool(given) and secrets.compare_digest(given.encode(), token.encode())


def identity_question(request: web.Request) -> bool:
    """Whether the request asks the hub to prove who it is (`/api/health?nonce=…`)."""
    return request.path == HEALTH_PATH and valid_nonce(request.query.get(NONCE_PARAM, ""))


def security_middleware(token: str, any_host: bool, on_proven: OnProven) -> Middleware:
    """An aiohttp middleware that refuses foreign Hosts and Origins (403) and bad tokens (401),
    and calls `on_proven` with the connection of a request that carries the token."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        host = request.headers.get("Host")
        if not host_allowed(host, any_host):
            return _refuse(403, "forbidden host")
        if not origin_allowed(request.headers.get("Origin"), host):
            return _refuse(403, "forbidden origin")
        if token_ok(request, token):
            on_proven(request.transport)
        elif not (request.path.startswith(PUBLIC_PREFIXES) or identity_question(request)):
            return _refuse(401, "missing or wrong token: open the URL printed by `flow hud`")
        return await handler(request)

    return check


def _refuse(status: int, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=status)
