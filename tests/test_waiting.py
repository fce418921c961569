"""The tests' waiting helpers: they return what they waited for, and fail when it never comes."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from waiting import wait_until, wait_until_async


def test_wait_until_returns_the_first_true_value() -> None:
    answers = itertools.chain([0, None, ""], itertools.repeat("ready"))
    assert wait_until(lambda: next(answers), "an answer") == "ready"


def test_wait_until_fails_the_test_when_the_condition_never_holds() -> None:
    with pytest.raises(AssertionError, match=r"timed out after 0\.05 s waiting for nothing"):
        wait_until(lambda: False, "nothing", timeout=0.05)


def test_wait_until_async_awaits_the_condition() -> None:
    answers = iter([False, False, True])

    async def condition() -> bool:
        await asyncio.sleep(0)
        return next(answers)

    assert asyncio.run(wait_until_async(condition, "the third answer")) is True
    with pytest.raises(AssertionError, match="waiting for never"):
        asyncio.run(wait_until_async(_never, "never", timeout=0.05))


async def _never() -> bool:
    return False
