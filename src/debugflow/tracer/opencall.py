"""One call that has started and not yet ended, as the call-tree builder tracks it."""

from __future__ import annotations

from debugflow.protocol import ArgPreview
from debugflow.tracer.codetable import FunctionInfo
from debugflow.tracer.nodes import LaneKey
from debugflow.tracer.previewing import ExcSeen
from debugflow.tracer.stats import Times


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
        "node_id",
        "node_times",
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
        times: Times,
        node_times: Times,
        node_id: int | None,
        start: int,
        parent: OpenCall | None,
        lane: LaneKey,
    ) -> None:
        self.code_id = code_id
        self.info = info
        self.times = times  # the function's numbers
        self.node_times = node_times  # the numbers of its node in the call tree
        self.node_id = node_id
        self.start = start
        self.resumed = start  # when the current running stretch began (generators pause)
        self.spent = 0  # running time before the current stretch
        self.child_ns = 0
        self.parent = parent
        self.lane = lane
        self.call_id: int | None = None
        self.args: tuple[ArgPreview, ...] | None = None  # previews, for calls kept in detail
        self.call_line: int | None = None
        self.exc: ExcSeen | None = None
        self.exc_line: int | None = None
        self.seen: list[ExcSeen] | None = None
        self.outermost = True
