"""A small report pipeline whose stages each take a moment, so every call can be watched.

    flow run examples/demo/pipeline.py

In the HUD each call pulses in cyan as it starts, glows yellow while it runs and settles
green when it returns. `scripts/build_demo_gifs.py` records this run for the README.
"""

import time
from operator import itemgetter

PAUSE = 0.45  # seconds each stage works: long enough to see it run


def fetch(source: str) -> list[str]:
    time.sleep(PAUSE)
    return [f"order-{n},{n * 37 % 90 + 10}" for n in range(1, 4)]


def parse(line: str) -> tuple[str, int]:
    time.sleep(PAUSE / 3)
    name, amount = line.split(",")
    return name, int(amount)


def load(source: str) -> list[tuple[str, int]]:
    return [parse(line) for line in fetch(source)]


def total(rows: list[tuple[str, int]]) -> int:
    time.sleep(PAUSE)
    return sum(amount for _, amount in rows)


def largest(rows: list[tuple[str, int]]) -> str:
    time.sleep(PAUSE)
    name, _ = max(rows, key=itemgetter(1))
    return name


def summarise(rows: list[tuple[str, int]]) -> dict[str, object]:
    return {"orders": len(rows), "total": total(rows), "largest": largest(rows)}


def render(summary: dict[str, object]) -> str:
    time.sleep(PAUSE)
    return ", ".join(f"{key}={value}" for key, value in summary.items())


def main() -> None:
    rows = load("orders.csv")
    report = render(summarise(rows))
    print(report)


if __name__ == "__main__":
    time.sleep(3.0)  # time for a HUD that is watching to open the run before the first call
    main()
