"""The recording stand-in: a mock for values without a usable type hint.

It answers attribute access, calls, indexing, bounded iteration (one item), arithmetic,
comparisons, `len`, `bool`, number conversions, context managers and `await`, so a branch
survives one step further, and it writes down what the code did with it so the report can
say which hint is missing and how the value is used.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any

_MAX_USES = 12


class UseLog:
    """What the program did with each stand-in, keyed by the parameter it stands in for."""

    def __init__(self) -> None:
        self.uses: dict[str, list[str]] = {}

    def add(self, path: str, use: str) -> None:
        """Note one use of the stand-in at `path` (`order.items()` is rooted at `order`)."""
        root = path.split(".")[0].split("[")[0].split("(")[0]
        seen = self.uses.setdefault(root, [])
        text = f"{path[len(root) :]}{use}" if path != root else use
        if text not in seen and len(seen) < _MAX_USES:
            seen.append(text)


class StandIn:
    """A value that goes along with anything the program does to it, and records it."""

    __slots__ = ("_ghost_log", "_ghost_path")

    def __init__(self, path: str, log: UseLog):
        object.__setattr__(self, "_ghost_path", path)
        object.__setattr__(self, "_ghost_log", log)

    def _ghost_child(self, suffix: str, use: str) -> StandIn:
        path: str = object.__getattribute__(self, "_ghost_path")
        log: UseLog = object.__getattribute__(self, "_ghost_log")
        log.add(path, use)
        return StandIn(f"{path}{suffix}", log)

    def _ghost_note(self, use: str) -> None:
        path: str = object.__getattribute__(self, "_ghost_path")
        object.__getattribute__(self, "_ghost_log").add(path, use)

    def __getattr__(self, name: str) -> StandIn:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # protocol probes (numpy, copy, pickle) must see "absent"
        return self._ghost_child(f".{name}", f".{name}")

    def __setattr__(self, name: str, value: object) -> None:
        self._ghost_note(f".{name} =")

    def __call__(self, *args: object, **kwargs: object) -> StandIn:
        return self._ghost_child("()", "()")

    def __getitem__(self, key: object) -> StandIn:
        return self._ghost_child(f"[{_short(key)}]", f"[{_short(key)}]")

    def __setitem__(self, key: object, value: object) -> None:
        self._ghost_note(f"[{_short(key)}] =")

    def __delitem__(self, key: object) -> None:
        self._ghost_note(f"del [{_short(key)}]")

    def __iter__(self) -> Iterator[StandIn]:
        return iter([self._ghost_child("[0]", " iterated")])

    def __aiter__(self) -> _AsyncOnce:
        return _AsyncOnce(self._ghost_child("[0]", " async-iterated"))

    def __await__(self) -> Generator[None, None, StandIn]:
        result = self._ghost_child("", " awaited")
        yield from ()
        return result

    def __enter__(self) -> StandIn:
        self._ghost_note(" with")
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    async def __aenter__(self) -> StandIn:
        self._ghost_note(" async with")
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    def __len__(self) -> int:
        self._ghost_note(" len()")
        return 1

    def __bool__(self) -> bool:
        self._ghost_note(" truth test")
        return True

    def __contains__(self, item: object) -> bool:
        self._ghost_note(f" contains {_short(item)}")
        return True

    def __int__(self) -> int:
        self._ghost_note(" int()")
        return 1

    __index__ = __int__
    __trunc__ = __int__
    __floor__ = __int__
    __ceil__ = __int__

    def __round__(self, ndigits: int | None = None) -> int:
        return 1

    def __float__(self) -> float:
        self._ghost_note(" float()")
        return 1.0

    def __complex__(self) -> complex:
        return 1 + 0j

    def __bytes__(self) -> bytes:
        return b"mock"

    def __str__(self) -> str:
        self._ghost_note(" str()")
        return "mock"

    def __format__(self, spec: str) -> str:
        return "mock"

    def __repr__(self) -> str:
        return f"<ghost stand-in {object.__getattribute__(self, '_ghost_path')}>"

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        if other is not self:
            self._ghost_note(f" == {_short(other)}")
        return other is self

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __lt__(self, other: object) -> bool:
        self._ghost_note(f" < {_short(other)}")
        _also(other, f" > {_short(self)}")
        return False

    def __le__(self, other: object) -> bool:
        self._ghost_note(f" <= {_short(other)}")
        _also(other, f" >= {_short(self)}")
        return False

    def __gt__(self, other: object) -> bool:
        self._ghost_note(f" > {_short(other)}")
        _also(other, f" < {_short(self)}")
        return False

    def __ge__(self, other: object) -> bool:
        self._ghost_note(f" >= {_short(other)}")
        _also(other, f" <= {_short(self)}")
        return False

    def __copy__(self) -> StandIn:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> StandIn:
        return self


def _arithmetic(symbol: str, reflected: bool = False) -> Callable[[StandIn, object], StandIn]:
    def operator(self: StandIn, other: object) -> StandIn:
        use = f" {symbol} {_short(other)}" if not reflected else f" (right of {symbol})"
        if not reflected:
            _also(other, f" (right of {symbol})")  # `x + y` uses y as much as x
        return self._ghost_child(f" {symbol} …", use)

    return operator


def _unary(symbol: str) -> Callable[[StandIn], StandIn]:
    def operator(self: StandIn) -> StandIn:
        return self._ghost_child("", f" unary {symbol}")

    return operator


_BINARY = {
    "add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%",
    "pow": "**", "matmul": "@", "and": "&", "or": "|", "xor": "^", "lshift": "<<", "rshift": ">>",
}  # fmt: skip
for _name, _symbol in _BINARY.items():
    setattr(StandIn, f"__{_name}__", _arithmetic(_symbol))
    setattr(StandIn, f"__r{_name}__", _arithmetic(_symbol, reflected=True))
    setattr(StandIn, f"__i{_name}__", _arithmetic(_symbol))
for _name, _symbol in {"neg": "-", "pos": "+", "abs": "abs", "invert": "~"}.items():
    setattr(StandIn, f"__{_name}__", _unary(_symbol))


class _AsyncOnce:
    """An async iterator that yields one item."""

    def __init__(self, item: object):
        self._items = [item]

    def __aiter__(self) -> _AsyncOnce:
        return self

    async def __anext__(self) -> object:
        if not self._items:
            raise StopAsyncIteration
        return self._items.pop()


def _also(other: object, use: str) -> None:
    """Note a use on the other operand too, when it is a stand-in (which Python never asks)."""
    if type(other) is StandIn:
        other._ghost_note(use)


def is_standin(value: object) -> bool:
    """True for a recording stand-in (without touching the value's own attributes)."""
    return type(value) is StandIn


def standin_path(value: StandIn) -> str:
    """The path a stand-in was reached by, e.g. `order.items()`."""
    path: str = object.__getattribute__(value, "_ghost_path")
    return path


def _short(value: object) -> str:
    if type(value) in (int, float, bool, str, bytes, type(None)):
        text = repr(value)
        return text if len(text) <= 20 else text[:19] + "…"
    if type(value) is StandIn:
        return standin_path(value)
    return type(value).__name__
