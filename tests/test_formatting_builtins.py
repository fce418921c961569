"""Previews of builtin values: exact rendering at fixed limits, truncation, depth and cycles."""

from __future__ import annotations

import collections
import pickle

import pytest

import debugflow.formatting as formatting
from debugflow.formatting import DEFAULT_LIMITS, PreviewLimits, describe, preview

SMALL = PreviewLimits(max_string=6, max_items=3, max_depth=2, max_width=80)


def test_public_api_is_exactly_the_documented_names() -> None:
    assert sorted(formatting.__all__) == [
        "DEFAULT_LIMITS",
        "PreviewFn",
        "PreviewLimits",
        "describe",
        "preview",
        "register_preview",
        "unregister_preview",
    ]
    assert PreviewLimits(60, 6, 2, 160) == DEFAULT_LIMITS


def test_arguments_read_as_name_type_value() -> None:
    assert describe("lr", 0.001).label() == "lr: float=0.001"
    assert describe("xs", [1, 2, 3]).label() == "xs: list=[1, 2, 3]"
    assert describe("d", {"a": 1}).label() == "d: dict={'a': 1}"
    assert describe("x", None).label() == "x: None"
    assert describe("xs", [None]).label() == "xs: list=[None]"


@pytest.mark.parametrize(
    ("value", "label", "text"),
    [
        (42, "int", "42"),
        (-7, "int", "-7"),
        (0.5, "float", "0.5"),
        (float("inf"), "float", "inf"),
        (True, "bool", "True"),
        (False, "bool", "False"),
        (None, "None", ""),
        (1 + 2j, "complex", "(1+2j)"),
        ("hi\n", "str", "'hi\\n'"),
        (b"\x00a", "bytes", "b'\\x00a'"),
        (bytearray(b"ab"), "bytearray", "bytearray(b'ab')"),
        ([], "list", "[]"),
        ((), "tuple", "()"),
        ((1,), "tuple", "(1,)"),
        ((1, "a"), "tuple", "(1, 'a')"),
        (set(), "set", "set()"),
        ({3}, "set", "{3}"),
        (frozenset(), "frozenset", "frozenset()"),
        (frozenset({3}), "frozenset", "frozenset({3})"),
        ({}, "dict", "{}"),
        ({"a": [1, 2]}, "dict", "{'a': [1, 2]}"),
        (range(0, 10, 2), "range", "range(0, 10, 2)"),
        (slice(1, None, 2), "slice", "slice(1, None, 2)"),
        (Ellipsis, "ellipsis", "Ellipsis"),
    ],
)
def test_exact_builtins_render_structurally(value: object, label: str, text: str) -> None:
    assert preview(value, SMALL) == (label, text)


def test_long_strings_show_their_head_and_how_much_is_hidden() -> None:
    assert preview("abcdef" + "x" * 1234, SMALL) == ("str", "'abcdef…' +1234 chars")
    assert preview(b"abcdefgh", SMALL) == ("bytes", "b'abcdef…' +2 bytes")
    assert preview(bytearray(b"abcdefgh"), SMALL) == ("bytearray", "bytearray(b'abcdef…') +2 bytes")


def test_long_containers_show_their_first_items_and_the_rest_as_a_count() -> None:
    assert preview(list(range(986)))[1] == "[0, 1, 2, 3, 4, 5, … 980 more]"
    assert preview(tuple(range(5)), SMALL)[1] == "(0, 1, 2, … 2 more)"
    assert preview({i: i for i in range(5)}, SMALL)[1] == "{0: 0, 1: 1, 2: 2, … 2 more}"
    assert preview(set(range(5)), SMALL)[1] == "{0, 1, 2, … 2 more}"


def test_a_huge_list_is_not_copied_to_be_previewed() -> None:
    assert preview(list(range(1_000_000)))[1].endswith(", … 999994 more]")


def test_nesting_past_the_depth_limit_collapses() -> None:
    assert preview([[[[1]]]], SMALL)[1] == "[[[…]]]"
    assert preview({"a": {"b": {"c": 1}}}, SMALL)[1] == "{'a': {'b': {…}}}"
    assert preview([1, [2]], PreviewLimits(max_depth=1))[1] == "[1, […]]"
    assert preview([1], PreviewLimits(max_depth=0))[1] == "[…]"
    assert preview([[]], PreviewLimits(max_depth=1))[1] == "[[]]"  # nothing hidden in []


def test_containers_that_contain_themselves_show_dots() -> None:
    looped: list[object] = [1]
    looped.append(looped)
    assert preview(looped) == ("list", "[1, [...]]")
    mapping: dict[str, object] = {}
    mapping["me"] = mapping
    assert preview(mapping, PreviewLimits(max_depth=5))[1] == "{'me': {...}}"


def test_shared_values_that_are_not_cycles_are_shown_each_time() -> None:
    shared = [1]
    assert preview([shared, shared])[1] == "[[1], [1]]"


def test_the_value_text_never_exceeds_max_width() -> None:
    limits = PreviewLimits(max_width=20)
    label, text = preview(["a" * 50, "b" * 50], limits)
    assert label == "list"
    assert len(text) == 20
    assert text.endswith("…")


def test_huge_ints_are_summarised_instead_of_converted() -> None:
    assert preview(10**5000)[1] == "<int of ~5001 digits>"
    assert preview(10**70, SMALL)[1] == "100000… +65 digits"


def test_builtin_subclasses_are_objects_shown_by_their_builtin_value() -> None:
    class Name(str):
        def __repr__(self) -> str:
            raise AssertionError("user __repr__ called")

        def __len__(self) -> int:
            raise AssertionError("user __len__ called")

    class Items(list[int]):
        def __iter__(self) -> collections.abc.Iterator[int]:
            raise AssertionError("user __iter__ called")

    assert preview(Name("ada")) == ("Name", "Name('ada')")
    assert preview(Items([1, 2])) == ("Items", "Items([1, 2])")
    assert preview(collections.Counter("aab")) == ("Counter", "Counter({'a': 2, 'b': 1})")
    assert preview(collections.OrderedDict(a=1))[1] == "OrderedDict({'a': 1})"


def test_limits_refuse_impossible_values() -> None:
    with pytest.raises(ValueError, match="max_items"):
        PreviewLimits(max_items=-1)
    with pytest.raises(ValueError, match="max_width"):
        PreviewLimits(max_width=0)
    with pytest.raises(ValueError, match="max_depth"):
        DEFAULT_LIMITS._replace(max_depth=-1)


def test_limits_are_immutable_values() -> None:
    limits = PreviewLimits(max_items=3)
    assert (limits.max_string, limits.max_items, limits.max_width) == (60, 3, 160)
    assert limits._replace(max_items=6) == DEFAULT_LIMITS
    assert hash(limits._replace(max_items=6)) == hash(DEFAULT_LIMITS)
    assert pickle.loads(pickle.dumps(limits)) == limits
    assert repr(limits) == "PreviewLimits(max_string=60, max_items=3, max_depth=2, max_width=160)"
    with pytest.raises(AttributeError):
        limits.max_items = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        limits.extra = 1  # type: ignore[attr-defined]
