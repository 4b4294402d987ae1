#!/usr/bin/env bash
# Scan benchmark: import time of all of ../shared/osv-bulk, and matching time of a 2,000-component
# SBOM against it, whole process (./gate scan, the launcher users run, with its class-data archive) and
# in-process (ScanBench.java). Targets: import < 20 s, whole-process matching < 1 s. Not a test: run by
# hand, read the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${GATE_SHARED:-$root/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/gate" --version >/dev/null # builds the jar and its class-data archive when needed, outside the timings
export GATE_NO_REBUILD=1
gate="$root/gate"
jar="$root/cli/target/gate.jar"
java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "== import of $shared/osv-bulk"
t0=$(now)
"$gate" db import "$shared/osv-bulk" --db "$work/osv.db"
t1=$(now)
echo "import, whole process: $(elapsed "$t0" "$t1") s"

python3 "$root/bench/scan/make_sbom.py" "$shared/osv-bulk" 2000 "$work/bom.json"

echo "== matching, whole process (gate scan --sbom, 7 runs each)"
for format in table json; do
  times=()
  for run in 1 2 3 4 5 6 7; do
    t0=$(now)
    "$gate" scan --sbom "$work/bom.json" --db "$work/osv.db" --format "$format" --quiet > "$work/out.$format"
    t1=$(now)
    times+=("$(elapsed "$t0" "$t1")")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$format: median $(sed -n 4p <<<"$sorted") s, best $(sed -n 1p <<<"$sorted") s (runs: ${times[*]})"
done
tail -1 "$work/out.table"

echo "== matching, in-process"
java "${java_opts[@]}" -cp "$jar:$root/cli/target/lib/*" "$root/bench/scan/ScanBench.java" "$work/osv.db" "$work/bom.json"
