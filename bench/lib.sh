# Shell helpers the benchmarks share: source it from a bench script.

# Writes an OCI layout with N gzip layers of random data, MB megabytes of data in all.
make_layout() { # dir layers total-mb
  local dir="$1" layers="$2" total="$3"
  [ -f "$dir/index.json" ] && return 0
  local tmp="$dir.tmp" diffs="" descs="" each=$(( $3 / $2 ))
  rm -rf "$tmp" && mkdir -p "$tmp/blobs/sha256" "$tmp/src"
  for i in $(seq 1 "$layers"); do
    head -c $(( each * 1024 * 1024 )) /dev/urandom > "$tmp/src/data$i"
    tar -C "$tmp/src" -cf "$tmp/layer.tar" "data$i" && rm "$tmp/src/data$i"
    local diff; diff=$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)
    gzip -1 -n -c "$tmp/layer.tar" > "$tmp/layer.tgz" && rm "$tmp/layer.tar"
    local hex; hex=$(sha256sum "$tmp/layer.tgz" | cut -d' ' -f1)
    local size; size=$(stat -c %s "$tmp/layer.tgz")
    mv "$tmp/layer.tgz" "$tmp/blobs/sha256/$hex"
    diffs="$diffs${diffs:+,}\"sha256:$diff\""
    descs="$descs${descs:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$hex\",\"size\":$size}"
  done
  blob() { # content -> prints "digest size", stores the blob
    local h; h=$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)
    printf '%s' "$1" > "$tmp/blobs/sha256/$h"
    echo "sha256:$h ${#1}"
  }
  local config manifest c m
  config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diffs]}}"
  read -r -a c <<< "$(blob "$config")"
  manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"${c[0]}\",\"size\":${c[1]}},\"layers\":[$descs]}"
  read -r -a m <<< "$(blob "$manifest")"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$tmp/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
    "${m[0]}" "${m[1]}" > "$tmp/index.json"
  rm -rf "$tmp/src" && mv "$tmp" "$dir"
}

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# Runs a command quietly and prints its wall time in seconds.
timed() {
  local t0; t0=$(now)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
  echo "$(now) - $t0" | bc
}

# One line: the medians of gate's and the peer's times (given as two space-separated lists), their ratio, every run.
report() { # label peer-name "gate times" "peer times"
  local gm pm
  gm=$(printf '%s\n' $3 | median); pm=$(printf '%s\n' $4 | median)
  printf '%-22s gate %6.2fs  %s %6.2fs  ratio %.2fx   (gate runs: %s; %s runs: %s)\n' "$1" "$gm" "$2" "$pm" \
    "$(echo "$gm / $pm" | bc -l)" "$(printf '%.2f ' $3)" "$2" "$(printf '%.2f ' $4)"
}

# Judge tools (cosign, crane, opa) as .ci/tools.sh installs them.
tool() {
  local bin="${GATE_TOOLS_BIN:-$HOME/.cache/gate-tools/bin}/$1"
  [ -x "$bin" ] || { echo "$1 is not installed: run bash .ci/tools.sh" >&2; exit 1; }
  echo "$bin"
}

# Builds gate (and its class-data archive) outside the timings and freezes it for them; makes $work, removed at exit.
start_bench() {
  ./gate --version >/dev/null
  export GATE_NO_REBUILD=1 COSIGN_PASSWORD=bench
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
}

# A cosign key pair in $work (cosign.key, cosign.pub), encrypted with $COSIGN_PASSWORD; gate reads it too.
cosign_key_pair() {
  (cd "$work" && HOME="$work" "$(tool cosign)" generate-key-pair >/dev/null 2>&1)
}
