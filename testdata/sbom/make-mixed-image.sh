#!/usr/bin/env bash
# Builds a docker-archive from real artifacts found on this machine, to compare `gate sbom` with
# trivy across ecosystems: the alpine fixture (os-release, apk db), the host's Python dist-info
# metadata, npm's own node_modules, a Go binary of this machine (and with MIXED_JARS=1 Maven Central jars).
# Usage: testdata/sbom/make-mixed-image.sh [CACHE_DIR]  -> CACHE_DIR/mixed-image.tar
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${1:-${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}}"
# Any unpacked Go executable with build info (trivy's own binary is packed and has none).
gobin="${GO_BINARY:-/usr/local/bin/terraform}"
mkdir -p "$cache"
python3 - "$here/alpine" "$gobin" "$cache/mixed-image.tar" <<'PY'
import glob, hashlib, io, json, os, sys, tarfile
alpine, gobin, out = sys.argv[1:4]
def layer(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as t:
        for arc, src in sorted(files.items()):
            info = t.gettarinfo(src, arcname=arc); info.uid = info.gid = 0; info.uname = info.gname = ''
            with open(src, 'rb') as f:
                t.addfile(info, f)
    return buf.getvalue()
base = {}
for p in glob.glob(alpine + '/**', recursive=True):
    if os.path.isfile(p) and not p.endswith('README.md'):
        base[os.path.relpath(p, alpine)] = p
for p in glob.glob('/usr/lib/python3/dist-packages/*.dist-info/METADATA'):
    base['usr/lib/python3.11/site-packages/' + os.path.relpath(p, '/usr/lib/python3/dist-packages')] = p
# Jars only with MIXED_JARS=1: trivy refuses any image with jars offline (it must download its Java DB).
if os.environ.get('MIXED_JARS') == '1':
    home = os.path.expanduser('~/.m2/repository')
    for p in sorted(glob.glob(home + '/com/fasterxml/jackson/core/*/2.18.2/*-2.18.2.jar'))[:3] + \
             sorted(glob.glob(home + '/org/apache/commons/commons-compress/1.27.1/*.jar')):
        base['opt/app/lib/' + os.path.basename(p)] = p
for p in glob.glob('/usr/lib/node_modules/npm/node_modules/**/package.json', recursive=True):
    base[os.path.relpath(p, '/')] = p
layers = [layer(base), layer({'usr/local/bin/' + os.path.basename(gobin): gobin})]
diff_ids = ['sha256:' + hashlib.sha256(l).hexdigest() for l in layers]
config = json.dumps({'architecture': 'amd64', 'os': 'linux', 'rootfs': {'type': 'layers', 'diff_ids': diff_ids}}).encode()
cname = hashlib.sha256(config).hexdigest() + '.json'
names = [d[7:] + '/layer.tar' for d in diff_ids]
manifest = json.dumps([{'Config': cname, 'RepoTags': ['gate-test/mixed:1'], 'Layers': names}]).encode()
with tarfile.open(out, 'w', format=tarfile.PAX_FORMAT) as t:
    for name, data in [(cname, config), ('manifest.json', manifest)] + list(zip(names, layers)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
print(out)
PY
