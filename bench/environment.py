"""Facts about the measured interpreter and the machine, printed at the top of every table.

Imported, `describe(python)` runs this file with that interpreter; run as a script it prints
that interpreter's facts as JSON.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import subprocess
import sys

PACKAGES = ("debugflow", "viztracer", "numpy", "torch")


def _version(package: str) -> str | None:
    if importlib.util.find_spec(package) is None:
        return None
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def own_facts() -> dict[str, object]:
    """This interpreter's version, installed packages and the machine it runs on."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "packages": {name: _version(name) for name in PACKAGES},
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
    }


def _backend(python: str) -> dict[str, str]:
    """The tracing backend DebugFlow picks in `python`, and why (from `flow doctor`)."""
    env = {key: value for key, value in os.environ.items() if key != "FLOW_BACKEND"}
    done = subprocess.run(
        [python, "-m", "debugflow", "doctor"], capture_output=True, text=True, env=env, check=False
    )
    facts = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("backend", "reason", "hot path", "hot path why"):
            facts[key.strip()] = value.strip()
    return facts


def describe(python: str) -> dict[str, object]:
    """The facts of another interpreter, with the date, the backend and the load average."""
    done = subprocess.run([python, __file__], capture_output=True, text=True, check=True)
    facts: dict[str, object] = json.loads(done.stdout)
    if facts["packages"]["debugflow"]:  # type: ignore[index]
        facts.update(_backend(python))
    facts["date"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    facts["load_average"] = [round(value, 2) for value in os.getloadavg()]
    return facts


if __name__ == "__main__":
    print(json.dumps(own_facts()))
