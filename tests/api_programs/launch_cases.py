"""launch() with real arguments, with the ghost pass's mock arguments, and without either.

argv[1] names the case; the result of launch() is printed with its type.
"""

import sys
from pathlib import Path

from debugflow.flow_engine import launch


def my_function(x, y):
    return x + y


def shapes(
    items: list[int], table: dict[str, float], pair: tuple[int, str], flag: bool, note: str | None
) -> str:
    return f"{items} {table} {pair} {flag} {note}"


def keyword(first: int, *, second: str) -> str:
    return f"{first} {second}"


def save(folder: Path, count: int) -> int:
    return count


def grow(items: list[int]) -> int:
    items.append(2)
    return len(items)


CASES = {
    "given": lambda: launch("my_function", 2, y=3, Ghost=True),
    "shapes": lambda: launch("shapes", Ghost=True),
    "keyword": lambda: launch(keyword, Ghost=True),
    "grow": lambda: launch("grow", Ghost=True),
    "no_ghost": lambda: launch("my_function", Ghost=False),
    "no_ghost_some": lambda: launch("my_function", 2, Ghost=False),
    "too_many": lambda: launch("my_function", 1, 2, 3, Ghost=False),
    "not_plain": lambda: launch("save", Ghost=True),
    "typo": lambda: launch("my_functon", Ghost=False),
}

if __name__ == "__main__":  # the ghost pass imports this file too

    def hidden(x: int) -> int:
        """Defined only when run as a script: the ghost pass's import never sees it."""
        return x

    CASES["hidden"] = lambda: launch("hidden", Ghost=True)
    result = CASES[sys.argv[1]]()
    print(type(result).__name__, result)
