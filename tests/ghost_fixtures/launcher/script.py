"""A script in the seed's style: `launch()` at module level, with no `__main__` guard."""

from debugflow.flow_engine import launch


def add(x: int, y: int) -> int:
    return x + y


def runme() -> int:
    return add(2, 3) + add(10, 20)


launch("runme", Ghost=False, Real_Time=True)
