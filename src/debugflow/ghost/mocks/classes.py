"""Mocks for classes: Enum, TypedDict, pydantic models, protocols and abstract classes, and every
class whose constructor is annotated (dataclasses, attrs, NamedTuple, plain classes), built
recursively from their own hints up to the factory's depth limit. A class whose constructor
fails is made with `__new__` and given its annotated attributes."""

from __future__ import annotations

import enum
import inspect
import typing
from typing import Any, cast

from debugflow.ghost.mocks.arguments import bind_mocks
from debugflow.ghost.mocks.base import NOTHING, Maker, Recipe, Slot, is_typeddict
from debugflow.ghost.mocks.hints import resolve_hints


def _class_id(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def enums(factory: Maker, hint: object, slot: Slot) -> object:
    """An Enum is its first member."""
    if not (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return NOTHING
    members = list(hint)
    return members[0] if members else factory.standin(slot, f"Enum {hint.__name__} has no members")


def typed_dicts(factory: Maker, hint: object, slot: Slot) -> object:
    """A TypedDict is a dict with every declared key set to a mock of its type."""
    if not is_typeddict(hint):
        return NOTHING
    assert isinstance(hint, type)
    keys = resolve_hints(_annotation_holder(hint), owner=hint)
    where = _class_id(hint)
    return {key: factory.make(value, slot.deeper(where, key)) for key, value in keys.items()}


def _annotation_holder(cls: type) -> Any:
    """A stand-in function object carrying a class's (inherited) annotations, for the resolver."""
    merged: dict[str, object] = {}
    for base in reversed(cls.__mro__):
        merged.update(getattr(base, "__annotations__", {}) or {})
    holder = type(cls.__name__, (), {"__annotations__": merged, "__module__": cls.__module__})
    return holder


def pydantic_models(factory: Maker, hint: object, slot: Slot) -> object:
    """A pydantic model is validated from mocks of its required fields (constructed if invalid)."""
    fields = getattr(hint, "model_fields", None)
    if not isinstance(hint, type) or not isinstance(fields, dict):
        return NOTHING
    values: dict[str, object] = {}
    by_alias: dict[str, object] = {}
    for name, info in fields.items():
        if not info.is_required():
            continue
        annotation = info.annotation
        if info.metadata:
            parts = (annotation, *info.metadata)
            annotation = typing.Annotated[parts]
        values[name] = factory.make(annotation, slot.deeper(_class_id(hint), name))
        by_alias[info.alias or name] = values[name]
    try:
        return hint(**by_alias)
    except Exception as exc:
        factory.note(f"{hint.__name__}(...) did not validate ({_brief(exc)}); built unvalidated")
        return hint.model_construct(**values)  # type: ignore[attr-defined]


def protocols(factory: Maker, hint: object, slot: Slot) -> object:
    """A Protocol cannot be built: a recording stand-in answers its members."""
    if isinstance(hint, type) and getattr(hint, "_is_protocol", False):
        return factory.standin(slot, f"Protocol {hint.__name__} (no concrete class to build)")
    return NOTHING


def abstract_classes(factory: Maker, hint: object, slot: Slot) -> object:
    """An abstract class is built as its first concrete subclass."""
    if not (isinstance(hint, type) and inspect.isabstract(hint)):
        return NOTHING
    concrete = _concrete_subclass(hint)
    if concrete is None:
        return factory.standin(slot, f"abstract class {hint.__name__} with no concrete subclass")
    return factory.make(concrete, slot)


def _concrete_subclass(cls: type) -> type | None:
    pending: list[type] = list(cls.__subclasses__())
    while pending:
        candidate = pending.pop(0)
        if not inspect.isabstract(candidate):
            return candidate
        pending.extend(candidate.__subclasses__())
    return None


def constructed(factory: Maker, hint: object, slot: Slot) -> object:
    """Any other class, built by calling it with mocks of its constructor's annotated params."""
    if not isinstance(hint, type):
        return NOTHING
    if slot.depth >= factory.max_depth:
        return factory.standin(slot, f"{hint.__name__} nested deeper than {factory.max_depth}")
    factory.building.append(hint)
    try:
        return _construct(factory, hint, slot)
    finally:
        factory.building.pop()


def _construct(factory: Maker, cls: type, slot: Slot) -> object:
    where = f"{_class_id(cls)}.__init__"
    try:
        signature = inspect.signature(cls)
        init: Any = getattr(cls, "__init__", None)
        constructor: Any = init if init is not object.__init__ else cls.__new__
        hints = resolve_hints(constructor, owner=cls)
        bound = bind_mocks(factory, signature, hints, Slot(where, "", slot.depth + 1))
        instance = cls(*bound.args, **bound.kwargs)
    except Exception as exc:
        factory.note(f"{cls.__qualname__}(...) raised {_brief(exc)}; built with __new__ instead")
        return _bare_instance(factory, cls, slot)
    _fill_annotated(factory, cls, instance, slot)
    return instance


def _bare_instance(factory: Maker, cls: type, slot: Slot) -> object:
    """`cls.__new__(cls)` with each class-level annotated attribute set to a mock."""
    try:
        instance = cast(Any, cls).__new__(cls)
    except Exception as exc:
        return factory.standin(slot, f"{cls.__qualname__} cannot be created ({_brief(exc)})")
    _fill_annotated(factory, cls, instance, slot)
    return instance


def _fill_annotated(factory: Maker, cls: type, instance: object, slot: Slot) -> None:
    """Set each class-level annotated attribute the instance lacks (ORM-style models)."""
    where = _class_id(cls)
    for name, hint in resolve_hints(_annotation_holder(cls), owner=cls).items():
        if typing.get_origin(hint) is typing.ClassVar or _has_attribute(instance, name):
            continue
        try:
            setattr(instance, name, factory.make(hint, slot.deeper(where, name)))
        except Exception:
            continue  # slots, frozen classes, read-only properties: leave the attribute unset


def _has_attribute(instance: object, name: str) -> bool:
    try:
        inspect.getattr_static(instance, name)
    except AttributeError:
        return False
    return True


def _brief(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


RECIPES: list[Recipe] = [
    enums,
    typed_dicts,
    pydantic_models,
    protocols,
    abstract_classes,
    constructed,
]
