"""A numpy training loop: a small MLP trained with SGD, its time spent in C.

Each step calls a few Python functions (load_batch, forward, backward, step), the way a
hand-written training script does, while the matrix products run in BLAS. Usage:
`python numpy_train.py [STEPS]`; prints a checksum of the final loss and weights.
"""

from __future__ import annotations

import sys

import numpy as np

DEFAULT_SIZE = 300  # training steps
BATCH, INPUTS, HIDDEN, CLASSES = 128, 256, 512, 10
LEARNING_RATE = 0.05

Params = dict[str, np.ndarray]


def make_data(rng: np.random.Generator, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """A synthetic classification set whose labels a linear teacher decides."""
    features = rng.standard_normal((samples, INPUTS)).astype(np.float32)
    teacher = rng.standard_normal((INPUTS, CLASSES)).astype(np.float32)
    return features, (features @ teacher).argmax(axis=1)


def init_params(rng: np.random.Generator) -> Params:
    return {
        "w1": (rng.standard_normal((INPUTS, HIDDEN)) * np.sqrt(2 / INPUTS)).astype(np.float32),
        "b1": np.zeros(HIDDEN, dtype=np.float32),
        "w2": (rng.standard_normal((HIDDEN, CLASSES)) * np.sqrt(2 / HIDDEN)).astype(np.float32),
        "b2": np.zeros(CLASSES, dtype=np.float32),
    }


def load_batch(
    features: np.ndarray, labels: np.ndarray, step: int
) -> tuple[np.ndarray, np.ndarray]:
    start = (step * BATCH) % (len(features) - BATCH)
    return features[start : start + BATCH], labels[start : start + BATCH]


def relu(values: np.ndarray) -> np.ndarray:
    return np.maximum(values, 0)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def forward(params: Params, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    hidden = relu(batch @ params["w1"] + params["b1"])
    return hidden, softmax(hidden @ params["w2"] + params["b2"])


def cross_entropy(probs: np.ndarray, labels: np.ndarray) -> float:
    return float(-np.log(probs[np.arange(len(labels)), labels] + 1e-9).mean())


def backward(
    params: Params, batch: np.ndarray, hidden: np.ndarray, probs: np.ndarray, labels: np.ndarray
) -> Params:
    grad_logits = probs.copy()
    grad_logits[np.arange(len(labels)), labels] -= 1
    grad_logits /= len(labels)
    grad_hidden = (grad_logits @ params["w2"].T) * (hidden > 0)
    return {
        "w2": hidden.T @ grad_logits,
        "b2": grad_logits.sum(axis=0),
        "w1": batch.T @ grad_hidden,
        "b1": grad_hidden.sum(axis=0),
    }


def step(params: Params, grads: Params) -> None:
    for name, grad in grads.items():
        params[name] -= LEARNING_RATE * grad


def main(size: int = DEFAULT_SIZE) -> str:
    """Train for `size` steps and return a checksum of the final loss and weights."""
    rng = np.random.default_rng(7)
    features, labels = make_data(rng, 8192)
    params = init_params(rng)
    loss = 0.0
    for index in range(size):
        batch, batch_labels = load_batch(features, labels, index)
        hidden, probs = forward(params, batch)
        loss = cross_entropy(probs, batch_labels)
        step(params, backward(params, batch, hidden, probs, batch_labels))
    return f"{loss:.4f}-{float(np.abs(params['w1']).sum()):.2f}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
