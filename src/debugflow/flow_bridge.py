"""The original manual-pulse API: `Flow("127.0.0.1", 5555)`, `Flow.init(id)`, `Flow.pulse(...)`.

Pulses go into the current run (or a pulse-only run of this process) in the store, and on
to a HUD when one is running; no HUD listening is never an error.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar

from debugflow.api import pulse


class Flow:
    """A bridge to the HUD. Construct it once with the hub's address, then call class methods."""

    host: ClassVar[str] = "127.0.0.1"
    port: ClassVar[int] = 5555
    session_id: ClassVar[str | None] = None

    def __init__(self, host: str = "127.0.0.1", port: int = 5555) -> None:
        type(self).host = host
        type(self).port = port
        os.environ.setdefault("FLOW_PORT", str(port))

    @classmethod
    def init(cls, session_id: str) -> None:
        """Name the session the following pulses belong to."""
        cls.session_id = session_id

    @classmethod
    def pulse(
        cls,
        node: str,
        params: Mapping[str, object] | None = None,
        returns: object = None,
        node_type: str = "info",
    ) -> None:
        """Send one manual event; never raises because a HUD is missing."""
        merged = dict(params or {})
        if cls.session_id is not None:
            merged.setdefault("session", cls.session_id)
        pulse(node, merged, returns, node_type)
