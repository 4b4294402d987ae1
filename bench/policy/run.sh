#!/usr/bin/env bash
# Policy evaluation speed: prod.rego over an input with 2,000 SBOM components and 500 vulnerabilities.
# Prints the median time per decision after warm-up (in one JVM) and the whole-process time of `gate policy eval`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${TMPDIR:-/tmp}/gate-bench-policy"
mkdir -p "$work"
python3 "$root/bench/policy/make-input.py" 2000 500 > "$work/input.json"
cd "$root"
mvn -q -B -o -Dgate.buildDir=target-bench -pl policy -am install -DskipTests
mvn -q -B -o -Dgate.buildDir=target-bench -pl policy test-compile
(cd policy && mvn -q -B -o -Dgate.buildDir=target-bench dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
java -cp "policy/target-bench/classes:policy/target-bench/test-classes:$(cat "$work/cp.txt")" dev.gate.policy.bench.PolicyBench \
  policies/prod.rego "$work/input.json" policies/data.example.yaml
./gate --version >/dev/null
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e" ./gate policy eval --policy policies/prod.rego --data policies/data.example.yaml \
    --input "$work/input.json" >/dev/null 2>>"$work/times.txt" || true
done
echo "gate policy eval whole process (s, 5 runs): $(tail -5 "$work/times.txt" | sort -n | tr '\n' ' ')"
rm -f "$work/times.txt"
