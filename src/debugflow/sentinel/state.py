"""The sentinel's state file, `<data dir>/sentinel.json`: what `flow status` shows.

The sentinel rewrites it (atomically, 0600) whenever something changes. A reader believes it
only after the checks every DebugFlow state file gets (this user's, private, a regular file
in a folder others cannot write to) and only while the pid it names is a live sentinel of
this user; otherwise the file is stale (the sentinel crashed) or untrusted.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from debugflow.private_files import UntrustedFile, read_private_bytes, write_private_text
from debugflow.transport.processes import ours, pid_alive

STATE_FILE = "sentinel.json"
MAX_STATE_FILE = 64 * 1024
SENTINEL_MODULE = "debugflow.sentinel"  # what a sentinel's command line runs


@dataclass
class Hotkey:
    """One global hotkey: its combination (pynput's syntax), and why it is not bound."""

    action: str
    combo: str
    bound: bool = False
    problem: str | None = None


@dataclass
class SentinelState:
    """Everything `flow status` reports; the sentinel owns it and rewrites the file."""

    pid: int
    project: str
    started_at: float = field(default_factory=time.time)
    ready: bool = False
    hub_url: str | None = None
    hub_problem: str | None = None
    hud: str = "hidden"  # "shown", "hidden", "starting", "web" or "none"
    hud_pid: int | None = None
    hud_problem: str | None = None  # why there is no desktop HUD, or why it is opaque
    hotkeys: list[Hotkey] = field(default_factory=list)
    run_pid: int | None = None  # the run Ctrl+Alt+S started, while it lives
    run_script: str | None = None
    log: str | None = None  # where the sentinel and the runs it starts write their output

    def to_json(self) -> str:
        """The state file's content."""
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, content: bytes) -> SentinelState:
        """Parse a state file; raises UntrustedFile when it is not one."""
        try:
            raw = json.loads(content)
            hotkeys = [Hotkey(**item) for item in raw.pop("hotkeys")]
            state = cls(**raw, hotkeys=hotkeys)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise UntrustedFile("it is not a sentinel's state file") from None
        if not (isinstance(state.pid, int) and 0 < state.pid < 2**31):
            raise UntrustedFile("it is not a sentinel's state file (its pid is out of range)")
        return state


def state_file(data_dir: Path) -> Path:
    """The state file of a data folder."""
    return data_dir / STATE_FILE


def write_state(data_dir: Path, state: SentinelState) -> None:
    """Rewrite the state file."""
    write_private_text(state_file(data_dir), state.to_json())


@dataclass
class Found:
    """What a data folder's state file says: a live sentinel, a stale file, or nothing."""

    state: SentinelState | None = None
    stale: str | None = None  # why the file there is not a live sentinel's

    @property
    def alive(self) -> bool:
        """Whether a sentinel is running for this folder."""
        return self.state is not None and self.stale is None


def find_sentinel(data_dir: Path) -> Found:
    """The sentinel of this data folder, checked: alive, stale (with why), or none."""
    try:
        state = SentinelState.from_json(
            read_private_bytes(state_file(data_dir), MAX_STATE_FILE, "a sentinel writes it 0600")
        )
    except FileNotFoundError:
        return Found()
    except UntrustedFile as reason:
        return Found(stale=f"{state_file(data_dir)}: {reason}")
    if not pid_alive(state.pid):
        return Found(state, f"its sentinel (pid {state.pid}) is no longer running")
    if not ours(state.pid) or not is_sentinel(state.pid):
        return Found(state, f"pid {state.pid} is not a DebugFlow sentinel of this user")
    return Found(state)


def is_sentinel(pid: int) -> bool:
    """Whether process `pid` runs the sentinel (by its command line, where /proc shows it)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return pid_alive(pid)  # no /proc: the pid check is all there is
    return SENTINEL_MODULE.encode() in cmdline


def remove_state(data_dir: Path, pid: int | None = None) -> None:
    """Remove the state file (only if it still names `pid`, when given)."""
    path = state_file(data_dir)
    if pid is not None:
        try:
            named = SentinelState.from_json(read_private_bytes(path, MAX_STATE_FILE, "")).pid
        except (OSError, UntrustedFile):
            return
        if named != pid:
            return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
