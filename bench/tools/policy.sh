#!/usr/bin/env bash
# gate policy eval against opa eval, whole process, on prod.rego over an input of 2,000 SBOM components and 500
# vulnerabilities (bench/policy/make-input.py) with the example organisation data: the same query (the package's
# value, every rule) in each. Alternates which tool goes first; prints the medians, the ratio and every run, and
# opa's own time per decision (opa bench) beside it. gate's time per decision is bench/policy/run.sh's.
#   bench/tools/policy.sh [RUNS]    default 7
# Env: GATE_TOOLS_BIN (default ~/.cache/gate-tools/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
runs="${1:-7}"
opa="$(tool opa)"
start_bench
python3 bench/policy/make-input.py 2000 500 > "$work/input.json"
query=data.gate.prod
gate_eval() { ./gate policy eval -p policies/prod.rego -d policies/data.example.yaml -i "$work/input.json" -o json -q "$query"; }
opa_eval() { "$opa" eval -d policies/prod.rego -d policies/data.example.yaml -i "$work/input.json" -f json "$query"; }
if [ "$(gate_eval | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["result"][0]["expressions"][0]["value"], sort_keys=True))')" != \
     "$(opa_eval | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["result"][0]["expressions"][0]["value"], sort_keys=True))')" ]; then
  echo "gate and opa disagree on $query" >&2; exit 1
fi
g=""; o=""
for r in $(seq 1 "$runs"); do
  if (( r % 2 )); then g="$g $(timed gate_eval)"; o="$o $(timed opa_eval)"; else o="$o $(timed opa_eval)"; g="$g $(timed gate_eval)"; fi
done
report "policy eval (process)" opa "$g" "$o"
"$opa" bench -d policies/prod.rego -d policies/data.example.yaml -i "$work/input.json" -f json "$query" \
  | python3 -c 'import json,sys; m=json.load(sys.stdin); print("opa per decision: %.2f ms (opa bench, %d iterations)" % (m["T"] / m["N"] / 1e6, m["N"]))'
