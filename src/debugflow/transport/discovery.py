"""Hub discovery: the `<data_dir>/hub.json` file a running hub writes and traced programs read.

The file holds the hub's address and token, so it is written atomically and readable only by
its owner. A file whose pid is no longer alive is stale and ignored. A discovery file can also
come from somewhere else (a repository can ship one), so it is trusted only when:

- it is a regular file (read without following a link or waiting on a FIFO), it and its
  folder belong to this user, and nobody else may write to them (the file not even read it:
  a hub writes it 0600);
- it names a loopback address (127.0.0.0/8, ::1 or localhost);
- its pid is a live process of this user, which (on Linux) holds the socket listening at that
  address, a socket of this user;
- the listener proves it knows the token (`hub_identity`): it is asked with a random nonce,
  and the token is sent only once it answered (on the next connection: docs/security.md
  says what that gap leaves open).

`load_hub_file()` makes the checks that need no connection and `confirm_hub()` the others;
both raise `UntrustedHub` saying what failed. `find_hub()` does both for `flow hud`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from debugflow.errors import FlowError
from debugflow.paths import HUB_FILE
from debugflow.private_files import (
    UntrustedFile,
    open_regular,
    read_private_bytes,
    write_private_text,
)
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.transport import listeners
from debugflow.transport.addresses import IP, netloc
from debugflow.transport.hub_identity import NoAnswer, NotTheHub, probe
from debugflow.transport.processes import ours, pid_alive
from debugflow.transport.wire import PRODUCER_PATH, TOKEN_PARAM

CONFIRM_TIMEOUT = 1.0  # seconds for a hub to answer the identity question
MAX_HUB_FILE = 64 * 1024  # bytes read of a discovery file: a hub's is a few hundred


class HubNotAnswering(ConnectionError):
    """The hub's address gave no answer in time: worth another try later (an OSError, as a
    refused connection is), unlike `UntrustedHub`, which is final."""


class UntrustedHub(FlowError):
    """A discovery file, or the listener it names, failed a check; the message says which
    (as a reason: "it is open to other users …", to follow "ignoring <file>: ")."""


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

    @property
    def discovered(self) -> bool:
        """Found in a discovery file (it has a pid), not named by the person in `FLOW_HUB`."""
        return self.pid > 0

    def producer_url(self) -> str:
        """The WebSocket address a traced program streams to."""
        return f"ws://{netloc(self.host, self.port)}{PRODUCER_PATH}?{TOKEN_PARAM}={self.token}"


def hub_file(data_dir: Path) -> Path:
    """The discovery file of a data folder."""
    return data_dir / HUB_FILE


def write_hub_file(data_dir: Path, info: HubInfo) -> Path:
    """Write the discovery file atomically, readable only by its owner.

    It is written to a new file of a random name, created 0600 (never through a link left at
    that name), which then replaces `hub.json`.
    """
    return write_private_text(hub_file(data_dir), json.dumps(asdict(info), indent=2))


def read_hub_file(data_dir: Path) -> HubInfo | None:
    """The hub the discovery file names, or None: no file, a stale one, or one not trusted."""
    try:
        return load_hub_file(data_dir)
    except UntrustedHub:
        return None


def load_hub_file(data_dir: Path) -> HubInfo | None:
    """The hub the discovery file names, after the checks that need no connection.

    None when there is no file or its hub has exited; raises UntrustedHub when the file must
    not be used.
    """
    path = hub_file(data_dir)
    try:
        text = _read_private(path)
    except FileNotFoundError:
        return None
    info = _parse(text)
    loopback_addresses(info.host, resolve=False)
    if not pid_alive(info.pid):
        return None
    if not ours(info.pid):
        raise UntrustedHub(f"it names process {info.pid}, which belongs to another user")
    return info


def find_hub(data_dir: Path, timeout: float = CONFIRM_TIMEOUT) -> HubInfo | None:
    """The hub of this data folder, confirmed; None when there is none; raises UntrustedHub,
    or HubNotAnswering when it gave no answer in time."""
    info = load_hub_file(data_dir)
    if info is not None:
        confirm_hub(info, timeout)
    return info


def running_hub(data_dir: Path, tell: Callable[[str], object]) -> HubInfo | None:
    """`find_hub()` for commands: a discovery file that fails a check is ignored, and `tell`
    is given one line saying which file and why."""
    try:
        return find_hub(data_dir)
    except (UntrustedHub, HubNotAnswering) as reason:
        tell(f"ignoring {hub_file(data_dir)}: {reason}")
        return None


def confirm_hub(info: HubInfo, timeout: float = CONFIRM_TIMEOUT) -> None:
    """Check that the listener is this user's hub before anything is sent to it.

    Raises UntrustedHub when a check fails, HubNotAnswering when no answer came in time.

    For a discovered hub: the socket listening at its address is this user's and held by its
    pid (where /proc shows it), and it proves it knows the token at that very address. A hub
    named in `FLOW_HUB` only proves it knows the token (it may sit behind a port forward).
    """
    if info.discovered:
        addresses = loopback_addresses(info.host, resolve=True)
        if listeners.available():
            _check_listener(info, addresses)
    try:
        probe(info.host, info.port, info.token, timeout, bound=info.discovered)
    except NoAnswer as exc:
        raise HubNotAnswering(str(exc)) from None
    except NotTheHub as exc:
        raise UntrustedHub(f"{netloc(info.host, info.port)} is not the hub: {exc}") from None


def loopback_addresses(host: str, resolve: bool) -> list[IP]:
    """The addresses `host` stands for, all on the loopback; raises UntrustedHub otherwise.

    `localhost` is taken at its name unless `resolve` (which asks the resolver).
    """
    if host.lower() == "localhost":
        return _resolve(host) if resolve else []
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise UntrustedHub(f"it names {host!r}, which is not a loopback address") from None
    if not ip.is_loopback:
        raise UntrustedHub(f"it names {host!r}, which is not a loopback address")
    return [ip]


def remove_hub_file(data_dir: Path, pid: int) -> None:
    """Remove the discovery file if it still belongs to `pid` (a newer hub may own it now)."""
    path = hub_file(data_dir)
    try:
        with os.fdopen(open_regular(path), "rb") as file:
            owner = _parse(file.read(MAX_HUB_FILE)).pid
    except (OSError, UntrustedFile, UntrustedHub):
        return  # gone, or not a discovery file: not its to remove
    if owner == pid:
        with contextlib.suppress(OSError):
            path.unlink()


def hub_from_url(url: str) -> HubInfo | None:
    """A HubInfo from a `FLOW_HUB` value: the HUD URL (http://host:port/?token=…) or a ws:// URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or 80
    except ValueError:  # not a URL (`http://[::1/`), or its port is not one
        return None
    token = parse_qs(parts.query).get(TOKEN_PARAM, [""])[0]
    if parts.scheme not in ("http", "ws") or not parts.hostname or not token:
        return None
    return HubInfo(url=url, pid=0, host=parts.hostname, port=port, token=token)


def hub_answers(info: HubInfo) -> bool:
    """Whether the hub answers and proves who it is (`confirm_hub` without the reason)."""
    try:
        confirm_hub(info)
    except (UntrustedHub, HubNotAnswering):
        return False
    return True


def _read_private(path: Path) -> bytes:
    """The content of a discovery file that only this user can have written."""
    try:
        return read_private_bytes(path, MAX_HUB_FILE, "a hub writes it 0600")
    except UntrustedFile as reason:
        raise UntrustedHub(str(reason)) from None


def _parse(content: bytes) -> HubInfo:
    try:
        raw = json.loads(content)  # UTF-8 that does not decode is a ValueError too
        info = HubInfo(
            url=str(raw["url"]),
            pid=int(raw["pid"]),
            host=str(raw["host"]),
            port=int(raw["port"]),
            token=str(raw["token"]),
            protocol=int(raw.get("protocol", WIRE_VERSION)),
            started_at=float(raw.get("started_at", 0.0)),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        raise UntrustedHub("it is not a hub's discovery file") from None
    if not (0 < info.pid < 2**31 and 0 < info.port < 65536):
        raise UntrustedHub("it is not a hub's discovery file (its pid or port is out of range)")
    return info


def _check_listener(info: HubInfo, addresses: list[IP]) -> None:
    """The socket each address reaches is ours and held by the hub's pid."""
    reached = False
    for ip in addresses:
        sock = listeners.listener_for(ip, info.port)
        if sock is None:
            continue
        where = netloc(str(ip), info.port)
        if sock.uid != os.geteuid():
            raise UntrustedHub(f"the socket listening at {where} belongs to another user")
        if not listeners.holds_socket(info.pid, sock.inode):
            raise UntrustedHub(f"process {info.pid} is not the one listening at {where}")
        reached = True
    if not reached:
        raise UntrustedHub(f"nothing listens at {netloc(info.host, info.port)}")


def _resolve(host: str) -> list[IP]:
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UntrustedHub(f"cannot resolve {host!r}: {exc}") from None
    addresses = [ipaddress.ip_address(str(entry[4][0]).split("%", 1)[0]) for entry in found]
    if not addresses or not all(ip.is_loopback for ip in addresses):
        raise UntrustedHub(f"it names {host!r}, which names more than loopback addresses here")
    return addresses
