#!/usr/bin/env bash
# gate copy against crane copy of the same images: (a) one gzip layer of 100 MiB, (b) 8 gzip layers of 128 MiB,
# random data (the layouts of bench/push, built once). Each source is pushed once to the plain registry; each run
# copies it to a fresh repository
#   - of the other registry (htpasswd + TLS, .ci/services.sh): every byte goes through the client;
#   - of the same registry: both tools mount the blobs across repositories, so this times the rest of the work.
# Both tools read one docker config with the TLS registry's login and trust its CA. The sources are unsigned:
# gate copy, which also carries signatures and attestations, finds none to carry. Alternates which tool goes first.
# Prints the median wall time of each, the ratio gate/crane and every run.
#   bench/tools/copy.sh [RUNS]    default 5
# Env: the services file /tmp/gate-services.env (GATE_REGISTRY_PLAIN, GATE_REGISTRY_TLS, its CA, user and password),
#      GATE_BENCH_DIR (default /tmp/gate-bench), GATE_TOOLS_BIN (default ~/.cache/gate-tools/bin).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
runs="${1:-5}"
set -a; . "${GATE_SERVICES_ENV:-/tmp/gate-services.env}"; set +a
registry="$GATE_REGISTRY_PLAIN"
work="${GATE_BENCH_DIR:-/tmp/gate-bench}"
export DOCKER_CONFIG; DOCKER_CONFIG="$(mktemp -d)"
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
printf '{"auths":{"%s":{"auth":"%s"}}}' "$GATE_REGISTRY_TLS" \
  "$(printf '%s:%s' "$GATE_REGISTRY_USER" "$GATE_REGISTRY_PASSWORD" | base64 -w0)" > "$DOCKER_CONFIG/config.json"
export SSL_CERT_FILE="$GATE_REGISTRY_CA"   # crane (Go) trusts the test CA through it; gate through --registry-ca
crane="$(tool crane)"
./gate --version >/dev/null
export GATE_NO_REBUILD=1
mkdir -p "$work"
echo "building layouts in $work (once)..." >&2
make_layout "$work/a-1x100mb" 1 100
make_layout "$work/b-8x1gb" 8 1024
id=$(date +%s)-$$
for layout in a-1x100mb b-8x1gb; do
  source="$registry/bench/copy-src-$layout-$id:bench"
  ./gate push -q "oci:$work/$layout:bench" "$source"
  for target in "$GATE_REGISTRY_TLS" "$registry"; do
    g=""; c=""
    for r in $(seq 1 "$runs"); do
      gd="$target/bench/gate-copy-$layout-$id-$r:bench"; cd="$target/bench/crane-copy-$layout-$id-$r:bench"
      if (( r % 2 )); then
        g="$g $(timed ./gate copy --registry-ca "$GATE_REGISTRY_CA" "$source" "$gd")"; c="$c $(timed "$crane" copy "$source" "$cd")"
      else
        c="$c $(timed "$crane" copy "$source" "$cd")"; g="$g $(timed ./gate copy --registry-ca "$GATE_REGISTRY_CA" "$source" "$gd")"
      fi
    done
    report "copy $layout $([ "$target" = "$registry" ] && echo mounted || echo "to TLS")" crane "$g" "$c"
  done
done
