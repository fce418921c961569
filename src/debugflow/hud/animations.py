"""Short-lived decoration: pulses travelling along the spine and flashes when calls end.

Never state: dropping any of them changes nothing but the show. The rules are the web HUD's
(`viewer/src/animations.ts`): a `down` pulse runs from parent to node when a call starts and
the node flashes cyan as it arrives; an `up` pulse runs back when the call ends and the node
flashes green or red. Times are milliseconds on the caller's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from debugflow.hud.mirror import Change, RunMirror
from debugflow.hud.theme import TIMING
from debugflow.protocol.viewer import Outcome, PulseDir, PulseWire

# Pulses of one patch span the hub's ~33 ms window; spread them a little so a burst reads as
# a sequence, without letting a backlog build up.
STAGGER_MS = 12
MAX_STAGGER_MS = 120

FlashColor = Literal["call", "success", "exception"]


@dataclass(frozen=True)
class Pulse:
    """A dot on its way between a node and its parent."""

    dir: PulseDir
    node: int
    parent: int | None
    outcome: Outcome | None
    start: float


@dataclass(frozen=True)
class Flash:
    """A node lighting up: cyan when a call arrives, green or red when it ends."""

    color: FlashColor
    start: float


class Animations:
    """The pulses and flashes running now."""

    def __init__(self) -> None:
        self.pulses: list[Pulse] = []
        self.flashes: dict[int, Flash] = {}

    def add(self, change: Change, mirror: RunMirror, now: float) -> None:
        """Start the animations of one applied message."""
        if change.reset:
            self.clear()
        for index, pulse in enumerate(change.pulses):
            self._add_pulse(pulse, now + min(index * STAGGER_MS, MAX_STAGGER_MS))
        self._flash_ends(change, mirror, now)
        if len(self.pulses) > TIMING.max_pulses:
            del self.pulses[: len(self.pulses) - TIMING.max_pulses]

    def prune(self, now: float) -> bool:
        """Drop finished animations; returns whether anything is still moving.

        Flashes are kept in the order they start (`_flash`), so the finished ones are at the
        front: a frame looks at those and the first that still runs, not at every flash of a
        run that adds thousands of nodes a second."""
        self.pulses = [p for p in self.pulses if now - p.start < TIMING.pulse_ms]
        ended = []
        for node_id, flash in self.flashes.items():
            if now - flash.start <= TIMING.flash_ms:
                break
            ended.append(node_id)
        for node_id in ended:
            del self.flashes[node_id]
        return bool(self.pulses or self.flashes)

    def clear(self) -> None:
        """Stop everything (a new run, or a snapshot)."""
        self.pulses = []
        self.flashes.clear()

    def _add_pulse(self, wire: PulseWire, start: float) -> None:
        pulse = Pulse(wire["dir"], wire["node"], wire["parent"], wire["outcome"], start)
        self.pulses.append(pulse)
        if pulse.dir == "down":
            self._flash(pulse.node, Flash("call", start + TIMING.pulse_ms * 0.8))
        elif pulse.outcome is not None:
            self._flash(pulse.node, Flash(pulse.outcome, start))

    def _flash(self, node_id: int, flash: Flash) -> None:
        # Moved to the end, so the dict stays (nearly) in order of start: see prune().
        self.flashes.pop(node_id, None)
        self.flashes[node_id] = flash

    def _flash_ends(self, change: Change, mirror: RunMirror, now: float) -> None:
        # A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
        for node_id, old in change.before.items():
            node = mirror.node(node_id)
            state = None if node is None else node["state"]
            ended = state in ("success", "exception") and old["state"] == "processing"
            if ended and node_id not in self.flashes:
                color: FlashColor = "success" if state == "success" else "exception"
                self._flash(node_id, Flash(color, now))


def flash_strength(flash: Flash, now: float) -> float:
    """How bright a flash is now: 1 as it starts, fading to 0 (0 before it starts and after)."""
    q = (now - flash.start) / TIMING.flash_ms
    return 0.0 if q < 0 or q > 1 else 1.0 - q
