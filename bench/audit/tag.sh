#!/usr/bin/env bash
# tag.sh REGISTRY REPOSITORY FROM_TAG PREFIX COUNT: puts the manifest of FROM_TAG under PREFIX1..PREFIXCOUNT with the
# registry API (one GET, then one PUT per tag over a kept-alive connection), as a tag-heavy registry looks.
set -euo pipefail
registry="$1" repository="$2" from="$3" prefix="$4" count="$5"
tmp="$(mktemp)"
trap 'rm -f "$tmp" "$tmp.type" "$tmp.cfg"' EXIT
accept='application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json'
type="$(curl -fsS -H "Accept: $accept" -o "$tmp" -w '%{content_type}' "http://$registry/v2/$repository/manifests/$from")"
: > "$tmp.cfg"
for i in $(seq 1 "$count"); do
  printf 'url = "http://%s/v2/%s/manifests/%s%s"\n-X PUT\n-H "Content-Type: %s"\n--data-binary "@%s"\n-o /dev/null\n-f\n-s\n' \
    "$registry" "$repository" "$prefix" "$i" "$type" "$tmp" >> "$tmp.cfg"
  [ "$i" -lt "$count" ] && echo next >> "$tmp.cfg"
done
curl -K "$tmp.cfg"
