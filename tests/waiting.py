"""Waiting in tests: for a condition, with a deadline, never for a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

POLL_S = 0.02  # how often a condition is looked at again; not a guess at how long it takes


def wait_until(condition: Callable[[], T], what: str, timeout: float = 10.0) -> T:
    """The first true value `condition()` returns; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(POLL_S)
    return value


async def wait_until_async(
    condition: Callable[[], Awaitable[T]], what: str, timeout: float = 10.0
) -> T:
    """`wait_until` for a coroutine condition, inside a running event loop."""
    deadline = time.monotonic() + timeout
    while not (value := await condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(POLL_S)
    return value
