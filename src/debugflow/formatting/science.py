"""Recognising ML and science types by the names along their MRO, never by importing them.

`match(cls)` walks the fully qualified names of the classes in the MRO (as strings) and
picks the first one DebugFlow knows. Nothing here imports torch, numpy, pandas or the
others, so previewing costs nothing for programs that do not use them.
"""

from __future__ import annotations

from debugflow.formatting import arrays, tables
from debugflow.formatting.arrays import Factory
from debugflow.formatting.context import Handler
from debugflow.formatting.introspect import mro_names

KNOWN: dict[str, Factory] = {
    "torch.Tensor": arrays.tensor,
    "torch._C.TensorBase": arrays.tensor,
    "torch._C._TensorBase": arrays.tensor,
    "torch.nn.modules.module.Module": arrays.torch_module,
    "torch.device": arrays.library_value("torch"),
    "torch.dtype": arrays.library_value("torch"),
    "numpy.ndarray": arrays.ndarray,
    "numpy.generic": arrays.numpy_scalar,
    "pandas.DataFrame": tables.pandas_frame,
    "pandas.core.frame.DataFrame": tables.pandas_frame,
    "pandas.Series": tables.pandas_series,
    "pandas.core.series.Series": tables.pandas_series,
    "pandas._libs.tslibs.timestamps._Timestamp": arrays.library_value("pandas"),
    "pandas._libs.tslibs.timedeltas._Timedelta": arrays.library_value("pandas"),
    "pandas._libs.tslibs.nattype._NaT": arrays.library_value("pandas"),
    "polars.dataframe.frame.DataFrame": tables.polars_frame,
    "polars.DataFrame": tables.polars_frame,
    "polars.series.series.Series": tables.polars_series,
    "polars.Series": tables.polars_series,
    "jax.Array": arrays.jax_array,
    "jaxlib._jax.Array": arrays.jax_array,
    "jax.jaxlib._jax.Array": arrays.jax_array,
    "jaxlib.xla_extension.ArrayImpl": arrays.jax_array,
    "jaxlib._jax.ArrayImpl": arrays.jax_array,
    "scipy.sparse._base._spbase": arrays.sparse,
    "PIL.Image.Image": arrays.pil_image,
}


def match(cls: type) -> Handler | None:
    """The metadata preview for a known library class (or a subclass of one), else None."""
    for name in mro_names(cls):
        factory = KNOWN.get(name)
        if factory is not None:
            return factory(cls)
    return None
