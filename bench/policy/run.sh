#!/usr/bin/env bash
# Policy evaluation speed: prod.rego over an input with 2,000 SBOM components and 500 vulnerabilities, three ways:
# gate's Rego engine, the same policy as an OPA wasm bundle through opa-java-wasm, and `opa eval` (when opa is
# installed: .ci/tools.sh). Prints the median time per decision after warm-up (in one process) and whole-process times.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${TMPDIR:-/tmp}/gate-bench-policy"
opa="${GATE_TOOLS_BIN:-$HOME/.cache/gate-tools/bin}/opa"
mkdir -p "$work"
python3 "$root/bench/policy/make-input.py" 2000 500 > "$work/input.json"
cd "$root"
# The harness runs from the policy module's test classes, built apart (target-bench) so a concurrent build is untouched.
mvn -q -B -o -Dgate.buildDir=target-bench -pl policy -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="policy/target-bench/classes:policy/target-bench/test-classes:$(cat "$work/cp.txt")"
policy=(policies/prod.rego)
if [ -x "$opa" ]; then
  "$opa" build -t wasm -e gate/prod -o "$work/prod.tar.gz" policies/prod.rego
  policy+=("$work/prod.tar.gz")
fi
for p in "${policy[@]}"; do
  java -cp "$cp" dev.gate.policy.bench.PolicyBench "$p" "$work/input.json" policies/data.example.yaml
done
./gate --version >/dev/null
times() { # LABEL COMMAND...: five whole processes, wall seconds
  local label="$1"; shift
  : > "$work/times.txt"
  for i in 1 2 3 4 5; do /usr/bin/time -f "%e" "$@" >/dev/null 2>>"$work/times.txt" || true; done
  echo "$label whole process (s, 5 runs): $(grep -E '^[0-9.]+$' "$work/times.txt" | sort -n | tr '\n' ' ')"
}
for p in "${policy[@]}"; do
  times "gate policy eval $(basename "$p")" env GATE_NO_REBUILD=1 ./gate policy eval --policy "$p" --data policies/data.example.yaml --input "$work/input.json"
done
if [ -x "$opa" ]; then
  "$opa" bench --format gobench --count 5 -d policies/prod.rego -d policies/data.example.yaml -i "$work/input.json" 'data.gate.prod' \
    | awk '/ns\/op/ { printf "opa bench decision: %.2f ms (%s iterations)\n", $3 / 1e6, $2 }'
  times "opa eval" "$opa" eval -d policies/prod.rego -d policies/data.example.yaml -i "$work/input.json" 'data.gate.prod'
fi
rm -f "$work/times.txt"
