"""`RunSummary`: one line of `flow runs`, read from the store's `runs` table."""

from typing import Any, Literal, NamedTuple

from debugflow.storage.rows import decode_strings

# The same words the HUD uses for a run (`protocol.viewer.RunState`): one vocabulary.
RunState = Literal["live", "ended", "lost"]

# A writer refreshes its run's heartbeat this often (every write refreshes it as well)...
HEARTBEAT_INTERVAL_S = 1.0
# ...so a run without RunEnded whose heartbeat is older than this is taken for dead: killed,
# crashed, or on a machine that restarted. A writer that closes clears the heartbeat.
STALE_AFTER_S = 5.0


class RunSummary(NamedTuple):
    """What the store knows about one run, for listings and headers.

    `status` is "ended" once RunEnded was stored. Without it the run is "live" while its
    writer still refreshes the heartbeat (`live`), and "lost" after that: the process
    was killed or crashed, and the counts are those of the events that reached the store.
    """

    run_id: str
    kind: str
    argv: tuple[str, ...]
    cwd: str
    python: str
    backend: str
    backend_reason: str
    started_at: float
    ended_at: float | None
    exit_code: int | None
    calls: int
    exceptions: int
    dropped: int
    live: bool = False

    @property
    def status(self) -> RunState:
        """ "ended", "live" (no RunEnded, writer alive) or "lost" (no RunEnded, writer gone)."""
        if self.ended_at is not None:
            return "ended"
        return "live" if self.live else "lost"

    @property
    def duration_s(self) -> float | None:
        """Wall-clock seconds from start to end, or None until the run has ended."""
        if self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at)


def summary_from_row(
    row: tuple[Any, ...], stat_calls: int, stat_exceptions: int, now: float
) -> RunSummary:
    """Build a summary from a `RUN_COLUMNS` row plus the run's function-stats totals."""
    run_id, kind, argv, cwd, python, backend, reason, started_at, _origin = row[:9]
    ended_at, exit_code, calls, exceptions, dropped = row[9:14]
    stored_calls, stored_exceptions, writer_dropped, heartbeat_at = row[14:18]
    if ended_at is None:
        # Stats snapshots are exact but lag up to a second; stored rows are sampled but current.
        calls = max(stat_calls, stored_calls)
        exceptions = max(stat_exceptions, stored_exceptions)
    live = ended_at is None and heartbeat_at is not None and now - heartbeat_at < STALE_AFTER_S
    return RunSummary(
        run_id, kind, decode_strings(argv), cwd, python, backend, reason, started_at,
        ended_at, exit_code, calls, exceptions, dropped + writer_dropped, live,
    )  # fmt: skip
