"""A loop for the code panel tests: it waits for a gate file, then sums squares in a loop."""

import os
import sys
import time


def square(n: int) -> int:
    value = n * n
    bonus = value + 1
    return bonus


def main(gate: str) -> None:
    warmup = square(2)
    deadline = time.monotonic() + 60
    while not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.02)
    squares = {}
    for n in range(3, 6):
        squares[n] = square(n)
    print("total", sum(squares.values()), warmup)


main(sys.argv[1])
