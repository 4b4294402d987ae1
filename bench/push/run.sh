#!/usr/bin/env bash
# Push benchmark: gate push vs skopeo copy of the same OCI layouts to the same local registry.
#   (a) one layer of about 100 MB, (b) 8 layers of about 1 GB in total, random (incompressible) data.
# Every run pushes to a fresh repository and starts skopeo with an empty blob-info cache, so
# neither tool can mount or skip a blob. Prints the median wall time of each, the ratio
# gate/skopeo, and the wall time of `gate --version`.
#
#   bench/push/run.sh [RUNS]        RUNS per tool and image, default 5
# Environment: GATE_BENCH_REGISTRY (default 127.0.0.1:5101, the plain registry of .ci/services.sh),
#   GATE_BENCH_DIR (default /tmp/gate-bench; layouts are built once and reused), GATE (default ./gate).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
runs="${1:-5}"
registry="${GATE_BENCH_REGISTRY:-127.0.0.1:5101}"
work="${GATE_BENCH_DIR:-/tmp/gate-bench}"
gate="${GATE:-./gate}"
mkdir -p "$work"

. bench/lib.sh

# skopeo as root keeps its blob-info cache in /var/lib/containers/cache, otherwise under
# $XDG_DATA_HOME or ~/.local/share; a throwaway HOME plus removing the root cache empties both.
skopeo_fresh() {
  local home; home=$(mktemp -d "$work/home.XXXXXX")
  rm -f /var/lib/containers/cache/blob-info-cache-v1.* 2>/dev/null || true
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    skopeo copy -q --dest-tls-verify=false "$@"
  rm -rf "$home"
}

time_gate() { # layout repo
  local t0; t0=$(now)
  $gate push -q "oci:$1:bench" "$registry/$2:bench"
  echo "$(now) - $t0" | bc
}

time_skopeo() { # layout repo
  local t0; t0=$(now)
  skopeo_fresh "oci:$1:bench" "docker://$registry/$2:bench"
  echo "$(now) - $t0" | bc
}

if ! curl -fsS -o /dev/null "http://$registry/v2/"; then
  echo "no registry at $registry: run bash .ci/services.sh start" >&2; exit 1
fi
$gate --version >/dev/null   # builds gate (and its class-data archive) first if needed, outside the timings
export GATE_NO_REBUILD=1     # and no staleness check inside a timing when sources change meanwhile

echo "building layouts in $work (once)..." >&2
make_layout "$work/a-1x100mb" 1 100
make_layout "$work/b-8x1gb" 8 1024

versions=()
for _ in $(seq 1 "$runs"); do
  t0=$(now); $gate --version >/dev/null; versions+=("$(echo "$(now) - $t0" | bc)")
done

id=$(date +%s)-$$
report() { # label layout
  local g=() s=()
  for r in $(seq 1 "$runs"); do
    # alternate which tool goes first, so page cache and registry state favour neither
    if (( r % 2 )); then
      g+=("$(time_gate "$2" "bench/gate-$1-$id-$r")"); s+=("$(time_skopeo "$2" "bench/skopeo-$1-$id-$r")")
    else
      s+=("$(time_skopeo "$2" "bench/skopeo-$1-$id-$r")"); g+=("$(time_gate "$2" "bench/gate-$1-$id-$r")")
    fi
  done
  local gm sm
  gm=$(printf '%s\n' "${g[@]}" | median); sm=$(printf '%s\n' "${s[@]}" | median)
  printf '%-14s gate %6.2fs  skopeo %6.2fs  ratio %.2fx   (gate runs: %s; skopeo runs: %s)\n' "$1" "$gm" "$sm" \
    "$(echo "$gm / $sm" | bc -l)" "$(printf '%.2f ' "${g[@]}")" "$(printf '%.2f ' "${s[@]}")"
}

echo "registry $registry, $runs runs each, median wall time"
report "a-1x100mb" "$work/a-1x100mb"
report "b-8x1gb" "$work/b-8x1gb"
printf 'gate --version %.3fs (median of %s)\n' "$(printf '%s\n' "${versions[@]}" | median)" "$runs"
