"""Previews of arrays, tensors, frames and images: metadata only, the data never touched."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from debugflow.formatting import preview


def test_numpy_arrays_show_shape_and_dtype_in_the_label() -> None:
    assert preview(np.zeros((3, 4))) == ("ndarray[3, 4] float64", "")
    assert preview(np.array(5, dtype=np.int32)) == ("ndarray[] int32", "")
    masked = np.ma.masked_array(np.zeros(2, dtype=np.int64))
    assert preview(masked) == ("MaskedArray[2] int64", "")
    assert preview([np.zeros(2)])[1] == "[ndarray[2] float64]"


def test_numpy_array_subclass_properties_are_not_called() -> None:
    base: Any = np.ndarray

    class Lying(base):  # type: ignore[misc]
        @property
        def shape(self) -> Any:
            raise AssertionError("subclass property called")

    assert preview(np.zeros(3).view(Lying)) == ("Lying[3] float64", "")


def test_numpy_scalars_show_their_value() -> None:
    assert preview(np.float32(0.5)) == ("float32", "0.5")
    assert preview(np.int64(3)) == ("int64", "3")
    assert preview([np.int64(3)])[1] == "[int64(3)]"
    assert preview(np.str_("ab")) == ("str_", "str_('ab')")


def test_torch_tensors_show_shape_dtype_device_and_grad() -> None:
    torch = pytest.importorskip("torch")
    assert preview(torch.zeros(64, 256)) == ("Tensor[64, 256] float32 cpu", "")
    weights = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    assert preview(weights) == ("Tensor[2] float64 cpu grad", "")
    assert preview(torch.nn.Parameter(torch.zeros(3, 2)))[0] == "Parameter[3, 2] float32 cpu grad"
    # A tensor on the meta device has no data at all: any read of it would fail.
    assert preview(torch.empty(5, 7, device="meta"))[0] == "Tensor[5, 7] float32 meta"
    assert preview(torch.device("cpu")) == ("device", "cpu")
    assert preview([torch.float16])[1] == "[dtype(torch.float16)]"


def test_tensor_subclasses_with_their_own_torch_function_are_not_asked() -> None:
    torch = pytest.importorskip("torch")
    calls: list[str] = []

    base: Any = torch.Tensor

    class Traced(base):  # type: ignore[misc]
        @classmethod
        def __torch_function__(
            cls, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            calls.append(str(func))
            return super().__torch_function__(func, types, args, kwargs or {})

    value = torch.zeros(2).as_subclass(Traced)
    calls.clear()
    label, _text = preview(value)
    assert calls == []
    assert label == "Traced"


@pytest.mark.skipif(importlib.util.find_spec("torch") is not None, reason="real torch tested")
def test_torch_tensors_are_recognised_by_class_name_alone() -> None:
    # Stand-ins with torch's class names, for machines without torch.
    class TensorBase:
        shape = property(lambda self: (2, 3))
        dtype = property(lambda self: "torch.float16")
        device = property(lambda self: "cuda:0")
        requires_grad = property(lambda self: False)

    class Tensor(TensorBase):
        pass

    TensorBase.__module__, TensorBase.__qualname__ = "torch._C", "TensorBase"
    Tensor.__module__, Tensor.__qualname__ = "torch", "Tensor"
    assert preview(Tensor()) == ("Tensor[2, 3] float16 cuda:0", "")


def test_torch_modules_show_their_parameter_count() -> None:
    torch = pytest.importorskip("torch")

    base: Any = torch.nn.Module

    class Net(base):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.a = torch.nn.Linear(4, 3)
            self.b = torch.nn.Linear(3, 2)
            self.again = self.a  # shared: counted once, like parameters() does

        def parameters(self, recurse: bool = True) -> Any:
            raise AssertionError("user parameters() called")

    net = Net()
    assert preview(net) == ("Net", "23 params")
    net.eval()
    assert preview([net])[1] == "[Net(23 params, eval)]"


def test_pandas_frames_and_series() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"a": range(1000), "b": 0.5, "c": "x"})
    assert preview(frame) == ("DataFrame[1000×3]", "['a', 'b', 'c']")
    wide = pd.DataFrame({f"c{i}": [1] for i in range(10)})
    assert preview(wide)[1] == "['c0', 'c1', 'c2', 'c3', 'c4', 'c5', … 4 more]"
    assert preview(pd.Series([1, 2], name="price")) == ("Series[2] int64", "name='price'")
    assert preview(pd.Series([1.0])) == ("Series[1] float64", "")
    assert preview(pd.Timestamp("2024-01-02")) == ("Timestamp", "2024-01-02 00:00:00")
    assert preview(pd.Timedelta(days=1)) == ("Timedelta", "1 days 00:00:00")


def test_polars_frames_and_series() -> None:
    pl = pytest.importorskip("polars")
    assert preview(pl.DataFrame({"a": [1, 2], "b": ["x", "y"]})) == ("DataFrame[2×2]", "['a', 'b']")
    assert preview(pl.Series("x", [1, 2, 3])) == ("Series[3] Int64", "name='x'")


def test_jax_arrays() -> None:
    jnp = pytest.importorskip("jax.numpy")
    assert preview(jnp.zeros((2, 3))) == ("Array[2, 3] float32", "")


def test_scipy_sparse_matrices() -> None:
    sparse = pytest.importorskip("scipy.sparse")
    assert preview(sparse.csr_matrix(np.eye(3))) == ("csr_matrix[3, 3] float64", "nnz=3")


def test_pil_images() -> None:
    image = pytest.importorskip("PIL.Image")
    assert preview(image.new("RGB", (640, 480))) == ("Image[640×480] RGB", "")


def test_previews_never_import_science_libraries() -> None:
    code = (
        "import sys\n"
        "from debugflow.formatting import preview\n"
        "class Tensor: pass\n"
        "Tensor.__module__ = 'torch'\n"
        "print(preview(Tensor()), preview([1, {'a': 2.0}]))\n"
        "print(sorted({'torch', 'numpy', 'pandas', 'polars', 'jax', 'PIL'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"
