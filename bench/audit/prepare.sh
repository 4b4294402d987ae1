#!/usr/bin/env bash
# The inputs every audit benchmark shares, in $WORK (default /tmp/gate-bench-audit): a key pair (password "bench"),
# an advisory database of the shared OSV records, and policies/prod.rego's data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${WORK:-/tmp/gate-bench-audit}"
mkdir -p "$work"
export COSIGN_PASSWORD=bench
[ -f "$work/bench.key" ] || "$root/gate" key generate --output-key-prefix "$work/bench" >/dev/null
[ -f "$work/osv.db" ] || "$root/gate" db import --quiet --db "$work/osv.db" "$root/../shared/osv"
echo "$work"
