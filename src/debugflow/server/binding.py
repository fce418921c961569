"""Binding the hub's listening socket, moving on to the next free port when one is taken."""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable

from debugflow.errors import FlowError

Notify = Callable[[str], None]


class PortUnavailable(FlowError):
    """No port in the tried range could be bound."""


def bind_listener(host: str, port: int, tries: int, notify: Notify) -> socket.socket:
    """A listening socket on `host:port`, or on the next free port (after telling `notify`)."""
    if port == 0:
        return _bind(host, 0)
    last_error: OSError | None = None
    for candidate in range(port, min(port + tries, 65536)):
        try:
            sock = _bind(host, candidate)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise PortUnavailable(f"cannot listen on {host}:{candidate}: {exc}") from exc
            last_error = exc
            continue
        if candidate != port:
            notify(f"port {port} is in use; the hub listens on port {candidate} instead")
        return sock
    raise PortUnavailable(
        f"ports {port}-{port + tries - 1} on {host} are all in use ({last_error}); "
        "choose another with --port or FLOW_PORT"
    )


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            # Allows a restart while old connections sit in TIME_WAIT; on POSIX it does not
            # let two live listeners share a port (on Windows it would, so it stays off there).
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock
