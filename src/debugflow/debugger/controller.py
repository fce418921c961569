"""The debugger's pause state: one explicit state machine, pure (no threads, no I/O).

    running ──pause──▶ pausing ──stop──▶ paused(place, seq) ──step/next/return──▶ stepping
       ▲                                   │    ▲                                   │
       └────────────── continue ───────────┘    └────────────── stop ───────────────┘
    any state ──quit, or the program's end──▶ ended

Every transition makes a new `State` with the next sequence number; nothing else changes a
state. A command names the sequence number of the state it acts on, and one naming another
state is refused with the reason, so two front ends cannot both resume one pause and a
command typed against an old pause never lands on a new one.

At most one thread is paused. A thread that must stop while another is paused waits in a
queue (its stop is kept, not lost) and becomes the paused one when the pause before it ends.
Steps are per thread: a thread resumed with a step is *armed* until it stops again or
leaves the program's code for good (`thread_done`). The phase is a summary: `paused` while a
thread is paused; otherwise `pausing` while a pause is asked for, `stepping` while a step is
armed, else `running`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from debugflow.protocol import PauseReason

Phase = Literal["running", "pausing", "paused", "stepping", "ended"]
StepKind = Literal["step", "next", "return"]
CommandKind = Literal["continue", "step", "next", "return", "pause", "quit", "inspect"]
RESUMES: tuple[CommandKind, ...] = ("continue", "step", "next", "return")


class Place(NamedTuple):
    """Where and why a thread stops (or wants to)."""

    thread: int
    file: str
    line: int
    function: str
    reason: PauseReason
    detail: str | None = None
    depth: int = 0  # frames of the program's code under the stopped one
    thread_name: str = ""


class State(NamedTuple):
    """One state of the machine, numbered; `place` while paused, the step while stepping."""

    seq: int
    phase: Phase
    place: Place | None = None
    step: StepKind | None = None
    thread: int | None = None  # the paused thread, or the stepping one
    depth: int | None = None  # stepping: the depth the step started from
    how: str | None = None  # the command (or "end") that made this state from a pause


class Command(NamedTuple):
    """A front end's request, naming the state it acts on."""

    kind: CommandKind
    seq: int


class Verdict(NamedTuple):
    """What a command or a stop request did: accepted with its transitions, or refused."""

    accepted: bool
    reason: str = ""
    states: tuple[State, ...] = ()


class Controller:
    """The state machine. Its owner serialises calls (the runtime holds a lock)."""

    def __init__(self) -> None:
        self.state = State(0, "running")
        self.pause_requested = False
        self._waiting: list[Place] = []
        self._armed: dict[int, tuple[StepKind, int]] = {}  # thread -> (kind, depth)
        # thread -> the state that paused it, until the thread takes it (it may be resumed
        # before it wakes to see it was paused: both are kept for it)
        self._paused: dict[int, int] = {}
        # thread -> how its last pause ended and the state that made, until the thread takes it
        self._resumed: dict[int, tuple[str, int]] = {}

    @property
    def waiting(self) -> tuple[Place, ...]:
        """Threads waiting for their turn to pause, in order."""
        return tuple(self._waiting)

    @property
    def armed(self) -> dict[int, StepKind]:
        """Threads with a step under way, and its kind."""
        return {thread: kind for thread, (kind, _) in self._armed.items()}

    def is_paused(self, thread: int) -> bool:
        """Whether `thread` is the paused one."""
        return self.state.phase == "paused" and self.state.thread == thread

    # -- commands --------------------------------------------------------------------------

    def submit(self, command: Command) -> Verdict:
        """Apply a command to the current state, or refuse it and say why."""
        state = self.state
        if state.phase == "ended":
            return Verdict(False, "the program has ended")
        if command.seq != state.seq:
            return Verdict(
                False, f"stale: the command is for state {command.seq}, the state is now "
                f"{state.seq} ({state.phase})",
            )  # fmt: skip
        if command.kind == "quit":
            return Verdict(True, states=(self._finish("quit"),))
        if command.kind == "pause":
            return self._pause()
        if state.phase != "paused":
            return Verdict(False, f"no thread is paused (the program is {state.phase})")
        if command.kind == "inspect":
            return Verdict(True)
        return Verdict(True, states=self._resume(command.kind))

    def _pause(self) -> Verdict:
        if self.state.phase == "paused":
            return Verdict(False, "a thread is paused already")
        if self.pause_requested:
            return Verdict(False, "a pause is already asked for")
        self.pause_requested = True
        return Verdict(True, states=self._settle())

    def _resume(self, how: CommandKind) -> tuple[State, ...]:
        state = self.state
        assert state.thread is not None and state.place is not None
        if how != "continue":
            self._armed[state.thread] = (how, state.place.depth)  # type: ignore[assignment]
        after = self._move(self._summary(how))
        self._resumed[state.thread] = (how, after.seq)
        return (after, *self._settle())

    # -- from the program's threads ----------------------------------------------------------

    def request_stop(self, place: Place) -> Verdict:
        """A thread must stop at `place`: it becomes the paused one, waits its turn (accepted
        with no transition: it is queued), or is refused (the program ended, or it is the
        paused thread itself, as when code evaluated at its pause reaches a breakpoint)."""
        state = self.state
        if state.phase == "ended":
            return Verdict(False, "the program has ended")
        if state.thread == place.thread and state.phase == "paused":
            return Verdict(False, "this thread is paused already")
        if any(w.thread == place.thread for w in self._waiting):
            return Verdict(False, "this thread is waiting to pause already")
        self._armed.pop(place.thread, None)
        if state.phase == "paused":
            self._waiting.append(place)
            return Verdict(True)
        return Verdict(True, states=(self._pause_thread(place),))

    def take_pause(self, thread: int) -> int | None:
        """The number of the state that paused `thread` (once), or None if it is not."""
        return self._paused.pop(thread, None)

    def take_resume(self, thread: int) -> tuple[str, int] | None:
        """How the last pause of `thread` ended and the state's number (once), or None."""
        return self._resumed.pop(thread, None)

    def start_step(self, thread: int) -> tuple[State, ...]:
        """Arm a step on `thread` before anything paused (a debugger's stop at the start)."""
        if self.state.phase in ("paused", "ended"):
            return ()
        self._armed[thread] = ("step", 0)
        return self._settle()

    def thread_done(self, thread: int) -> tuple[State, ...]:
        """`thread` left the program's code for good: its armed step can land nowhere."""
        if self._armed.pop(thread, None) is None or self.state.phase in ("paused", "ended"):
            return ()
        return self._settle()

    def end(self) -> tuple[State, ...]:
        """The program ended: every wait is over and every later command is refused."""
        if self.state.phase == "ended":
            return ()
        return (self._finish("end"),)

    def _finish(self, how: str) -> State:
        """Move to `ended`: the paused thread is told how, the waiting ones stop waiting."""
        paused = self.state.thread if self.state.phase == "paused" else None
        self._waiting.clear()
        self._armed.clear()
        self.pause_requested = False
        ended = self._move(State(0, "ended", how=how))
        if paused is not None:
            self._resumed[paused] = (how, ended.seq)
        return ended

    # -- transitions -------------------------------------------------------------------------

    def _summary(self, how: str | None = None) -> State:
        """The state when no thread is paused, from what is asked and armed."""
        if self.pause_requested:
            return State(0, "pausing", how=how)
        if self._armed:
            thread, (kind, depth) = next(reversed(self._armed.items()))
            return State(0, "stepping", step=kind, thread=thread, depth=depth, how=how)
        return State(0, "running", how=how)

    def _settle(self) -> tuple[State, ...]:
        """After a change: pause the first waiting thread, or move to the summary state."""
        if self._waiting:
            return (self._pause_thread(self._waiting.pop(0)),)
        after = self._summary()
        if after[1:6] == self.state[1:6]:  # the same state, whatever made it
            return ()
        return (self._move(after),)

    def _pause_thread(self, place: Place) -> State:
        self.pause_requested = False
        paused = self._move(State(0, "paused", place, thread=place.thread))
        self._paused[place.thread] = paused.seq
        return paused

    def _move(self, state: State) -> State:
        self.state = state._replace(seq=self.state.seq + 1)
        return self.state
