"""Mocks for scientific and ML types, chosen by the class's qualified name.

A library is imported here only when an annotation already names one of its classes, so
DebugFlow keeps no dependency on numpy, torch, pandas, polars, scipy, Pillow, TensorFlow, JAX,
Dask or xarray. Each value is the smallest useful one: one element, one row, one pixel.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from debugflow.ghost.mocks.base import NOTHING, Maker, Slot


def library_value(factory: Maker, hint: object, slot: Slot) -> object:
    """A small value of a scientific/ML class, or NOTHING when the class is not one of those."""
    if not isinstance(hint, type):
        return NOTHING
    top = hint.__module__.split(".")[0]
    recipe = _BY_LIBRARY.get(top)
    if recipe is None:
        return NOTHING
    try:
        return recipe(importlib.import_module(_IMPORT_NAME.get(top, top)), hint)
    except Exception as exc:  # a library version we do not know: fall back to the class itself
        factory.note(f"could not build a {_qualified(hint)} mock: {type(exc).__name__}: {exc}")
        return NOTHING


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _numpy(np: Any, cls: type) -> object:
    if issubclass(cls, np.ndarray):
        return np.zeros(1)
    if issubclass(cls, np.generic):
        return cls(1)
    if issubclass(cls, np.dtype):
        return np.dtype("float64")
    return NOTHING


def _torch(torch: Any, cls: type) -> object:
    if issubclass(cls, torch.Tensor):
        return torch.zeros(1)
    if cls is torch.nn.Module:
        return torch.nn.Identity()  # a module whose forward returns its input
    simple: dict[Any, Callable[[], object]] = {
        torch.device: lambda: torch.device("cpu"),
        torch.dtype: lambda: torch.float32,
        torch.Generator: torch.Generator,
    }
    maker = simple.get(cls)
    return maker() if maker is not None else NOTHING


def _pandas(pd: Any, cls: type) -> object:
    makers: tuple[tuple[Any, Callable[[], object]], ...] = (
        (pd.DataFrame, lambda: pd.DataFrame({"value": [1]})),
        (pd.Series, lambda: pd.Series([1], name="value")),
        (pd.Index, lambda: pd.Index([1])),
        (pd.Timestamp, lambda: pd.Timestamp("2024-01-01")),
    )
    for base, maker in makers:
        if issubclass(cls, base):
            return maker()
    return NOTHING


def _polars(pl: Any, cls: type) -> object:
    frame = pl.DataFrame({"value": [1]})
    for base, value in (
        (pl.DataFrame, frame),
        (pl.LazyFrame, frame.lazy()),
        (pl.Series, pl.Series("value", [1])),
    ):
        if issubclass(cls, base):
            return value
    return NOTHING


def _scipy(scipy: Any, cls: type) -> object:
    if not cls.__module__.startswith("scipy.sparse"):
        return NOTHING
    sparse = importlib.import_module("scipy.sparse")
    try:
        return cls((1, 1))  # every concrete sparse format accepts a shape
    except Exception:
        return sparse.csr_array((1, 1)) if "array" in cls.__name__ else sparse.csr_matrix((1, 1))


def _pillow(pil: Any, cls: type) -> object:
    image = importlib.import_module("PIL.Image")
    return image.new("RGB", (1, 1)) if issubclass(cls, image.Image) else NOTHING


def _tensorflow(tf: Any, cls: type) -> object:
    if cls.__name__ == "Variable" or issubclass(cls, getattr(tf, "Variable", ())):
        return tf.Variable([0.0])
    return tf.zeros((1,)) if "Tensor" in cls.__name__ else NOTHING


def _jax(jax: Any, cls: type) -> object:
    if "Array" in cls.__name__:
        return importlib.import_module("jax.numpy").zeros(1)
    return NOTHING


def _dask(dask: Any, cls: type) -> object:
    if cls.__name__ == "Array":
        return importlib.import_module("dask.array").zeros(1, chunks=1)
    return NOTHING


def _xarray(xr: Any, cls: type) -> object:
    if issubclass(cls, xr.DataArray):
        return xr.DataArray([0.0], dims="x")
    if issubclass(cls, xr.Dataset):
        return xr.Dataset({"value": ("x", [0.0])})
    return NOTHING


_BY_LIBRARY: dict[str, Callable[[Any, type], object]] = {
    "numpy": _numpy,
    "torch": _torch,
    "pandas": _pandas,
    "polars": _polars,
    "scipy": _scipy,
    "PIL": _pillow,
    "tensorflow": _tensorflow,
    "keras": _tensorflow,
    "jax": _jax,
    "jaxlib": _jax,
    "dask": _dask,
    "xarray": _xarray,
}
_IMPORT_NAME = {"keras": "tensorflow", "jaxlib": "jax"}
