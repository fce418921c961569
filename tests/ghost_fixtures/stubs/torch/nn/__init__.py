"""`torch.nn` names used by the ghost-mode tests: Module, Identity, Linear."""

from __future__ import annotations

from torch.nn.modules.module import Module


class Identity(Module):
    def forward(self, value: object) -> object:
        return value


class Linear(Module):
    def __init__(self, in_features: int, out_features: int) -> None:
        super().__init__()
        self.out_features = out_features

    def forward(self, value: object) -> object:
        import torch

        return torch.zeros(self.out_features)


__all__ = ["Identity", "Linear", "Module"]
