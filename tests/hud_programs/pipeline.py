"""A small pipeline for the HUD tests: nesting, a loop, a thread, an exception, a held call."""

import contextlib
import sys
import threading
import time
from pathlib import Path


def hold(gate: str) -> str:
    """Wait until the test creates `gate`, so the HUD can be checked while this call runs."""
    path = Path(gate)
    while not path.exists():
        time.sleep(0.02)
    return "open"


def load(path: str, limit: int = 3) -> list[int]:
    return list(range(limit))


def step(i: int, lr: float = 0.001) -> float:
    return i * lr


def divide(a: int, b: int) -> float:
    return a / b


def describe(text: str) -> str:
    return text.upper()


def worker(n: int) -> float:
    total = 0.0
    for i in range(n):
        total += step(i)
    return total


def train(epochs: int) -> float:
    load("/data/train.csv")
    total = 0.0
    for i in range(epochs):
        total += step(i)
    with contextlib.suppress(ZeroDivisionError):
        divide(1, 0)
    describe("a long value " * 40)
    return total


def main(gate: str) -> None:
    thread = threading.Thread(target=worker, args=(5,), name="worker")
    thread.start()
    thread.join()
    train(12)
    hold(gate)


main(sys.argv[1] if len(sys.argv) > 1 else "")
