"""Commands a viewer sends to the hub, checked against their shapes before anything acts on them.

The shapes are defined once in `debugflow.protocol.viewer` (`SubscribeCommand`,
`UnsubscribeCommand`, `ReplayCommand`, `ListRunsCommand`, `DebugCommand`); a command must fit
one of them exactly (`debugflow.protocol.shapes`), and its values are then bounded: a run id
of at most 200 characters, `at` a time from 0, `speed` from 0 to 1000, a debug request as
`transport.wire.check_debug_request` bounds it (the traced process checks it again).
"""

from __future__ import annotations

import math
from typing import cast

from debugflow.protocol.shapes import problems
from debugflow.protocol.viewer import (
    DebugCommand,
    ListRunsCommand,
    ReplayCommand,
    SubscribeCommand,
    UnsubscribeCommand,
)
from debugflow.transport.wire import FrameError, check_debug_request, load_frame

MAX_SPEED = 1000.0
MAX_RUN_REF = 200

Command = SubscribeCommand | UnsubscribeCommand | ReplayCommand | ListRunsCommand | DebugCommand
_SHAPES: dict[str, type] = {
    "debug": DebugCommand,
    "subscribe": SubscribeCommand,
    "unsubscribe": UnsubscribeCommand,
    "replay": ReplayCommand,
    "list_runs": ListRunsCommand,
}


def parse_command(text: str) -> Command:
    """One viewer command; raises FrameError when it is malformed."""
    data = load_frame(text, "a command")
    shape = _SHAPES.get(str(data.get("type")))
    if shape is None:
        raise FrameError(f"unknown command {data.get('type')!r}")
    if shape is DebugCommand:  # the request first: its own check names the op's problem
        _check_request(data)
    wrong = problems(data, shape)
    if wrong:
        raise FrameError(f"bad {data['type']} command: {'; '.join(wrong[:3])}")
    return _bounded(cast(Command, data))


class RefusedRequest(FrameError):
    """A `debug` command whose request is malformed, with the run and id to answer it by
    (a refusal, not the end of the connection)."""

    def __init__(self, message: str, run: str, id: int) -> None:
        super().__init__(message)
        self.run = run
        self.id = id


def _check_request(data: dict[str, object]) -> None:
    try:
        check_debug_request(data.get("request"))
    except FrameError as exc:
        run, id = data.get("run"), data.get("id")
        if isinstance(run, str) and len(run) <= MAX_RUN_REF and type(id) is int:
            raise RefusedRequest(str(exc), run, id) from None
        raise


def _bounded(command: Command) -> Command:
    if "run" in command:
        run = command["run"]  # type: ignore[typeddict-item]
        if not run or len(run) > MAX_RUN_REF:
            raise FrameError("`run` must be a run id")
    if command["type"] == "replay":
        if command["at"] is not None:
            command["at"] = max(0, int(command["at"]))
        if not math.isfinite(command["speed"]):
            raise FrameError("`speed` must be a number")
        command["speed"] = min(max(0.0, float(command["speed"])), MAX_SPEED)
    return command
