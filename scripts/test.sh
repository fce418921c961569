#!/usr/bin/env bash
# Set up and run every check: ruff, mypy --strict (oldest and newest Python), the viewer's unit
# tests (Node.js), the test suite on every CPython >= 3.10 found (pyenv's versions and
# python3; the browser and X display tests on the oldest and newest; the tracer's tests again
# on the Python hot path, with FLOW_PURE_PYTHON=1), then real third-party
# test suites untraced and traced on one CPython per tracing backend (corpus/). Fails on the
# first error.
#   bash scripts/test.sh            all Pythons found
#   PYTHONS="python3.12" bash scripts/test.sh   just these
set -euo pipefail
cd "$(dirname "$0")/.."

find_pythons() {
  local found=() seen=" "
  local root
  root=$(pyenv root 2>/dev/null || true)
  for candidate in python3.10 python3.11 python3.12 python3.13 python3 \
      ${root:+$root/versions/3.1[0-9]*/bin/python3}; do
    local exe
    exe=$(command -v "$candidate" 2>/dev/null || true)
    [ -n "$exe" ] || continue
    local version
    version=$("$exe" -c 'import sys; v=sys.version_info; print(f"{v[0]}.{v[1]}" if v >= (3, 10) and sys.implementation.name == "cpython" else "")' 2>/dev/null || true)
    [ -n "$version" ] || continue
    case "$seen" in *" $version "*) continue ;; esac
    seen="$seen$version "
    found+=("$version $exe")
  done
  # Oldest first: mypy runs on the first and the last, the oldest and newest Python.
  printf '%s\n' "${found[@]}" | sort -V | cut -d' ' -f2-
}

if [ -n "${PYTHONS:-}" ]; then
  read -r -a pythons <<<"$PYTHONS"
else
  mapfile -t pythons < <(find_pythons)
fi
[ "${#pythons[@]}" -gt 0 ] || { echo "no CPython >= 3.10 found" >&2; exit 1; }

venv_for() {
  local exe=$1 version
  version=$("$exe" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  local venv=".venvs/$version"
  if [ ! -x "$venv/bin/python" ]; then
    "$exe" -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  # FLOW_STRICT_BUILD=1: the compiled hot path must build, without a single compiler warning.
  FLOW_STRICT_BUILD=1 "$venv/bin/python" -m pip install -q -e ".[test,desktop]" 2> >(grep -v "is ignored" >&2)
  if [ "$version" = "3.11" ]; then
    # The ML previews are tested against the real libraries where they install quickly:
    # torch 2.13.0 is a local CPU wheel for 3.11 on these machines.
    "$venv/bin/python" -m pip install -q "torch==2.13.0" pandas polars pillow scipy \
      2> >(grep -v "is ignored" >&2)
  fi
  echo "$venv"
}

# The tests of the tracer itself, which scripts/test.sh runs once per hot-path core.
TRACER_TESTS=(tests/test_tracer.py tests/test_calltree_agreement.py tests/test_spine.py
  tests/test_spine_durations.py tests/test_spine_patches.py tests/test_fidelity.py
  tests/test_preview_budget.py tests/test_hotpath_cores.py tests/test_hotpath_memory.py)

versions=()
for exe in "${pythons[@]}"; do
  venv=$(venv_for "$exe")
  versions+=("$venv")
done

first=${versions[0]}
last=${versions[${#versions[@]}-1]}
echo "== ruff (at ${SECONDS}s)"
"$first/bin/ruff" check src tests bench examples corpus
"$first/bin/ruff" format --check src tests bench examples corpus
for venv in "$first" "$last"; do
  echo "== mypy --strict on $("$venv/bin/python" --version) (at ${SECONDS}s)"
  "$venv/bin/mypy" --python-version "$(basename "$venv")" src/debugflow
done
echo "== viewer unit tests (vitest) (at ${SECONDS}s)"
command -v npm >/dev/null 2>&1 || { echo "the viewer's unit tests need Node.js and npm" >&2; exit 1; }
# A Node.js too old for Vite 7 (Debian 12 ships 18) stops here with a clear error.
node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error("the viewer needs Node.js >= 20.19, this is " + process.version);
    process.exit(1);
  }'
(cd viewer && npm ci --no-audit --no-fund && npm test)
# The suites (one per Python) and the real test suites (one per tracing backend) run as jobs,
# TEST_JOBS at a time (default 2: the test programs are single-threaded subprocesses, so two
# suites share a 2-core machine well). Each job's output goes to a log printed when it ends.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
job_names=()
job_cmds=()
add_job() { job_names+=("$1"); job_cmds+=("$2"); }
# Longest first, so that two at a time end together: the suites with the browser and X display
# tests (oldest and newest Python), the real test suites, the other suites, then the tracer's
# tests on the Python hot path.
ordered=("$first")
[ "$last" = "$first" ] || ordered+=("$last")
for venv in "${versions[@]}"; do
  [ "$venv" = "$first" ] || [ "$venv" = "$last" ] || ordered+=("$venv")
done
# Real third-party test suites, untraced and traced (corpus/README.md), on one Python per
# tracing backend: the newest below 3.12 (settrace) and the newest (sys.monitoring).
corpus_venvs=()
for venv in "${versions[@]}"; do
  case "$(basename "$venv")" in 3.10 | 3.11) corpus_venvs=("$venv") ;; esac
done
[ "${corpus_venvs[*]-}" = "$last" ] || corpus_venvs+=("$last")
# Their environments are made now, one after the other, before any job runs: installing
# DebugFlow there builds the compiled hot path into src/ again, which must not happen while a
# suite's programs load it.
for venv in "${corpus_venvs[@]}"; do
  echo "== the real test suites' environment for $("$venv/bin/python" --version) (at ${SECONDS}s)"
  "$venv/bin/python" -c 'import sys; from pathlib import Path; sys.path.insert(0, "corpus")
from venvs import prepare; prepare(Path(sys.executable))'
done
for venv in "${ordered[@]:0:2}"; do
  # The compiled hot path must have been built (a failed build would quietly test the Python
  # core twice).
  add_job "pytest on $("$venv/bin/python" --version)" \
    "FLOW_EXPECT_CORE=compiled \"$venv/bin/python\" -m pytest -q -p no:cacheprovider ${*@Q}"
done
for venv in "${corpus_venvs[@]}"; do
  add_job "real test suites on $("$venv/bin/python" --version)" \
    "\"$venv/bin/python\" -m pytest -q -p no:cacheprovider corpus"
done
for venv in "${ordered[@]:2}"; do
  # The browser's and the X display's tests (marked `renderer`) test drawing, not the
  # Python: on the oldest and newest Python only, which keeps CI within its time.
  add_job "pytest on $("$venv/bin/python" --version)" \
    "FLOW_EXPECT_CORE=compiled \"$venv/bin/python\" -m pytest -q -p no:cacheprovider -m 'not renderer' ${*@Q}"
done
for venv in "${ordered[@]}"; do
  # The tracer's own tests again on the Python core, the fallback and the oracle.
  add_job "the tracer's tests on the Python hot path, $("$venv/bin/python" --version)" \
    "FLOW_PURE_PYTHON=1 \"$venv/bin/python\" -m pytest -q -p no:cacheprovider ${TRACER_TESTS[*]@Q}"
done

failed=()
declare -A running=()  # pid -> job number
finish_one() {
  local pid status=0
  wait -n -p pid || status=$?
  local i=${running[$pid]}
  unset "running[$pid]"
  echo "== ${job_names[$i]}: $([ "$status" = 0 ] && echo passed || echo "FAILED ($status)") (at ${SECONDS}s)"
  cat "$logs/$i.log"
  [ "$status" = 0 ] || failed+=("${job_names[$i]}")
}
for i in "${!job_cmds[@]}"; do
  while [ "${#running[@]}" -ge "${TEST_JOBS:-2}" ]; do finish_one; done
  echo "== ${job_names[$i]}: started (at ${SECONDS}s)"
  bash -c "${job_cmds[$i]}" >"$logs/$i.log" 2>&1 &
  running[$!]=$i
done
while [ "${#running[@]}" -gt 0 ]; do finish_one; done
if [ "${#failed[@]}" -gt 0 ]; then
  printf '== FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "== all checks passed in ${SECONDS}s"
