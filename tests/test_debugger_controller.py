"""The debugger's pause state: the pure state machine, and the runtime with real threads.

Random interleavings of commands (for the current state and for stale ones), stops on
several threads, threads leaving, the program's end: never two pauses on one thread, never a
lost resume, never an accepted stale command, and numbers that only go up.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from debug_helpers import Recording, check_one_pause_at_a_time, hit_program, hitting_threads
from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.controller import RESUMES, Command, Controller, Place, State
from debugflow.debugger.runtime import Debugger, Notice
from debugflow.debugger.specs import BreakSpec
from debugflow.protocol import Paused, Resumed
from debugflow.tracer.codefilter import CodeFilter

THREADS = (1, 2, 3)
KINDS = ("continue", "step", "next", "return", "pause", "inspect", "quit")


def place(thread: int, reason: str = "breakpoint") -> Place:
    return Place(thread, "/p/app.py", 3, "work", reason)  # type: ignore[arg-type]


class ControllerMachine(RuleBasedStateMachine):
    """A model of each thread's pause, checked against the controller.

    A thread that must stop is blocked until it has noticed its pause (`take_pause`) and
    then its resume (`take_resume`), as the runtime's threads do; it may be paused and even
    resumed before it wakes to notice either.
    """

    def __init__(self) -> None:
        super().__init__()
        self.controller = Controller()
        self.seq = 0
        self.paused: int | None = None
        self.waiting: list[int] = []
        self.blocked: set[int] = set()  # asked to stop, not yet through its pause
        self.owed_pause: dict[int, int] = {}  # thread -> the state that paused it, unnoticed
        self.serving: set[int] = set()  # noticed its pause, waiting for its resume
        self.owed: dict[int, str] = {}  # thread -> how it was resumed, not taken yet
        self.ended = False

    def made(self, states: tuple[State, ...]) -> None:
        for state in states:
            assert state.seq == self.seq + 1, "every transition takes the next number"
            self.seq = state.seq
        assert self.controller.state.seq == self.seq

    def paused_now(self, thread: int) -> None:
        assert self.controller.is_paused(thread)
        self.paused = thread
        self.owed_pause[thread] = self.controller.state.seq

    @rule(thread=st.sampled_from(THREADS), reason=st.sampled_from(["breakpoint", "step"]))
    def a_thread_must_stop(self, thread: int, reason: str) -> None:
        if thread in self.blocked:
            return  # a paused or waiting thread runs no code: it cannot reach a stop
        was_paused = self.paused is not None
        verdict = self.controller.request_stop(place(thread, reason))
        self.made(verdict.states)
        if self.ended:
            assert not verdict.accepted
            return
        assert verdict.accepted
        self.blocked.add(thread)
        if was_paused:
            assert verdict.states == ()
            self.waiting.append(thread)
        else:
            self.paused_now(thread)

    @rule()
    def the_paused_thread_reaches_a_stop_again(self) -> None:
        # Code evaluated at a pause (`p f()`) reaching a breakpoint: refused, not a 2nd pause.
        if self.paused is not None:
            verdict = self.controller.request_stop(place(self.paused))
            assert not verdict.accepted and verdict.states == ()

    @rule(kind=st.sampled_from(KINDS), offset=st.sampled_from([0, 0, 0, -1, -2, 1]))
    def a_command(self, kind: str, offset: int) -> None:
        before = self.controller.state
        verdict = self.controller.submit(Command(kind, before.seq + offset))  # type: ignore[arg-type]
        self.made(verdict.states)
        if self.ended or offset:
            assert not verdict.accepted, "a command for another state is refused"
            assert verdict.reason
            return
        if kind == "quit":
            assert verdict.accepted
            self.end_everything("quit")
        elif kind in RESUMES or kind == "inspect":
            assert verdict.accepted == (self.paused is not None)
            if verdict.accepted and kind != "inspect":
                self.resumed(kind)
        elif kind == "pause":
            assert verdict.accepted == (self.paused is None and before.phase != "pausing")

    def resumed(self, how: str) -> None:
        assert self.paused is not None
        self.owed[self.paused] = how
        self.paused = None
        if self.waiting:
            self.paused_now(self.waiting.pop(0))  # the first waiting thread is next

    @rule(thread=st.sampled_from(THREADS))
    def a_blocked_thread_wakes(self, thread: int) -> None:
        if thread not in self.blocked or thread in self.serving:
            return
        taken = self.controller.take_pause(thread)
        assert taken == self.owed_pause.pop(thread, None), "a pause is noticed exactly once"
        if taken is not None:
            self.serving.add(thread)
        elif self.ended:
            self.blocked.discard(thread)  # queued when the program ended: it goes on

    @rule(thread=st.sampled_from(THREADS))
    def a_paused_thread_wakes_again(self, thread: int) -> None:
        if thread not in self.serving:
            return
        taken = self.controller.take_resume(thread)
        expected = self.owed.pop(thread, None)
        assert (taken[0] if taken else None) == expected, "a resume is neither lost nor doubled"
        if taken is not None:
            self.serving.discard(thread)
            self.blocked.discard(thread)

    @rule(thread=st.sampled_from(THREADS))
    def a_thread_leaves_thehit_program(self, thread: int) -> None:
        if thread not in self.blocked:
            self.made(self.controller.thread_done(thread))

    @precondition(lambda self: not self.ended)
    @rule(data=st.data())
    def the_program_ends(self, data: st.DataObject) -> None:
        if data.draw(st.integers(0, 9)) == 0:
            self.made(self.controller.end())
            self.end_everything("end")

    def end_everything(self, how: str) -> None:
        if self.paused is not None:
            self.owed[self.paused] = how
        self.paused = None
        self.waiting.clear()
        self.ended = True

    @invariant()
    def one_paused_thread_at_most(self) -> None:
        controller = self.controller
        paused = [t for t in THREADS if controller.is_paused(t)]
        assert paused == ([] if self.paused is None else [self.paused])
        assert [w.thread for w in controller.waiting] == self.waiting
        assert self.paused not in self.waiting
        state = controller.state
        assert (state.phase == "paused") == (self.paused is not None)
        assert (state.phase == "ended") == self.ended
        if state.phase == "paused":
            assert state.place is not None and state.place.thread == state.thread
        if state.phase == "stepping":
            assert state.thread in controller.armed

    @invariant()
    def every_blocked_thread_is_owed_something_or_waits(self) -> None:
        # No lost resume: a thread waiting on the controller has a pause, a resume or a turn
        # in the queue coming, or the program has ended.
        for thread in self.blocked:
            assert (
                thread in self.owed_pause
                or thread in self.owed
                or thread in self.waiting
                or thread == self.paused
                or self.ended
            ), f"thread {thread} would wait forever"


ControllerMachine.TestCase.settings = settings(
    max_examples=300, stateful_step_count=60, deadline=None
)
TestController = ControllerMachine.TestCase


def test_a_stale_command_is_refused_with_the_reason() -> None:
    controller = Controller()
    controller.request_stop(place(1))
    current = controller.state.seq
    verdict = controller.submit(Command("continue", current - 1))
    assert not verdict.accepted
    assert (
        verdict.reason
        == f"stale: the command is for state {current - 1}, the state is now {current} (paused)"
    )
    assert controller.submit(Command("continue", current)).accepted
    again = controller.submit(Command("continue", current))
    assert not again.accepted and again.reason.startswith("stale")


def test_a_step_is_armed_until_its_thread_stops_or_leaves() -> None:
    controller = Controller()
    controller.request_stop(place(1))
    verdict = controller.submit(Command("next", controller.state.seq))
    assert verdict.states[-1].phase == "stepping" and verdict.states[-1].step == "next"
    done = controller.thread_done(1)
    assert [s.phase for s in done] == ["running"]


# -- the runtime, with real threads -----------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    hits=st.lists(st.integers(1, 3), min_size=2, max_size=3),
    commands=st.lists(
        st.tuples(
            st.sampled_from(["continue", "step", "next", "inspect"]), st.sampled_from([0, 0, -1, 1])
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_threads_hitting_breakpoints_under_random_commands(
    tmp_path_factory: pytest.TempPathFactory,
    hits: list[int],
    commands: list[tuple[str, int]],
) -> None:
    root = tmp_path_factory.mktemp("prog")
    hit, path = hit_program(root)
    table = BreakpointTable([BreakSpec("line", file=str(path.resolve()), line=2)])
    recording = Recording()
    debugger = Debugger(table, CodeFilter(root), recording)
    states: list[State] = []
    debugger.subscribe(lambda notice: _keep_state(states, notice))

    threads = hitting_threads(hit, debugger.engine, hits)
    replies = _command_until_done(debugger, commands, threads)
    _check_record(recording.events, replies, states, sum(hits))


def _keep_state(states: list[State], notice: Notice) -> None:
    if isinstance(notice, State):
        states.append(notice)


def _command_until_done(
    debugger: Debugger, commands: list[tuple[str, int]], threads: list[threading.Thread]
) -> list[tuple[Command, bool, State]]:
    replies: list[tuple[Command, bool, State]] = []
    script = list(commands)
    while any(t.is_alive() for t in threads):
        state = debugger.state
        kind, offset = script.pop(0) if script else ("continue", 0)
        command = Command(kind, state.seq + offset)  # type: ignore[arg-type]
        reply = debugger.submit(command, lambda frame: "x")
        replies.append((command, reply.accepted, reply.state))
        for thread in threads:
            thread.join(0.001)
    debugger.end(0)
    for thread in threads:
        thread.join(5)
        assert not thread.is_alive(), "a paused thread was never resumed"
    return replies


def _check_record(
    events: list[Paused | Resumed],
    replies: list[tuple[Command, bool, State]],
    states: list[State],
    total_hits: int,
) -> None:
    seqs = [s.seq for s in states]
    assert seqs == sorted(set(seqs)), "state numbers only go up, each made once"
    by_seq = {s.seq: s for s in states}
    for command, accepted, _ in replies:
        if not accepted:
            continue
        acted_on = by_seq.get(command.seq)
        assert acted_on is not None and acted_on.phase == "paused", f"{command} accepted"
        if command.kind in RESUMES:
            made = by_seq[command.seq + 1]
            assert made.how == command.kind, "an accepted resume made the very next state"
    accepted_resumes = [c for c, ok, _ in replies if ok and c.kind in RESUMES]
    assert len(accepted_resumes) == len({c.seq for c in accepted_resumes}), "a double resume"
    check_one_pause_at_a_time(events)
    pauses = [e for e in events if isinstance(e, Paused)]
    resumes = [e for e in events if isinstance(e, Resumed)]
    assert len(pauses) == len(resumes), "every pause was resumed exactly once"
    assert len(pauses) <= total_hits  # a step can land after the last hit; hits may queue
    resumed_by_command = {s.seq for s in states if s.how in RESUMES}
    assert {r.seq for r in resumes if r.how in RESUMES} == resumed_by_command


def test_a_pause_request_stops_the_next_traced_line(tmp_path: Path) -> None:
    hit, _ = hit_program(tmp_path)
    debugger = Debugger(BreakpointTable(), CodeFilter(tmp_path))
    assert debugger.submit(Command("pause", 0)).accepted
    assert debugger.state.phase == "pausing"
    stopped = threading.Event()
    debugger.subscribe(
        lambda n: stopped.set() if isinstance(n, State) and n.phase == "paused" else None
    )
    thread = threading.Thread(target=hit, args=(debugger.engine, sys._getframe))
    thread.start()
    assert stopped.wait(5)
    state = debugger.state
    assert state.place is not None and state.place.reason == "pause" and state.place.line == 2
    assert debugger.print_value(state.seq, "1 + 1").text == "2"
    assert debugger.submit(Command("continue", state.seq)).accepted
    thread.join(5)
    assert not thread.is_alive()


LOOP = (
    "import time\n"
    "def spin(flag):\n"
    "    count = 0\n"
    "    while not flag.is_set():\n"
    "        count += 1\n"
    "        time.sleep(0.001)\n"
    "    return count\n"
)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="sys.monitoring")
def test_a_pause_request_reaches_code_already_running(tmp_path: Path) -> None:
    from debugflow.debugger.monitor import MonitoringAdapter

    path = tmp_path / "loop.py"
    path.write_text(LOOP)
    namespace: dict[str, object] = {"__name__": "loop"}
    exec(compile(LOOP, str(path), "exec"), namespace)
    debugger = Debugger(BreakpointTable(), CodeFilter(tmp_path))
    adapter = MonitoringAdapter(debugger.engine, debugger.book)
    adapter.start()
    debugger.attach(adapter)
    paused = threading.Event()
    debugger.subscribe(
        lambda n: paused.set() if isinstance(n, State) and n.phase == "paused" else None
    )
    flag = threading.Event()
    thread = threading.Thread(target=namespace["spin"], args=(flag,))  # type: ignore[arg-type]
    thread.start()
    try:
        time.sleep(0.05)  # the loop runs, with no event of the debugger's on
        assert debugger.submit(Command("pause", debugger.state.seq)).accepted
        assert paused.wait(5)
        place = debugger.state.place
        assert place is not None and place.reason == "pause" and place.function == "spin"
        assert place.line in (4, 5, 6)
        flag.set()
        assert debugger.submit(Command("continue", debugger.state.seq)).accepted
        thread.join(5)
        assert not thread.is_alive()
    finally:
        flag.set()
        debugger.end(0)
        thread.join(5)
