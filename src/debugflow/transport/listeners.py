"""Who listens at an address, and which process holds that socket: read from Linux's /proc.

A discovery file names an address and a pid. Before anything is sent there, the listening
socket that a connection to that address would reach must belong to this user and be held open
by that pid (so a hub file cannot point at another user's listener, or borrow the pid of some
other process). Elsewhere /proc is missing and `available()` is False; callers then rely on the
other checks alone.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import NamedTuple

from debugflow.transport.addresses import IP, unmapped
from debugflow.transport.processes import PROC

_LISTEN = "0A"  # TCP_LISTEN in /proc/net/tcp's `st` column


class Listener(NamedTuple):
    """One listening TCP socket: the address it is bound to, its owner and its inode."""

    ip: IP
    port: int
    uid: int
    inode: int


def available() -> bool:
    """Whether this system shows sockets and processes in /proc."""
    return sys.platform.startswith("linux") and (PROC / "self" / "net" / "tcp").exists()


def listener_for(ip: IP, port: int) -> Listener | None:
    """The listening socket a connection to ip:port reaches: bound to that very address, else to
    the wildcard address (the kernel prefers the exact one); None when nothing listens there."""
    candidates = [sock for sock in _listening() if sock.port == port]
    exact = [sock for sock in candidates if sock.ip == ip]
    wildcard = [sock for sock in candidates if sock.ip.is_unspecified and _same_stack(sock, ip)]
    wildcard.sort(key=lambda sock: sock.ip.version != ip.version)  # its own family first
    found = exact or wildcard
    return found[0] if found else None


def holds_socket(pid: int, inode: int) -> bool:
    """Whether process `pid` has the socket `inode` open."""
    wanted = f"socket:[{inode}]"
    try:
        fds = os.listdir(PROC / str(pid) / "fd")
    except OSError:
        return False  # gone, or not ours to look into
    for fd in fds:
        try:
            if os.readlink(PROC / str(pid) / "fd" / fd) == wanted:
                return True
        except OSError:
            continue  # closed meanwhile
    return False


def _same_stack(sock: Listener, ip: IP) -> bool:
    # An IPv6 wildcard socket also accepts IPv4 unless it is IPv6-only, which /proc does not
    # show: count it, so the check errs towards finding someone else's socket.
    return sock.ip.version == ip.version or sock.ip.version == 6


def _listening() -> list[Listener]:
    found: list[Listener] = []
    for name in ("tcp", "tcp6"):
        try:
            lines = (PROC / "self" / "net" / name).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue  # no IPv6 on this machine
        found += [_parse(fields) for fields in map(str.split, lines) if fields[3] == _LISTEN]
    return found


def _parse(fields: list[str]) -> Listener:
    address, port = fields[1].split(":")
    return Listener(_decode_ip(address), int(port, 16), int(fields[7]), int(fields[9]))


def _decode_ip(text: str) -> IP:
    # The kernel prints each 32-bit word of the address in the machine's byte order.
    words = [int(text[i : i + 8], 16).to_bytes(4, sys.byteorder) for i in range(0, len(text), 8)]
    return unmapped(ipaddress.ip_address(b"".join(words)))
