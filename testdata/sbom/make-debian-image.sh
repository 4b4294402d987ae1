#!/usr/bin/env bash
# Builds a minimal Debian bookworm root with debootstrap once, then tars it as a single-layer
# rootfs tar (LAYER) that the sbom tests and bench/sbom read. Needs root and Debian's mirror.
# Usage: testdata/sbom/make-debian-image.sh [CACHE_DIR]   (default: $HOME/.cache/gate-sbom)
set -euo pipefail
cache="${1:-${GATE_SBOM_CACHE:-$HOME/.cache/gate-sbom}}"
root="$cache/bookworm-rootfs"
layer="$cache/bookworm-layer.tar"
mkdir -p "$cache"
if [ ! -f "$root/var/lib/dpkg/status" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
fi
if [ ! -f "$layer" ]; then
  # Numeric owners and a sorted order keep the tar reproducible enough for the tests.
  tar --numeric-owner --sort=name -C "$root" -cf "$layer.tmp" --exclude=./proc --exclude=./sys --exclude=./dev .
  mv "$layer.tmp" "$layer"
fi
echo "$layer"
