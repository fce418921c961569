"""Previews registered by users and libraries, which win over the built-in ones.

A preview is registered for a class object or for a qualified name (`"pkg.mod.Class"`,
i.e. `f"{cls.__module__}.{cls.__qualname__}"`). Lookup tries the exact class first, then
walks the MRO and takes the first class registered by object or by name, so a name
registration also covers subclasses without importing the library that defines them.

Tables are replaced, never changed in place, so the collector thread can read them
without a lock while the program registers from another thread.
"""

from __future__ import annotations

import threading

from debugflow.formatting.guarded import PreviewFn
from debugflow.formatting.introspect import full_name, mro

_lock = threading.Lock()
_by_type: dict[int, tuple[type, PreviewFn]] = {}  # keyed by id: hashing a class may run code
_by_name: dict[str, PreviewFn] = {}
_version = 0


def register_preview(target: type | str, fn: PreviewFn) -> None:
    """Use `fn(value, limits) -> (type_label, value_text)` to preview values of `target`."""
    global _by_type, _by_name, _version
    if not callable(fn):
        raise TypeError("a preview must be callable as fn(value, limits)")
    with _lock:
        if isinstance(target, str):
            _by_name = {**_by_name, target: fn}
        elif isinstance(target, type):
            _by_type = {**_by_type, id(target): (target, fn)}
        else:
            raise TypeError(f"register a class or a 'pkg.mod.Class' name, not {target!r}")
        _version += 1


def unregister_preview(target: type | str) -> None:
    """Forget the preview registered for `target` (nothing happens if there is none)."""
    global _by_type, _by_name, _version
    with _lock:
        if isinstance(target, str):
            _by_name = {k: v for k, v in _by_name.items() if k != target}
        else:
            _by_type = {k: v for k, v in _by_type.items() if k != id(target)}
        _version += 1


def version() -> int:
    """Bumped on every change, so caches of resolved previews know to start again."""
    return _version


def lookup(cls: type) -> PreviewFn | None:
    """The registered preview for values of class `cls`, if any."""
    by_type, by_name = _by_type, _by_name
    if not by_type and not by_name:
        return None
    exact = by_type.get(id(cls))
    if exact is not None:
        return exact[1]
    for klass in mro(cls):
        found = by_type.get(id(klass))
        if found is not None:
            return found[1]
        named = by_name.get(full_name(klass))
        if named is not None:
            return named
    return None
