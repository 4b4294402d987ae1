#!/usr/bin/env bash
# run.sh REGISTRY [NAME] [REPOSITORIES] [ACCESS_LOG]
# Audits NAME/repo-1..REPOSITORIES (as bench/audit/fill.sh filled them) with --key --policy policies/prod.rego --db:
# cold (no state), warm (the state of the cold run, nothing changed), and in 4 shards merged; prints the wall time of each
# and, from the registry's access log, the requests each made per tag.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
registry="$1" name="${2:-audit-bench}" repositories="${3:-20}" log="${4:-/tmp/gate-services/plain/log}"
work="$(bash "$here/prepare.sh")"
export GATE_NO_REBUILD=1
targets=()
for r in $(seq 1 "$repositories"); do targets+=("$registry/$name/repo-$r"); done
flags=(--key "$work/bench.pub" --policy "$root/policies/prod.rego" --data "$root/policies/data.example.yaml" --db "$work/osv.db"
  --jobs "${JOBS:-4}")

# run LABEL ARGS...: one timed audit; the requests it made under NAME/ are counted from the access log.
run() {
  local label="$1"; shift
  local before start end code
  before=$(wc -l < "$log")
  start=$(date +%s.%N)
  code=0
  "$root/gate" audit "${flags[@]}" "$@" > "$work/$label.out" 2> "$work/$label.err" || code=$?
  end=$(date +%s.%N)
  sed -n "$((before + 1)),\$p" "$log" | grep " /v2/$name/" | grep -v 'level=' > "$work/$label.requests" || true
  local tags heads total
  tags=$(cat "$work/$label.out" "$work/$label.json" 2>/dev/null | grep -c '"tag" :' || true)
  heads=$(grep -c '"HEAD /v2/[^ ]*/manifests/' "$work/$label.requests" || true)
  total=$(wc -l < "$work/$label.requests")
  printf '%-6s exit %s  %6.1f s  %6d tags  %6d requests: %6d HEAD (one per tag), %4d listings, %5d for the images themselves\n' \
    "$label" "$code" "$(echo "$end - $start" | bc)" "$tags" "$total" "$heads" \
    "$(grep -c '/tags/list' "$work/$label.requests" || true)" \
    "$((total - heads - $(grep -c '/tags/list' "$work/$label.requests" || true)))"
}

# The peer: curl sending one HEAD per tag, JOBS at a time over kept-alive connections, and nothing else: the floor
# for any audit that resolves every tag at the registry.
# STEPS picks what runs, in this order (a warm run reads the state the cold run of an earlier call left).
steps=" ${STEPS:-curl cold warm shards} "
step() { [[ "$steps" == *" $1 "* ]]; }

if step curl; then
: > "$work/heads.cfg"
for target in "${targets[@]}"; do
  repository="${target#"$registry"/}"
  for tag in $(curl -fsS "http://$registry/v2/$repository/tags/list" | python3 -c \
      'import json, sys; print("\n".join(t for t in json.load(sys.stdin)["tags"] if not t.startswith("sha256-")))'); do
    printf 'url = "http://%s/v2/%s/manifests/%s"\n-I\n-o /dev/null\n-H "Accept: application/vnd.oci.image.manifest.v1+json"\nnext\n' \
      "$registry" "$repository" "$tag" >> "$work/heads.cfg"
  done
done
start=$(date +%s.%N)
curl -s --parallel --parallel-max "${JOBS:-4}" -K "$work/heads.cfg" 2>/dev/null || true
printf '%-6s %6.1f s  %6d HEAD requests\n' curl "$(echo "$(date +%s.%N) - $start" | bc)" "$(grep -c '^url' "$work/heads.cfg")"
fi

if step cold; then
  rm -f "$work/state.json"
  run cold --state "$work/state.json" --output json "${targets[@]}"
fi
step warm && run warm --state "$work/state.json" --output json "${targets[@]}"
step shards || exit 0
parts=()
for k in 1 2 3 4; do
  rm -f "$work/shard$k.json"
  run "shard$k" --shard "$k/4" --output json -o "$work/shard$k.json" "${targets[@]}"
  parts+=("$work/shard$k.json")
done
"$root/gate" audit merge --output json "${parts[@]}" > "$work/merged.json" || true
# The merged report against the cold run's, apart from when each ran.
if diff <(grep -v '"time"' "$work/cold.out") <(grep -v '"time"' "$work/merged.json") > /dev/null; then
  echo "merged shards: the same report as the single run"
else
  echo "merged shards: DIFFERENT from the single run (see $work/cold.out, $work/merged.json)"
fi
