"""A torch CPU training loop: an `nn.Module` MLP trained with SGD for a few hundred steps.

Per-step Python functions (load_batch, forward, backward, step) around torch's C++ kernels,
as in a typical training script. Usage: `python torch_train.py [STEPS]`; prints a checksum of
the final loss and weights.
"""

from __future__ import annotations

import sys

import torch
from torch import nn

DEFAULT_SIZE = 200  # training steps
BATCH, INPUTS, HIDDEN, CLASSES = 128, 256, 512, 10


class MLP(nn.Module):
    """Two linear layers with a ReLU between them."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(INPUTS, HIDDEN)
        self.output = nn.Linear(HIDDEN, CLASSES)

    def forward(self, batch: torch.Tensor) -> torch.Tensor:
        return self.output(torch.relu(self.hidden(batch)))


def make_data(samples: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A synthetic classification set whose labels a linear teacher decides."""
    features = torch.randn(samples, INPUTS)
    teacher = torch.randn(INPUTS, CLASSES)
    return features, (features @ teacher).argmax(dim=1)


def load_batch(
    features: torch.Tensor, labels: torch.Tensor, step: int
) -> tuple[torch.Tensor, torch.Tensor]:
    start = (step * BATCH) % (len(features) - BATCH)
    return features[start : start + BATCH], labels[start : start + BATCH]


def forward(model: MLP, batch: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return nn.functional.cross_entropy(model(batch), labels)


def backward(optimizer: torch.optim.Optimizer, loss: torch.Tensor) -> None:
    optimizer.zero_grad()
    loss.backward()


def step(optimizer: torch.optim.Optimizer) -> None:
    optimizer.step()


def main(size: int = DEFAULT_SIZE) -> str:
    """Train for `size` steps and return a checksum of the final loss and weights."""
    torch.manual_seed(7)
    features, labels = make_data(8192)
    model = MLP()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    loss = torch.zeros(())
    for index in range(size):
        batch, batch_labels = load_batch(features, labels, index)
        loss = forward(model, batch, batch_labels)
        backward(optimizer, loss)
        step(optimizer)
    weights = float(model.hidden.weight.detach().abs().sum())
    return f"{float(loss.detach()):.4f}-{weights:.2f}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
