"""The hub's REST endpoints: run list, one run's spine or events, a node's line traces,
health, open-in-editor."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from aiohttp import web

from debugflow import __version__
from debugflow.errors import FlowError, RunNotFound
from debugflow.protocol import to_wire
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.server.editor import open_in_editor
from debugflow.server.security import identity_question, token_ok
from debugflow.server.state import HUB
from debugflow.transport.hub_identity import NONCE_PARAM, address_text, proof

MAX_EVENTS_PAGE = 10_000


async def health(request: web.Request) -> web.Response:
    """`GET /api/health`: who is listening. With `?nonce=…` it adds the hub's proof that it
    knows the token, and without the token that proof is all it answers."""
    hub = request.app[HUB]
    answer = _identity(request, hub.settings.token) if identity_question(request) else {}
    if not token_ok(request, hub.settings.token):
        return _json(answer)  # the middleware let it through for the proof alone
    producers = sum(run.producers for run in hub.registry.runs.values())
    return _json(
        {
            "ok": True,
            "pid": os.getpid(),
            "version": __version__,
            "viewers": len(hub.registry.listeners),
            "producers": producers,
            **answer,
        }
    )


def _identity(request: web.Request, token: str) -> dict[str, Any]:
    """The proof for the nonce asked, bound to the address this connection arrived at."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if not sockname:
        return {}
    address = address_text(sockname)
    return {"address": address, "proof": proof(token, request.query[NONCE_PARAM], address)}


async def runs(request: web.Request) -> web.Response:
    """`GET /api/runs`: live runs, then recorded ones."""
    hub = request.app[HUB]
    await hub.refresh_stored()
    return _json({"runs": hub.run_list()["runs"]})


async def run_spine(request: web.Request) -> web.Response:
    """`GET /api/runs/{id}`: the run's spine snapshot (live, or built from the store)."""
    hub = request.app[HUB]
    run_id = request.match_info["run_id"]
    live = hub.live_run(run_id)
    try:
        model = live.model if live is not None else await hub.stored_model(run_id)
    except FlowError as exc:
        return _error(404 if isinstance(exc, RunNotFound) else 503, str(exc))
    return _json({"snapshot": model.snapshot("live" if live is not None else "stored")})


async def run_events(request: web.Request) -> web.Response:
    """`GET /api/runs/{id}/events?offset=&limit=`: a page of the run's protocol events
    (a recorded run is read in the stream from `offset`, never loaded whole)."""
    hub = request.app[HUB]
    try:
        offset = max(0, int(request.query.get("offset", "0")))
        limit = min(MAX_EVENTS_PAGE, max(1, int(request.query.get("limit", "1000"))))
        page = await hub.events_page(request.match_info["run_id"], offset, limit)
    except ValueError:
        return _error(400, "offset and limit must be whole numbers")
    except FlowError as exc:
        return _error(404 if isinstance(exc, RunNotFound) else 503, str(exc))
    after = offset + len(page.events)
    return _json(
        {
            "run": page.run_id,
            "offset": offset,
            "total": page.total,
            "events": [to_wire(event) for event in page.events],
            "next": after if page.events and after < page.total else None,
        }
    )


async def lines(request: web.Request) -> web.Response:
    """`GET /api/lines?run=<id>&node=<spine node id>`: the latest line traces of a focused
    function's node (`LinesResult`; none when it was never focused), live or recorded."""
    hub = request.app[HUB]
    run_id = request.query.get("run", "")
    try:
        node = int(request.query.get("node", ""))
    except ValueError:
        return _error(400, "give run=<run id> and node=<node id>")
    live = hub.live_run(run_id)
    try:
        model = live.model if live is not None else await hub.stored_model(run_id)
    except FlowError as exc:
        return _error(404 if isinstance(exc, RunNotFound) else 503, str(exc))
    if not 0 <= node < model.node_count:
        return _error(404, f"run {run_id} has no node {node}")
    return _json({**model.lines_of(node)})


async def open_source(request: web.Request) -> web.Response:
    """`POST /api/open` with `{"file": "/abs/path.py", "line": 12}`: open it in the editor."""
    try:
        body = await request.json()
        file, line = str(body["file"]), int(body.get("line", 1))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return _error(400, 'send {"file": "/absolute/path.py", "line": 12}')
    try:
        argv = await asyncio.to_thread(open_in_editor, file, line)
    except FlowError as exc:
        return _error(422, str(exc))
    return _json({"ok": True, "command": argv})


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response({"v": WIRE_VERSION, **data}, status=status)


def _error(status: int, message: str) -> web.Response:
    return _json({"error": message}, status)
