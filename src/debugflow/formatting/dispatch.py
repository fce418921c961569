"""Choosing how to preview values of a class, once per class.

Order: a registered preview (exact class, then along the MRO), the exact builtin types,
the exact standard-library types (by name), known science types by name, then the
program's own objects.
The choice is cached by `id(cls)` (the cache holds the class, so an id is never reused
while cached) and the cache starts again whenever the registry changes.
"""

from __future__ import annotations

from debugflow.formatting import registry, science, stdlib
from debugflow.formatting.containers import CONTAINERS
from debugflow.formatting.context import Ctx, Handler, Shown
from debugflow.formatting.guarded import PreviewFn, call_registered
from debugflow.formatting.objects import classify
from debugflow.formatting.scalars import SCALARS

# Keyed by id: hashing a class could run its metaclass's `__hash__`.
BUILTIN: dict[int, Handler] = {id(cls): fn for cls, fn in {**SCALARS, **CONTAINERS}.items()}
EXACT: dict[int, Handler] = {**BUILTIN, **{id(cls): fn for cls, fn in stdlib.STDLIB.items()}}

_MAX_CACHED = 4096
_cache: dict[int, tuple[type, Handler]] = {}
_cache_version = -1


def forget() -> None:
    """Drop every cached class (see `formatting.forget_classes`)."""
    _cache.clear()


def handler_for(cls: type) -> Handler:
    """The handler previewing instances of exactly `cls`."""
    global _cache_version
    if _cache_version != registry.version():
        _cache.clear()
        _cache_version = registry.version()
    hit = _cache.get(id(cls))
    if hit is not None and hit[0] is cls:
        return hit[1]
    handler = _resolve(cls)
    if len(_cache) >= _MAX_CACHED:
        _cache.clear()  # programs that make classes on the fly must not grow this forever
    _cache[id(cls)] = (cls, handler)
    return handler


def _resolve(cls: type) -> Handler:
    fallback = default_handler(cls)
    registered = registry.lookup(cls)
    return fallback if registered is None else _registered(registered, fallback)


def default_handler(cls: type) -> Handler:
    """The built-in handler for `cls`, ignoring registered previews."""
    exact = EXACT.get(id(cls))
    if exact is not None:
        return exact
    return stdlib.match(cls) or science.match(cls) or classify(cls, BUILTIN)


def _registered(fn: PreviewFn, fallback: Handler) -> Handler:
    def handler(value: object, ctx: Ctx) -> Shown:
        result = call_registered(fn, value, ctx.limits)
        if result is None:
            return fallback(value, ctx)
        label, text = result
        return label, text, text or label

    return handler
