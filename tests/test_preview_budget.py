"""Previews made on the program's thread give up past their time budget, and leave nothing
behind: no exception escapes into the program, and the interpreter runs on normally."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from debugflow.formatting import describe
from debugflow.tracer.previewing import Previewer


class Endless:
    def __repr__(self) -> str:
        while True:
            pass


class EndlessError(Exception):
    def __str__(self) -> str:
        while True:
            pass


@pytest.fixture
def previewer() -> Iterator[Previewer]:
    """A previewer whose budget is checked every 5 ms by a real thread, as the collector does."""
    previews = Previewer(lambda name, value: describe(name, value, user_repr=True), 50_000_000)
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.005):
            previews.check()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    yield previews
    stop.set()
    watcher.join()


def test_an_endless_repr_is_abandoned_once_then_previewed_safely(previewer: Previewer) -> None:
    assert previewer.arg("x", Endless()).value == "<preview abandoned after 50 ms>"
    # The class's own __repr__ is not asked again: its values get the safe preview at once.
    assert previewer.arg("y", Endless()).value == "Endless()"
    assert previewer.arg("n", 3).label() == "n: int=3"
    assert previewer.abandoned == 1


def test_a_slow_item_does_not_cost_the_previews_of_its_container_type(
    previewer: Previewer,
) -> None:
    class Slow:
        def __repr__(self) -> str:
            while True:
                pass

    assert previewer.arg("items", [Slow()]).value == "<preview abandoned after 50 ms>"
    assert previewer.arg("items", [Slow()]).value == "[Slow()]"  # Slow's values: safe preview
    assert previewer.arg("other", [1, 2]).value == "[1, 2]"  # lists as such are not slow
    assert previewer.abandoned == 1


def test_an_endless_exception_message_is_abandoned_once(previewer: Previewer) -> None:
    seen = previewer.exception(EndlessError())
    assert (seen.type, seen.message) == ("EndlessError", "<str() abandoned after 50 ms>")
    assert previewer.exception(EndlessError()).message == "<str() abandoned after 50 ms>"
    assert previewer.abandoned == 1  # the second one was not asked
    assert previewer.exception(ValueError("plain")).text() == "ValueError: plain"


def test_the_interpreter_runs_on_normally_after_an_abandoned_preview(
    previewer: Previewer,
) -> None:
    """CPython 3.11 spun forever resuming a generator if a pending asynchronous exception
    was withdrawn instead of delivered."""

    def numbers() -> Iterator[int]:
        yield 1
        yield 2

    started = numbers()
    assert next(started) == 1
    previewer.exception(EndlessError())
    assert next(started) == 2
    total = 0
    for i in range(1000):  # backward jumps check for pending work: nothing is left pending
        total += i
    assert total == 499500
