"""A model pipeline annotated with torch types (run against the real torch, or the minimal
`stubs/torch` package that exposes the same names when torch is not installed)."""

from __future__ import annotations

import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int = 3) -> None:
        super().__init__()
        self.layer = nn.Linear(features, classes)

    def forward(self, batch: torch.Tensor) -> torch.Tensor:
        return self.layer(batch)


def predict(model: Classifier, batch: torch.Tensor, device: torch.device) -> int:
    scores = model(batch)
    return pick(scores)


def apply_layer(layer: nn.Module, batch: torch.Tensor) -> int:
    return pick(layer(batch))


def pick(scores: torch.Tensor) -> int:
    return int(scores.shape[0])
