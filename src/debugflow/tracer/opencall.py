"""One call that has started and not yet ended, as the call-tree builder tracks it."""

from __future__ import annotations

from typing import Any

from debugflow.tracer.codetable import FunctionInfo
from debugflow.tracer.stats import FunctionTimes

Lane = Any  # a thread id, or (thread id, task id)


class OpenCall:
    """A call that has started and not yet ended."""

    __slots__ = (
        "args",
        "call_id",
        "call_line",
        "child_ns",
        "code_id",
        "exc",
        "exc_line",
        "info",
        "lane",
        "outermost",
        "parent",
        "resumed",
        "seen",
        "spent",
        "start",
        "times",
    )

    def __init__(
        self,
        code_id: int,
        info: FunctionInfo,
        times: FunctionTimes,
        start: int,
        parent: OpenCall | None,
        lane: Lane,
    ) -> None:
        self.code_id = code_id
        self.info = info
        self.times = times
        self.start = start
        self.resumed = start  # when the current running stretch began (generators pause)
        self.spent = 0  # running time before the current stretch
        self.child_ns = 0
        self.parent = parent
        self.lane = lane
        self.call_id: int | None = None
        self.args: tuple[tuple[str, object], ...] | None = None
        self.call_line: int | None = None
        self.exc: BaseException | None = None
        self.exc_line: int | None = None
        self.seen: list[BaseException] | None = None
        self.outermost = True
