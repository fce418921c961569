"""Previews of arrays, tensors, models and images by their metadata alone.

Shape, dtype and device are read through the C descriptors of the library's base class
(`ndarray.shape`, `TensorBase.dtype`), so a subclass's properties are never called, and
the data itself is never touched: no `.item()`, no `.tolist()`, no GPU synchronisation.
Libraries whose metadata are plain Python properties (JAX, SciPy, Pillow) are asked only
when the value's class comes from the library itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from debugflow.formatting.context import Ctx, Handler, Shown
from debugflow.formatting.introspect import (
    class_dict,
    defining_class,
    full_name,
    inherits,
    mro,
    package_of,
    type_name,
)
from debugflow.formatting.limits import ELLIPSIS
from debugflow.formatting.shapes import instance_dict

Factory = Callable[[type], "Handler | None"]
_TENSOR_BASES = ("torch._C.TensorBase", "torch._C._TensorBase")
_MAX_MODULES = 100_000  # bounds the walk of a (possibly cyclic) module tree


def meta(label: str, text: str = "") -> Shown:
    """A preview whose label carries the metadata: `Tensor[64, 256] float32 cpu`."""
    return label, text, f"{label} {text}" if text else label


def dims(shape: object) -> str:
    """`64, 256` from a shape tuple (anything but a plain int shows as `?`)."""
    if type(shape) is not tuple and not inherits(type(shape), tuple):
        return "?"
    sizes = tuple.__iter__(cast("tuple[object, ...]", shape))
    return ", ".join(int.__repr__(d) if type(d) is int else "?" for d in sizes)


def trusted(cls: type, *packages: str) -> bool:
    """True when `cls` itself was defined by one of these libraries, not by the program."""
    return package_of(cls) in packages


def _base(cls: type, names: tuple[str, ...]) -> type | None:
    return next((klass for klass in mro(cls) if full_name(klass) in names), None)


def _tensor_getters(cls: type) -> tuple[Any, ...] | None:
    # A subclass with its own `__torch_function__` would run it on every attribute read.
    base = _base(cls, _TENSOR_BASES)
    owner = defining_class(cls, "__torch_function__")
    if base is None or (owner is not None and package_of(owner) != "torch"):
        return None
    namespace: Any = class_dict(base)
    return tuple(namespace[key] for key in ("shape", "dtype", "device", "requires_grad"))


def tensor(cls: type) -> Handler | None:
    """`Tensor[64, 256] float32 cpu grad` for torch tensors and parameters."""
    getters = _tensor_getters(cls)
    if getters is None:
        return None
    name = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        shape, dtype, device, grad = (getter.__get__(value) for getter in getters)
        kind = str(dtype).removeprefix("torch.")
        return meta(f"{name}[{dims(shape)}] {kind} {device}" + (" grad" if grad is True else ""))

    return handler


def torch_module(cls: type) -> Handler | None:
    """`Net` = `1,234 params` (`, eval` when not training), counted from parameter shapes."""
    name = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        count, training = _parameter_count(value)
        text = f"{count:,} params" + ("" if training else ", eval")
        return name, text, f"{name}({text})"

    return handler


def _parameter_count(root: object) -> tuple[int, bool]:
    # Walks `_modules`/`_parameters` in the instance dicts, as `parameters()` would, without
    # calling a method a model may override; shared parameters are counted once.
    stack, total = [root], 0
    seen_modules: set[int] = set()
    seen_params: set[int] = set()
    while stack and len(seen_modules) < _MAX_MODULES:
        module = stack.pop()
        if id(module) in seen_modules:
            continue
        seen_modules.add(id(module))
        stored = instance_dict(module) or {}
        for param in _values(stored.get("_parameters")):
            if param is not None and id(param) not in seen_params:
                seen_params.add(id(param))
                total += _numel(param)
        stack.extend(m for m in _values(stored.get("_modules")) if m is not None)
    training = (instance_dict(root) or {}).get("training")
    return total, training is not False


def _values(mapping: object) -> list[object]:
    if mapping is None or not inherits(type(mapping), dict):
        return []
    return list(dict.values(cast("dict[object, object]", mapping)))


def _numel(param: object) -> int:
    getters = _tensor_getters(type(param))
    if getters is None:
        return 0
    count = 1
    for size in tuple.__iter__(getters[0].__get__(param)):
        count *= size if type(size) is int else 0
    return count


def ndarray(cls: type) -> Handler | None:
    """`ndarray[3, 4] float64` (subclasses keep their name: `matrix[2, 2] int64`)."""
    base = _base(cls, ("numpy.ndarray",))
    if base is None:
        return None
    namespace: Any = class_dict(base)
    shape_of, dtype_of, name = namespace["shape"], namespace["dtype"], type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        return meta(
            f"{name}[{dims(shape_of.__get__(value))}] {_dtype_text(dtype_of.__get__(value))}"
        )

    return handler


_dtype_texts: dict[int, tuple[object, str]] = {}


def _dtype_text(dtype: object) -> str:
    """`str(dtype)`, remembered per dtype object: numpy builds the text in Python each time,
    and arrays of one kind share one dtype object."""
    known = _dtype_texts.get(id(dtype))
    if known is not None and known[0] is dtype:
        return known[1]
    text = str(dtype)
    if len(_dtype_texts) >= 256:
        _dtype_texts.clear()  # structured dtypes made on the fly must not grow this
    _dtype_texts[id(dtype)] = (dtype, text)
    return text


def numpy_scalar(cls: type) -> Handler | None:
    """`float32` = `0.5`: numpy's own `str()` of its scalar types."""
    if inherits(cls, str) or inherits(cls, bytes):
        return None  # numpy.str_/bytes_ read as the builtin strings they subclass
    return library_value("numpy")(cls)


def library_value(*packages: str) -> Factory:
    """Small library values shown by the library's own `str()`: `device=cuda:0`, `Timestamp`."""

    def factory(cls: type) -> Handler | None:
        if not trusted(cls, *packages):
            return None
        name = type_name(cls)

        def handler(value: object, ctx: Ctx) -> Shown:
            text = str(value)
            if len(text) > ctx.limits.max_string:
                text = text[: ctx.limits.max_string] + ELLIPSIS
            return name, text, f"{name}({text})"

        return handler

    return factory


def jax_array(cls: type) -> Handler | None:
    """`Array[2, 3] float32`: JAX arrays by their abstract shape and dtype."""
    if not trusted(cls, "jax", "jaxlib"):
        return None

    def handler(value: object, ctx: Ctx) -> Shown:
        array: Any = value
        return meta(f"Array[{dims(array.shape)}] {array.dtype}")

    return handler


def sparse(cls: type) -> Handler | None:
    """`csr_matrix[3, 3] float64` = `nnz=5`."""
    if not trusted(cls, "scipy"):
        return None
    name = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        matrix: Any = value
        return meta(f"{name}[{dims(matrix.shape)}] {matrix.dtype}", f"nnz={int(matrix.nnz)}")

    return handler


def pil_image(cls: type) -> Handler | None:
    """`PngImageFile[640×480] RGB`: size and mode come from the header, not the pixels."""
    if not trusted(cls, "PIL"):
        return None
    name = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        image: Any = value
        width, height = image.size
        return meta(f"{name}[{int(width)}×{int(height)}] {image.mode!s}")

    return handler
