"""Functions traced in-process by test_tracer.py (a file under the test's project root)."""

from __future__ import annotations

import asyncio
import threading
import time


def add(x: int, y: int) -> int:
    return x + y


def outer(n: int) -> int:
    return add(n, 1) * 2


def boom(n: int) -> None:
    raise ValueError(f"bad {n}")


def catcher() -> str:
    try:
        boom(1)
    except ValueError:
        return "caught"
    return "not reached"


def propagate() -> None:
    boom(2)


def squares(n: int):  # type: ignore[no-untyped-def]
    for i in range(n):
        yield add(i, i)


def late(i: int) -> int:
    return i


def long_squares(n: int, spin_ns: int = 0):  # type: ignore[no-untyped-def]
    """One generator call with `n` stretches, each running at least `spin_ns`; `late` is
    first called in one of the last."""
    for i in range(n):
        if i == n - 10:
            late(i)
        until = time.perf_counter_ns() + spin_ns
        while time.perf_counter_ns() < until:
            pass
        yield add(i, i)


def many_squares(n: int) -> int:
    return sum(sum(squares(3)) for _ in range(n))


def slowly_consumed(n: int, pause: float) -> None:
    """Generators suspended for `pause` seconds between their two stretches."""
    for _ in range(n):
        numbers = squares(2)
        next(numbers)
        time.sleep(pause)
        list(numbers)


async def child(i: int) -> int:
    await asyncio.sleep(0)
    return add(i, 0)


async def parent_task() -> int:
    first = await child(1)
    second = await child(2)
    return first + second


def run_async() -> int:
    return asyncio.run(parent_task())


async def serial_and_gathered(n: int) -> int:
    total = 0
    for i in range(n):
        total += await child(i)
    return total + sum(await asyncio.gather(*(child(i) for i in range(n))))


def run_many_async(n: int) -> int:
    return asyncio.run(serial_and_gathered(n))


def loop(n: int) -> int:
    total = 0
    for i in range(n):
        total = add(total, i)
    return total


def deep_then_fail(depth: int) -> None:
    if depth == 0:
        raise KeyError("deep")
    deep_then_fail(depth - 1)


class Waiter:
    """A thread that is already running when tracing starts."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.wait_then_work, name="early-bird", daemon=True)

    def wait_then_work(self) -> None:
        self.go.wait()
        add(40, 2)
        self.done.set()


def meet(barrier: threading.Barrier, n: int) -> int:
    """Runs in several threads at once, so each has its own live thread id."""
    barrier.wait()
    result = outer(n)
    barrier.wait()
    return result


def mutate(weights: list[float]) -> None:
    """Changes its argument in place after being called with it."""
    for i in range(len(weights)):
        weights[i] += 1.0


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def mixture() -> int:
    """Plain, recursive, generator and exception-raising calls under one root."""
    total = loop(300) + fib(12) + sum(squares(20)) + len(catcher())
    try:
        deep_then_fail(4)
    except KeyError:
        total += 1
    return total
