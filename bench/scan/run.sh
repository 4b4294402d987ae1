#!/usr/bin/env bash
# Scan benchmark: import time of all of ../shared/osv-bulk, and matching time of a 2,000-component
# SBOM against it, whole process (gate scan) and in-process (ScanBench.java). Targets: import < 20 s,
# whole-process matching < 1 s. Not a test: run by hand, read the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${GATE_SHARED:-$root/../shared}"
build="${GATE_BUILD_DIR:-target-bench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -q -o -Dgate.buildDir="$build" -pl cli -am package -DskipTests)
jar="$root/cli/$build/gate.jar"
java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "== import of $shared/osv-bulk"
t0=$(now)
java "${java_opts[@]}" -jar "$jar" db import "$shared/osv-bulk" --db "$work/osv.db"
t1=$(now)
echo "import, whole process: $(elapsed "$t0" "$t1") s"

python3 "$root/bench/scan/make_sbom.py" "$shared/osv-bulk" 2000 "$work/bom.json"

echo "== matching, whole process (gate scan --sbom, 5 runs each; the machine may be shared, take the best)"
for format in table json; do
  for run in 1 2 3 4 5; do
    t0=$(now)
    java "${java_opts[@]}" -jar "$jar" scan --sbom "$work/bom.json" --db "$work/osv.db" --format "$format" --quiet > "$work/out.$format"
    t1=$(now)
    echo "$format run $run: $(elapsed "$t0" "$t1") s"
  done
done
tail -1 "$work/out.table"

echo "== matching, in-process"
java "${java_opts[@]}" -cp "$jar:$root/cli/$build/lib/*" "$root/bench/scan/ScanBench.java" "$work/osv.db" "$work/bom.json"
