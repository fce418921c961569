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
from typing import Any

from debugflow.ghost import carry
from debugflow.ghost.child.caps import GhostStop
from debugflow.ghost.child.entry import Entry, PreparedCall, prepare_call
from debugflow.ghost.child.policy import GhostPolicy, reached_ids
from debugflow.ghost.mocks import remedies, variants
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
    """What one attempt did: calls made, seconds taken, the exception the entry raised."""

    calls: int
    seconds: float
    raised: bool
    error: BaseException | None = None  # what the entry raised, when the program raised it


class GhostPass:
    """Runs the attempts of one ghost pass and says how many it made.

    Attempt 1 uses the first mocks. Each later attempt changes one parameter. When an attempt
    raised an error that another mock of an argument's type avoids (a folder for a file used
    as one, see `remedies`), that variant comes next, and it is kept for the attempts after it
    once it no longer runs into that error (remedies of other arguments for the same error are
    then dropped). Then come the branch-picking `variants`; one that is not mined from a
    comparison and that turns a raising call into one that returns is kept too: it fixed
    something (a parse, an empty container) that the later values need. A further attempt
    starts only when the budget left could pay for one more attempt like the first, so
    variants never trip a cap that the first attempt did not.
    """

    def __init__(
        self,
        entry: Entry,
        factory: MockFactory,
        tracer: Tracer,
        policy: GhostPolicy,
        settings: PassSettings,
        note: Callable[[str], None],
        arguments: Callable[[dict[str, Any]], None] = lambda line: None,
    ):
        self.entry = entry
        self.factory = factory
        self.tracer = tracer
        self.policy = policy
        self.state = policy.state
        self.settings = settings
        self.note = note
        self.arguments = arguments
        self._started = time.monotonic()
        self._tried: set[tuple[str, str]] = set()  # (parameter, remedy) already queued

    def run(self) -> int:
        """Run attempt 1 and then variants; returns the number of attempts made."""
        prepared = prepare_call(self.entry, self.factory)
        before = carry.literals(prepared.bound.mocked)  # the call may change them
        first = self._invoke(prepared, 0)
        # After the call: a stand-in's uses tell whether it stood for a number.
        mocked, uses = prepared.bound.mocked, self.factory.uses.uses
        self.arguments(carry.entry_arguments(mocked, before, uses))
        pending = [*self._remedies(prepared, first, 1, None), *self._variants(prepared)]
        kept: dict[str, object] = {}
        attempts, raised = 1, first.raised
        while pending and attempts < self.settings.max_attempts and self._worth_another(first):
            variant = pending.pop(0)
            if _same(kept.get(variant.name, _UNSET), variant.value):
                continue  # the value in use already: it would repeat an attempt
            overrides = {**kept, variant.name: variant.value}
            prepared = prepare_call(self.entry, self.factory, overrides)
            if variant.why:
                self.note(f"attempt {attempts + 1}: {variant.why}")
            outcome = self._invoke(prepared, attempts)
            attempts += 1
            if _keeps(variant, raised, outcome):
                kept, raised = overrides, outcome.raised
                if variant.answers:  # that error is dealt with: other arguments stay as they are
                    pending = [v for v in pending if v.answers != variant.answers]
            pending[:0] = self._remedies(prepared, outcome, attempts, variant.name)
        return attempts

    def _remedies(
        self, prepared: PreparedCall, outcome: _Attempt, attempt: int, changed: str | None
    ) -> list[variants.Variant]:
        """Variants that avoid the error `outcome` ended with; the argument the attempt was
        trying a value for (`changed`) is left as it is: that value is what is being tried."""
        if outcome.error is None:
            return []
        values = {
            name: (prepared.hints.get(name, inspect.Parameter.empty), value)
            for name, value in prepared.bound.mocked.items()
            if name != changed
        }
        return remedies.remedies_for(
            outcome.error, values, self.factory, self.entry.id, attempt, self._tried
        )

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
        raised, error = False, None
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
            raised, error = True, exc
            if attempt == 0 and self.policy.calls == 0:
                self.note(f"the entry could not be called: {type(exc).__name__}: {exc}")
        finally:
            self.tracer.detach()
        return _Attempt(
            calls=self.policy.calls - calls,
            seconds=time.monotonic() - began,
            raised=raised,
            error=error,
        )


_UNSET = object()


def _keeps(variant: variants.Variant, raised: bool, outcome: _Attempt) -> bool:
    """Whether a variant's value stays for the attempts after it: a remedy that no longer ran
    into its error, or a value of the type's own (not mined) that turned a raising call into
    one that returns."""
    if variant.answers:
        return remedies.avoided(variant, outcome.error)
    return raised and not outcome.raised and not variant.mined


def _same(kept: object, value: object) -> bool:
    """Whether a kept value is the variant's value (of the same type: `1` is not `True`)."""
    try:
        return type(kept) is type(value) and bool(kept == value)
    except Exception:  # a mock whose comparison fails is simply not the same
        return False


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
