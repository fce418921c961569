"""A training loop with two loader threads, a check that raises, and a save that waits for the
test: what the desktop HUD's screenshot (docs/desktop-hud.png) shows."""

import contextlib
import sys
import threading
import time
from pathlib import Path


def read_shard(shard: int, rows: int = 256) -> list[int]:
    time.sleep(0.02)
    return [shard] * 3


def loader(shard: int, batches: int) -> int:
    total = 0
    for _ in range(batches):
        total += len(read_shard(shard))
    return total


def forward(batch: list[int], lr: float = 0.003) -> float:
    time.sleep(0.01)
    return sum(batch) * lr


def check_loss(loss: float, limit: float = 0.02) -> float:
    if loss > limit:
        raise ValueError(f"loss {loss:.3f} is above {limit}")
    return loss


def train_step(step: int, batch: list[int]) -> float:
    loss = forward(batch)
    with contextlib.suppress(ValueError):
        check_loss(loss * (step % 4))
    return loss


def save_checkpoint(path: str, gate: str) -> str:
    while gate and not Path(gate).exists():
        time.sleep(0.02)
    return path


def train(epochs: int, gate: str) -> float:
    total = 0.0
    for step in range(epochs):
        total += train_step(step, [step, step + 1, step + 2])
    save_checkpoint("/tmp/model.ckpt", gate)
    return total


def main(gate: str) -> None:
    loaders = [threading.Thread(target=loader, args=(n, 30), name=f"loader-{n}") for n in range(2)]
    for thread in loaders:
        thread.start()
    train(60, gate)
    for thread in loaders:
        thread.join()


main(sys.argv[1] if len(sys.argv) > 1 else "")
