"""Write the corpus's lock: every wheel its virtual environments install, pinned by sha256.

The environment of one Python holds, for every suite that supports that Python, the suite's
test requirements and its build backend (sdists are installed editable without build
isolation, so nothing is fetched unpinned), and DebugFlow's dependencies and build backend.
pip resolves them on each interpreter given, against the package index alone (this machine's
local wheel folders and mirrors are ignored), and the files it picks become `lock.txt`; a pin
only some interpreters need gets a `python_version` marker. Needs Python 3.11+ (tomllib).
Usage:

    python corpus/lock.py [--python python3.12 ...]     (default: every CPython 3.10-3.13 found)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import tomllib
from suites import CORPUS_DIR, LOCK_FILE, SUITES, supported

REPO_DIR = CORPUS_DIR.parent
MINORS = (10, 11, 12, 13)


def debugflow_requirements() -> list[str]:
    """What installing DebugFlow editable needs: its dependencies and its build backend."""
    project = tomllib.loads((REPO_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    # hatchling asks for `editables` to build an editable wheel (attrs builds with it too).
    backend = [*project["build-system"]["requires"], "editables"]
    return [*project["project"]["dependencies"], *backend]


def index_only_environment() -> dict[str, str]:
    """pip's environment without this machine's configuration (local wheels, extra indexes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") or k == "PIP_CERT"}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def python_version(python: str) -> tuple[int, int] | None:
    """The interpreter's (major, minor), or None when it does not run."""
    out = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def found_pythons() -> list[str]:
    """One interpreter per CPython 3.10-3.13 on PATH or in pyenv, as scripts/test.sh finds them."""
    pyenv = shutil.which("pyenv")
    root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout if pyenv else ""
    by_version: dict[tuple[int, int], str] = {}
    for minor in MINORS:
        installed = Path(root.strip()).glob(f"versions/3.{minor}.*/bin/python3") if root else []
        for candidate in [f"python3.{minor}", *sorted(map(str, installed))]:
            version = python_version(candidate) if shutil.which(candidate) else None
            if version == (3, minor):
                by_version.setdefault(version, candidate)
    return list(by_version.values())


def resolve(python: str, requirements: list[str]) -> list[dict[str, Any]]:
    """The wheels pip would install into a fresh environment of this interpreter."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [python, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        command += ["--only-binary", ":all:", "--quiet", "--report", str(report), *requirements]
        subprocess.run(command, env=index_only_environment(), check=True)
        installs: list[dict[str, Any]] = json.loads(report.read_text())["install"]
        return installs


def sha256_of(item: dict[str, Any]) -> str:
    """The sha256 the index gave for the file pip picked; it must come from the index."""
    info = item["download_info"]
    if not info["url"].startswith("https://"):
        raise SystemExit(f"lock: {info['url']} is not a file from the package index")
    archive = info["archive_info"]
    if "hashes" in archive:
        return str(archive["hashes"]["sha256"])
    algorithm, _, digest = archive["hash"].partition("=")
    if algorithm != "sha256":
        raise SystemExit(f"lock: {info['url']} has no sha256")
    return digest


def marker(versions: set[str], everywhere: set[str]) -> str:
    """A `python_version` marker for a pin that only some interpreters need."""
    if versions == everywhere:
        return ""
    return " ; " + " or ".join(f'python_version == "{v}"' for v in sorted(versions))


def render(resolutions: dict[str, list[dict[str, Any]]]) -> str:
    """The lock file: one pin per (name, version), with every hash the interpreters picked."""
    pythons: dict[tuple[str, str], set[str]] = defaultdict(set)
    hashes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for version, installs in resolutions.items():
        for item in installs:
            key = (item["metadata"]["name"].lower(), item["metadata"]["version"])
            pythons[key].add(version)
            hashes[key].add(sha256_of(item))
    lines = [
        "# The corpus's environments, pinned by corpus/lock.py for Python "
        + ", ".join(sorted(resolutions))
        + ". Do not edit by hand: re-run corpus/lock.py.",
    ]
    for key in sorted(pythons):
        name, version = key
        lines.append(f"{name}=={version}{marker(pythons[key], set(resolutions))} \\")
        lines.extend(f"    --hash=sha256:{digest} \\" for digest in sorted(hashes[key]))
        lines[-1] = lines[-1].removesuffix(" \\")
    return "\n".join(lines) + "\n"


def requirements_on(version: tuple[int, int]) -> list[str]:
    """What the environment of this Python version is resolved from."""
    needed = [*debugflow_requirements()]
    for suite in supported(SUITES, version):
        needed += [*suite.test_requirements, *suite.build_requirements]
    return sorted(set(needed))


def main(argv: list[str] | None = None) -> None:
    """Resolve the environment on each interpreter and write the lock."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="interpreter to resolve for")
    options = parser.parse_args(argv)
    resolutions: dict[str, list[dict[str, Any]]] = {}
    for python in options.python or found_pythons():
        version = python_version(python)
        if version is None:
            raise SystemExit(f"lock: {python} does not run")
        print(f"lock: Python {version[0]}.{version[1]} ({python})", file=sys.stderr)
        resolutions[f"{version[0]}.{version[1]}"] = resolve(python, requirements_on(version))
    LOCK_FILE.write_text(render(resolutions), encoding="utf-8")


if __name__ == "__main__":
    main()
