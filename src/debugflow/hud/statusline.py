"""The HUD's control lines on stdout, which the sentinel reads: one fixed form per event.

    hud: ready             the window exists and drew its first frame
    hud: shown             the window is on screen (after ready, and after each show)
    hud: hidden            the window is unmapped (after ready, and after each hide)
    hud: opaque: <reason>  translucency is not available here (at most once)
    hud: error: <text>     something went wrong; on start-up the exit status 2 follows

Each line is written whole and flushed at once. Nothing else is printed on stdout.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO


class StatusLines:
    """Writes the control lines."""

    def __init__(self, out: TextIO | None = None) -> None:
        self._out = out
        self._opaque_said = False

    def ready(self) -> None:
        """The window exists and drew its first frame."""
        self._say("ready")

    def shown(self) -> None:
        """The window is on screen."""
        self._say("shown")

    def hidden(self) -> None:
        """The window is unmapped."""
        self._say("hidden")

    def opaque(self, reason: str) -> None:
        """Translucency is not available: said once, however often it is asked."""
        if not self._opaque_said:
            self._opaque_said = True
            self._say(f"opaque: {reason}")

    def error(self, text: str) -> None:
        """Something went wrong."""
        self._say(f"error: {text}")

    def _say(self, text: str) -> None:
        out = self._out if self._out is not None else sys.stdout
        line = " ".join(text.split())  # one line, whatever the text held
        with contextlib.suppress(OSError, ValueError):  # the reader is gone: nothing to tell
            out.write(f"hud: {line}\n")
            out.flush()
