"""Opening the SQLite file of a run store, and turning sqlite3 errors into `StoreError`.

The store holds argument values, so its folder is DebugFlow's private folder (0700) and the
file is created 0600 before SQLite opens it. SQLite creates the `-wal` and `-shm` files, and
creates them again after the last connection closed, with the mode of the database file, so
they are 0600 too whatever the umask; ones left looser by an older version are tightened here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from debugflow.errors import StoreError
from debugflow.private_files import NotPrivate, make_private_dir, make_private_file, tighten_file
from debugflow.storage.schema import prepare

# How long a statement waits for another process's write lock before failing.
BUSY_TIMEOUT_S = 10.0
# The files SQLite keeps next to the database in WAL mode.
SIDE_FILES = ("-wal", "-shm")

_CORRUPT_HINT = (
    "it is not a SQLite database or it is damaged; move it aside (or delete it) "
    "and DebugFlow will start a new store"
)


def open_connection(path: Path, factory: type[sqlite3.Connection]) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path`, in WAL mode, with the current schema."""
    _make_private(path)
    with translate_errors(path, "open"):
        # check_same_thread=False: a StoreWriter opens the store on the caller's thread and
        # then hands it to its own thread; the store is still used by one thread at a time.
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
            check_same_thread=False, factory=factory,
        )  # fmt: skip
    try:
        _configure(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _make_private(path: Path) -> None:
    """The store's folder 0700 and its files 0600, before SQLite creates any of them."""
    try:
        make_private_dir(path.parent)
        make_private_file(path)
        for suffix in SIDE_FILES:
            tighten_file(path.with_name(path.name + suffix))
    except NotPrivate as exc:
        raise StoreError(f"cannot keep the run store private: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"cannot create the run store {path}: {exc}") from exc


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    with translate_errors(path, "open"):
        # Lets `prune` hand freed pages back to the file system. It only takes effect on a new
        # file, before WAL mode and the first table; on an existing store it changes nothing.
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        # WAL: readers never block the writer, and a killed writer loses only its open
        # transaction. NORMAL: commits skip fsync; safe against a process kill, not power loss.
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
        conn.execute("PRAGMA synchronous = NORMAL")
        prepare(conn, path)


@contextmanager
def translate_errors(path: Path, action: str) -> Iterator[None]:
    """Re-raise any sqlite3 error inside the block as a StoreError naming the file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if _looks_corrupt(exc):
            raise StoreError(f"cannot {action} the run store {path}: {_CORRUPT_HINT}") from exc
        raise StoreError(f"cannot {action} the run store {path}: {exc}") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"cannot {action} the run store {path}: {exc}") from exc


def _looks_corrupt(exc: sqlite3.DatabaseError) -> bool:
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message
