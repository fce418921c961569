"""Asyncio tasks: producers, a bounded queue, workers and gathered sub-requests.

Many tasks interleave at every await, so a tracer has to keep each task's calls apart.
Usage: `python async_app.py [SIZE]`; prints a checksum that depends only on SIZE.
"""

from __future__ import annotations

import asyncio
import sys

DEFAULT_SIZE = 30_000  # jobs
WORKERS = 8


def checksum_of(text: str) -> int:
    value = 11
    for byte in text.encode():
        value = (value * 33 + byte) % 999_983
    return value


async def fetch_part(job: int, part: int) -> int:
    """A sub-request: yields to the loop once, then computes a little."""
    await asyncio.sleep(0)
    return checksum_of(f"job={job};part={part};payload={job * part:08x}")


async def handle(job: int) -> int:
    parts = await asyncio.gather(*(fetch_part(job, part) for part in range(3)))
    return sum(parts) % 1_000_003


async def produce(queue: asyncio.Queue[int | None], first: int, count: int) -> None:
    for job in range(first, first + count):
        await queue.put(job)


async def work(queue: asyncio.Queue[int | None], results: dict[int, int]) -> None:
    while (job := await queue.get()) is not None:
        results[job] = await handle(job)


async def run(size: int) -> dict[int, int]:
    queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=64)
    results: dict[int, int] = {}
    workers = [asyncio.create_task(work(queue, results)) for _ in range(WORKERS)]
    half = size // 2
    await asyncio.gather(produce(queue, 0, half), produce(queue, half, size - half))
    for _ in workers:
        await queue.put(None)
    await asyncio.gather(*workers)
    return results


def main(size: int = DEFAULT_SIZE) -> str:
    """Run the workload and return its checksum."""
    results = asyncio.run(run(size))
    return f"{len(results)}-{sum(results.values())}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
