"""How much of a value a preview may show, and the helpers that enforce it."""

from typing import NamedTuple

ELLIPSIS = "…"


# A named tuple, not a frozen dataclass: every `flow run` imports this module, and a frozen
# dataclass costs about a millisecond to define, plus the `dataclasses` import itself.
class _Bounds(NamedTuple):
    # The fields alone: `NamedTuple` refuses a `__new__` of its own, so the checks and the
    # defaults live in the subclass.
    max_string: int
    max_items: int
    max_depth: int
    max_width: int


class PreviewLimits(_Bounds):
    """Bounds on one preview: string length, items per container, nesting depth, total width.

    Immutable; `limits._replace(max_items=3)` gives a changed copy, checked like a new one.
    """

    __slots__ = ()  # no instance `__dict__`: nothing can be set on a limits object

    def __new__(
        cls,
        max_string: int = 60,  # chars of a str/bytes shown before '…'
        max_items: int = 6,  # items of a container shown
        max_depth: int = 2,  # nesting depth
        max_width: int = 160,  # hard cap on the final value text
    ) -> "PreviewLimits":
        for name, bound in (
            ("max_string", max_string),
            ("max_items", max_items),
            ("max_depth", max_depth),
        ):
            if bound < 0:
                raise ValueError(f"PreviewLimits.{name} must be 0 or more")
        if max_width < 1:
            raise ValueError("PreviewLimits.max_width must be at least 1")
        return super().__new__(cls, max_string, max_items, max_depth, max_width)

    def _replace(self, **changes: int) -> "PreviewLimits":
        """A copy with some bounds changed, checked like a new one."""
        # The inherited `_replace` builds its copy with `tuple.__new__`, skipping the checks.
        return type(self)(**{**self._asdict(), **changes})


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
