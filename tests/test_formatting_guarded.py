"""The program's own reprs (guarded), registered previews, and values changing under us."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import numpy as np
import pytest

from debugflow.formatting import (
    PreviewFn,
    PreviewLimits,
    preview,
    register_preview,
    unregister_preview,
)
from debugflow.formatting import context as preview_context


class Shouty:
    def __init__(self, text: str = "hello") -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Shouty<{self.text.upper()}>"


class Broken:
    def __repr__(self) -> str:
        raise ValueError("no repr today")


class Endless:
    def __repr__(self) -> str:
        return repr(self)


class Previewing:
    """A repr that asks for a preview of itself, as a tracer-instrumented repr might."""

    def __repr__(self) -> str:
        return f"P[{preview(self, user_repr=True)[1]}]"


@dataclasses.dataclass
class Money:
    cents: int


@pytest.fixture
def registered() -> Iterator[list[type | str]]:
    """Targets to unregister after the test, so registrations never leak between tests."""
    targets: list[type | str] = []
    yield targets
    for target in targets:
        unregister_preview(target)


def register(targets: list[type | str], target: type | str, fn: PreviewFn) -> None:
    register_preview(target, fn)
    targets.append(target)


def test_user_repr_is_used_only_when_asked() -> None:
    assert preview(Shouty()) == ("Shouty", "Shouty(text='hello')")
    assert preview(Shouty(), user_repr=True) == ("Shouty", "Shouty<HELLO>")
    assert preview([Shouty()], user_repr=True)[1] == "[Shouty<HELLO>]"


def test_builtins_stay_structural_in_user_repr_mode() -> None:
    assert preview(list(range(100)), user_repr=True)[1] == "[0, 1, 2, 3, 4, 5, … 94 more]"


def test_a_failing_repr_is_reported_not_raised() -> None:
    assert preview(Broken(), user_repr=True) == ("Broken", "<repr-error ValueError: no repr today>")
    _label, text = preview(Endless(), user_repr=True)
    assert text.startswith("<repr-error RecursionError: maximum recursion depth")


def test_a_repr_returning_a_non_string_is_reported() -> None:
    class Odd:
        def __repr__(self) -> str:
            return 5  # type: ignore[return-value]

    assert preview(Odd(), user_repr=True)[1].startswith("<repr-error TypeError: ")


def test_a_huge_or_multiline_repr_is_cut_to_one_line() -> None:
    limits = PreviewLimits(max_width=30)
    assert preview(Shouty("x" * 10_000), limits, user_repr=True)[1] == "Shouty<" + "X" * 22 + "…"
    assert preview(Shouty("a\nb"), user_repr=True)[1] == "Shouty<A B>"


def test_a_repr_that_previews_itself_does_not_recurse() -> None:
    assert preview(Previewing(), user_repr=True)[1] == "P[Previewing()]"


def test_the_repr_guard_is_per_thread() -> None:
    inside, release = threading.Event(), threading.Event()

    class Slow:
        def __repr__(self) -> str:
            inside.set()
            release.wait(10)
            return "slow"

    results: list[tuple[str, str]] = []
    worker = threading.Thread(target=lambda: results.append(preview(Slow(), user_repr=True)))
    worker.start()
    assert inside.wait(10)
    try:
        assert preview(Shouty(), user_repr=True)[1] == "Shouty<HELLO>"  # not the safe form
    finally:
        release.set()
        worker.join(10)
    assert results == [("Slow", "slow")]


def test_registered_previews_win_over_builtin_ones(registered: list[type | str]) -> None:
    def dollars(value: object, limits: PreviewLimits) -> tuple[str, str]:
        return "Money", f"${value.cents / 100:.2f}" if isinstance(value, Money) else "?"

    register(registered, Money, dollars)
    register(registered, int, lambda v, lim: ("int", "an int"))
    assert preview(Money(1999)) == ("Money", "$19.99")
    assert preview([Money(5), 3])[1] == "[$0.05, an int]"
    assert preview(True) == ("int", "an int")  # bool is a subclass of int
    register(registered, bool, lambda v, lim: ("bool", "a bool"))
    assert preview(True) == ("bool", "a bool")  # the exact class wins


def test_names_register_without_importing_and_cover_subclasses(
    registered: list[type | str],
) -> None:
    register(registered, "numpy.ndarray", lambda v, lim: ("array", "mine"))

    class Sub(np.ndarray):
        pass

    assert preview(np.zeros(2)) == ("array", "mine")
    assert preview(np.zeros(2).view(Sub)) == ("array", "mine")


def test_a_base_class_registration_covers_subclasses_after_exact_ones(
    registered: list[type | str],
) -> None:
    class Pence(Money):
        pass

    register(registered, Money, lambda v, lim: ("Money", "base"))
    assert preview(Pence(1)) == ("Money", "base")
    register(registered, f"{Pence.__module__}.{Pence.__qualname__}", lambda v, lim: ("P", "name"))
    assert preview(Pence(1)) == ("P", "name")


def test_failing_or_misbehaving_registrations_fall_back(registered: list[type | str]) -> None:
    def boom(value: object, limits: PreviewLimits) -> tuple[str, str]:
        raise RuntimeError("bug in a preview")

    register(registered, Money, boom)
    assert preview(Money(1)) == ("Money", "Money(cents=1)")
    register(registered, Money, lambda v, lim: "not a pair")  # type: ignore[arg-type,return-value]
    assert preview(Money(1)) == ("Money", "Money(cents=1)")


def test_a_registration_that_previews_its_own_value_does_not_recurse(
    registered: list[type | str],
) -> None:
    register(registered, Money, lambda v, lim: ("Money", "≈" + preview(v, lim)[1]))
    assert preview(Money(1)) == ("Money", "≈Money(cents=1)")


def test_unregistering_restores_the_default(registered: list[type | str]) -> None:
    register_preview(Money, lambda v, lim: ("Money", "custom"))
    assert preview(Money(1))[1] == "custom"
    unregister_preview(Money)
    assert preview(Money(1))[1] == "Money(cents=1)"
    with pytest.raises(TypeError):
        register_preview(3, lambda v, lim: ("", ""))  # type: ignore[arg-type]


def test_registered_text_is_held_to_the_limits(registered: list[type | str]) -> None:
    register(registered, Money, lambda v, lim: ("M" * 500, "line\n" * 500))
    label, text = preview(Money(1), PreviewLimits(max_width=40))
    assert len(label) == 40
    assert len(text) == 40
    assert "\n" not in text


def test_a_container_changing_while_read_is_retried_then_marked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failures = iter([True])

    def flaky(items: Iterator[object], count: int) -> list[object]:
        if next(failures, False):
            raise RuntimeError("dictionary changed size during iteration")
        return real_take(items, count)

    real_take = preview_context.take
    monkeypatch.setattr(preview_context, "take", flaky)
    assert preview({"a": 1}) == ("dict", "{'a': 1}")  # one retry succeeded

    def always(items: Iterator[object], count: int) -> list[object]:
        raise RuntimeError("set changed size during iteration")

    monkeypatch.setattr(preview_context, "take", always)
    assert preview({"a": 1}) == ("dict", "{<changing>}")
    assert preview({1, 2}) == ("set", "{<changing>}")


def test_previews_of_values_another_thread_is_mutating_never_raise() -> None:
    shared: dict[int, list[int]] = {}
    items: list[object] = []
    stop = threading.Event()

    def mutate() -> None:
        n = 0
        while not stop.is_set() and n < 2_000_000:
            shared[n % 500] = [n]
            shared.pop((n * 7) % 500, None)
            items.append(n)
            if len(items) > 300:
                del items[:150]
            n += 1

    worker = threading.Thread(target=mutate)
    worker.start()
    try:
        seen = [preview((shared, items, Money(len(items)))) for _ in range(3000)]
    finally:
        stop.set()
        worker.join(30)
    assert all(label == "tuple" and text.startswith("({") for label, text in seen)
