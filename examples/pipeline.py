"""A small data pipeline and training loop: the bundled example for `flow run`.

flow run examples/pipeline.py --epochs 3
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    lr: float
    epochs: int
    batch_size: int


@dataclass
class Batch:
    features: list[list[float]]
    labels: list[int]


def load_samples(count: int, seed: int) -> list[tuple[list[float], int]]:
    rng = random.Random(seed)
    samples = []
    for _ in range(count):
        x = [rng.uniform(-1, 1) for _ in range(4)]
        samples.append((x, int(sum(x) > 0)))
    return samples


def make_batches(samples: list[tuple[list[float], int]], size: int) -> list[Batch]:
    return [
        Batch([s[0] for s in samples[i : i + size]], [s[1] for s in samples[i : i + size]])
        for i in range(0, len(samples), size)
    ]


def predict(weights: list[float], features: list[float]) -> float:
    z = sum(w * f for w, f in zip(weights, features, strict=True))
    return 1 / (1 + math.exp(-z))


def train_step(weights: list[float], batch: Batch, lr: float) -> float:
    loss = 0.0
    for features, label in zip(batch.features, batch.labels, strict=True):
        p = predict(weights, features)
        loss -= label * math.log(p + 1e-9) + (1 - label) * math.log(1 - p + 1e-9)
        for i, f in enumerate(features):
            weights[i] -= lr * (p - label) * f
    return loss / len(batch.labels)


def validate(weights: list[float], samples: list[tuple[list[float], int]]) -> float:
    if not samples:
        raise ValueError("no validation samples")
    right = sum((predict(weights, x) > 0.5) == bool(y) for x, y in samples)
    return right / len(samples)


def train(config: Config) -> list[float]:
    weights = [0.0] * 4
    batches = make_batches(load_samples(256, seed=1), config.batch_size)
    for epoch in range(config.epochs):
        losses = [train_step(weights, batch, config.lr) for batch in batches]
        accuracy = validate(weights, load_samples(64, seed=2))
        print(f"epoch {epoch + 1}: loss {sum(losses) / len(losses):.4f} accuracy {accuracy:.2f}")
    try:
        validate(weights, [])
    except ValueError as error:
        print(f"skipped empty validation: {error}")
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description="train a tiny logistic regression")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()
    weights = train(Config(lr=args.lr, epochs=args.epochs, batch_size=32))
    print("weights", [round(w, 3) for w in weights])


if __name__ == "__main__":
    main()
