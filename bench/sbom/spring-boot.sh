#!/usr/bin/env bash
# Times `gate sbom` on a Spring Boot fat jar image: the debootstrapped Debian bookworm layer of run.sh plus a
# layer with /app/app.jar, the Spring Boot 2.6.5 web + actuator application that SpringBootImagesTest builds
# with Maven (built here the same way when missing). Runs alternate with a second gate checkout, when
# GATE_BASELINE names one (another build of gate, to measure a change), and with trivy when TRIVY names it.
#   bench/sbom/spring-boot.sh [RUNS]    (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cache="$("$root/testdata/sbom/make-debian-image.sh" "${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}")"
pom="$root/scan/src/test/resources/java-fixtures/spring-boot-web.pom.xml"
project="$cache/spring-boot-web"
if [ ! -f "$project/target/demo-1.0.jar" ]; then
  mkdir -p "$project" && cp "$pom" "$project/pom.xml"
  (cd "$project" && mvn -B -ntp -q package >&2)
fi
image="$cache/spring-boot-image.tar"
if [ ! -f "$image" ] || [ "$project/target/demo-1.0.jar" -nt "$image" ]; then
  python3 - "$cache/bookworm-layer.tar" "$project/target/demo-1.0.jar" "$image" <<'PY'
import hashlib, io, json, sys, tarfile
base, jar, out = sys.argv[1:4]
app = io.BytesIO()
with tarfile.open(fileobj=app, mode='w', format=tarfile.PAX_FORMAT) as t:
    info = t.gettarinfo(jar, arcname='app/app.jar'); info.uid = info.gid = 0; info.uname = info.gname = ''
    with open(jar, 'rb') as f:
        t.addfile(info, f)
layers = [open(base, 'rb').read(), app.getvalue()]
diff_ids = ['sha256:' + hashlib.sha256(l).hexdigest() for l in layers]
config = json.dumps({'architecture': 'amd64', 'os': 'linux', 'rootfs': {'type': 'layers', 'diff_ids': diff_ids}}).encode()
cname = hashlib.sha256(config).hexdigest() + '.json'
names = [d[7:] + '/layer.tar' for d in diff_ids]
manifest = json.dumps([{'Config': cname, 'RepoTags': ['gate-test/spring-boot:1'], 'Layers': names}]).encode()
with tarfile.open(out, 'w', format=tarfile.PAX_FORMAT) as t:
    for name, data in [(cname, config), ('manifest.json', manifest)] + list(zip(names, layers)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
PY
fi
"$root/gate" --version >/dev/null
[ -n "${GATE_BASELINE:-}" ] && "$GATE_BASELINE/gate" --version >/dev/null
export GATE_NO_REBUILD=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
# A run that fails is not a time: the benchmark stops.
time_of() { local t0 t1; t0=$(now); "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }; t1=$(now); echo "$t1 - $t0" | bc -l; }
declare -A total=([gate]=0 [baseline]=0 [trivy]=0)
for i in $(seq "$runs"); do
  line="run $i:"
  s=$(time_of "$root/gate" sbom "docker-archive:$image" -o "$work/gate.cdx.json"); total[gate]=$(echo "${total[gate]} + $s" | bc -l)
  line+=$(printf ' gate %.2fs' "$s")
  if [ -n "${GATE_BASELINE:-}" ]; then
    s=$(time_of "$GATE_BASELINE/gate" sbom "docker-archive:$image" -o "$work/baseline.cdx.json"); total[baseline]=$(echo "${total[baseline]} + $s" | bc -l)
    line+=$(printf '  baseline %.2fs' "$s")
  fi
  if [ -n "${TRIVY:-}" ]; then
    rm -rf "$work/trivy-cache"
    s=$(time_of "$TRIVY" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
      --cache-dir "$work/trivy-cache" -o "$work/trivy.cdx.json"); total[trivy]=$(echo "${total[trivy]} + $s" | bc -l)
    line+=$(printf '  trivy %.2fs' "$s")
  fi
  echo "$line"
done
printf 'mean: gate %.2fs' "$(echo "${total[gate]} / $runs" | bc -l)"
[ -n "${GATE_BASELINE:-}" ] && printf '  baseline %.2fs  ratio gate/baseline %.2f (budget <= 1.10)' \
  "$(echo "${total[baseline]} / $runs" | bc -l)" "$(echo "${total[gate]} / ${total[baseline]}" | bc -l)"
[ -n "${TRIVY:-}" ] && printf '  trivy %.2fs  ratio gate/trivy %.2f' "$(echo "${total[trivy]} / $runs" | bc -l)" \
  "$(echo "${total[gate]} / ${total[trivy]}" | bc -l)"
echo
