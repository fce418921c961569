"""The line `flow run` and `flow debug` print when a run ends."""

from __future__ import annotations

from debugflow.protocol import RunEnded, RunStarted
from debugflow.units import format_count, format_duration


def summary_line(
    run: RunStarted,
    ended: RunEnded,
    not_recorded: str | None = None,
    recording_stopped: str | None = None,
) -> str:
    """One line about a finished run: how to open it, or why the store does not hold it.

    `not_recorded` is why the store could not take the run at all; `recording_stopped`, why
    writing it stopped part way. Either way no `flow show` is offered for it.
    """
    seconds = max(ended.ended_at - run.started_at, 0.0)
    numbers = [
        f"{format_count(ended.calls)} calls",
        f"{format_count(ended.exceptions)} exceptions",
        format_duration(seconds * 1e9),
    ]
    if ended.dropped:
        numbers.append(f"{format_count(ended.dropped)} events dropped")
    if not_recorded is not None:
        return " · ".join(
            [f"debugflow: this run was not recorded: {_brief(not_recorded)}", *numbers]
        )
    parts = [f"debugflow: run {run.run_id}", *numbers]
    if recording_stopped is not None:
        parts.append(f"recording stopped part way: {_brief(recording_stopped)}")
    else:
        parts.append(f"open it: flow show {run.run_id}")
    return " · ".join(parts)


def _brief(reason: str) -> str:
    """A store error without its advice (`…; move it aside…`), said in full at the start."""
    return reason.split("; ", 1)[0]
