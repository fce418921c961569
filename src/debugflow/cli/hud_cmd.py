"""`flow hud`: serve the live web HUD in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import webbrowser
from typing import Any

from debugflow.config import FlowConfig
from debugflow.errors import ConfigError
from debugflow.transport.discovery import HubInfo, running_hub
from debugflow.transport.wire import DEFAULT_PORT

PORT_ENV = "FLOW_PORT"


def add_hud_parser(subparsers: Any) -> None:
    """Add `flow hud [--port N] [--host H] [--no-browser]` to the `flow` parser."""
    parser = subparsers.add_parser(
        "hud",
        help="serve the live HUD in your browser",
        description="Start the hub: traced programs stream into it and every open HUD tab "
        "shows them live. Prints the HUD address (with its access token).",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"port to listen on (default: ${PORT_ENV} or {DEFAULT_PORT}; "
        "0 picks a free one); a taken port moves on to the next free one",
    )
    parser.add_argument(
        "--host",
        default=None,
        help="address to listen on (default 127.0.0.1); anything else makes "
        "the hub reachable from other machines",
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.set_defaults(func=run_hud)


def run_hud(args: argparse.Namespace) -> int:
    """Serve the hub until Ctrl+C; reuse a hub already running for this project."""
    config = FlowConfig.from_env()
    port = _port(args.port)
    reuse = args.port is None and args.host is None
    running = running_hub(config.data_dir, _stderr) if reuse else None
    if running is not None:
        print(f"A hub is already running for this project: {running.url}", flush=True)
        _open_browser(running.url, args.no_browser)
        return 0
    # The server (aiohttp) loads only when a hub starts, so every other `flow` command and
    # the traced program's start-up stay light.
    from debugflow.server.hub import run_forever
    from debugflow.server.settings import LOOPBACK, HubSettings

    settings = HubSettings(
        data_dir=config.data_dir,
        host=args.host or LOOPBACK,
        explicit_host=args.host is not None,
        port=port,
        store_path=config.store_path,
    )
    run_forever(settings, lambda info: _on_ready(info, args.no_browser))
    print("DebugFlow hub stopped.", flush=True)
    return 0


def _stderr(message: str) -> None:
    print(f"flow hud: {message}", file=sys.stderr, flush=True)


def _on_ready(info: HubInfo, no_browser: bool) -> None:
    print(f"DebugFlow HUD: {info.url}", flush=True)
    print("Traced programs in this project stream here. Press Ctrl+C to stop.", flush=True)
    _open_browser(info.url, no_browser)


def _port(explicit: int | None) -> int:
    if explicit is not None:
        value = explicit
    else:
        raw = os.environ.get(PORT_ENV, "").strip()
        try:
            value = int(raw) if raw else DEFAULT_PORT
        except ValueError:
            raise ConfigError(f"{PORT_ENV} must be a port number, not {raw!r}") from None
    if not 0 <= value <= 65535:
        raise ConfigError(f"port must be between 0 and 65535, not {value}")
    return value


def _open_browser(url: str, no_browser: bool) -> None:
    if no_browser:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # Without a display webbrowser would start a text browser in this terminal.
        print("No display found: open the address above in a browser.", flush=True)
        return
    # Some browsers block until they exit when started the first time: never wait for it.
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
