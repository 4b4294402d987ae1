#!/usr/bin/env bash
# fill.sh REGISTRY [NAME] [REPOSITORIES] [IMAGES_PER_REPOSITORY] [TAGS_PER_IMAGE]
# Fills REGISTRY (plain HTTP, loopback) with NAME/repo-1..REPOSITORIES, each holding IMAGES_PER_REPOSITORY distinct images
# pushed by gate push --key --policy policies/prod.rego --db (signed, with SBOM, vulnerability and decision attestations),
# each under TAGS_PER_IMAGE tags: <i>.0.0 from the push, the rest put with the registry API (bench/audit/tag.sh).
# Defaults: audit-bench, 20 x 5 x 100 = 10,000 tags over 100 images. FIRST_REPOSITORY=K resumes an interrupted fill at repo-K.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
registry="$1" name="${2:-audit-bench}" repositories="${3:-20}" images="${4:-5}" tags="${5:-100}"
work="$(bash "$here/prepare.sh")"
export COSIGN_PASSWORD=bench GATE_NO_REBUILD=1
for r in $(seq "${FIRST_REPOSITORY:-1}" "$repositories"); do
  for i in $(seq 1 "$images"); do
    layout="$work/variant"
    python3 "$here/variant.py" "$root/testdata/sample" "$layout" "$name/$r/$i" >/dev/null
    "$root/gate" push --quiet --key "$work/bench.key" --policy "$root/policies/prod.rego" --data "$root/policies/data.example.yaml" \
      --db "$work/osv.db" "oci:$layout:1.0.0" "$registry/$name/repo-$r:$i.0.0" >/dev/null
    if [ "$tags" -gt 1 ]; then
      bash "$here/tag.sh" "$registry" "$name/repo-$r" "$i.0.0" "$i.1." "$((tags - 1))"
    fi
  done
  echo "repo-$r filled" >&2
done
