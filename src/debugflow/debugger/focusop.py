"""The control channel's `focus` op: a viewer turns a function's line traces on or off.

`{op: "focus", function, on}` names the function as `flow run --lines` does (module.function,
module.Class.method or file.py:function); the `Debugger` changes its focus table, which takes
effect at the function's next line event. A name that cannot be read is refused with the
reason; focusing a function twice, or stopping one that is not focused, is accepted and
changes nothing.
"""

from __future__ import annotations

from typing import Any, cast

from debugflow.debugger.channel import Answer, ControlChannel, Handler
from debugflow.debugger.runtime import Debugger
from debugflow.protocol.viewer import DebugRequestWire


def focus_handler(debugger: Debugger) -> Handler:
    """The handler of the `focus` op for `debugger` (quick: it never waits on the program)."""

    def focus(request: DebugRequestWire) -> Answer:
        fields = cast(dict[str, Any], request)
        reply = debugger.focus(str(fields["function"]), bool(fields["on"]))
        return Answer(reply.accepted, reply.reason)

    return focus


def register_focus(channel: ControlChannel) -> None:
    """Serve the `focus` op on `channel`."""
    channel.register("focus", focus_handler(channel.debugger))
