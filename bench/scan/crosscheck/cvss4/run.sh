#!/usr/bin/env bash
# Compares gate's CVSS v4.0 scores with metaeffekt's ae-cvss-calculator (npm) for every v4.0 vector
# in ../shared/osv-bulk/crates.io.zip. Needs node and `npm ci` in this folder. Prints differences;
# exits 1 if there are any.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
shared="${GATE_SHARED:-$root/../shared}"
build="${GATE_BUILD_DIR:-target-bench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -q -o -Dgate.buildDir="$build" -pl scan -am package -DskipTests)
(cd "$root" && mvn -q -o -Dgate.buildDir="$build" -pl scan dependency:build-classpath -Dmdep.outputFile="$work/cp")
unzip -p "$shared/osv-bulk/crates.io.zip" | grep -o 'CVSS:4\.0/[A-Z:/]*' | sort -u > "$work/vectors"
(cd "$here" && node score.js < "$work/vectors") > "$work/reference"
java -cp "$root/scan/$build/classes:$(cat "$work/cp")" "$here/GateScores.java" < "$work/vectors" > "$work/gate"
echo "$(wc -l < "$work/vectors") CVSS v4.0 vectors from crates.io.zip"
if diff "$work/reference" "$work/gate"; then echo "all scores equal"; else exit 1; fi
