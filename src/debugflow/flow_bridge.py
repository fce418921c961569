"""The original manual-pulse API: `Flow("127.0.0.1", 5555)`, `Flow.init(id)`, `Flow.pulse(...)`.

Pulses always go into the current run (or a pulse-only run of this process) in the store.
`Flow(host, port)` names the hub they stream to. The project's hub is found the way every
traced program finds it (`FLOW_HUB`, else `<data dir>/hub.json`); when it answers at that
address, pulses stream to it. When no hub answers there, or the hub found listens elsewhere,
one line on stderr says so (naming where the hub is, if one was found) and the pulses are only
recorded. Finding the hub, its proof of identity included, happens on the thread that makes
`Flow(...)`, which waits up to about a second for the hub's answer. The hub listens on this
machine only, so a host that is not a loopback address is refused with a ConfigError.

The choice is made by setting `FLOW_HUB` for this process (and so for the programs it
starts): to the hub's address, or to "off". `FLOW_HUB=off` set beforehand is left alone, and
nothing is said. A run traced before `Flow(...)` was made (`flow run`, `trace()`) keeps the hub
it found when it started.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import sys
from collections.abc import Mapping
from typing import ClassVar

from debugflow.api import pulse
from debugflow.errors import ConfigError
from debugflow.paths import data_dir, project_root
from debugflow.run.session import active_session
from debugflow.transport.addresses import netloc
from debugflow.transport.discovery import HubInfo, hub_answers, hub_from_url, read_hub_file
from debugflow.transport.hub_link import ENV_VAR, OFF_VALUES

_told: set[tuple[str, int]] = set()  # addresses already reported, so each is said once


class Flow:
    """A bridge to the HUD. Construct it once with the hub's address, then call class methods."""

    host: ClassVar[str] = "127.0.0.1"
    port: ClassVar[int] = 5555
    session_id: ClassVar[str | None] = None

    def __init__(self, host: str = "127.0.0.1", port: int = 5555) -> None:
        _check_address(host, port)
        type(self).host = host
        type(self).port = port
        _stream_to(host, port)

    @classmethod
    def init(cls, session_id: str) -> None:
        """Name the session the following pulses belong to."""
        cls.session_id = session_id

    @classmethod
    def pulse(
        cls,
        node: str,
        params: Mapping[str, object] | None = None,
        returns: object = None,
        node_type: str = "info",
    ) -> None:
        """Send one manual event; never raises because a HUD is missing."""
        merged = dict(params or {})
        if cls.session_id is not None:
            merged.setdefault("session", cls.session_id)
        pulse(node, merged, returns, node_type)


def _check_address(host: str, port: int) -> None:
    """Refuse an address no DebugFlow hub can listen on."""
    if not _is_loopback(host):
        raise ConfigError(
            f"Flow({host!r}, {port}): the DebugFlow hub listens on this machine only; "
            "use '127.0.0.1' or 'localhost' (for a remote program, forward the port over SSH)"
        )
    if not 0 < port < 65536:
        raise ConfigError(f"Flow({host!r}, {port}): the port must be between 1 and 65535")


def _stream_to(host: str, port: int) -> None:
    """Point this process's pulses at the hub at host:port, or say why they stay in the store."""
    given = _flow_hub_given()
    if given.lower() in OFF_VALUES:
        return  # streaming turned off by the person: nothing to aim
    hub = _live_hub(given)
    if hub is not None and hub.port == port and _reaches(host, hub.host):
        os.environ[ENV_VAR] = hub.url
        return
    os.environ[ENV_VAR] = "off"  # not to a hub elsewhere: the program named this address
    _tell_once(host, port, hub)


@functools.cache
def _flow_hub_given() -> str:
    """`FLOW_HUB` as the person set it: read once, before any `Flow()` changed it."""
    return os.environ.get(ENV_VAR, "").strip()


def _live_hub(given: str) -> HubInfo | None:
    """The hub a traced program of this project would stream to, if it answers."""
    hub = hub_from_url(given) if given else read_hub_file(data_dir(project_root()))
    return hub if hub is not None and hub_answers(hub) else None


def _tell_once(host: str, port: int, hub: HubInfo | None) -> None:
    if (host, port) in _told:
        return
    _told.add((host, port))
    where = netloc(hub.host, hub.port) if hub is not None else None
    found = f"this project's hub is at {where}" if where else "no hub was found"
    if active_session() is None:
        fate = "pulses are recorded in the run store only"
    else:
        fate = "pulses go into the run being traced, which chose its hub when it started"
    print(f"debugflow: no HUD hub answers at {host}:{port} ({found}); {fate}", file=sys.stderr)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    ip = _ip(host)
    return host.lower() == "localhost" or (ip is not None and ip.is_loopback)


def _reaches(host: str, hub_host: str) -> bool:
    """Whether connecting to the loopback `host` reaches a hub bound to `hub_host`."""
    hub_ip = _ip(hub_host)
    if hub_ip is not None and hub_ip.is_unspecified:
        return True  # the hub listens on every interface, loopback included
    if "localhost" in (host.lower(), hub_host.lower()):
        return _is_loopback(hub_host)
    return _ip(host) == hub_ip
