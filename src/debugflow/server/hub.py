"""Running a hub: bind, serve, write the discovery file, and stop cleanly.

`Hub` is the async lifecycle; `HubThread` runs one in a background thread with a ready signal
(for `flow run --hud` and tests); `run_forever()` is the foreground loop of `flow hud`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Callable

from aiohttp import web

from debugflow.server.app import build_app
from debugflow.server.binding import bind_listener
from debugflow.server.connections import ConnectionGuard
from debugflow.server.settings import LOOPBACK, HubSettings
from debugflow.server.state import HUB
from debugflow.transport.discovery import HubInfo, remove_hub_file, write_hub_file
from debugflow.transport.wire import TOKEN_PARAM

Notify = Callable[[str], None]
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})


def _stderr(message: str) -> None:
    print(f"flow hud: {message}", file=sys.stderr, flush=True)


def hud_url(host: str, port: int, token: str) -> str:
    """The address to open in a browser, token included."""
    shown = LOOPBACK if host in WILDCARD_HOSTS else host
    netloc = f"[{shown}]:{port}" if ":" in shown else f"{shown}:{port}"
    return f"http://{netloc}/?{TOKEN_PARAM}={token}"


class Hub:
    """One hub's lifecycle on the running event loop."""

    def __init__(self, settings: HubSettings, notify: Notify = _stderr) -> None:
        self.settings = settings
        self._notify = notify
        self._runner: web.AppRunner | None = None
        self._server: asyncio.AbstractServer | None = None
        self.info: HubInfo | None = None

    async def start(self) -> HubInfo:
        """Bind (falling back to the next free port), serve, and write the discovery file."""
        s = self.settings
        if s.explicit_host and s.host not in ("127.0.0.1", "localhost", "::1"):
            self._notify(
                f"warning: listening on {s.host!r}: other machines can reach this hub "
                "(the token is still required)"
            )
        sock = bind_listener(s.host, s.port, s.port_tries, self._notify)
        port = int(sock.getsockname()[1])
        app = build_app(s)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        self._server = await _serve_guarded(self._runner, app[HUB].connections, sock)
        connect_host = LOOPBACK if s.host in WILDCARD_HOSTS else s.host
        self.info = HubInfo(
            url=hud_url(s.host, port, s.token),
            pid=os.getpid(),
            host=connect_host,
            port=port,
            token=s.token,
            started_at=time.time(),
        )
        if s.write_discovery:
            write_hub_file(s.data_dir, self.info)
        return self.info

    async def stop(self) -> None:
        """Remove the discovery file, close every connection and stop listening."""
        if self.settings.write_discovery:
            remove_hub_file(self.settings.data_dir, os.getpid())
        if self._server is not None:
            self._server.close()  # accept nothing more; the runner closes what is open
            self._server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def _serve_guarded(
    runner: web.AppRunner, guard: ConnectionGuard, sock: socket.socket
) -> asyncio.AbstractServer:
    """Serve the runner's application on `sock`, every connection under `guard`."""
    assert runner.server is not None  # set up
    factory = guard.protocol_factory(runner.server)
    return await asyncio.get_running_loop().create_server(factory, sock=sock, backlog=128)


async def serve(
    settings: HubSettings,
    stop: asyncio.Event,
    ready: Callable[[HubInfo], None],
    notify: Notify = _stderr,
) -> None:
    """Run a hub until `stop` is set; `ready` is called once it accepts connections."""
    hub = Hub(settings, notify)
    try:
        ready(await hub.start())
        await stop.wait()
    finally:
        await hub.stop()


def run_forever(
    settings: HubSettings, ready: Callable[[HubInfo], None], notify: Notify = _stderr
) -> None:
    """Serve in the foreground until Ctrl+C (or SIGTERM), then shut down cleanly."""

    async def main() -> None:
        stop = asyncio.Event()
        _stop_on_signals(stop)
        await serve(settings, stop, ready, notify)

    # KeyboardInterrupt: Ctrl+C before the signal handlers were in place, or on Windows.
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


def _stop_on_signals(stop: asyncio.Event) -> None:
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Windows has no loop signal handlers: KeyboardInterrupt ends asyncio.run instead.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


class HubThread:
    """A hub served from a daemon thread; `start()` returns once it accepts connections."""

    def __init__(self, settings: HubSettings, notify: Notify = _stderr) -> None:
        self.settings = settings
        self._notify = notify
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self.info: HubInfo | None = None
        self._thread = threading.Thread(target=self._main, name="debugflow-hub", daemon=True)

    def start(self, timeout: float = 10.0) -> HubInfo:
        """Start serving; raises the startup error (e.g. no free port) or TimeoutError."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the hub did not start in time")
        if self._error is not None:
            raise self._error
        assert self.info is not None
        return self.info

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and wait for the thread to finish."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop already finished
                loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)

    def __enter__(self) -> HubInfo:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(); the thread just ends
            self._error = exc
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await serve(self.settings, self._stop, self._on_ready, self._notify)

    def _on_ready(self, info: HubInfo) -> None:
        self.info = info
        self._ready.set()
