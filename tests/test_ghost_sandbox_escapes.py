"""The escapes from the ghost sandbox found in plain Python, each run for real against a canary
file outside the sandbox, a sleeping process or a listening socket, in both isolation modes.

With bubblewrap every one must be stopped, also from a process that has no audit hook at all.
With the audit hook alone, the ones Python's audit events let it see are refused, and the
others must be listed at the top of the report as known gaps.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from debugflow.ghost import GhostResult
from debugflow.ghost.render import report_view
from ghost_helpers import ghost, returned
from ghost_sandbox_helpers import (
    AUDIT_HOOK,
    BUBBLEWRAP,
    ISOLATIONS,
    processes_with,
    use_isolation,
    write_project,
)
from waiting import wait_until

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the escapes and bubblewrap are Linux's"
)

HOSTILE = '''
import multiprocessing
import os
import signal
import socket
import sqlite3
import threading
import time
from pathlib import Path

OUT = Path({out!r})
VICTIM_PID = {victim_pid}
MARKER = {marker!r}


def attempt(name, action, *args, **kwargs):
    try:
        action(*args, **kwargs)
    except Exception as error:
        return f"{{name}}: {{type(error).__name__}}"
    return f"{{name}}: done"


def sqlite_uri():
    sqlite3.connect(f"file:{{OUT}}/u.db?mode=rwc", uri=True).execute("create table t (x)")


def sqlite_attach():
    connection = sqlite3.connect(":memory:")
    connection.execute(f"ATTACH '{{OUT}}/a.db' AS a")
    connection.execute("create table a.t (x)")


def sqlite_attach_parameter():
    connection = sqlite3.connect(":memory:")
    connection.execute("ATTACH ? AS b", (str(OUT / "b.db"),))
    connection.execute("create table b.t (x)")


def sqlite_vacuum_into():
    connection = sqlite3.connect(":memory:")
    connection.execute("create table t (x)")
    connection.execute("VACUUM INTO ?", (str(OUT / "v.db"),))


def sqlite_files():
    return "; ".join(
        attempt(f.__name__, f)
        for f in (sqlite_uri, sqlite_attach, sqlite_attach_parameter, sqlite_vacuum_into)
    )


def open_relative_to_folder():
    folder = os.open(OUT, os.O_RDONLY)
    made = os.open("made.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
    os.write(made, b"escaped")
    return "wrote made.txt"


def change_relative_to_folder():
    folder = os.open(OUT, os.O_RDONLY)
    return "; ".join([
        attempt("chmod", os.chmod, "victim.txt", 0o777, dir_fd=folder),
        attempt("rename", os.rename, "rename_me.txt", "renamed.txt",
                src_dir_fd=folder, dst_dir_fd=folder),
        attempt("rmdir", os.rmdir, "folder", dir_fd=folder),
        attempt("remove", os.remove, "victim.txt", dir_fd=folder),
    ])


def overwrite_through_link():
    os.link(OUT / "victim.txt", "linked.txt")
    Path("linked.txt").write_text("overwritten")
    return "overwrote the victim"


def chmod_through_descriptor():
    os.fchmod(os.open(OUT / "victim.txt", os.O_RDONLY), 0o777)
    return "changed the victim's mode"


def special_files():
    return "; ".join([
        attempt("mkfifo", os.mkfifo, OUT / "fifo"),
        attempt("mknod", os.mknod, OUT / "node"),
    ])


def kill_by_pidfd():
    signal.pidfd_send_signal(os.pidfd_open(VICTIM_PID), signal.SIGKILL)
    return "sent SIGKILL"


def linger():
    """In a spawned process: write at once, then again once the pass is over."""
    parent = os.getppid()
    attempt("early", (OUT / "early.txt").write_text, "unguarded")
    deadline = time.monotonic() + 30
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.01)
    attempt("late", (OUT / "late.txt").write_text, "outlived the pass")
    time.sleep(30)


def start_lingerer():
    os.environ["ESCAPE_MARKER"] = MARKER
    process = multiprocessing.get_context("spawn").Process(target=linger)
    process.start()
    return f"started {{process.pid}}"


def start_lingerer_and_spin():
    start_lingerer()
    while True:
        pass


def listen_anywhere():
    """Listen without bind(), tell the test the port through the ghost folder, and wait
    until it has tried to connect."""
    here = Path.cwd()
    try:
        server = socket.socket()
        server.listen()
    except OSError as error:
        server, said = None, f"refused: {{type(error).__name__}}"
    (here / "port").write_text("refused" if server is None else str(server.getsockname()[1]))
    deadline = time.monotonic() + 20  # the folder lives as long as the pass: stay till then
    while not (here / "tried").exists() and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    if server is None:
        return said
    server.setblocking(False)
    return attempt("accept", server.accept)


ESCAPES = (
    sqlite_uri, sqlite_attach, sqlite_attach_parameter, sqlite_vacuum_into, open_relative_to_folder,
    change_relative_to_folder, overwrite_through_link, chmod_through_descriptor, special_files,
    kill_by_pidfd,
)
UNGUARDED = {{
    "listen_anywhere": listen_anywhere,
    "everything": lambda: f"{{len([attempt(f.__name__, f) for f in ESCAPES])}} attempts made",
}}


def _run_and_send(name, connection):
    connection.send(repr(UNGUARDED[name]()))


def unguarded(name):
    """Run UNGUARDED[name] in a spawned process, which has no audit hook."""
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe()
    process = context.Process(target=_run_and_send, args=(name, theirs))
    process.start()
    answer = mine.recv() if mine.poll(25) else "no answer"
    process.join(5)
    return answer


def everything_unguarded():
    return unguarded("everything")


def listen_unguarded():
    return unguarded("listen_anywhere")
'''

CANARY = "keep"


@pytest.fixture(params=ISOLATIONS)
def isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each escape runs with bubblewrap and with the audit hook alone."""
    return use_isolation(monkeypatch, str(request.param))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A real folder outside the sandbox's own: a victim file, a file to rename, a folder to
    remove. It is inside the project, which the sandbox can see (read-only), so the
    operating system's refusal is what stops the writes, not a hidden folder."""
    folder = tmp_path / "project" / "outside"
    (folder / "folder").mkdir(parents=True)
    (folder / "victim.txt").write_text(CANARY, encoding="utf-8")
    (folder / "victim.txt").chmod(0o644)
    (folder / "rename_me.txt").write_text(CANARY, encoding="utf-8")
    return folder


@pytest.fixture
def victim() -> Iterator[subprocess.Popen[bytes]]:
    """A real, unrelated sleeping process."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield process
    process.kill()
    process.wait()


@pytest.fixture
def marker() -> Iterator[str]:
    """A token in the environment of every process a hostile function starts; whatever still
    carries it when the test ends is killed, so a failing test leaves nothing running."""
    token = f"ghost-escape-{uuid.uuid4().hex}"
    yield token
    for pid in processes_with(token):
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def project(tmp_path: Path, outside: Path, victim: subprocess.Popen[bytes], marker: str) -> Path:
    """The hostile project, aimed at `outside`, the victim process and the marker."""
    source = HOSTILE.format(out=str(outside), victim_pid=victim.pid, marker=marker)
    return write_project(tmp_path / "project", "hostile", source)


def hostile(project: Path, entry: str) -> GhostResult:
    """A ghost pass of one hostile function (with time for spawned processes to start)."""
    return ghost(project, f"hostile.py:{entry}", max_seconds=15.0)


def untouched(outside: Path) -> list[str]:
    """What the escapes changed outside the sandbox: empty when nothing was."""
    changed = sorted(
        {p.name for p in outside.iterdir()} - {"folder", "victim.txt", "rename_me.txt"}
    )
    victim = outside / "victim.txt"
    if not victim.exists():
        return [*changed, "victim.txt removed"]
    if victim.read_text(encoding="utf-8") != CANARY:
        changed.append("victim.txt overwritten")
    if victim.stat().st_mode & 0o777 != 0o644:
        changed.append(f"victim.txt mode {victim.stat().st_mode & 0o777:o}")
    if not (outside / "folder").is_dir():
        changed.append("folder removed")
    if not (outside / "rename_me.txt").exists():
        changed.append("rename_me.txt renamed")
    return changed


def report_text(result: GhostResult) -> str:
    """The `--report` view as the terminal shows it."""
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(report_view(result))
    return out.getvalue()


def assert_listed_as_gap(result: GhostResult, words: str) -> None:
    """The weak mode's report opens by saying it is weaker and names this gap."""
    text = report_text(result)
    assert text.startswith("Isolation is weaker: audit hook only"), text
    assert any(words in gap for gap in result.isolation.gaps), result.isolation.gaps
    assert words in text.split("Known gaps:")[1]


def refusals(result: GhostResult) -> list[str]:
    return [note for note in result.notes if note.startswith("refused ")]


def test_sqlite_uri_attach_and_vacuum_into_cannot_write_outside(
    isolation: str, project: Path, outside: Path
) -> None:
    result = hostile(project, "sqlite_files")
    assert untouched(outside) == []
    (outcome,) = returned(result, "sqlite_files")
    assert "done" not in outcome
    # The audit hook is the second layer in both modes: the refusals are named.
    assert any("sqlite3.connect outside the ghost folder" in n for n in refusals(result))
    assert any(f"ATTACH or VACUUM INTO outside the ghost folder ({outside}/a.db)" in n
               for n in refusals(result))  # fmt: skip
    assert "refused SQLite ATTACH or VACUUM INTO of a file named by a parameter" in result.notes
    assert any(f"({outside}/v.db)" in n for n in refusals(result))


def test_changes_relative_to_a_directory_descriptor_cannot_reach_outside(
    isolation: str, project: Path, outside: Path
) -> None:
    result = hostile(project, "change_relative_to_folder")
    assert untouched(outside) == []
    (outcome,) = returned(result, "change_relative_to_folder")
    assert "done" not in outcome
    assert len(refusals(result)) == 4  # chmod, rename, rmdir, remove


def test_a_file_opened_relative_to_a_directory_descriptor(
    isolation: str, project: Path, outside: Path
) -> None:
    result = hostile(project, "open_relative_to_folder")
    if isolation == BUBBLEWRAP:
        assert untouched(outside) == []
    else:  # Python's "open" audit event does not carry dir_fd
        assert_listed_as_gap(result, "os.open(name, dir_fd=…)")


def test_a_hard_link_cannot_carry_writes_outside(
    isolation: str, project: Path, outside: Path
) -> None:
    result = hostile(project, "overwrite_through_link")
    assert untouched(outside) == []
    assert any(n.startswith("refused os.link outside the ghost folder") for n in result.notes)


def test_permissions_cannot_change_through_a_descriptor(
    isolation: str, project: Path, outside: Path
) -> None:
    result = hostile(project, "chmod_through_descriptor")
    assert untouched(outside) == []
    assert any(f"os.chmod outside the ghost folder ({outside}/victim.txt)" in n
               for n in result.notes)  # fmt: skip


def test_fifos_and_device_nodes_outside(isolation: str, project: Path, outside: Path) -> None:
    result = hostile(project, "special_files")
    if isolation == BUBBLEWRAP:
        assert untouched(outside) == []
        assert returned(result, "special_files") == ["'mkfifo: OSError; mknod: OSError'"]
    else:  # no audit event exists for either
        assert_listed_as_gap(result, "os.mkfifo and os.mknod")


def test_a_pidfd_signal_cannot_kill_an_unrelated_process(
    isolation: str, project: Path, victim: subprocess.Popen[bytes]
) -> None:
    result = hostile(project, "kill_by_pidfd")
    if isolation == BUBBLEWRAP:
        assert victim.poll() is None  # still sleeping: its pid does not exist in the sandbox
    else:  # no audit event exists for pidfd_open or pidfd_send_signal
        assert_listed_as_gap(result, "signal.pidfd_send_signal")


def test_a_multiprocessing_child_does_not_outlive_the_pass(
    isolation: str, project: Path, outside: Path, marker: str
) -> None:
    result = hostile(project, "start_lingerer")
    assert returned(result, "start_lingerer")[0].startswith("'started")
    # Nothing the pass started is left running: the sandbox's pid namespace ends with it, and
    # without bubblewrap the child's process group is ended.
    wait_until(lambda: not processes_with(marker), "the pass's processes to end", timeout=10)
    if isolation == BUBBLEWRAP:
        assert untouched(outside) == []  # neither while the pass ran nor after it
    else:  # it ran without the audit hook until the pass ended
        assert_listed_as_gap(result, "multiprocessing")


def test_interrupting_flow_ghost_ends_everything_the_pass_started(
    isolation: str, project: Path, marker: str
) -> None:
    """Ctrl+C on `flow ghost` (SIGINT to it alone here): the child runs in a session of its
    own, so it must be ended by the parent, with what it started."""
    command = [sys.executable, "-m", "debugflow.ghost.cli", "hostile.py:start_lingerer_and_spin"]
    flow = subprocess.Popen(
        [*command, "--max-seconds", "60", "--no-store"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: processes_with(marker), "the pass to start", timeout=30)
        flow.send_signal(signal.SIGINT)
        flow.wait(30)
        wait_until(lambda: not processes_with(marker), "the pass's processes to end", timeout=10)
    finally:
        flow.kill()
        flow.wait()


def test_without_the_audit_hook_bubblewrap_stops_every_escape(
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    outside: Path,
    victim: subprocess.Popen[bytes],
) -> None:
    """A spawned process has no audit hook: what stops it is the operating system alone."""
    use_isolation(monkeypatch, BUBBLEWRAP)
    result = hostile(project, "everything_unguarded")
    (answer,) = returned(result, "everything_unguarded")
    assert answer == "\"'10 attempts made'\"", answer  # made in the spawned process
    assert untouched(outside) == []
    assert victim.poll() is None


@pytest.mark.parametrize(
    ("mode", "entry"),
    [
        (BUBBLEWRAP, "listen_anywhere"),
        (BUBBLEWRAP, "listen_unguarded"),  # no audit hook: the network namespace alone
        (AUDIT_HOOK, "listen_anywhere"),
    ],
)
def test_a_socket_listening_without_bind_cannot_be_reached_from_outside(
    mode: str,
    entry: str,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_isolation(monkeypatch, mode)
    ghost_temp = tmp_path / "ghost-temp"  # where the pass's folder is made, to find its port
    ghost_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(ghost_temp))
    results: list[GhostResult] = []
    thread = threading.Thread(target=lambda: results.append(hostile(project, entry)))
    thread.start()
    try:
        port_file = _port_file(ghost_temp)
        port = port_file.read_text(encoding="utf-8")
        if port != "refused":
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.1", int(port)), timeout=2).close()
        (port_file.parent / "tried").write_text("", encoding="utf-8")
    finally:
        thread.join(60)
    (result,) = results
    (outcome,) = returned(result, entry)
    assert "done" not in outcome  # the listener accepted nothing
    if entry == "listen_anywhere":  # the audit hook refuses the socket itself, in both modes
        assert port == "refused"
        assert any("network access (a socket of address family" in n for n in result.notes)
    else:
        assert port.isdigit()


def _port_file(folder: Path) -> Path:
    def written() -> bool:
        return any(p.read_text(encoding="utf-8") for p in folder.glob("debugflow-ghost-*/port"))

    wait_until(written, "the hostile function to say its port", timeout=30)
    (found,) = folder.glob("debugflow-ghost-*/port")
    return found
