"""Recursion: a deep chain close to the recursion limit, and a runaway one that is caught."""

import sys


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def forever(n):
    return forever(n + 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(depth(sys.getrecursionlimit() - 60))
try:
    forever(0)
except RecursionError as error:
    print("caught", type(error).__name__)
print(fib(15))
