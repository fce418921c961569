"""The hub's proof of identity: it answers a fresh nonce with an HMAC keyed by its token.

Whoever found a hub in a discovery file asks `GET /api/health?nonce=<random hex>` and never
sends the token itself. The hub answers `{"proof": HMAC-SHA256(token, nonce + address),
"address": address}`, where `address` is the `ip:port` that connection arrived at. Only a
listener that knows the token can answer, and a real hub's answer holds only for the address it
was asked at, so a listener elsewhere cannot relay one.

`probe()` is the asking side: one short HTTP/1.1 request on a plain socket, with a deadline for
the whole exchange (a listener that answers a byte at a time cannot hold it).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import socket
import time
from typing import Any

from debugflow.transport.addresses import netloc, unmapped

NONCE_PARAM = "nonce"
HEALTH_PATH = "/api/health"
MAX_ANSWER = 16 * 1024  # bytes: a health answer is a few hundred
_NONCE = re.compile(r"[0-9a-f]{32,128}")
_PROOF = re.compile(r"[0-9a-f]{64}")  # an HMAC-SHA256 in hex, as `proof` writes it
# `ip:port` or `[ip]:port`, as `address_text` writes it: nothing else is put in a message.
_ADDRESS = re.compile(r"[0-9a-f.:\[\]]{3,64}")
_LABEL = b"debugflow hub identity\0"


class NotTheHub(ValueError):
    """The listener did not prove that it knows the hub's token at the address asked."""


class NoAnswer(NotTheHub):
    """No complete answer came in time, or no connection could be made.

    That says nothing about who listens there (a hub busy with a large run answers late), so
    a caller may try again later; nothing is ever sent to an unconfirmed listener meanwhile.
    """


def new_nonce() -> str:
    """A fresh random challenge."""
    return secrets.token_hex(16)


def valid_nonce(nonce: str) -> bool:
    """Whether `nonce` has the shape of a challenge (lower-case hex, 32 to 128 digits)."""
    return _NONCE.fullmatch(nonce) is not None


def proof(token: str, nonce: str, address: str) -> str:
    """The answer to `nonce` of the hub with `token`, asked at `address`."""
    message = _LABEL + nonce.encode() + b"\0" + address.encode()
    return hmac.new(token.encode(), message, hashlib.sha256).hexdigest()


def address_text(sockaddr: Any) -> str:
    """`ip:port` (`[ip]:port` for IPv6) of a socket address; IPv4-mapped IPv6 reads as IPv4."""
    ip = unmapped(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
    return netloc(str(ip), int(sockaddr[1]))


def probe(host: str, port: int, token: str, timeout: float, *, bound: bool = True) -> None:
    """Ask the listener at host:port to prove it is the hub with `token`; raises NotTheHub.

    `bound`: the answer must name the very address this connection reached (a hub named in
    `FLOW_HUB` may sit behind a port forward, where it sees another address). Whatever the
    listener answers, the outcome is a return or NotTheHub.
    """
    nonce = new_nonce()
    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            reached = address_text(sock.getpeername())
            sock.sendall(_request(host, port, nonce))
            raw = _read_all(sock, deadline)
    except (OSError, ValueError) as exc:  # ValueError: a host name no socket can be opened for
        raise NoAnswer(f"no answer from {netloc(host, port)} ({exc})") from None
    address = _proven_address(_json_body(raw), token, nonce)
    if address is None:
        raise NotTheHub(f"the listener at {reached} does not know the hub's token")
    if bound and address != reached:
        raise NotTheHub(f"the answer is for {address}, not {reached} (relayed?)")


def _proven_address(answer: dict[str, Any], token: str, nonce: str) -> str | None:
    """The address an answer names, when its proof is the one for `token`; else None."""
    claimed, address = answer.get("proof"), answer.get("address")
    if not isinstance(claimed, str) or _PROOF.fullmatch(claimed) is None:
        return None
    if not isinstance(address, str) or _ADDRESS.fullmatch(address) is None:
        return None
    try:
        expected = proof(token, nonce, address).encode("ascii")
    except UnicodeError:  # a token that is no text (from a file or the environment)
        return None
    return address if hmac.compare_digest(claimed.encode("ascii"), expected) else None


def _request(host: str, port: int, nonce: str) -> bytes:
    return (
        f"GET {HEALTH_PATH}?{NONCE_PARAM}={nonce} HTTP/1.1\r\nHost: {netloc(host, port)}\r\n"
        "Accept: application/json\r\nConnection: close\r\n\r\n"
    ).encode("ascii")


def _read_all(sock: socket.socket, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < MAX_ANSWER:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no complete answer in time")
        sock.settimeout(left)
        chunk = sock.recv(MAX_ANSWER - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _json_body(raw: bytes) -> dict[str, Any]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or status[1] != b"200":
        raise NotTheHub(f"not a hub's answer: {head[:60]!r}")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise NotTheHub("the answer is not JSON") from None
    if not isinstance(data, dict):
        raise NotTheHub("the answer is not a JSON object")
    return data
