"""The original engine API: `launch("runme", *args, Ghost=..., Real_Time=..., **kwargs)`.

`launch` looks the function up by name in the caller's globals (or takes the function
itself), optionally maps it with a ghost pass first, then runs it traced with the arguments
given and returns its result. The run is recorded in the store whether or not a HUD is listening.

Given no arguments for a function that needs some, `launch` calls it with the ghost pass's
mock arguments, as the original engine did, when they are plain values (numbers, text, None,
lists, tuples and dicts of those), and says so once on stderr. A target or arguments it cannot
use end the program with one line on stderr and status 2, as `flow` errors do.
"""

from __future__ import annotations

import difflib
import inspect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from debugflow.api import trace
from debugflow.config import FlowConfig
from debugflow.errors import FlowError, TargetError
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.pacing import Pacer

if TYPE_CHECKING:
    from debugflow.ghost.model import EntryArguments

_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def launch(
    target: str | Callable[..., Any],
    *args: Any,
    Ghost: bool = True,
    Real_Time: bool = True,
    **kwargs: Any,
) -> Any:
    """Run `target` (a name in the caller's globals, or a function) traced with `args` and
    `kwargs`; return its result. `Ghost` runs a ghost pass first; `Real_Time=False` paces the
    live run at a slowed, "cinematic" speed."""
    try:
        function = _resolve(target, sys._getframe(1).f_globals)
        call = _Call(function, target, args, kwargs)
        config = FlowConfig.from_env()
        if Ghost:
            call.fill_from(_ghost_pass(function, config))
        call.require_complete()
    except FlowError as error:
        print(f"debugflow: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    pacer = None if Real_Time else Pacer(CodeFilter(config.root, config.include, config.exclude))
    if pacer is not None:
        pacer.start()
    try:
        with trace(kind="launch"):
            return function(*call.args, **call.kwargs)
    finally:
        if pacer is not None:
            pacer.stop()


def _resolve(target: str | Callable[..., Any], namespace: dict[str, Any]) -> Callable[..., Any]:
    if callable(target):
        return target
    found = namespace.get(target)
    if found is None:
        raise TargetError(
            f"launch(): the calling module has no function {target!r}{_near(target, namespace)}"
        )
    if not callable(found):
        raise TargetError(f"launch(): {target!r} is a {type(found).__name__}, not a function")
    return found  # type: ignore[no-any-return]


def _near(name: str, namespace: dict[str, Any]) -> str:
    """` (did you mean 'x'?)` for the callables of `namespace` spelled like `name`."""
    names = [k for k, v in namespace.items() if callable(v) and not k.startswith("__")]
    matches = difflib.get_close_matches(name, names, n=3)
    if not matches:
        return ""
    quoted = [repr(m) for m in matches]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f" (did you mean {listed}?)"


class _Call:
    """The arguments of the live call: those given, else the ghost pass's plain mocks."""

    def __init__(
        self,
        function: Callable[..., Any],
        target: str | Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        self.function = function
        self.target = target
        self.name = str(getattr(function, "__qualname__", None) or target)
        self.args = args
        self.kwargs = kwargs
        self.given = bool(args or kwargs)
        self.required = _required(function)
        self.why = ""  # why the ghost pass's mock arguments could not be used
        if self.given:
            self._check_given()

    def _check_given(self) -> None:
        """Arguments given must fit the signature: a missing one is named, not a traceback."""
        try:
            inspect.signature(self.function).bind(*self.args, **self.kwargs)
        except ValueError:
            return  # no signature to check against (a builtin): the call itself will tell
        except TypeError as error:
            if self._missing():
                raise self._needs() from None
            raise TargetError(
                f"launch(): {self.name} cannot take these arguments: {error}"
            ) from None

    def fill_from(self, carried: EntryArguments | None) -> None:
        """Use the ghost pass's mock arguments when none were given and the function needs
        some, and say so once on stderr; why any cannot be used is kept for the message."""
        if self.given or not self.required:
            return
        if carried is None:
            self.why = " (the ghost pass could not call it)"
            return
        absent = [p.name for p in self.required if p.name not in carried.values]
        if absent:
            told = "; ".join(f"{name} is {carried.missing.get(name, 'unknown')}" for name in absent)
            self.why = f" (the ghost pass's mock values cannot be carried: {told})"
            return
        values = carried.values
        self.args = tuple(values[p.name] for p in self.required if p.kind in _POSITIONAL)
        self.kwargs = {p.name: values[p.name] for p in self.required if p.kind not in _POSITIONAL}
        shown = ", ".join(f"{p.name}={values[p.name]!r}" for p in self.required)
        told = f"calling {self.name} with the ghost pass's mock arguments {shown}"
        print(f"debugflow: launch(): {told}", file=sys.stderr)

    def require_complete(self) -> None:
        """Raise TargetError naming the required parameters the call would go without."""
        if self._missing():
            raise self._needs()

    def _missing(self) -> list[inspect.Parameter]:
        positional = [p for p in self.required if p.kind in _POSITIONAL][len(self.args) :]
        keyword = [p for p in self.required if p.kind not in _POSITIONAL]
        return [p for p in positional + keyword if p.name not in self.kwargs]

    def _needs(self) -> TargetError:
        missing = self._missing()
        word = "argument" if len(missing) == 1 else "arguments"
        names = ", ".join(p.name for p in missing)
        pronoun = "it" if len(self.required) == 1 else "them"
        return TargetError(
            f"launch(): {self.name} needs {word} {names}{self.why}: "
            f"pass {pronoun} as {self._suggestion()}"
        )

    def _suggestion(self) -> str:
        """`launch("my_function", x, y)`, keyword-only parameters as `name=name`."""
        shown = f'"{self.target}"' if isinstance(self.target, str) else self.name
        params = [p.name if p.kind in _POSITIONAL else f"{p.name}={p.name}" for p in self.required]
        return f"launch({', '.join([shown, *params])})"


def _required(function: Callable[..., Any]) -> list[inspect.Parameter]:
    """Parameters without defaults, in order (`*args` and `**kwargs` need nothing); none when
    the function has no signature to read."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return []
    return [
        p for p in signature.parameters.values() if p.default is p.empty and p.kind not in _VARIADIC
    ]


def _ghost_pass(function: Callable[..., Any], config: FlowConfig) -> EntryArguments | None:
    """Map the call chain with a safe dry run before the live run; returns the arguments its
    first attempt called the entry with."""
    from debugflow.ghost import record_ghost, run_ghost

    result = run_ghost(function, root=config.root)
    record_ghost(result, config.store_path)
    return result.arguments
