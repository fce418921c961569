"""Which isolation a ghost pass runs under, and the bubblewrap command line that gives it.

Strong mode runs the child under bubblewrap (`bwrap`): the file system read-only except the
pass's temporary folder, the home folder, /tmp, /var/tmp and /run hidden behind empty ones
(the paths Python and the project need are bound back read-only; of a project kept in the
home folder itself, only its modules and packages), a private network, process
table, IPC and host name, no capabilities, a new session, and the sandbox killed with its
parent. Weak mode runs the child behind its audit hook alone; the report then says so and
lists the known gaps. `FLOW_GHOST_ISOLATION` picks: `auto` (the default: bubblewrap when it
works here), `bubblewrap` (an error where it does not, or where it fails to start a pass's
sandbox) or `audit-hook`.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from debugflow.errors import ConfigError
from debugflow.ghost.importables import importable_entries
from debugflow.ghost.model import AUDIT_HOOK, BUBBLEWRAP, Isolation

ISOLATION_ENV = "FLOW_GHOST_ISOLATION"
INSTALL_HINT = "apt-get install bubblewrap"
_HIDDEN = ("/tmp", "/var/tmp", "/run")  # besides the home folder: sockets and other people's files
_NAMESPACES = (
    "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
    "--die-with-parent", "--new-session", "--cap-drop", "ALL",
)  # fmt: skip
_SYSTEM = ("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--remount-ro", "/proc")
_PROBE_SECONDS = 10.0
STRONG_RULES = "read-only files except the pass's folder, no network, its own process table"

WEAK_GAPS = (
    "files opened relative to a directory descriptor (os.open(name, dir_fd=…)) are not checked",
    "os.mkfifo and os.mknod are not checked",
    "processes started by multiprocessing or _posixsubprocess run without the audit hook"
    " (the pass ends those still in its process group)",
    "signals sent through a process file descriptor (os.pidfd_open, signal.pidfd_send_signal)"
    " are not checked",
    "ctypes, C extensions and code that works around the guards (an SQLite authorizer of its"
    " own, sqlite3.Connection called directly) reach the operating system directly",
    "nothing is hidden: the program can read every file you can, the home folder included",
)
STRONG_GAPS = (
    "files outside the hidden folders (home, /tmp, /var/tmp, /run) can be read",
    "a Unix socket in a folder left visible can be connected to by code that gets past the"
    " audit hook",
)


class Probe(NamedTuple):
    """Whether bubblewrap can build the sandbox here, and what was found."""

    works: bool
    detail: str  # "bubblewrap 0.8.0 (/usr/bin/bwrap)", or why it cannot be used
    path: str | None = None


def choose_isolation(env: Mapping[str, str] | None = None) -> Isolation:
    """The isolation the next pass runs under; raises ConfigError for a bad setting, or when
    bubblewrap is required and cannot run. Required, it stays so for the pass
    (`after_failed_start`)."""
    setting = _setting(os.environ if env is None else env)
    if setting == AUDIT_HOOK:
        return weak(f"{ISOLATION_ENV}={AUDIT_HOOK}")
    probe = probe_bubblewrap()
    if probe.works:
        return Isolation(BUBBLEWRAP, probe.detail, STRONG_GAPS, required=setting == BUBBLEWRAP)
    if setting == BUBBLEWRAP:
        raise ConfigError(f"{ISOLATION_ENV}={BUBBLEWRAP}, but {probe.detail} ({INSTALL_HINT})")
    return weak(f"{probe.detail}; for the strong mode: {INSTALL_HINT}")


def after_failed_start(isolation: Isolation, cause: str) -> Isolation:
    """The isolation to run a pass again under once bubblewrap failed to start its sandbox:
    the audit hook alone, unless bubblewrap was required (then a ConfigError naming `cause`)."""
    failure = f"bubblewrap failed to start the sandbox: {cause}"
    if isolation.required:
        raise ConfigError(f"{ISOLATION_ENV}={BUBBLEWRAP}, but {failure}")
    return weak(failure)


def weak(reason: str) -> Isolation:
    """The audit hook alone, for `reason`."""
    return Isolation(AUDIT_HOOK, reason, WEAK_GAPS)


def _setting(env: Mapping[str, str]) -> str:
    setting = env.get(ISOLATION_ENV, "").strip() or "auto"
    if setting not in ("auto", BUBBLEWRAP, AUDIT_HOOK):
        raise ConfigError(
            f"{ISOLATION_ENV} must be auto, {BUBBLEWRAP} or {AUDIT_HOOK}, not {setting!r}"
        )
    return setting


def probe_bubblewrap() -> Probe:
    """Find `bwrap` on PATH and check, once per process and path, that it builds a sandbox."""
    if not sys.platform.startswith("linux"):
        return Probe(False, f"bubblewrap runs on Linux only, not on {sys.platform}")
    path = shutil.which("bwrap")
    if path is None:
        return Probe(False, "bwrap is not on PATH")
    return _probe(path)


@functools.lru_cache(maxsize=8)
def _probe(path: str) -> Probe:
    command = [path, *_SYSTEM, *_NAMESPACES, "--", "true"]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_PROBE_SECONDS, check=False,
            env={"PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        version = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=_PROBE_SECONDS
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return Probe(False, f"{path} could not be run ({error})", path)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Probe(False, f"{path} cannot build the sandbox here: {last}", path)
    return Probe(True, f"{version or 'bubblewrap'} ({path})", path)


def bubblewrap_command(
    bwrap: str,
    temp_dir: Path,
    readable: Iterable[Path],
    status_fd: int,
    command: Sequence[str],
    project: Iterable[Path] = (),
) -> list[str]:
    """The command that runs `command` in the sandbox: `temp_dir` is its only writable folder
    (and its working directory); `readable` (Python's own paths) and `project` (the project
    root and import base) are bound back read-only where a hidden folder covers them. A
    project folder that is a hidden folder itself (a project kept in the home folder itself)
    shows only what Python imports from it, never the folder whole; bubblewrap reports the
    sandbox's start and exit status as JSON on `status_fd`."""
    hidden = hidden_folders()
    args = [bwrap, *_SYSTEM]
    for folder in hidden:
        args += ["--tmpfs", str(folder)]
    shown = _project_paths(project, hidden)
    binds = [*_bind_back(readable, hidden, temp_dir), *_bind_back(shown, hidden, temp_dir)]
    for source, target in _outermost(binds):
        args += ["--ro-bind", str(source), str(target)]
    args += ["--bind", str(temp_dir), str(temp_dir), "--chdir", str(temp_dir)]
    for folder in hidden:  # once the paths inside are in place; those stay as they are
        args += ["--remount-ro", str(folder)]
    return [*args, *_NAMESPACES, "--json-status-fd", str(status_fd), "--", *command]


def hidden_folders() -> list[Path]:
    """The folders the sandbox shows empty: the home folder, /tmp, /var/tmp and /run,
    outermost first (a folder inside another is hidden after it)."""
    found: set[Path] = set()
    for name in (str(Path.home()), *_HIDDEN):
        folder = Path(os.path.realpath(name))
        if folder.is_dir() and folder != Path("/"):
            found.add(folder)
    return sorted(found, key=lambda folder: (len(folder.parts), str(folder)))


def _project_paths(project: Iterable[Path], hidden: Sequence[Path]) -> list[Path]:
    """The project's folders to show: each one whole, but a hidden folder itself (the home
    folder, say) by its importable entries only, so `~/.ssh` stays hidden."""
    paths: list[Path] = []
    for folder in project:
        if Path(os.path.realpath(folder)) in hidden:
            paths += importable_entries(folder)
        else:
            paths.append(folder)
    return paths


def _bind_back(
    paths: Iterable[Path], hidden: Sequence[Path], temp_dir: Path
) -> list[tuple[Path, Path]]:
    """(source, target) pairs for the paths a hidden folder covers. Neither a hidden folder
    itself nor a folder holding one is ever bound (it would show that one again)."""
    pairs: list[tuple[Path, Path]] = []
    for path in paths:
        real = Path(os.path.realpath(path))
        if not real.exists() or _inside(real, [temp_dir]):
            continue
        for target in dict.fromkeys((real, Path(os.path.abspath(path)))):
            holds = any(_inside(h, [target]) for h in hidden)
            if _inside(target, hidden) and not holds:
                pairs.append((real, target))
    return pairs


def _outermost(pairs: Iterable[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """The pairs in the order to mount them, outermost first, leaving out a target inside
    another one (it is bound with that one already)."""
    sources: dict[Path, Path] = {}
    for source, target in pairs:
        sources.setdefault(target, source)
    kept: list[tuple[Path, Path]] = []
    for target in sorted(sources, key=lambda path: len(path.parts)):
        if not any(_inside(target, [outer]) for _, outer in kept):
            kept.append((sources[target], target))
    return kept


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def python_paths() -> list[Path]:
    """What this Python needs to start and import DebugFlow and the project's packages: its
    prefixes, its executable, its module search path (less the first entry, this program's
    own folder) and PYTHONPATH."""
    import debugflow

    names = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    names += [os.path.realpath(sys.executable), str(Path(debugflow.__file__).parent.parent)]
    names += [entry for entry in sys.path[1:] if entry]
    names += [e for e in os.environ.get("PYTHONPATH", "").split(os.pathsep) if e]
    return [Path(name) for name in dict.fromkeys(names) if os.path.isabs(name)]


def describe() -> str:
    """One line for `flow doctor`: the isolation ghost passes get here, and how to get the
    strong mode where it is missing."""
    try:
        isolation = choose_isolation()
    except ConfigError as error:
        return f"cannot run ghost passes: {error}"
    if isolation.strong:
        return f"{isolation.reason}: {STRONG_RULES}"
    if INSTALL_HINT in isolation.reason:
        return f"audit hook only (weaker): {isolation.reason}"
    if probe_bubblewrap().works:
        return f"audit hook only (weaker): {isolation.reason}; bubblewrap works here"
    return f"audit hook only (weaker): {isolation.reason}; for the strong mode: {INSTALL_HINT}"
