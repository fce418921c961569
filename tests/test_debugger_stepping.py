"""Stepping under `flow debug` lands where pdb's engine does, with the rules of issue #11.

The reference is `debug_oracle.py`: `bdb` restricted to the traced files, without pdb's
`--Call--` and `--Return--` stops. Each program of `debug_programs/` is stepped with each
command script on each backend this Python has, and the stops must be the same, in order.
Coroutines and threads are also checked against stops written out by hand.
"""

from __future__ import annotations

import pytest

from debug_helpers import DEBUG_PROGRAMS, PATTERNS, debug, flow_stops, reference_stops

# Programs with stops written out by hand below, or helpers of others: not for the oracle.
_BY_HAND = ("async_steps.py", "orders.py", "shop.py", "workers.py", "failing.py", "counter.py")
CORPUS = sorted(p.name for p in DEBUG_PROGRAMS.glob("*.py") if p.name not in _BY_HAND)


@pytest.fixture(scope="module")
def references() -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    return {}


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("program", CORPUS)
def test_stops_are_pdbs(
    program: str,
    pattern: str,
    backend: str,
    flow_env: dict[str, str],
    references: dict[tuple[str, str], list[tuple[str, int, str]]],
) -> None:
    commands = PATTERNS[pattern]
    key = (program, pattern)
    if key not in references:
        references[key] = reference_stops(program, commands, flow_env)
    expected = references[key]
    result = debug(program, commands, flow_env, backend)
    assert len(expected) >= 2, "the reference made (almost) no stops"
    assert flow_stops(result.stdout) == expected, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_corpus_covers_what_the_issue_names() -> None:
    assert {
        "loops.py",
        "nested.py",
        "recursion.py",
        "exceptions.py",
        "uncaught.py",
        "generators.py",
        "threads.py",
        "comprehensions.py",
        "decorators.py",
        "with_blocks.py",
    } <= set(CORPUS)
    assert (DEBUG_PROGRAMS / "async_steps.py").exists()  # coroutines: by hand, below


# Coroutines, by hand (pdb's engine would wait for a finished coroutine to run again, and
# stops at the StopIteration of a sub-coroutine): a step over an `await` stays in the
# coroutine and stops at its next line, even while the other task runs in between; a step
# into one stops at the awaited coroutine's first line; a step out of a coroutine, or past
# its end, goes on to the next line that starts in traced code.
ONCE = ("--break", "async_steps.py:11 hit 1")  # worker a's first line, not worker b's


def test_a_step_over_an_await_stays_in_the_coroutine(
    backend: str, flow_env: dict[str, str]
) -> None:
    commands = ["c", "p name", "n", "p name", "n", "p name", "n", "c"]
    result = debug("async_steps.py", commands, flow_env, backend, *ONCE)
    assert flow_stops(result.stdout) == [
        ("async_steps.py", 1, "<module>"),
        ("async_steps.py", 11, "worker"),
        ("async_steps.py", 12, "worker"),  # n over `await fetch(n)`: task b ran meanwhile
        ("async_steps.py", 13, "worker"),  # n over `await fetch(first)`
        ("async_steps.py", 6, "fetch"),  # n past worker a's end: b's fetch goes on next
    ], result.stdout
    assert result.stdout.count("(flow) p name\n'a'\n") == 3
    assert "[('a', 4), ('b', 8)]" in result.stdout
    assert result.returncode == 0


def test_a_step_into_and_out_of_an_await(backend: str, flow_env: dict[str, str]) -> None:
    commands = ["c", "s", "n", "n", "r", "n", "n", "c"]
    result = debug("async_steps.py", commands, flow_env, backend, *ONCE)
    assert flow_stops(result.stdout) == [
        ("async_steps.py", 1, "<module>"),
        ("async_steps.py", 11, "worker"),
        ("async_steps.py", 5, "fetch"),  # s into the awaited coroutine: its first line
        ("async_steps.py", 6, "fetch"),  # n over `await asyncio.sleep(0)`: still in fetch
        ("async_steps.py", 7, "fetch"),
        ("async_steps.py", 12, "worker"),  # r: back in worker a, after its await
        ("async_steps.py", 13, "worker"),
        ("async_steps.py", 6, "fetch"),  # n past worker a's end
    ], result.stdout


def test_breakpoints_in_threads_pause_each_thread_alone(
    backend: str, flow_env: dict[str, str]
) -> None:
    result = debug("workers.py", ["c"] * 6, flow_env, backend, "--break", "workers.py:5")
    stops = flow_stops(result.stdout)
    assert stops[0] == ("workers.py", 1, "<module>")
    assert stops[1:] == [("workers.py", 5, "work")] * 3, result.stdout
    threads = {
        line.rsplit("[thread ", 1)[-1]
        for line in result.stdout.splitlines()
        if line.startswith("> ") and "[thread " in line
    }
    assert threads == {"worker-0]", "worker-1]", "worker-2]"}
    assert "[0, 10, 20]" in result.stdout
    assert result.returncode == 0


def test_a_step_in_a_thread_stays_in_that_thread(backend: str, flow_env: dict[str, str]) -> None:
    result = debug(
        "workers.py",
        ["c", "n", "n", "c", "c", "c", "c", "c"],
        flow_env,
        backend,
        "--break",
        "workers.py:5 hit 1",
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("> ")]
    first = lines[1]
    assert first.endswith("work() [thread worker-0]") or "[thread worker-" in first
    thread = first.rsplit("[thread ", 1)[1]
    assert [line.split("(")[1].split(")")[0] for line in lines[1:4]] == ["5", "6", "7"]
    assert all(line.endswith(f"[thread {thread}") for line in lines[1:3])
    assert result.returncode == 0
