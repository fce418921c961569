"""The Python API: `debugflow.trace()` (context manager or decorator) and `debugflow.pulse()`."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Mapping
from contextlib import ContextDecorator
from types import TracebackType

from debugflow.config import FlowConfig
from debugflow.run.session import TraceSession, active_session

_pulse_session_lock = threading.Lock()


class trace(ContextDecorator):
    """Trace the calls made inside a `with` block or a decorated function into the run store.

    Inside an already traced program (`flow run`, an outer `trace()`), it adds nothing: the
    outer run records everything.
    """

    def __init__(
        self,
        *,
        root: str | None = None,
        include: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        kind: str = "api",
    ) -> None:
        self._root = root
        self._include = include
        self._exclude = exclude
        self._kind = kind
        self._local = threading.local()

    def __enter__(self) -> TraceSession | None:
        if active_session() is not None:
            self._local.session = None
            return None
        config = FlowConfig.from_env(root=self._root)
        config = config.with_options(
            include=config.include + self._include, exclude=config.exclude + self._exclude
        )
        session = TraceSession(config, kind=self._kind)
        session.start()
        self._local.session = session
        return session

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session: TraceSession | None = getattr(self._local, "session", None)
        if session is not None:
            session.stop(exit_code=None if kind is None else 1)
            self._local.session = None


def pulse(
    name: str,
    params: Mapping[str, object] | None = None,
    returns: object = None,
    node_type: str = "info",
) -> None:
    """Add a manual event to the current run (or to a pulse-only run recorded for this process)."""
    session = active_session() or _pulse_only_session()
    session.pulse(name, params, returns, node_type)


def _pulse_only_session() -> TraceSession:
    """A run that records only manual pulses, closed when the process exits."""
    with _pulse_session_lock:
        session = active_session()
        if session is None:
            session = TraceSession(FlowConfig.from_env(), kind="api", trace_calls=False)
            session.start()
            atexit.register(session.stop, 0)
        return session
