"""Previews that keep secrets out: what the redaction rule names is recorded as `<redacted>`.

`redacting_describe` makes the describe callable of a traced run when redaction is on
(`debugflow.redaction` holds the rule). It hides, without ever previewing the hidden value:

- an argument whose name matches: `password: str=<redacted>`;
- a dict entry whose string key matches, at any depth, so every `**kwargs` entry is judged
  by its own name: `kwargs: dict={'user': 'ann', 'secret': <redacted>}`;
- all of an object of the program's that stores an attribute whose name matches:
  `self: Client=Client(<redacted>)`, since its preview (or its own `__repr__`) may show any
  of its attributes.

A tensor or an array under a matching name keeps its preview, which is its shape, dtype and
device and never its data (attention's `key`). A registered preview is the program's own
choice and is used as it is. Everything else is previewed exactly as `formatting.describe`
would, by the same handlers: this module only puts a check of names in front of some.
"""

from __future__ import annotations

import enum
import operator
import weakref
from collections.abc import Callable
from itertools import repeat
from typing import Any, TypeGuard

from debugflow.formatting import arrays, registry, science, stdlib
from debugflow.formatting.context import CHANGING, Ctx, Handler, Shown, snapshot
from debugflow.formatting.dispatch import EXACT, handler_for
from debugflow.formatting.introspect import inherits, mro_names, type_name
from debugflow.formatting.limits import PreviewLimits, clip
from debugflow.formatting.shapes import Shape, stored_dict
from debugflow.protocol import ArgPreview
from debugflow.redaction import REDACTED, Redaction

# What a class's own names say of its instances: all are hidden (`True`: a named-tuple field
# the rule names), or those that fill one of these slots, whose names the rule names.
ClassNames = bool | tuple[tuple[str, Any], ...]

# Previews made of metadata alone: nothing of the value's contents can be recorded through them.
_METADATA_ONLY = (arrays.tensor, arrays.ndarray, arrays.jax_array, arrays.sparse)
_MAX_CACHED = 4096


def redacting_describe(
    rule: Redaction, limits: PreviewLimits, user_repr: bool
) -> Callable[[str, object], ArgPreview]:
    """A describe callable `(name, value) -> ArgPreview` that hides what `rule` names."""
    resolver = RedactingResolver(rule)

    def describe(name: str, value: object) -> ArgPreview:
        if resolver.hidden(name, value):
            return ArgPreview(name, type_name(type(value)), REDACTED)
        label, text = _preview(value, limits, user_repr, resolver)
        return ArgPreview(name, label, text)

    return describe


def _preview(
    value: object, limits: PreviewLimits, user_repr: bool, resolver: RedactingResolver
) -> tuple[str, str]:
    """`formatting.preview` with the redacting handlers."""
    try:
        label, text, _inline = Ctx(limits, user_repr, resolver).show(value)
        return clip(label, limits.max_width), clip(text, limits.max_width)
    except Exception:  # even the safe fallback failed (out of memory, say): say so, briefly
        return type_name(type(value)), "<no preview>"


def forget() -> None:
    """Drop the classes every resolver cached (see `formatting.forget_classes`)."""
    for resolver in list(_resolvers):
        resolver.forget()


class RedactingResolver:
    """Chooses the handler for a class, as `handler_for` does, with the checks of names in front.

    The choice is cached per class, and the cache starts again when the registry changes.
    """

    def __init__(self, rule: Redaction) -> None:
        self.rule = rule
        self._cache: dict[int, tuple[type, Handler]] = {}  # by id: hashing a class runs code
        self._version = -1
        _resolvers.add(self)

    def forget(self) -> None:
        """Drop every cached class (see `formatting.forget_classes`)."""
        self._cache = {}

    def __call__(self, cls: type) -> Handler:
        version = registry.version()
        if self._version != version:
            self._cache, self._version = {}, version
        hit = self._cache.get(id(cls))
        if hit is not None and hit[0] is cls:
            return hit[1]
        handler = self._choose(cls)
        if len(self._cache) >= _MAX_CACHED:
            self._cache = {}  # replaced, not cleared: another thread may be reading it
        self._cache[id(cls)] = (cls, handler)
        return handler

    def hidden(self, name: str, value: object) -> bool:
        """True when the value under `name` must be recorded as `<redacted>`."""
        return self.rule.hides(name) and not _metadata_only(type(value))

    def _choose(self, cls: type) -> Handler:
        base = handler_for(cls)
        if registry.lookup(cls) is not None:
            return base
        if cls is dict:
            return self._show_dict
        if id(cls) in EXACT or stdlib.match(cls) or science.match(cls):
            return base  # values whose previews hold no names of their own
        if inherits(cls, dict):
            return self._dict_subclass(base)
        if inherits(cls, type) or inherits(cls, enum.Enum):
            return base
        return self._program_object(base)

    def _show_dict(self, value: object, ctx: Ctx) -> Shown:
        """`{'user': 'ann', 'password': <redacted>}`, otherwise as `containers.show_dict`."""
        mapping: Any = value  # a dict: read through `dict`'s own methods
        size = dict.__len__(mapping)
        if size == 0:
            return "dict", "{}", "{}"
        text = ctx.nested(mapping, ("{", "}"), lambda: self._dict_body(mapping, ctx))
        return "dict", text, text

    def _dict_body(self, mapping: dict[object, object], ctx: Ctx) -> str:
        pairs = snapshot(lambda: iter(dict.items(mapping)), ctx.limits.max_items)
        if pairs is None:
            return CHANGING
        parts = (f"{ctx.inline(key)}: {self._entry(key, item, ctx)}" for key, item in pairs)
        return ctx.join(parts, dict.__len__(mapping))

    def _entry(self, key: object, item: object, ctx: Ctx) -> str:
        return REDACTED if type(key) is str and self.hidden(key, item) else ctx.inline(item)

    def _dict_subclass(self, base: Handler) -> Handler:
        # `OrderedDict({'token': <redacted>})`; with `--repr user`, the program's own repr
        # unless a key it would show is hidden.
        def handler(value: object, ctx: Ctx) -> Shown:
            if ctx.user_repr and not self._names_hidden_key(value, ctx):
                return base(value, ctx)
            name = type_name(type(value))
            text = f"{name}({self._show_dict(value, ctx)[2]})"
            return name, text, text

        return handler

    def _names_hidden_key(self, value: object, ctx: Ctx) -> bool:
        mapping: Any = value
        keys = snapshot(lambda: iter(dict.keys(mapping)), ctx.limits.max_items)
        return keys is None or any(type(k) is str and self.rule.hides(k) for k in keys)

    def _program_object(self, base: Handler) -> Handler:
        # What the class's own names say, judged again only when the class has a new shape.
        judged: list[tuple[Shape, ClassNames] | None] = [None]

        def handler(value: object, ctx: Ctx) -> Shown:
            shape = ctx.shape(type(value))
            last = judged[0]
            if last is None or last[0] is not shape:
                last = judged[0] = (shape, _class_names(shape, self.rule))
            if not self._stores_hidden(value, shape, last[1]):
                return base(value, ctx)
            name = type_name(type(value))
            text = f"{name}({REDACTED})"
            return name, text, text

        return handler

    def _stores_hidden(self, value: object, shape: Shape, names: ClassNames) -> bool:
        """True when the object stores an attribute (or named-tuple field) the rule names;
        `names` is what the names of its class say (`_class_names`)."""
        if names is True:
            return True
        stored = stored_dict(shape, value)
        if stored is not None and self._hides_a_key(list(stored)):
            return True
        return names is not False and _any_filled(names, value)

    def _hides_a_key(self, keys: list[object]) -> bool:
        """True when the rule names one of `keys` that is a `str` (others name nothing)."""
        if _all_str(keys):  # the usual case, checked and judged in C
            return self.rule.hides_any(keys)
        hides = self.rule.hides
        return any(type(k) is str and hides(k) for k in keys)


_resolvers: weakref.WeakSet[RedactingResolver] = weakref.WeakSet()


def _all_str(items: list[object]) -> TypeGuard[list[str]]:
    """True when every item is exactly a `str` (so hashing one runs no program code)."""
    return all(map(operator.is_, map(type, items), repeat(str)))


def _class_names(shape: Shape, rule: Redaction) -> ClassNames:
    """`True` when a named-tuple field is named by `rule`; else the slots it names, or False."""
    fields = shape.fields
    if type(fields) is tuple and any(type(f) is str and rule.hides(f) for f in fields):
        return True
    named = tuple(slot for slot in shape.slots if rule.hides(slot[0]))
    return named or False


def _any_filled(slots: tuple[tuple[str, Any], ...], value: object) -> bool:
    """True when `value` has a value in one of `slots` (unfilled ones store nothing)."""
    for _name, descriptor in slots:
        try:
            descriptor.__get__(value)
        except AttributeError:
            continue
        return True
    return False


def _metadata_only(cls: type) -> bool:
    """True when values of `cls` are previewed by their metadata alone (tensors, arrays)."""
    if registry.lookup(cls) is not None:
        return False
    for name in mro_names(cls):
        factory = science.KNOWN.get(name)
        if factory is not None:
            return factory in _METADATA_ONLY and factory(cls) is not None
    return False
