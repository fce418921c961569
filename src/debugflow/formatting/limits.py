"""How much of a value a preview may show, and the helpers that enforce it."""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"


@dataclass(frozen=True)
class PreviewLimits:
    """Bounds on one preview: string length, items per container, nesting depth, total width."""

    max_string: int = 60  # chars of a str/bytes shown before '…'
    max_items: int = 6  # items of a container shown
    max_depth: int = 2  # nesting depth
    max_width: int = 160  # hard cap on the final value text

    def __post_init__(self) -> None:
        for name in ("max_string", "max_items", "max_depth"):
            if getattr(self, name) < 0:
                raise ValueError(f"PreviewLimits.{name} must be 0 or more")
        if self.max_width < 1:
            raise ValueError("PreviewLimits.max_width must be at least 1")


DEFAULT_LIMITS = PreviewLimits()


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, the last one turned into '…' when something was cut."""
    if len(text) <= width:
        return text
    return text[: width - 1] + ELLIPSIS


def one_line(text: str, width: int) -> str:
    """Foreign text (a user's repr) squeezed onto one line and cut to `width`."""
    head = text[: width * 2]  # never normalise more than could be shown
    if "\n" in head or "\r" in head or "\t" in head:
        head = " ".join(head.split())
    if len(text) > width * 2 and len(head) < width:
        return head + ELLIPSIS  # whitespace shrank the head: still say that text was cut
    return clip(head, width)
