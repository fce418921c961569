"""Reading the hub's viewer messages: JSON text in, one checked protocol message out.

The hub proved who it is before the HUD connected, but what arrives on a socket is still
checked before anything acts on it: a message of a known type must have that type's shape
(`protocol.shapes.fits`, the one definition of each shape), or it is refused whole. Messages
of a type this HUD does not know are skipped, and fields it does not know are ignored, as
docs/protocol.md asks of viewers.
"""

from __future__ import annotations

import json
from typing import cast

from debugflow.errors import FlowError
from debugflow.protocol.shapes import fits
from debugflow.protocol.viewer import (
    ErrorMessage,
    HelloMessage,
    PatchMessage,
    RunsMessage,
    SnapshotMessage,
    ViewerMessage,
)

# The shape of each message type, by its `type` field.
SHAPES: dict[str, type] = {
    "hello": HelloMessage,
    "runs": RunsMessage,
    "snapshot": SnapshotMessage,
    "patch": PatchMessage,
    "error": ErrorMessage,
}


class BadMessage(FlowError):
    """A hub message that is not JSON, or not the shape its type promises."""


def decode(text: str) -> ViewerMessage | None:
    """The message in `text`; None for a type this HUD does not know; raises BadMessage."""
    try:
        raw: object = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadMessage(f"not JSON ({exc})") from None
    kind = raw.get("type") if isinstance(raw, dict) else None
    if not isinstance(kind, str):
        raise BadMessage("a message without a type")
    shape = SHAPES.get(kind)
    if shape is None:
        return None
    if not fits(shape)(raw):
        raise BadMessage(f"a {kind!r} message that does not have the {shape.__name__} shape")
    return cast(ViewerMessage, raw)
