"""The seed's own example: launch() by name from the caller's globals."""

import sys

from debugflow.flow_engine import launch


def add(x: int, y: int) -> int:
    return x + y


def runme() -> int:
    add(2, 3)
    return add(10, 20)


print(launch("runme", Ghost=False, Real_Time=sys.argv[1:] != ["cinematic"]))
