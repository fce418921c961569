"""Hub discovery: the `<data_dir>/hub.json` file a running hub writes and traced programs read.

The file holds the hub's address and token, so it is written atomically and readable only by
its owner. A file whose pid is no longer alive is stale and ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from debugflow.paths import HUB_FILE
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.transport.wire import PRODUCER_PATH, TOKEN_PARAM


@dataclass(frozen=True, slots=True)
class HubInfo:
    """Where a hub listens: `url` is the full HUD address including the token."""

    url: str
    pid: int
    host: str
    port: int
    token: str
    protocol: int = WIRE_VERSION
    started_at: float = 0.0

    def producer_url(self) -> str:
        """The WebSocket address a traced program streams to."""
        return f"ws://{_netloc(self.host, self.port)}{PRODUCER_PATH}?{TOKEN_PARAM}={self.token}"


def hub_file(data_dir: Path) -> Path:
    """The discovery file of a data folder."""
    return data_dir / HUB_FILE


def write_hub_file(data_dir: Path, info: HubInfo) -> Path:
    """Write the discovery file atomically, readable only by its owner."""
    data_dir.mkdir(parents=True, exist_ok=True)
    target = hub_file(data_dir)
    tmp = target.with_name(f".{HUB_FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(info), out, indent=2)
    os.replace(tmp, target)
    return target


def read_hub_file(data_dir: Path) -> HubInfo | None:
    """The live hub described in `data_dir`, or None (no file, unreadable, or a dead pid)."""
    try:
        raw = json.loads(hub_file(data_dir).read_text(encoding="utf-8"))
        info = HubInfo(
            url=str(raw["url"]),
            pid=int(raw["pid"]),
            host=str(raw["host"]),
            port=int(raw["port"]),
            token=str(raw["token"]),
            protocol=int(raw.get("protocol", WIRE_VERSION)),
            started_at=float(raw.get("started_at", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if pid_alive(info.pid) else None


def remove_hub_file(data_dir: Path, pid: int) -> None:
    """Remove the discovery file if it still belongs to `pid` (a newer hub may own it now)."""
    path = hub_file(data_dir)
    try:
        owner = int(json.loads(path.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return
    if owner == pid:
        with contextlib.suppress(OSError):
            path.unlink()


def hub_from_url(url: str) -> HubInfo | None:
    """A HubInfo from a `FLOW_HUB` value: the HUD URL (http://host:port/?token=…) or a ws:// URL."""
    parts = urlsplit(url.strip())
    token = parse_qs(parts.query).get(TOKEN_PARAM, [""])[0]
    if parts.scheme not in ("http", "ws") or not parts.hostname or not token:
        return None
    try:
        port = parts.port or 80
    except ValueError:
        return None
    return HubInfo(url=url, pid=0, host=parts.hostname, port=port, token=token)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 probes without touching the process
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would send CTRL_C_EVENT on Windows, so ask the kernel instead.
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent off Windows)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return bool(ok) and code.value == 259  # STILL_ACTIVE


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def hub_answers(info: HubInfo) -> bool:
    """Whether the hub a discovery file names really answers (its pid may have been reused)."""
    import urllib.request  # only when a hub is found: most runs have none

    url = f"http://{info.host}:{info.port}/api/health?{TOKEN_PARAM}={info.token}"
    try:
        with urllib.request.urlopen(url, timeout=1.0) as response:  # our own hub, http only
            return bool(json.loads(response.read()).get("ok"))
    except (OSError, ValueError):
        return False
