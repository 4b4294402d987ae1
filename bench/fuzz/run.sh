#!/usr/bin/env bash
# Fuzzes one target for a bounded time, e.g.
#   bench/fuzz/run.sh image/dev.gate.image.oci.OciDocumentFuzzTest#manifest 300
# MODULE/CLASS#METHOD names a @FuzzTest method; SECONDS defaults to 60. A crashing input is written to
# the target's seed folder (src/test/resources/<package>/<Class>Inputs/<method>/), so after a minimal
# fix in the parser it stays as a regression test. The corpus Jazzer grows is kept in .cifuzz-corpus/.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || $1 != */*#* ]]; then
    echo "usage: bench/fuzz/run.sh MODULE/CLASS#METHOD [SECONDS]" >&2
    exit 2
fi
target=$1
seconds=${2:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "SECONDS must be a whole number" >&2; exit 2; }
module=${target%%/*}
test=${target#*/}
test=${test##*.}

cd "$(dirname "$0")/../.."
# Fuzzing mode. Every gate class is instrumented (jazzer.instrument), not only the test's package: parsers
# call across packages.
export JAZZER_FUZZ=1
started=$(date +%s)
status=0
# libFuzzer checks the duration only between inputs, and one input may run long (it is then saved as a
# slow-unit-* seed): the outer timeout keeps the whole run bounded.
timeout --kill-after=30 $(( seconds + 600 )) \
    mvn -B -ntp -q -pl "$module" -am verify -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.max_duration="${seconds}s" -Djazzer.instrument='dev.gate.**' -Djazzer.hooks=true || status=$?
echo "fuzzed $target for $(( $(date +%s) - started ))s (asked ${seconds}s): $([[ $status == 0 ]] && echo 'no finding' || echo 'FINDING or failure, see above')"
exit $status
