"""Scientific and ML types named in annotations; libraries are imported only where named."""
# ruff: noqa: UP037, F821 - a hint naming a module the file never imports is the point

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import scipy.sparse
    from PIL import Image


def normalise(values: np.ndarray, scale: np.float64) -> float:
    return column_sum(values / scale)


def sparse_rows(weights: scipy.sparse.csr_matrix) -> int:
    return count_cells(weights.shape[0])


def column_sum(values: np.ndarray) -> float:
    return float(values.sum())


def by_name(values: "numpy.ndarray") -> bool:
    """The module never imports numpy under that name: the hint's qualified name is enough."""
    return loaded(values.shape[0], "pandas")


def loaded(size: int, name: str) -> bool:
    return name in sys.modules


def frames(table: pd.DataFrame, column: pd.Series, fast: pl.DataFrame, picture: Image.Image) -> int:
    return count_cells(len(table) + len(column) + fast.height + picture.size[0])


def count_cells(total: int) -> int:
    return total
