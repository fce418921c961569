"""Inside the sandbox: run the entry traced, once with the first mocks and then with
single-parameter variants while part of the static map is still unreached and the caps allow.

Each attempt is traced into a lane of its own ("attempt 1", "attempt 2", …), so the tree shows
what each set of mock values reached."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from debugflow.ghost.child.caps import GhostStop
from debugflow.ghost.child.entry import Entry, PreparedCall, prepare_call
from debugflow.ghost.child.policy import GhostPolicy, reached_ids
from debugflow.ghost.mocks import variants
from debugflow.ghost.mocks.factory import MockFactory
from debugflow.ghost.model import StaticIds
from debugflow.tracer.engine import Tracer

MAX_ITEMS = 10  # items taken from an entry that is a generator


@dataclass
class PassSettings:
    """What bounds the attempts of one ghost pass."""

    max_attempts: int
    static_ids: StaticIds  # the static map's ids by (real file, first line)
    max_calls: int
    max_seconds: float


@dataclass
class _Attempt:
    """What one attempt did: calls made, seconds taken, whether the entry raised."""

    calls: int
    seconds: float
    raised: bool


class GhostPass:
    """Runs the attempts of one ghost pass and says how many it made.

    Attempt 1 uses the first mocks. Each later attempt changes one parameter (see
    `variants`). A variant that is not mined from a comparison and that turns a raising call
    into one that returns is kept for the attempts after it: it fixed something (a parse, an
    empty container) that the branch-picking values need. A further attempt starts only when
    the budget left could pay for one more attempt like the first, so variants never trip a
    cap that the first attempt did not.
    """

    def __init__(
        self,
        entry: Entry,
        factory: MockFactory,
        tracer: Tracer,
        policy: GhostPolicy,
        settings: PassSettings,
        note: Callable[[str], None],
    ):
        self.entry = entry
        self.factory = factory
        self.tracer = tracer
        self.policy = policy
        self.state = policy.state
        self.settings = settings
        self.note = note
        self._started = time.monotonic()

    def run(self) -> int:
        """Run attempt 1 and then variants; returns the number of attempts made."""
        prepared = prepare_call(self.entry, self.factory)
        first = self._invoke(prepared, 0)
        pending = self._variants(prepared)
        kept: dict[str, object] = {}
        attempts, raised = 1, first.raised
        while pending and attempts < self.settings.max_attempts and self._worth_another(first):
            variant = pending.pop(0)
            overrides = {**kept, variant.name: variant.value}
            outcome = self._invoke(prepare_call(self.entry, self.factory, overrides), attempts)
            attempts += 1
            if raised and not outcome.raised and not variant.mined:
                kept, raised = overrides, False
        return attempts

    def _worth_another(self, first: _Attempt) -> bool:
        if self.state.reason is not None or self._all_reached():
            return False
        calls_left = self.settings.max_calls - self.policy.calls
        seconds_left = self.settings.max_seconds - (time.monotonic() - self._started)
        return calls_left >= max(first.calls, 1) and seconds_left > 2 * first.seconds

    def _variants(self, prepared: PreparedCall) -> list[variants.Variant]:
        primaries = {
            name: (prepared.hints.get(name, inspect.Parameter.empty), value)
            for name, value in prepared.bound.mocked.items()
        }
        return variants.plan(self.entry.function, primaries, self.settings.max_attempts - 1)

    def _all_reached(self) -> bool:
        reached = reached_ids(self.tracer.hot.table, self.settings.static_ids)
        return set(self.settings.static_ids.values()) <= reached

    def _invoke(self, prepared: PreparedCall, attempt: int) -> _Attempt:
        calls, began = self.policy.calls, time.monotonic()
        raised = False
        self.tracer.hot.open_lane(attempt + 1, f"attempt {attempt + 1}")
        self.tracer.attach()
        try:
            _drive(prepared.call())
        except GhostStop:
            raised = True  # the cap is already recorded; the pass ends
        except SystemExit as exc:
            raised = True
            self.note(f"attempt {attempt + 1}: exit({exc.code!r}) was trapped")
        except BaseException as exc:  # the tracer recorded it on the call that raised
            raised = True
            if attempt == 0 and self.policy.calls == 0:
                self.note(f"the entry could not be called: {type(exc).__name__}: {exc}")
        finally:
            self.tracer.detach()
        return _Attempt(
            calls=self.policy.calls - calls,
            seconds=time.monotonic() - began,
            raised=raised,
        )


def _drive(result: object) -> None:
    """Run what the entry returned when it is lazy: a coroutine, a generator, an async generator."""
    if inspect.iscoroutine(result):
        asyncio.run(result)
    elif inspect.isgenerator(result):
        for _ in itertools.islice(result, MAX_ITEMS):
            pass
    elif inspect.isasyncgen(result):
        asyncio.run(_drain(result))


async def _drain(agen: AsyncIterator[object]) -> None:
    count = 0
    async for _ in agen:
        count += 1
        if count >= MAX_ITEMS:
            break
