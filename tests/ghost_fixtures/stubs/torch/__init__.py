"""A minimal stand-in for the `torch` package (only the names the ghost-mode tests use), for
machines where torch is not installed. Classes keep torch's qualified names."""

from __future__ import annotations

from torch import nn


class Tensor:
    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = shape


class device:
    def __init__(self, kind: str) -> None:
        self.type = kind


class dtype:
    pass


class Generator:
    pass


float32 = dtype()


def zeros(*shape: int) -> Tensor:
    return Tensor(tuple(shape))


__all__ = ["Generator", "Tensor", "device", "dtype", "float32", "nn", "zeros"]
