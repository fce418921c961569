#!/usr/bin/env bash
# The full measured run behind RESULTS.md: every workload on every benchmark environment
# (bench/.venvs/py3.x, made by setup.sh), then the memory run on 3.12 and 3.11.
# Tables go to bench/out/<python>.md, raw numbers to bench/out/<python>.json, progress to
# bench/out/<python>.log. Takes about an hour on a 2-core machine; run it on a quiet machine.
# src/ is copied to bench/out/snapshot/ first and measured from there (PYTHONPATH), so every
# interpreter measures the same code even while the work tree changes.
# Usage: [PYTHONS="3.12 3.13"] bash bench/run_all.sh [extra run.py options, e.g. --rounds 3]
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"
rm -rf "$OUT/snapshot" && mkdir -p "$OUT/snapshot" && cp -r "$REPO_DIR/src/debugflow" "$OUT/snapshot/"
find "$OUT/snapshot" -name __pycache__ -prune -exec rm -rf {} +
export PYTHONPATH="$OUT/snapshot${PYTHONPATH:+:$PYTHONPATH}"
{
    date -u +"snapshot of src/ taken %Y-%m-%dT%H:%M:%SZ"
    git -C "$REPO_DIR" log -1 --format='HEAD %H (%cd) %s'
    echo "uncommitted changes under src/ at that time:"
    git -C "$REPO_DIR" status --short -- src
} > "$OUT/source.txt"
status=0
for minor in ${PYTHONS:-3.12 3.11 3.13}; do
    python="$BENCH_DIR/.venvs/py$minor/bin/python"
    [ -x "$python" ] || { echo "no $python: run bench/setup.sh first" >&2; continue; }
    "$python" "$BENCH_DIR/run.py" --json "$OUT/py$minor.json" "$@" \
        > "$OUT/py$minor.md" 2> "$OUT/py$minor.log" || status=1
done
for minor in ${PYTHONS:-3.12 3.11}; do
    python="$BENCH_DIR/.venvs/py$minor/bin/python"
    [ -x "$python" ] || continue
    "$python" "$BENCH_DIR/memory.py" --json "$OUT/memory-py$minor.json" \
        > "$OUT/memory-py$minor.md" 2> "$OUT/memory-py$minor.log" || status=1
done
exit $status
