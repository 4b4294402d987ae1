#!/usr/bin/env bash
# Runs OPA conformance cases against gate's Rego engine: per-folder results, "N passed, M failed", repro files.
# usage: policy/conformance.sh [DIR] [REPRO_DIR] [v0|v1]   (defaults: ../shared/opa-conformance/v1,
#        policy/target/conformance-repro, v1; OPA's v0 cases are read as v0: .../testdata/v0 "" v0)
# The ids of passing cases go to policy/target/conformance-passing.txt; copy new ones into
# policy/src/test/resources/conformance-passing.txt (the list may only grow).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${GATE_BUILD_DIR:-target}"
dir="${1:-$root/../shared/opa-conformance/v1}"
repro="${2:-$here/$build/conformance-repro}"
version="${3:-v1}"
if [ ! -d "$here/$build/classes" ] || [ -n "${GATE_REBUILD:-}" ]; then
  (cd "$root" && mvn -q -B -o -Dgate.buildDir="$build" -pl policy -am install -DskipTests)
fi
cp_file="$here/$build/classpath.txt"
(cd "$here" && mvn -q -B -o -Dgate.buildDir="$build" dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
rm -rf "$repro"
exec java -Xss512m -cp "$here/$build/classes:$(cat "$cp_file")" dev.gate.policy.conformance.ConformanceRunner "$dir" --repro "$repro" --passing "$here/$build/conformance-passing.txt" --rego-version "$version"
