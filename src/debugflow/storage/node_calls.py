"""`node_calls`: per node of a run, its stored calls summed up as they are appended.

A finished run's final spine (`storage.final_spine`) needs, per node, how many calls and
exceptions the store holds and a few of those calls: the first to know the line it was
called from, the latest kept in detail (by start), the latest to raise and the latest to
end (by end). Finding them among the rows is a pass over every stored call; the writer
already has each call in hand, so it keeps them here instead, in the transaction that
stores the calls: summed in Python per node as each slice of rows is stored (`Summing`),
then one upsert per node per append, merged in SQL with what earlier appends kept. Each
pick is kept with the (time, arrival number) it was chosen by, so that merging keeps the
same call the pass over the rows would find, and so that a reader can check a pick against
the row it names.

A run whose summary cannot be kept exact (a call without a node id, a call stored twice, an
end given twice) is marked not summarised; it is then opened by counting its calls, as runs
stored before schema version 5 are.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from debugflow.storage.rows import Row

# The picks, in the order of their columns: (name, "<" keeps the least key, ">" the greatest).
# first and sample are keyed by (start_ns, seq); raised and ended by (end_ns, end_seq).
PICKS: tuple[tuple[str, str], ...] = (
    ("first", "<"),
    ("sample", ">"),
    ("raised", ">"),
    ("ended", ">"),
)
COLUMNS = "node_id, calls, raised, " + ", ".join(
    f"{name}_call, {name}_ns, {name}_seq" for name, _ in PICKS
)
_WIDTH = 1 + len(COLUMNS.split(", "))  # with run_id


def _merged(name: str, keeps: str) -> str:
    """SET clauses keeping the stored pick or the incoming one, whichever the key prefers."""
    better = (
        f"excluded.{name}_ns IS NOT NULL AND ({name}_ns IS NULL OR "
        f"(excluded.{name}_ns, excluded.{name}_seq) {keeps} ({name}_ns, {name}_seq))"
    )
    return ", ".join(
        f"{name}_{part} = CASE WHEN {better} THEN excluded.{name}_{part} ELSE {name}_{part} END"
        for part in ("call", "ns", "seq")
    )


UPSERT = (
    f"INSERT INTO node_calls (run_id, {COLUMNS}) VALUES ({', '.join('?' * _WIDTH)}) "
    "ON CONFLICT (run_id, node_id) DO UPDATE SET calls = calls + excluded.calls, "
    "raised = raised + excluded.raised, " + ", ".join(_merged(n, k) for n, k in PICKS)
)
# A call whose end a later slice brings: its node, and whether it has an end already.
ENDING = "SELECT node_id, end_ns IS NOT NULL FROM calls WHERE run_id = ? AND call_id = ?"
NOT_SUMMARISED = "UPDATE runs SET summarised = 0 WHERE run_id = ?"

# Positions in a `statements.INSERT_CALL` row and in a `statements.END_CALL` row.
_CALL_ID, _SEQ, _CALL_LINE, _START, _DETAILED, _NODE = 1, 2, 10, 12, 13, 14
_END, _END_SEQ, _OUTCOME = 15, 16, 17
_LATE_END, _LATE_END_SEQ, _LATE_OUTCOME, _LATE_CALL_ID = 0, 1, 2, 9

Key = tuple[int, int, int]  # (time, arrival number, call id)


class _Node:
    """One node's calls within an append: counts and the best key of each pick."""

    __slots__ = ("calls", "ended", "first", "raised", "raised_pick", "sample")

    def __init__(self) -> None:
        self.calls = 0
        self.raised = 0
        self.first: Key | None = None
        self.sample: Key | None = None
        self.raised_pick: Key | None = None
        self.ended: Key | None = None

    def end(self, key: Key, outcome: Any) -> None:
        if self.ended is None or key > self.ended:
            self.ended = key
        if outcome == "exception":
            self.raised += 1
            if self.raised_pick is None or key > self.raised_pick:
                self.raised_pick = key

    def row(self, run_id: str, node_id: int) -> Row:
        picks = (self.first, self.sample, self.raised_pick, self.ended)
        flat: list[Any] = []
        for key in picks:
            flat += (None, None, None) if key is None else (key[2], key[0], key[1])
        return (run_id, node_id, self.calls, self.raised, *flat)


class Summing:
    """One append's calls summed up per node, for one run: `add` each slice as it is
    stored, then `write` once, in the same transaction (one upsert per node per append)."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.exact = True  # False once a call cannot be accounted for
        self._nodes: dict[int, _Node] = {}

    def add(self, conn: sqlite3.Connection, calls: list[Row], ends: list[Row]) -> None:
        """Add a slice's call rows and the later ends of earlier calls.

        Call it after inserting `calls` and before applying `ends` (it reads the rows the
        ends will change, as they were).
        """
        if not self.exact:
            return
        for row in calls:
            if row[_NODE] is None:
                self.exact = False  # placed by function: the spine is built from the stream
                return
            node = self._node(row[_NODE])
            node.calls += 1
            start: Key = (row[_START], row[_SEQ], row[_CALL_ID])
            if row[_CALL_LINE] is not None and (node.first is None or start < node.first):
                node.first = start
            if row[_DETAILED] and (node.sample is None or start > node.sample):
                node.sample = start
            if row[_END] is not None:
                node.end((row[_END], row[_END_SEQ], row[_CALL_ID]), row[_OUTCOME])
        ending: set[int] = set()
        for end in ends:
            call_id = end[_LATE_CALL_ID]
            found = conn.execute(ENDING, (self.run_id, call_id)).fetchone()
            if found is None:
                continue  # its start was never stored (shed): the end updates nothing
            node_id, ended = found
            if ended or node_id is None or call_id in ending:
                self.exact = False
                return
            ending.add(call_id)
            self._node(node_id).end(
                (end[_LATE_END], end[_LATE_END_SEQ], call_id), end[_LATE_OUTCOME]
            )

    def write(self, conn: sqlite3.Connection) -> None:
        """Merge the sums into `node_calls`, or mark the run not summarised."""
        if self.exact:
            found = [node.row(self.run_id, node_id) for node_id, node in self._nodes.items()]
            conn.executemany(UPSERT, found)
        else:
            conn.execute(NOT_SUMMARISED, (self.run_id,))

    def _node(self, node_id: int) -> _Node:
        node = self._nodes.get(node_id)
        if node is None:
            node = self._nodes[node_id] = _Node()
        return node
