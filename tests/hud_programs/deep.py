"""Many nodes at once: a recursion 150 levels deep (each level is its own node), then a hold."""

import sys
import time
from pathlib import Path


def dive(level: int, gate: str) -> int:
    if level == 0:
        return hold(gate)
    return dive(level - 1, gate) + 1


def hold(gate: str) -> int:
    path = Path(gate)
    while not path.exists():
        time.sleep(0.02)
    return 0


dive(150, sys.argv[1] if len(sys.argv) > 1 else "")
