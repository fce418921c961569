"""A training loop fed by two loader threads through a queue.

    flow run examples/demo/loader.py

The HUD draws one lane per thread, side by side: MainThread trains while loader-0 and
loader-1 open, read and decode their shards, each call pulsing, running and settling in
its own lane.
"""

import queue
import threading
import time

Batches = queue.Queue[list[float]]


def open_shard(shard: int) -> str:
    time.sleep(0.8)
    return f"shard-{shard}.bin"


def read_part(name: str, part: int) -> list[int]:
    time.sleep(0.3)
    return [len(name) * 10 + part] * 4


def decode(raw: list[int]) -> list[float]:
    time.sleep(0.15)
    return [value / 100 for value in raw]


def loader(shard: int, parts: int, batches: Batches) -> int:
    name = open_shard(shard)
    for part in range(parts):
        batches.put(decode(read_part(name, part)))
    return parts


def train_step(batch: list[float]) -> float:
    time.sleep(0.2)
    return sum(batch) / len(batch)


def train(batches: Batches, steps: int) -> float:
    loss = 0.0
    for _ in range(steps):
        loss = train_step(batches.get())
    return loss


def main() -> None:
    batches: Batches = queue.Queue(maxsize=2)
    loaders = [
        threading.Thread(target=loader, args=(shard, 4, batches), name=f"loader-{shard}")
        for shard in range(2)
    ]
    for thread in loaders:
        thread.start()
    print(f"final loss {train(batches, 8):.2f}")
    for thread in loaders:
        thread.join()


if __name__ == "__main__":
    main()
