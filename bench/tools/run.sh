#!/usr/bin/env bash
# gate against the real tools a pipeline would script instead (README.md has the method and figures): runs one of
# this folder's comparisons, or all of them one after another.
#   bench/tools/run.sh [sign|push|copy|chain|policy|all] [RUNS]    default all, each script's own default RUNS
# Env: as the scripts (GATE_BENCH_REGISTRY, GATE_BENCH_DIR, GATE_TOOLS_BIN, GATE_SBOM_CACHE, ...); the registries
# are those of .ci/services.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
benchmarks=(sign push copy chain policy)
which="${1:-all}"
shift || true
case "$which" in
  all) ;;
  sign | push | copy | chain | policy) benchmarks=("$which") ;;
  *) echo "bench/tools/run.sh: unknown benchmark '$which' (one of: ${benchmarks[*]}, all)" >&2; exit 2 ;;
esac
for name in "${benchmarks[@]}"; do
  echo "== bench/tools/$name.sh"
  bash "$here/$name.sh" "$@"
done
