"""The hub's aiohttp application: routes, security middleware and response headers."""

from __future__ import annotations

import contextlib

from aiohttp import WSCloseCode, web

from debugflow.server import api
from debugflow.server.producers import producer_endpoint
from debugflow.server.security import security_middleware
from debugflow.server.settings import HubSettings
from debugflow.server.sockets import close_quietly
from debugflow.server.source import SOURCE_FILES, SourceFiles, source
from debugflow.server.state import HUB, HubState
from debugflow.server.viewers import viewer_endpoint
from debugflow.transport.wire import PRODUCER_PATH, VIEWER_PATH

# The page may load only its own files and talk only to its own hub; no framing, no referrer
# (the page URL carries the token).
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def build_app(settings: HubSettings) -> web.Application:
    """The hub application for `settings` (not yet listening)."""
    state = HubState(settings)
    app = web.Application(
        middlewares=[
            security_middleware(settings.token, settings.explicit_host, state.connections.proven)
        ],
        client_max_size=64 * 1024,  # REST bodies are tiny
    )
    app[HUB] = state
    app[SOURCE_FILES] = SourceFiles()
    app.router.add_get("/", index)
    app.router.add_static("/static/", settings.static_dir, append_version=False)
    app.router.add_get("/api/health", api.health)
    app.router.add_get("/api/runs", api.runs)
    app.router.add_get("/api/runs/{run_id}", api.run_spine)
    app.router.add_get("/api/runs/{run_id}/events", api.run_events)
    app.router.add_post("/api/open", api.open_source)
    app.router.add_get("/api/source", source)
    app.router.add_get("/api/lines", api.lines)
    app.router.add_get(VIEWER_PATH, viewer)
    app.router.add_get(PRODUCER_PATH, producer)
    app.on_response_prepare.append(_page_headers)
    app.on_shutdown.append(_close_sockets)
    app.on_cleanup.append(_close_history)
    return app


async def index(request: web.Request) -> web.StreamResponse:
    """`GET /?token=…`: the HUD page."""
    return web.FileResponse(request.app[HUB].settings.static_dir / "index.html")


async def viewer(request: web.Request) -> web.StreamResponse:
    """`GET /ws/viewer?token=…`: a browser (or other viewer) connection."""
    return await viewer_endpoint(request, request.app[HUB])


async def producer(request: web.Request) -> web.StreamResponse:
    """`GET /ws/producer?token=…`: a traced program's connection."""
    return await producer_endpoint(request, request.app[HUB])


async def _page_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in PAGE_HEADERS.items():
        response.headers.setdefault(name, value)


async def _close_sockets(app: web.Application) -> None:
    for ws in list(app[HUB].sockets):
        with contextlib.suppress(Exception):
            await close_quietly(ws, WSCloseCode.GOING_AWAY, "hub shutting down")


async def _close_history(app: web.Application) -> None:
    app[HUB].history.close()
