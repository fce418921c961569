"""One program for `flow run` and for a ghost pass of `run`: nesting, a loop, generators consumed
by `sum()` and `list()`, a constructor and a method, and recursion. Every parameter is
annotated, so the ghost pass calls `run(1)`, as the script does."""

from __future__ import annotations

from collections.abc import Iterator


class Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def bump(self, by: int) -> int:
        self.value += by
        return self.value


def squares(n: int) -> Iterator[int]:
    for i in range(n):
        yield square(i)


def square(x: int) -> int:
    return x * x


def depth(n: int) -> int:
    return 0 if n <= 0 else 1 + depth(n - 1)


def inner(x: int) -> int:
    return square(x) + 1


def outer(x: int) -> int:
    return inner(x) + inner(x + 1)


def run(n: int) -> int:
    counter = Counter(n)
    total = sum(squares(n + 2))
    for i in range(n + 2):
        total += outer(i)
        counter.bump(i)
    return total + depth(n + 2) + counter.value + len(list(squares(n)))


if __name__ == "__main__":
    print(run(1))
