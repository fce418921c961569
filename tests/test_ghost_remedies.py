"""A mock that fails in a way another mock of its type avoids is retried as that one before
anything is reported unreached: a file that is used as a folder becomes a folder, and so on.
Each retry is named in the report's notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debugflow.ghost import GhostResult
from ghost_helpers import FIXTURES, calls, ghost, reached

FILES = FIXTURES / "files"


def _note(result: GhostResult, parameter: str) -> str:
    found = [n for n in result.notes if n.startswith("attempt ") and f" {parameter} was " in n]
    assert len(found) == 1, result.notes
    return found[0]


def _first_value(result: GhostResult, qualname: str, parameter: str, attempt: int) -> str:
    call = calls(result, qualname)[attempt - 1]
    return next(a.value for a in call.args if a.name == parameter)


def test_a_path_iterated_as_a_folder_is_retried_as_a_folder() -> None:
    result = ghost(FILES, "storage.py:scan")
    assert reached(result) == {"storage:scan", "storage:ingest"}
    assert result.attempts == 2
    assert _note(result, "inbox") == (
        "attempt 2: inbox was a folder holding one file instead of a file"
        " (attempt 1 raised NotADirectoryError)"
    )
    assert _first_value(result, "scan", "inbox", 1).endswith("/inbox.txt")
    assert re.search(r"/inbox(_\d+)?$", _first_value(result, "scan", "inbox", 2))  # a folder


def test_a_path_written_into_as_a_folder_is_retried_as_a_folder() -> None:
    result = ghost(FILES, "storage.py:export")
    assert reached(result) == {"storage:export", "storage:announce"}
    assert "target was a folder holding one file instead of a file" in _note(result, "target")


@pytest.mark.parametrize(
    ("entry", "parameter", "callee", "change", "error"),
    [
        ("load", "config_dir", "parse", "a file instead of a folder", "IsADirectoryError"),
        (
            "prepare",
            "workspace",
            "announce",
            "a path that does not exist yet instead of an existing one",
            "FileExistsError",
        ),
        (
            "first",
            "items",
            "measure",
            "a list of one element instead of an empty one",
            "IndexError",
        ),
        (
            "open_named",
            "name",
            "parse",
            "the path of a real file instead of text naming no file",
            "FileNotFoundError",
        ),
        ("dump", "out", "measure", "a binary stream instead of a text one", "TypeError"),
    ],
)
def test_other_failing_mocks_are_retried_as_the_variant_that_avoids_the_error(
    entry: str, parameter: str, callee: str, change: str, error: str
) -> None:
    result = ghost(FILES, f"storage.py:{entry}")
    assert f"storage:{callee}" in reached(result)
    assert _note(result, parameter) == (
        f"attempt 2: {parameter} was {change} (attempt 1 raised {error})"
    )


def test_text_parsed_as_a_number_is_retried_as_a_number_first() -> None:
    result = ghost(FIXTURES / "shop", "limits.py:route")
    assert _note(result, "raw") == (
        "attempt 2: raw was a number in text ('1') instead of text that is not a number"
        " (attempt 1 raised ValueError)"
    )
    assert _first_value(result, "route", "raw", 2) == "'1'"


def test_a_variant_that_fixes_nothing_is_not_tried(tmp_path: Path) -> None:
    """An error no other value of the type avoids gets no retry of that kind."""
    (tmp_path / "app.py").write_text(
        "from pathlib import Path\n\n"
        "def check(source: Path) -> int:\n"
        "    raise ValueError('always')\n",
        encoding="utf-8",
    )
    result = ghost(tmp_path, "app.py:check")
    assert result.attempts == 1
    assert not any(" was " in note for note in result.notes)
