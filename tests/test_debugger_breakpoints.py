"""Breakpoint specs as people type them, the table's hit counting, and the saved file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import FrameType

import pytest

from debugflow.debugger import savefile
from debugflow.debugger.breakpoints import (
    Breakpoint,
    BreakpointTable,
    check_line,
    executable_lines,
    format_message,
)
from debugflow.debugger.specs import BreakSpec, parse_spec
from debugflow.errors import BadBreakpoint, FlowError

SOURCE = "def f(x):\n    y = x + 1\n\n    # a comment\n    return y\n"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(SOURCE)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("app.py:2", BreakSpec("line", file="APP", line=2)),
        ("app.py:2 if x > 3", BreakSpec("line", file="APP", line=2, condition="x > 3")),
        ("app.py:2 hit 5", BreakSpec("line", file="APP", line=2, hit=5)),
        (
            "app.py:2 every 100 if x",
            BreakSpec("line", file="APP", line=2, every=100, condition="x"),
        ),
        ("app.py:2 log x={x} {{ok}}", BreakSpec("line", file="APP", line=2, log="x={x} {{ok}}")),
        (
            "app.py:2 if x > 1 log big {x}",
            BreakSpec("line", file="APP", line=2, condition="x > 1", log="big {x}"),
        ),
        ("app.process_order", BreakSpec("function", function="app.process_order")),
        ("Order.total", BreakSpec("function", function="Order.total")),
        ("raised", BreakSpec("raised")),
        ("raised ValueError,KeyError", BreakSpec("raised", exceptions=("ValueError", "KeyError"))),
        ("uncaught mylib.Error", BreakSpec("uncaught", exceptions=("mylib.Error",))),
        ("lib/other.py:7", BreakSpec("line", file=os.path.join("lib", "other.py"), line=7)),
    ],
)
def test_specs_are_read(text: str, expected: BreakSpec, app: Path) -> None:
    if expected.file == "APP":
        expected = expected._replace(file=str(app.resolve()))
    spec = parse_spec(text, str(app.parent))
    assert spec == expected
    assert parse_spec(spec.text(), str(app.parent)) == spec  # the text reads back the same


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (":3", "names no file"),
        ("app.py:0", "numbered from 1"),
        ("app.py", "neither file:line nor module.function"),
        ("app.py:2 if", "needs a condition"),
        ("app.py:2 if x >", "is not an expression"),
        ("app.py:2 hit many", "whole number"),
        ("app.py:2 every 0", "whole number"),
        ("app.py:2 log", "needs a message"),
        ("app.py:2 log {x +}", "in the log message"),
        ("app.py:2 log {x", "without its }"),
        ("app.py:2 unless x", "cannot read 'unless x'"),
        ("raised Value-Error", "is not an exception class name"),
    ],
)
def test_bad_specs_say_what_is_wrong(text: str, message: str, app: Path) -> None:
    with pytest.raises(BadBreakpoint, match=message):
        parse_spec(text, str(app.parent))


def test_a_line_without_code_is_refused_with_the_next_one(app: Path) -> None:
    assert executable_lines(str(app)) == {1, 2, 5}
    check_line(parse_spec("app.py:2", str(app.parent)))
    refusal = r"line 4 of .* has no code .* the next line with code is 5"
    with pytest.raises(BadBreakpoint, match=refusal):
        check_line(parse_spec("app.py:4", str(app.parent)))


def frame_with(**values: object) -> FrameType:
    """A real frame whose locals are `values`."""
    namespace = dict(values)
    code = "import sys\nframe = sys._getframe()\n"
    exec(code, {"__name__": "probe"}, namespace)
    frame = namespace["frame"]
    assert isinstance(frame, FrameType)
    return frame


def test_a_condition_counts_only_the_hits_where_it_holds() -> None:
    item = Breakpoint(1, BreakSpec("line", "/a.py", 3, condition="x > 1", hit=2))
    outcomes = [item.reached(frame_with(x=x)) for x in (0, 2, 0, 5, 9)]
    assert [o is not None for o in outcomes] == [False, False, False, True, False]
    assert item.hits == 3  # x=2, x=5, x=9


def test_every_nth_hit() -> None:
    item = Breakpoint(1, BreakSpec("line", "/a.py", 3, every=3))
    assert [item.reached(frame_with()) is not None for _ in range(7)] == [
        False,
        False,
        True,
        False,
        False,
        True,
        False,
    ]


def test_a_condition_that_raises_pauses_and_says_why() -> None:
    item = Breakpoint(1, BreakSpec("line", "/a.py", 3, condition="missing > 1"))
    hit = item.reached(frame_with())
    assert hit is not None and hit.pause
    assert hit.note == "its condition raised NameError: name 'missing' is not defined"


def test_a_logpoint_formats_its_message_and_does_not_pause() -> None:
    item = Breakpoint(2, BreakSpec("line", "/a.py", 3, log="x={x} {{literal}} {1/0} {d['k']}"))
    hit = item.reached(frame_with(x=4, d={"k": "v"}))
    assert hit is not None and not hit.pause
    assert hit.message == "x=4 {literal} <ZeroDivisionError: division by zero> v"
    assert format_message("{x + 1}", frame_with(x=1)) == "2"


def test_exception_breakpoints_match_by_class_name_along_the_mro() -> None:
    any_error = Breakpoint(1, BreakSpec("raised"))
    lookups = Breakpoint(2, BreakSpec("raised", exceptions=("LookupError",)))
    qualified = Breakpoint(3, BreakSpec("uncaught", exceptions=("builtins.KeyError",)))
    assert any_error.catches(ValueError()) and not any_error.catches(StopIteration())
    assert lookups.catches(KeyError()) and not lookups.catches(ValueError())
    assert qualified.catches(KeyError()) and not qualified.catches(IndexError())
    assert Breakpoint(4, BreakSpec("raised", exceptions=("StopIteration",))).catches(
        StopIteration()
    )


def test_the_table_finds_breakpoints_by_file_line_and_function(app: Path) -> None:
    real = str(app.resolve())
    table = BreakpointTable(
        [
            BreakSpec("line", real, 2),
            BreakSpec("line", "app.py", 5),  # relative: any file whose path ends so
            BreakSpec("function", function="app.f"),
            BreakSpec("function", function="script.main"),
        ]
    )
    assert [b.number for b in table.at(real, 2)] == [1]
    assert [b.number for b in table.at(real, 5)] == [2]
    assert table.lines_in(real, frozenset({1, 2, 3})) == {2}
    assert [b.number for b in table.functions("app", "f", real)] == [3]
    assert [b.number for b in table.functions("__main__", "main", "/x/script.py")] == [4]
    version = table.version
    table.remove(1)
    assert table.at(real, 2) == () and table.version > version
    with pytest.raises(BadBreakpoint, match="no breakpoint 1"):
        table.remove(1)
    assert [b.number for b in table.all()] == [2, 3, 4]
    assert table.add(BreakSpec("raised")).number == 5  # numbers are not reused


def test_saved_breakpoints_round_trip_privately(app: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    specs = [parse_spec(t, str(app.parent)) for t in ("app.py:2 if x > 1", "raised KeyError")]
    path = savefile.save(data, specs)
    assert savefile.load(data) == specs
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert data.stat().st_mode & 0o777 == 0o700
    assert savefile.load(tmp_path / "none") == []


EDITED = """\
def total(xs):
    t = 0
    for x in xs:
        t += x
    return t


def twice(xs):
    t = 0
    for x in xs:
        t += x
    return t * 2
"""


def test_saved_line_breakpoints_follow_their_line_when_other_lines_change(
    tmp_path: Path,
) -> None:
    app = tmp_path / "app.py"
    app.write_text(EDITED)
    data = tmp_path / "data"
    cwd = str(tmp_path)
    specs = [
        parse_spec("app.py:4 if x > 1", cwd),  # t += x in total()
        parse_spec("app.py:11", cwd),  # t += x in twice(): the same code, another line
        parse_spec("app.py:12", cwd),  # return t * 2
        parse_spec("raised KeyError", cwd),
    ]
    savefile.save(data, specs)
    assert savefile.load(data) == specs  # nothing edited: nothing moves

    app.write_text(
        '"""Totals."""\nimport sys\n\n' + EDITED.replace("    return t * 2", "    return t * 3")
    )
    moved = savefile.load(data)
    assert [(s.line, s.condition) for s in moved] == [
        (7, "x > 1"),
        (14, None),
        (12, None),
        (0, None),
    ]
    # Line 12 held `return t * 2`, edited itself: it keeps its number, as in an editor.

    app.write_text(EDITED.replace("def twice(xs):\n", "def twice(xs):\n    # twice the total\n"))
    assert [s.line for s in savefile.load(data)[:2]] == [4, 12]  # the one below the comment

    app.unlink()
    assert savefile.load(data) == specs  # no file to look in: as saved

    app.write_text("a()\nx = 1\nb()\nx = 1\n")
    savefile.save(data, [parse_spec("app.py:4", cwd)])  # the `x = 1` after b()
    app.write_text("a()\nb()\nz()\nzz()\nx = 1\nb()\nx = 1\n")
    (spec,) = savefile.load(data)
    assert spec.line == 7  # after b() again, though line 5 is nearer


def test_a_version_1_saved_file_is_still_read(app: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    savefile.save(data, [])
    text = f'{{"format": "debugflow-breakpoints", "version": 1, "breakpoints": ["{app}:2"]}}'
    savefile.saved_path(data).write_text(text)
    assert savefile.load(data) == [BreakSpec("line", file=str(app), line=2)]
    savefile.saved_path(data).write_text(text.replace(f'"{app}:2"', '{"spec": 1}'))
    with pytest.raises(FlowError, match="not a list of texts"):
        savefile.load(data)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_saved_file_others_could_write_is_not_believed(app: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = savefile.save(data, [parse_spec("app.py:2", str(app.parent))])
    path.chmod(0o666)
    with pytest.raises(FlowError, match="is not used: it is open to other users"):
        savefile.load(data)


def test_a_foreign_saved_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    savefile.save(data, [])
    savefile.saved_path(data).write_text('{"format": "other"}')
    with pytest.raises(FlowError, match="not a DebugFlow breakpoint file"):
        savefile.load(data)


def test_the_debugger_modules_are_not_loaded_by_a_plain_flow_run(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    from conftest import flow

    script = tmp_path / "probe.py"
    script.write_text("import sys\nprint(sorted(m for m in sys.modules if 'debugger' in m))\n")
    result = flow("run", "-q", "--root", str(tmp_path), str(script), env=flow_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
    assert sys.modules  # (the test process itself may have them)
