"""Which isolation a ghost pass gets, and what the child sees: bubblewrap where it works, the
audit hook alone (said at the top of the report) where it is missing or fails, a cleared
environment in both, and `flow doctor` naming the isolation and how to get the strong mode."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from debugflow.errors import ConfigError
from debugflow.ghost import GhostResult, run_ghost
from debugflow.ghost.render import report_view
from debugflow.ghost.sandbox import bubblewrap_command, choose_isolation
from ghost_helpers import ghost, returned
from ghost_sandbox_helpers import (
    AUDIT_HOOK,
    BUBBLEWRAP,
    ISOLATION_ENV,
    ISOLATIONS,
    use_isolation,
    write_project,
)

PEEK = """
import os
from pathlib import Path

SECRET = {secret!r}
SEEN = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH",
        "PYTHONDONTWRITEBYTECODE", "PYTHONUSERBASE", "HOME", "TMPDIR",
        "PWD")  # bubblewrap sets PWD to the working directory, the pass's folder


def environment() -> str:
    unexpected = sorted(name for name in os.environ if name not in SEEN)
    home = os.environ["HOME"] == os.getcwd() == os.environ["TMPDIR"]
    return f"unexpected={{unexpected}} home-is-the-folder={{home}}"


def home_file() -> str:
    return f"secret visible={{Path(SECRET).exists()}}"


def processes() -> str:
    pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    return f"pid={{os.getpid()}} processes={{len(pids)}}"


def add(a: int, b: int) -> int:
    return a + b
"""


@pytest.fixture(params=ISOLATIONS)
def isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    return use_isolation(monkeypatch, str(request.param))


@pytest.fixture
def home_secret() -> Iterator[Path]:
    """A file in the real home folder, which the sandbox must hide."""
    with tempfile.NamedTemporaryFile(dir=Path.home(), prefix=".debugflow-ghost-test-") as file:
        yield Path(file.name)


@pytest.fixture
def project(tmp_path: Path, home_secret: Path) -> Path:
    return write_project(tmp_path / "project", "peek", PEEK.format(secret=str(home_secret)))


@pytest.fixture
def no_bwrap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH holds an empty folder only: there is no bwrap to find."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(ISOLATION_ENV, raising=False)
    return empty


def fake_bwrap(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `bwrap` on PATH before the real one, running `script` (failure injection)."""
    folder.mkdir()
    program = folder / "bwrap"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv(ISOLATION_ENV, raising=False)
    return program


# A bwrap that passes the probe, then fails to build a pass's sandbox (failure injection).
START_FAILURE = "bwrap: Can't mount tmpfs on /newroot/run: No space left"
FAILS_TO_START = f'case "$*" in *json-status-fd*) echo "{START_FAILURE}" >&2; exit 1;; esac\n'


def report_text(result: GhostResult) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(report_view(result))
    return out.getvalue()


def test_the_child_sees_a_cleared_environment_with_its_folder_as_home(
    isolation: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GHOST_TEST_API_TOKEN", "s3cret")
    result = ghost(project, "peek.py:environment")
    assert returned(result, "environment") == ["'unexpected=[] home-is-the-folder=True'"]


def test_bubblewrap_hides_the_home_folder_and_the_other_processes(
    monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    use_isolation(monkeypatch, BUBBLEWRAP)
    assert returned(ghost(project, "peek.py:home_file"), "home_file") == ["'secret visible=False'"]
    (seen,) = returned(ghost(project, "peek.py:processes"), "processes")
    assert seen.startswith("'pid=2 processes=")  # bubblewrap's own init is pid 1
    assert int(seen.split("processes=")[1].rstrip("'")) < 5


def test_the_audit_hook_alone_hides_nothing_and_says_so(
    monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    use_isolation(monkeypatch, AUDIT_HOOK)
    result = ghost(project, "peek.py:home_file")
    assert returned(result, "home_file") == ["'secret visible=True'"]
    assert any("the home folder included" in gap for gap in result.isolation.gaps)
    assert result.isolation.reason == f"{ISOLATION_ENV}={AUDIT_HOOK}"


def test_without_bwrap_the_pass_runs_on_the_audit_hook_and_the_report_says_so(
    no_bwrap: Path, project: Path
) -> None:
    result = ghost(project, "peek.py:add")
    assert returned(result, "add") == ["2"]
    isolation = result.to_json()["isolation"]
    assert isolation["mode"] == AUDIT_HOOK and isolation["strong"] is False
    assert isolation["reason"] == (
        "bwrap is not on PATH; for the strong mode: apt-get install bubblewrap"
    )
    lines = report_text(result).splitlines()
    assert lines[0] == (
        "Isolation is weaker: audit hook only (bwrap is not on PATH; for the strong mode: "
        "apt-get install bubblewrap)."
    )
    assert lines[1] == "Known gaps:" and lines[2].startswith("  - ")


def test_a_bwrap_that_cannot_build_the_sandbox_here_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    fake_bwrap(
        tmp_path / "bin",
        'echo "bwrap: No permissions to create new namespace" >&2\nexit 1\n',
        monkeypatch,
    )
    result = ghost(project, "peek.py:add")
    assert returned(result, "add") == ["2"]
    assert result.isolation.mode == AUDIT_HOOK
    assert "cannot build the sandbox here: bwrap: No permissions" in result.isolation.reason
    assert result.isolation.reason.endswith("for the strong mode: apt-get install bubblewrap")


def test_a_sandbox_that_fails_to_start_reruns_the_pass_on_the_audit_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    """bwrap passes the probe, then fails to build this pass's sandbox."""
    fake_bwrap(tmp_path / "bin", FAILS_TO_START, monkeypatch)
    result = ghost(project, "peek.py:add")
    assert returned(result, "add") == ["2"]
    assert result.isolation.mode == AUDIT_HOOK
    assert result.isolation.reason == f"bubblewrap failed to start the sandbox: {START_FAILURE}"


def test_requiring_bubblewrap_when_the_sandbox_fails_to_start_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    """bwrap passes the probe, then fails to build this pass's sandbox: with bubblewrap
    required, the pass is not run again behind the audit hook alone."""
    fake_bwrap(tmp_path / "bin", FAILS_TO_START, monkeypatch)
    monkeypatch.setenv(ISOLATION_ENV, BUBBLEWRAP)
    message = (
        f"{ISOLATION_ENV}=bubblewrap, but bubblewrap failed to start the sandbox: {START_FAILURE}"
    )
    with pytest.raises(ConfigError) as error:
        run_ghost(str(project / "peek.py:add"), root=project)
    assert str(error.value) == message
    done = subprocess.run(
        [sys.executable, "-m", "debugflow.ghost.cli", "peek.py:add", "--no-store"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"flow: {message}\n"


def test_bubblewrap_is_probed_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    if not Path("/usr/bin/bwrap").exists():
        pytest.skip("bubblewrap is not installed (apt-get install bubblewrap)")
    log = tmp_path / "calls.log"
    fake_bwrap(tmp_path / "bin", f'echo "$*" >> {log}\nexec /usr/bin/bwrap "$@"\n', monkeypatch)
    for _ in range(2):
        result = ghost(project, "peek.py:add")
        assert result.isolation.mode == BUBBLEWRAP and returned(result, "add") == ["2"]
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if c.endswith("-- true")] == [calls[0]]  # the probe, once
    assert sum("debugflow.ghost.child" in c for c in calls) == 2  # one sandbox per pass


def test_requiring_bubblewrap_where_it_cannot_run_is_an_error(
    no_bwrap: Path, monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    monkeypatch.setenv(ISOLATION_ENV, BUBBLEWRAP)
    with pytest.raises(ConfigError, match=r"bwrap is not on PATH \(apt-get install bubblewrap\)"):
        run_ghost(str(project / "peek.py:add"), root=project)
    done = subprocess.run(
        [sys.executable, "-m", "debugflow.ghost.cli", "peek.py:add", "--no-store"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"flow: {ISOLATION_ENV}=bubblewrap, but bwrap is not on PATH (apt-get install bubblewrap)\n"
    )


def test_an_unknown_isolation_setting_is_a_clear_error() -> None:
    with pytest.raises(ConfigError) as error:
        choose_isolation({ISOLATION_ENV: "docker"})
    assert str(error.value) == (
        f"{ISOLATION_ENV} must be auto, bubblewrap or audit-hook, not 'docker'"
    )


def test_flow_doctor_names_the_isolation_and_how_to_get_the_strong_mode(no_bwrap: Path) -> None:
    doctor = [sys.executable, "-m", "debugflow.cli.main", "doctor"]
    weak = subprocess.run(doctor, capture_output=True, text=True, timeout=60, check=True)
    assert (
        "ghost sandbox: audit hook only (weaker): bwrap is not on PATH; "
        "for the strong mode: apt-get install bubblewrap\n"
    ) in weak.stdout
    if not Path("/usr/bin/bwrap").exists():
        return
    env = {**os.environ, "PATH": f"/usr/bin{os.pathsep}/bin"}
    strong = subprocess.run(doctor, capture_output=True, text=True, timeout=60, env=env)
    assert "ghost sandbox: bubblewrap " in strong.stdout
    assert "(/usr/bin/bwrap): read-only files except the pass's folder, no network" in strong.stdout


def test_the_bubblewrap_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pure logic: what the sandbox is built from, in the order bubblewrap needs."""
    home = tmp_path / "home"
    (home / "project" / "src").mkdir(parents=True)
    (home / "python").mkdir()
    monkeypatch.setenv("HOME", str(home))
    temp = tmp_path / "pass"
    temp.mkdir()
    readable = [home / "project", home / "project" / "src", home / "python", Path("/usr/lib")]
    readable += [Path("/tmp"), home, Path("/")]  # never shown whole again
    command = ["python", "-m", "x"]
    args = bubblewrap_command("/usr/bin/bwrap", temp, readable, 9, command)
    text = " ".join(args)
    assert " ".join(args[:10]) == "/usr/bin/bwrap --ro-bind / / --dev /dev --proc /proc" + (
        " --remount-ro /proc"
    )
    assert f"--tmpfs {home} " in text and "--tmpfs /tmp " in text
    # Only what a hidden folder would cover is bound back, outermost first, read-only.
    assert f"--ro-bind {home}/project {home}/project --ro-bind {home}/python" in text
    assert f"{home}/project/src" not in text and "/usr/lib" not in text
    assert "--ro-bind /tmp " not in text and f"--ro-bind {home} " not in text
    assert text.count("--ro-bind / ") == 1
    assert text.index(" /tmp ") < text.index(f" {home} ")  # the outer folder is hidden first
    # The hidden folders become read-only once the paths inside them are in place.
    remounts = text.split(f"--bind {temp} {temp} --chdir {temp} ")[1]
    assert "--remount-ro /tmp " in remounts and f"--remount-ro {home} " in remounts
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session"):
        assert flag in args
    assert "--cap-drop ALL --json-status-fd 9 -- python -m x" in text
    # A project kept in the home folder itself shows what Python imports from it, read-only:
    # its modules and packages, not the home folder whole. "/" is never shown again.
    (home / "app.py").write_text("", encoding="utf-8")
    (home / "tools").mkdir()
    (home / "tools" / "__init__.py").write_text("", encoding="utf-8")
    for other in (".ssh", "Documents"):
        (home / other).mkdir()
    (home / "notes.txt").write_text("", encoding="utf-8")
    (home / ".hidden.py").write_text("", encoding="utf-8")
    project = " ".join(
        bubblewrap_command("/usr/bin/bwrap", temp, [], 9, command, [home, Path("/")])
    )
    assert f"--ro-bind {home}/app.py {home}/app.py --ro-bind {home}/tools {home}/tools" in project
    assert f"--ro-bind {home} " not in project
    for hidden in (".ssh", "Documents", "notes.txt", ".hidden.py", "project", "python"):
        assert f"{home}/{hidden} " not in project
    assert project.count("--ro-bind / ") == 1


AT_HOME = """
from pathlib import Path

import helper
from tools import shout

HOME = Path(__file__).parents[{depth}]


def look() -> str:
    try:
        (HOME / ".ssh" / "id_canary").read_text()
        key = "readable"
    except OSError as error:
        key = type(error).__name__
    shown = ",".join(sorted(entry.name for entry in HOME.iterdir()))
    return f"{{helper.NAME}} {{shout('hi')}} {{key}} {{shown}}"  # previews keep 60 characters
"""


@pytest.mark.parametrize(
    ("project_folder", "entry_file", "shown"),
    [
        (".", "athome.py", "athome.py,helper.py,tools"),  # the project root is the home folder
        ("athome", "__init__.py", "athome,helper.py,tools"),  # its import base is
    ],
    ids=["project-root", "import-base"],
)
def test_a_project_kept_in_the_home_folder_itself_shows_only_what_it_imports(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    project_folder: str,
    entry_file: str,
    shown: str,
) -> None:
    """The project root, or the folder Python imports its target's package from, is the home
    folder: the pass imports its target, a module and a package beside it, and sees nothing
    else there, ~/.ssh least of all."""
    use_isolation(monkeypatch, BUBBLEWRAP)
    home = tmp_path / "home"
    root = home / project_folder
    depth = len(root.relative_to(home).parts)  # from the entry's folder up to the home folder
    write_project(root, Path(entry_file).stem, AT_HOME.format(depth=depth))
    (home / "helper.py").write_text("NAME = 'helper'\n", encoding="utf-8")
    (home / "tools").mkdir()
    (home / "tools" / "__init__.py").write_text(
        "def shout(text: str) -> str:\n    return text.upper()\n", encoding="utf-8"
    )
    (home / ".ssh").mkdir(mode=0o700)
    (home / ".ssh" / "id_canary").write_text("CANARY PRIVATE KEY\n", encoding="utf-8")
    (home / "Documents").mkdir()
    (home / "notes.txt").write_text("private notes\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    result = ghost(root, f"{entry_file}:look")
    assert result.isolation.mode == BUBBLEWRAP
    assert returned(result, "look") == [f"'helper HI FileNotFoundError {shown}'"]
