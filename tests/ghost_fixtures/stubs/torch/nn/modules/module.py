"""`torch.nn.modules.module.Module`, where the real class lives."""

from __future__ import annotations


class Module:
    def __init__(self) -> None:
        self.training = True

    def forward(self, value: object) -> object:
        raise NotImplementedError

    def __call__(self, value: object) -> object:
        return self.forward(value)
