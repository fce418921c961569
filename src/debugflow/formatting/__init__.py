"""Value previews: any Python value as a short, safe `(type label, value text)` pair.

Previews run on the collector thread while the traced program keeps running, so they never
raise, never hang and, unless `user_repr=True`, never run the program's code: builtins are
read structurally, dataclasses and named tuples by their fields, arrays and tensors by their
metadata, other objects by their stored attributes. See docs/previews.md.
"""

from __future__ import annotations

from debugflow.formatting import dispatch, redacting, shapes
from debugflow.formatting.context import Ctx
from debugflow.formatting.dispatch import handler_for
from debugflow.formatting.guarded import PreviewFn
from debugflow.formatting.introspect import qualified_name
from debugflow.formatting.limits import DEFAULT_LIMITS, PreviewLimits, clip
from debugflow.formatting.registry import register_preview, unregister_preview
from debugflow.protocol import ArgPreview

__all__ = [
    "DEFAULT_LIMITS",
    "PreviewFn",
    "PreviewLimits",
    "describe",
    "preview",
    "register_preview",
    "unregister_preview",
]


def forget_classes() -> None:
    """Drop every class the previews cached: handlers, shapes, redaction choices (for the
    session; not part of the public API).

    Called when tracing stops. A cached class holds its methods and, through them, its
    module's globals: kept until the interpreter's last steps, the program's objects would be
    collected after `print` and `open` are gone, so their finalizers would fail or go unseen.
    """
    dispatch.forget()
    shapes.forget()
    redacting.forget()


def preview(
    value: object, limits: PreviewLimits = DEFAULT_LIMITS, *, user_repr: bool = False
) -> tuple[str, str]:
    """`(type_label, value_text)` for any value, within `limits`; never raises.

    `user_repr=True` calls the program's own `repr()` for its objects, guarded.
    """
    try:
        label, text, _inline = Ctx(limits, user_repr, handler_for).show(value)
        return clip(label, limits.max_width), clip(text, limits.max_width)
    except Exception:  # even the safe fallback failed (e.g. out of memory): say so, briefly
        return _last_resort(value)


def describe(
    name: str, value: object, limits: PreviewLimits = DEFAULT_LIMITS, *, user_repr: bool = False
) -> ArgPreview:
    """The preview of one named value, as the protocol carries it (`name: type=value`)."""
    label, text = preview(value, limits, user_repr=user_repr)
    return ArgPreview(name, label, text)


def _last_resort(value: object) -> tuple[str, str]:
    try:
        return qualified_name(type(value)), "<no preview>"
    except Exception:
        return "object", "<no preview>"
