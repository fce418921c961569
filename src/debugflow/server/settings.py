"""One frozen set of options for a hub: where it listens, its token, its limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from debugflow.transport.wire import DEFAULT_PORT, MAX_PRODUCER_FRAME, MAX_VIEWER_FRAME

LOOPBACK = "127.0.0.1"
STATIC_DIR = Path(__file__).parent / "static"


def new_token() -> str:
    """A fresh random token for one hub's lifetime."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class HubSettings:
    """Everything that shapes one hub. `explicit_host` is True only when `--host` was given."""

    data_dir: Path
    host: str = LOOPBACK
    port: int = DEFAULT_PORT
    explicit_host: bool = False
    token: str = field(default_factory=new_token)
    store_path: Path | None = None
    static_dir: Path = STATIC_DIR
    port_tries: int = 20  # how many following ports to try when the chosen one is taken
    max_producer_frame: int = MAX_PRODUCER_FRAME
    max_viewer_frame: int = MAX_VIEWER_FRAME
    viewer_interval: float = 1 / 30  # seconds between two updates to one viewer (coalescing)
    send_timeout: float = 15.0  # a viewer that takes longer to accept one message is dropped
    lost_grace: float = 3.0  # seconds a producer may take to reconnect before its run is "lost"
    live_log_limit: int = 200_000  # events of a live run kept in memory for replay
    finished_runs_kept: int = 8  # finished live runs kept in memory (the store has the rest)
    request_timeout: float = 10.0  # seconds a connection has to show the token (connections.py)
    max_unproven: int = 64  # connections without the token held at once; the oldest goes first
    write_discovery: bool = True
