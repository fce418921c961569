#!/usr/bin/env bash
# Create the benchmark virtual environments under bench/.venvs/: one per CPython found in
# pyenv (3.11, 3.12, 3.13), each with DebugFlow (editable), VizTracer and numpy.
# torch goes into the 3.11 environment only: the machine keeps a local CPU wheel of
# torch 2.13.0 for 3.11, while any other version would download several gigabytes.
# Usage: bash bench/setup.sh [3.11 3.12 3.13]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
PYENV_ROOT="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
VERSIONS=("$@")
if [ ${#VERSIONS[@]} -eq 0 ]; then
    VERSIONS=(3.11 3.12 3.13)
fi

find_python() {
    # The newest installed pyenv interpreter of one minor version, e.g. 3.12 -> 3.12.1.
    local minor="$1" candidate
    candidate="$(ls -d "$PYENV_ROOT"/versions/"$minor".* 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$candidate" ] && [ -x "$candidate/bin/python" ]; then
        echo "$candidate/bin/python"
    fi
}

for minor in "${VERSIONS[@]}"; do
    python="$(find_python "$minor")"
    if [ -z "$python" ]; then
        echo "setup: no Python $minor under $PYENV_ROOT/versions, skipped" >&2
        continue
    fi
    venv="$BENCH_DIR/.venvs/py$minor"
    echo "setup: $venv from $python"
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e "$REPO_DIR" viztracer numpy
    if [ "$minor" = "3.11" ]; then
        "$venv/bin/python" -m pip install --quiet torch==2.13.0
    fi
done
echo "setup: done"
