#!/usr/bin/env bash
# gate push against crane push of the same OCI layouts to the plain registry: (a) one gzip layer of 100 MiB,
# (b) 8 gzip layers of 128 MiB, random data (bench/push's layouts, built once; bench/push/run.sh has skopeo as the
# peer). Each run pushes to a fresh repository, so neither tool can skip or mount a blob. Alternates which tool goes
# first; prints the medians, the ratio gate/crane and every run.
#   bench/tools/push.sh [RUNS]    default 5
# Env: GATE_BENCH_REGISTRY (default 127.0.0.1:5101), GATE_BENCH_DIR (default /tmp/gate-bench),
#      GATE_TOOLS_BIN (default ~/.cache/gate-tools/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
runs="${1:-5}"
registry="${GATE_BENCH_REGISTRY:-127.0.0.1:5101}"
layouts="${GATE_BENCH_DIR:-/tmp/gate-bench}"
crane="$(tool crane)"
start_bench
mkdir -p "$layouts"
make_layout "$layouts/a-1x100mb" 1 100
make_layout "$layouts/b-8x1gb" 8 1024
id=$(date +%s)-$$
for layout in a-1x100mb b-8x1gb; do
  g=""; c=""
  for r in $(seq 1 "$runs"); do
    gd="$registry/bench/gate-push-$layout-$id-$r:bench"; cd="$registry/bench/crane-push-$layout-$id-$r:bench"
    if (( r % 2 )); then
      g="$g $(timed ./gate push -q "oci:$layouts/$layout:bench" "$gd")"; c="$c $(timed "$crane" push --insecure "$layouts/$layout" "$cd")"
    else
      c="$c $(timed "$crane" push --insecure "$layouts/$layout" "$cd")"; g="$g $(timed ./gate push -q "oci:$layouts/$layout:bench" "$gd")"
    fi
  done
  report "push $layout" crane "$g" "$c"
done
