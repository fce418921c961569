"""Random call programs for property tests, and what they count about themselves.

A program is a handful of functions `f0 … fn` whose bodies call later functions (so every
program ends), in loops, under `try`, recursively, through a generator drained with `list()`,
and in threads of their own; some raise. Each function reports its calls to a counter module
that lives outside the traced project (so it is not traced itself): calls and exceptions by
calling context — the thread's name, then the functions from the top of that thread's stack.
That is the independent count the tracer's collapsed tree is checked against.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

COUNTER = '''\
"""Counts calls by calling context for the property tests (outside the traced project)."""
import json
import threading

_local = threading.local()
_lock = threading.Lock()
CALLS = {}
RAISED = {}
_ticks = [0]


def _stack():
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = [threading.current_thread().name]
    return stack


def enter(name):
    stack = _stack()
    stack.append(name)
    key = "/".join(stack)
    with _lock:
        CALLS[key] = CALLS.get(key, 0) + 1


def leave(raised):
    stack = _stack()
    if raised:
        key = "/".join(stack)
        with _lock:
            RAISED[key] = RAISED.get(key, 0) + 1
    stack.pop()


def catching(function, d):
    """A thread's target: runs `function(d)`, whose ValueError the program expects."""
    try:
        function(d)
    except ValueError:
        pass


def tick():
    with _lock:
        _ticks[0] += 1
        return _ticks[0]


def dump(path):
    with open(path, "w") as out:
        json.dump({"calls": CALLS, "raised": RAISED}, out)
'''


@dataclass(frozen=True)
class Step:
    """One statement of a function body."""

    kind: str  # "call", "try", "recurse", "thread", "gen", "raise"
    target: int = 0
    times: int = 1


@dataclass(frozen=True)
class Program:
    """A random call program: function bodies by index, and how main calls f0."""

    bodies: tuple[tuple[Step, ...], ...]
    generators: frozenset[int]
    rounds: int

    def source(self, counts_file: str) -> str:
        """The program's text, ready for `flow run` (or `exec`)."""
        lines = ["import sys, threading", "import callcounter as _c", ""]
        for index, body in enumerate(self.bodies):
            lines += _function(index, body, index in self.generators, len(self.bodies))
        lines += [
            "def main():",
            f"    for r in range({self.rounds}):",
            "        try:",
            "            f0(2)",
            "        except ValueError:",
            "            pass",
            "",
            "main()",
            f"_c.dump({counts_file!r})",
        ]
        return "\n".join(lines) + "\n"


def _function(index: int, body: tuple[Step, ...], generator: bool, count: int) -> list[str]:
    name = f"f{index}"
    lines = [f"def {name}(d):", f"    _c.enter({name!r})", "    raised = True", "    try:"]
    if generator:
        lines += ["        for i in range(d + 1):", "            yield i"]
    for step in body if not generator else ():
        lines += ["        " + line for line in _statement(index, step, count)]
    lines += [
        "        raised = False",
        "    finally:",
        "        _c.leave(raised)",
        "",
    ]
    return lines


def _statement(index: int, step: Step, count: int) -> list[str]:
    target = f"f{step.target}"
    if step.kind == "call":
        return [f"for _ in range({step.times}):", f"    {target}(d)"]
    if step.kind == "try":
        return [
            f"for _ in range({step.times}):",
            "    try:",
            f"        {target}(d)",
            "    except ValueError:",
            "        pass",
        ]
    if step.kind == "recurse":
        return ["if d > 0:", f"    f{index}(d - 1)"]
    if step.kind == "thread":
        return [
            f"t = threading.Thread(target=_c.catching, args=({target}, d), name=f'w{{_c.tick()}}')",
            "t.start()",
            "t.join()",
        ]
    if step.kind == "gen":
        return [f"list({target}(d))"]
    return [f"if _c.tick() % {step.times + 2} == 0:", "    raise ValueError('E')"]


@st.composite
def programs(draw: st.DrawFn, max_functions: int = 5) -> Program:
    """Random programs: nesting, loops, recursion, caught and escaping exceptions, generators
    and threads."""
    count = draw(st.integers(min_value=2, max_value=max_functions))
    generators = frozenset(
        i for i in range(1, count) if draw(st.booleans()) and draw(st.booleans())
    )
    bodies = [_body(draw, i, count, generators) for i in range(count)]
    return Program(tuple(bodies), generators, draw(st.integers(min_value=1, max_value=3)))


def _body(draw: st.DrawFn, index: int, count: int, generators: frozenset[int]) -> tuple[Step, ...]:
    later = list(range(index + 1, count))
    plain = [i for i in later if i not in generators]
    kinds = ["raise", "recurse"]
    kinds += ["call", "try", "thread"] if plain else []
    kinds += ["gen"] if set(later) & generators else []
    steps = []
    for kind in draw(st.lists(st.sampled_from(kinds), max_size=4)):
        if kind in ("call", "try", "thread"):
            steps.append(Step(kind, draw(st.sampled_from(plain)), draw(st.integers(1, 3))))
        elif kind == "gen":
            steps.append(Step(kind, draw(st.sampled_from(sorted(set(later) & generators)))))
        else:
            steps.append(Step(kind, times=draw(st.integers(1, 4))))
    return tuple(steps)


def write_program(program: Program, folder: Path) -> tuple[Path, Path]:
    """Write the program into `folder/project` and its counter into `folder/lib`; returns the
    script and the file the program writes its counts to."""
    project, lib = folder / "project", folder / "lib"
    project.mkdir(parents=True, exist_ok=True)
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "callcounter.py").write_text(COUNTER, encoding="utf-8")
    counts = folder / "counts.json"
    script = project / "program.py"
    script.write_text(program.source(str(counts)), encoding="utf-8")
    return script, counts


def read_counts(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """The program's own counts: calls and exceptions by `thread/f0/f3/…` path."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["calls"], data["raised"]
