"""Types of the compiled core of the hot path (`_hotpath.c`; see `hotpath` and `hotcore`)."""

from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any

class FastPath:
    """The hot path's plain-call work in C, over `hotpath.HotPath`'s own lists and dicts."""

    def __init__(
        self,
        entries: dict[int, list[Any]],
        stacks: dict[int, list[list[Any]]],
        first_sight: Callable[[CodeType, FrameType | None], list[Any] | None],
        untraced: object,
        new_stack: Callable[[int], list[list[Any]]],
        child: Callable[[list[Any], list[Any], int], list[Any]],
        record_start: Callable[..., None],
        end: Callable[..., None],
        how_return: int,
        sample_every: int,
        resumed: Callable[..., Any] | None = None,
        yielded: Callable[..., Any] | None = None,
        raised: Callable[..., Any] | None = None,
        unwound: Callable[..., Any] | None = None,
        generators: dict[int, list[Any]] | None = None,
    ) -> None: ...
    def start(self, code: CodeType, offset: int) -> Any: ...
    def returned(self, code: CodeType, offset: int, value: object) -> Any: ...
    def yielded(self, code: CodeType, offset: int, value: object) -> Any: ...
    def resumed(self, code: CodeType, offset: int) -> Any: ...
    def install(self) -> None: ...
    def install_all(self) -> None: ...
    def install_here(self, frame: FrameType, event: str, arg: object) -> None: ...
    def uninstall(self) -> None: ...
    def settle(self) -> None: ...
    def known_codes(self) -> int: ...
