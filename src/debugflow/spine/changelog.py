"""What changed in each version of a spine, so a viewer at any recent version gets one patch."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from debugflow.protocol.viewer import PulseWire


@dataclass(slots=True)
class Change:
    """The ids touched by one version (one applied batch)."""

    version: int = 0
    nodes: set[int] = field(default_factory=set)
    lanes: set[int] = field(default_factory=set)
    functions: set[str] = field(default_factory=set)
    status: bool = False
    pulses: list[PulseWire] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether nothing was touched."""
        return not (self.nodes or self.lanes or self.functions or self.status or self.pulses)


class ChangeLog:
    """The last `keep` changes, merged on demand into one change since a given version."""

    def __init__(self, keep: int, max_pulses: int) -> None:
        self._log: deque[Change] = deque(maxlen=keep)
        self._max_pulses = max_pulses

    def append(self, change: Change) -> None:
        """Record the change of a new version; its pulse list is trimmed to the newest ones."""
        del change.pulses[: -self._max_pulses]
        self._log.append(change)

    def covers(self, base: int) -> bool:
        """Whether every version after `base` is still in the log."""
        return bool(self._log) and self._log[0].version <= base + 1

    def since(self, base: int) -> Change:
        """Everything touched after `base`; pulses keep only the newest `max_pulses`."""
        merged = Change(version=self._log[-1].version if self._log else base)
        pulses: list[list[PulseWire]] = []
        for change in reversed(self._log):
            if change.version <= base:
                break
            merged.nodes |= change.nodes
            merged.lanes |= change.lanes
            merged.functions |= change.functions
            merged.status = merged.status or change.status
            pulses.append(change.pulses)
        merged.pulses = [p for chunk in reversed(pulses) for p in chunk][-self._max_pulses :]
        return merged
