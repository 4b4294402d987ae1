#!/usr/bin/env bash
# Builds a minimal Debian bookworm root with debootstrap once (about 1-2 minutes with a reachable
# mirror), then writes next to it:
#   bookworm-layer.tar     the root as one uncompressed layer tar
#   bookworm-image.tar     a docker-archive holding that layer (what trivy and `gate sbom` read)
#   bookworm-dpkg.txt      `dpkg-query -W` of the root: the package list gate must reproduce
# Needs root and Debian's mirror. Usage: testdata/sbom/make-debian-image.sh [CACHE_DIR]
# (default: $GATE_SBOM_CACHE or $HOME/.cache/gate-sbom). Prints the cache dir.
set -euo pipefail
cache="${1:-${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}}"
root="$cache/bookworm-rootfs"
layer="$cache/bookworm-layer.tar"
image="$cache/bookworm-image.tar"
mkdir -p "$cache"
if [ ! -f "$root/var/lib/dpkg/status" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
fi
dpkg-query -W --admindir="$root/var/lib/dpkg" > "$cache/bookworm-dpkg.txt"
if [ ! -f "$layer" ]; then
  # Numeric owners and a sorted order keep the tar reproducible enough for the tests.
  tar --numeric-owner --sort=name -C "$root" -cf "$layer.tmp" --exclude=./proc --exclude=./sys --exclude=./dev .
  mv "$layer.tmp" "$layer"
fi
if [ ! -f "$image" ]; then
  python3 - "$layer" "$image.tmp" <<'PY'
import hashlib, io, json, sys, tarfile
layer, out = sys.argv[1], sys.argv[2]
h = hashlib.sha256()
with open(layer, 'rb') as f:
    for chunk in iter(lambda: f.read(1 << 20), b''):
        h.update(chunk)
diff_id = 'sha256:' + h.hexdigest()
config = json.dumps({'architecture': 'amd64', 'os': 'linux',
                     'config': {'Cmd': ['/bin/bash']},
                     'rootfs': {'type': 'layers', 'diff_ids': [diff_id]}}).encode()
config_name = hashlib.sha256(config).hexdigest() + '.json'
manifest = json.dumps([{'Config': config_name, 'RepoTags': ['gate-test/debian:bookworm'],
                        'Layers': [h.hexdigest() + '/layer.tar']}]).encode()
with tarfile.open(out, 'w', format=tarfile.PAX_FORMAT) as t:
    for name, data in ((config_name, config), ('manifest.json', manifest)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
    t.add(layer, arcname=h.hexdigest() + '/layer.tar')
PY
  mv "$image.tmp" "$image"
fi
echo "$cache"
