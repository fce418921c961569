"""DebugFlow's data folder is private: 0700 with a `.gitignore`, its files 0600, the SQLite
side files included, whatever the umask and however often SQLite makes them again."""

from __future__ import annotations

import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run
from debugflow.errors import StoreError
from debugflow.private_files import NotPrivate, make_private_dir
from debugflow.storage import RunStore
from hub_helpers import running_hub
from terminal import read_until_closed

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

# Reports the modes of the data folder and the store's files while the store is open, once
# the writer has created the WAL (its first commit); exits 3 if that never happens.
PROGRAM = """
import os, sys, time

def modes(folder):
    deadline = time.monotonic() + 20
    while not os.path.exists(os.path.join(folder, "runs.db-wal")):
        if time.monotonic() > deadline:
            sys.exit(3)
        time.sleep(0.02)
    names = ["", "runs.db", "runs.db-wal", "runs.db-shm"]
    return {name or ".": oct(os.stat(os.path.join(folder, name)).st_mode & 0o777) for name in names}

print(modes(sys.argv[1]))
"""
PRIVATE = {".": "0o700", "runs.db": "0o600", "runs.db-wal": "0o600", "runs.db-shm": "0o600"}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _flow_run(project: Path, umask: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    return subprocess.run(
        [sys.executable, "-m", "debugflow", "run", "prog.py", str(project / ".debugflow")],
        cwd=project, env=env, capture_output=True, text=True, timeout=120, umask=umask,
    )  # fmt: skip


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_flow_run_keeps_its_folder_and_store_private(tmp_path: Path, umask: int) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    first = _flow_run(tmp_path, umask)
    assert first.returncode == 0, first.stderr
    assert eval(first.stdout) == PRIVATE
    # The last connection closing removed -wal and -shm; SQLite makes them again next time.
    assert not (tmp_path / ".debugflow" / "runs.db-wal").exists()
    second = _flow_run(tmp_path, umask)
    assert eval(second.stdout) == PRIVATE
    gitignore = (tmp_path / ".debugflow" / ".gitignore").read_text()
    assert "*" in gitignore.splitlines()


def test_git_sees_nothing_of_the_data_folder(tmp_path: Path, flow_env: dict[str, str]) -> None:
    env = {k: v for k, v in flow_env.items() if k != "FLOW_DATA_DIR"}
    (tmp_path / "prog.py").write_text("print('hi')\n")
    assert run(["git", "init", "-q"], env, cwd=tmp_path).returncode == 0
    assert run([sys.executable, "-m", "debugflow", "run", "prog.py"], env, tmp_path).returncode == 0
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], env, cwd=tmp_path)
    assert status.stdout.splitlines() == ["?? prog.py"]


def test_an_existing_store_with_loose_modes_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / ".debugflow"
    with RunStore(folder / "runs.db"):
        pass
    folder.chmod(0o755)
    (folder / "runs.db").chmod(0o644)
    with RunStore(folder / "runs.db") as first:
        first.prune(50)  # a write: the WAL and the shared-memory file exist while it is open
        for side in ("runs.db-wal", "runs.db-shm"):
            (folder / side).chmod(0o644)  # as an older version left them
        with RunStore(folder / "runs.db"):
            modes = {p.name: _mode(p) for p in folder.iterdir() if p.name.startswith("runs")}
    assert _mode(folder) == 0o700
    assert modes == {"runs.db": 0o600, "runs.db-wal": 0o600, "runs.db-shm": 0o600}


def test_a_store_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    folder = make_private_dir(tmp_path / ".debugflow")
    (folder / "runs.db").symlink_to(tmp_path / "elsewhere.db")  # as a repository could ship it
    with pytest.raises(StoreError, match="is a symbolic link"):
        RunStore(folder / "runs.db")
    assert not (tmp_path / "elsewhere.db").exists()


def test_the_hub_makes_its_folder_private_too(tmp_path: Path) -> None:
    with running_hub(tmp_path / "data"):
        assert _mode(tmp_path / "data") == 0o700
        assert _mode(tmp_path / "data" / "hub.json") == 0o600
        assert (tmp_path / "data" / ".gitignore").exists()


def test_a_shared_folder_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    with pytest.raises(NotPrivate, match="shared folder"):
        make_private_dir(shared)
    assert _mode(shared) == 0o1777


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root")
def test_a_folder_of_another_user_that_others_can_write_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 65534, 65534)
    theirs.chmod(0o777)
    with pytest.raises(StoreError, match="belongs to another user"):
        RunStore(theirs / "runs.db")
    assert not (theirs / "runs.db").exists()


def _stderr_on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """What `args` writes to stderr when that is a terminal (where `flow run` talks)."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=secondary,
    )  # fmt: skip
    os.close(secondary)
    text = read_until_closed(main, 120)
    process.wait(timeout=60)
    os.close(main)
    return text


def test_a_data_folder_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"  # a folder of the user's that others may read
    shared.mkdir()
    shared.chmod(0o755)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".debugflow").symlink_to("../shared")  # as a repository could ship it
    (project / "prog.py").write_text("import sys\nprint('hello')\nsys.exit(3)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    plain = run([sys.executable, "prog.py"], env, cwd=project)
    traced = run([sys.executable, "-m", "debugflow", "run", "prog.py"], env, cwd=project)
    said = _stderr_on_a_terminal(
        [sys.executable, "-m", "debugflow", "run", "prog.py"], project, env
    )
    assert (traced.returncode, traced.stdout, traced.stderr) == (3, "hello\n", plain.stderr)
    assert (plain.returncode, plain.stdout) == (3, "hello\n")
    assert _mode(shared) == 0o755
    assert list(shared.iterdir()) == []
    link = project / ".debugflow"
    refused = f"cannot keep the run store private: {link} is a symbolic link"
    assert f"debugflow: this run was not recorded: {refused}" in said
    with pytest.raises(NotPrivate, match="is a symbolic link"):
        make_private_dir(link)
