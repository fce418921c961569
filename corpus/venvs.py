"""The corpus's virtual environment on one interpreter, made from pinned files only.

Under `.corpus/` (git-ignored) at the repository's root:

    sdists/<file>.tar.gz          each suite's sdist, fetched once, checked by sha256
    py3.X/venv/                   the lock, DebugFlow and every suite this Python supports,
                                  the last two installed editable
    py3.X/<suite>/source/         a suite's unpacked sdist: its tests run from here
    py3.X/<suite>/runs/           the outcomes and output of its last runs
    py3.X/ready                   what the environment was made from

The environment is dedicated to the corpus: nothing else is installed into it. Every download
is hash-pinned: the lock's wheels by `pip --require-hashes`, each sdist by its sha256. The
build backends come from the lock, so DebugFlow and the suites are installed without build
isolation and without reaching the index. An environment whose `ready` no longer matches
(another lock, sdist or interpreter) is made again from scratch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from suites import CORPUS_DIR, LOCK_FILE, SUITES, Suite, supported

REPO_DIR = CORPUS_DIR.parent
CACHE_DIR = REPO_DIR / ".corpus"
SDISTS_DIR = CACHE_DIR / "sdists"
LAYOUT_VERSION = 2  # bump when the way environments are made changes


class SetupError(Exception):
    """A step of making an environment failed; the message holds the command's output."""


@dataclass(frozen=True)
class Corpus:
    """The corpus's environment on one interpreter: its interpreter, its `flow`, its folder."""

    python: Path
    flow: Path
    folder: Path
    version: str  # the interpreter's full version, e.g. "3.11.7"
    suites: tuple[Suite, ...]  # the suites installed in it

    def source(self, suite: Suite) -> Path:
        """The suite's unpacked sdist, where its tests run."""
        return self.folder / suite.name / "source"

    def runs(self, suite: Suite) -> Path:
        """Where the suite's runs leave their outcomes and output."""
        runs = self.folder / suite.name / "runs"
        runs.mkdir(exist_ok=True)
        return runs


def interpreter_version(python: Path) -> str:
    """The full version of an interpreter, e.g. "3.13.0"."""
    command = [str(python), "-c", "import platform; print(platform.python_version())"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def sha256(path: Path) -> str:
    """The file's sha256, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pip(python: Path, *args: str) -> None:
    """Run the environment's pip; fail with its output."""
    command = [str(python), "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SetupError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def fetch_sdist(suite: Suite, python: Path) -> Path:
    """The suite's sdist, downloaded by its pin (once for every interpreter)."""
    SDISTS_DIR.mkdir(parents=True, exist_ok=True)
    for path in SDISTS_DIR.glob("*.tar.gz"):
        if sha256(path) == suite.sdist_sha256:
            return path
    with tempfile.TemporaryDirectory(dir=CACHE_DIR) as folder:
        pin = Path(folder) / "pin.txt"
        pin.write_text(suite.pin + "\n", encoding="utf-8")
        pip(python, "download", "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
            "--require-hashes", "-r", str(pin), "-d", folder)  # fmt: skip
        (fetched,) = Path(folder).glob("*.tar.gz")
        if sha256(fetched) != suite.sdist_sha256:
            raise SetupError(f"{fetched.name} does not have the pinned sha256")
        return Path(shutil.move(fetched, SDISTS_DIR / fetched.name))


def unpack(sdist: Path, source: Path) -> None:
    """Unpack the sdist's top folder (`name-version/`) as `source`."""
    source.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as archive, tempfile.TemporaryDirectory(dir=source.parent) as tmp:
        tops = {Path(member.name).parts[0] for member in archive.getmembers()}
        if len(tops) != 1:
            raise SetupError(f"{sdist.name} does not hold one top folder: {sorted(tops)}")
        archive.extractall(tmp, filter="data")
        Path(tmp, tops.pop()).rename(source)


def fingerprint(suites: tuple[Suite, ...], version: str) -> str:
    """What an environment is made from; a change in any of it means making it again."""
    lock = sha256(LOCK_FILE)
    pins = [suite.pin for suite in suites]
    return json.dumps([LAYOUT_VERSION, lock, pins, version, str(REPO_DIR)])


def prepare(base_python: Path) -> Corpus:
    """The corpus's environment on this interpreter, made now unless it is ready already."""
    version = interpreter_version(base_python)
    major, minor = (int(part) for part in version.split(".")[:2])
    folder = CACHE_DIR / f"py{major}.{minor}"
    python = folder / "venv" / "bin" / "python"
    corpus = Corpus(
        python, python.parent / "flow", folder, version, supported(SUITES, (major, minor))
    )
    ready, made_of = folder / "ready", fingerprint(corpus.suites, version)
    if not (ready.exists() and ready.read_text(encoding="utf-8") == made_of):
        shutil.rmtree(folder, ignore_errors=True)
        make(corpus, base_python)
        ready.write_text(made_of, encoding="utf-8")
    return corpus


def make(corpus: Corpus, base_python: Path) -> None:
    """Create the venv; install the lock, then DebugFlow and each unpacked sdist, editable."""
    corpus.folder.mkdir(parents=True)
    subprocess.run([str(base_python), "-m", "venv", str(corpus.python.parent.parent)], check=True)
    pip(corpus.python, "install", "--require-hashes", "-r", str(LOCK_FILE))
    editable = ["-e", str(REPO_DIR)]
    for suite in corpus.suites:
        unpack(fetch_sdist(suite, corpus.python), corpus.source(suite))
        editable += ["-e", str(corpus.source(suite))]
    pip(corpus.python, "install", "--no-deps", "--no-build-isolation", "--no-index", *editable)
    for suite in corpus.suites:
        compile_sources(corpus.python, corpus.source(suite))


def compile_sources(python: Path, source: Path) -> None:
    """Write the suite's bytecode once, so that neither run pays for compiling it.

    The runs write no bytecode (they must not leave the next run a head start). A file that
    does not compile on this Python is one the suite skips here (a test of newer syntax).
    """
    command = [str(python), "-m", "compileall", "-q", "-q", str(source)]
    subprocess.run(command, capture_output=True, check=False)
