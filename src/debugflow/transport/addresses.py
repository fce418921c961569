"""Addresses as DebugFlow writes and compares them: `host:port`, and IPv4-mapped IPv6 as IPv4."""

from __future__ import annotations

import ipaddress

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


def netloc(host: str, port: int) -> str:
    """`host:port`, with an IPv6 host in brackets (`[::1]:5555`)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def unmapped(ip: IP) -> IP:
    """`ip` itself, or the IPv4 address an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`)
    stands for: a socket bound to either takes the same connections."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip
