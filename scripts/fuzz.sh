#!/usr/bin/env bash
# Runs every fuzz target one after another, each for DURATION (default 10m;
# any value go test -fuzztime takes, e.g. 30s, 1h or 5000x).
#
#   scripts/fuzz.sh            # 10 minutes each
#   scripts/fuzz.sh 20s        # what .ci/run does
#   FUZZ_PARALLEL=1 nice -n 10 scripts/fuzz.sh   # one worker, gently
#
# A failing input is written to PKG/testdata/fuzz/TARGET/ by go test: commit
# it with the fix, and it stays a regression test that go test ./... runs.
# The last progress line of each target (time, executions, new corpus
# entries) is printed at the end, for the reliability page's table.
#
# Each input the fuzzer finds is minimised, in time quadratic in its size,
# without counting executions: -fuzzminimizetime bounds that to 5 s an
# input (Go's default, 60 s, showed as minutes at "0 execs/s").
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10m}
targets=(
  "./scenarios FuzzParse"
  "./scenarios/runner FuzzRun"
  "./trace/chrome FuzzReadChrome"
  "./trace/chrome FuzzReadChromeFast"
  "./render/svg FuzzSVG"
  "./render/html FuzzHTML"
  "./markdown FuzzRewrite"
  "./internal/safetext FuzzLine"
)
parallel=()
if [ -n "${FUZZ_PARALLEL:-}" ]; then
  parallel=(-parallel "$FUZZ_PARALLEL")
fi
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
status=0
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "== $name ($pkg) for $duration"
  ok=0
  for attempt in 1 2 3; do
    if go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$duration" -fuzzminimizetime 5s "${parallel[@]}" >"$log/$name" 2>&1; then
      ok=1
      break
    fi
    # Go's fuzzing coordinator (go1.26; go.dev/issue/75804, fixed in 1.27)
    # can report the end of -fuzztime itself as a failure, "context deadline
    # exceeded", with no failing input: a race between its deadline and its
    # workers, likelier on a loaded machine. That is no finding: run the
    # target again. A real failure writes its input and says so.
    if grep -q 'Failing input written\|^panic:' "$log/$name" ||
       ! grep -q '^    context deadline exceeded$' "$log/$name"; then
      break
    fi
    echo "   (go.dev/issue/75804: the coordinator reported its own deadline; attempt $attempt, running again)"
  done
  if [ $ok = 1 ]; then
    grep '^fuzz: elapsed' "$log/$name" | tail -1 || true
  else
    status=1
    cat "$log/$name"
  fi
done
exit $status
