"""Threads: a pool of worker threads taking jobs from a queue and sharing locked state.

Every thread runs the program's own functions, so a tracer has to keep one call tree per
thread. Usage: `python threads_app.py [SIZE]`; prints a checksum that depends only on SIZE
(the order in which threads finish does not change it).
"""

from __future__ import annotations

import queue
import sys
import threading

DEFAULT_SIZE = 70_000  # jobs
WORKERS = 4


class Ledger:
    """Totals shared by every worker, guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.totals: dict[int, int] = {}

    def add(self, key: int, amount: int) -> None:
        with self.lock:
            self.totals[key] = self.totals.get(key, 0) + amount


def score(word: str) -> int:
    value = 5
    for byte in word.encode():
        value = (value * 37 + byte) % 65_521
    return value


def tokens(job: int) -> list[str]:
    return f"job {job} alpha{job % 17} beta{job % 5} gamma{job * 7 % 23} delta".split()


def process(job: int, ledger: Ledger) -> None:
    total = 0
    for word in tokens(job):
        total += score(word)
    ledger.add(job % 10, total)


def worker(jobs: queue.Queue[int | None], ledger: Ledger) -> None:
    while (job := jobs.get()) is not None:
        process(job, ledger)


def main(size: int = DEFAULT_SIZE) -> str:
    """Run the workload and return its checksum."""
    jobs: queue.Queue[int | None] = queue.Queue()
    ledger = Ledger()
    threads = [threading.Thread(target=worker, args=(jobs, ledger)) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for job in range(size):
        jobs.put(job)
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    return f"{sum(ledger.totals.values())}-{len(ledger.totals)}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
