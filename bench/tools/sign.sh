#!/usr/bin/env bash
# gate sign against cosign sign, with one cosign key file, on the same kind of image in the same registry.
#   tags:    gate sign --key K            vs  cosign sign --key K --new-bundle-format=false (sha256-<hex>.sig)
#   bundles: gate sign --bundle --key K   vs  cosign sign --key K (cosign 3's default: a bundle referrer)
# Both without a transparency log. Each run signs a fresh copy of testdata/sample (copied outside the timing),
# alternating which tool goes first. Prints the median wall time of each, the ratio gate/cosign and every run.
#   bench/tools/sign.sh [RUNS]    default 7
# Env: GATE_BENCH_REGISTRY (default 127.0.0.1:5101), GATE_TOOLS_BIN (default ~/.cache/gate-tools/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
runs="${1:-7}"
registry="${GATE_BENCH_REGISTRY:-127.0.0.1:5101}"
cosign="$(tool cosign)"
start_bench
cosign_key_pair
key="$work/cosign.key"
cosign_sign() { # image [flags]
  local image="$1"; shift
  HOME="$work" "$cosign" sign --key "$key" --use-signing-config=false --tlog-upload=false --allow-http-registry=true \
    --allow-insecure-registry=true --yes "$@" "$image"
}
fresh() { # name -> a new unsigned copy of the sample image
  local image="$registry/bench/sign-$1-$(date +%s%N):1.0.0"
  ./gate copy "oci:testdata/sample:1.0.0" "$image" >/dev/null 2>&1
  echo "$image"
}
id=$$
for mode in tags bundles; do
  g=""; c=""
  for r in $(seq 1 "$runs"); do
    gi=$(fresh "gate-$mode-$id-$r"); ci=$(fresh "cosign-$mode-$id-$r")
    if [ "$mode" = tags ]; then gflags=(); cflags=(--new-bundle-format=false); else gflags=(--bundle); cflags=(); fi
    if (( r % 2 )); then
      g="$g $(timed ./gate sign "${gflags[@]}" --key "$key" "$gi")"; c="$c $(timed cosign_sign "$ci" "${cflags[@]}")"
    else
      c="$c $(timed cosign_sign "$ci" "${cflags[@]}")"; g="$g $(timed ./gate sign "${gflags[@]}" --key "$key" "$gi")"
    fi
  done
  report "sign ($mode)" cosign "$g" "$c"
done
