#!/usr/bin/env bash
# Fetches real Rego v0 policy libraries gate has never been written against, pinned, from the Go module proxy (see
# README.md here for what they are and their licence), into a cached folder, so a second run on the same machine
# downloads nothing. Nothing of them enters the repository. Prints the folder: one entry per library, named
# <name>@<version>, each the library's module source as the proxy serves it (read-only).
set -euo pipefail
root="${GATE_REGO_LIBRARIES_CACHE:-$HOME/.cache/gate-rego-libraries}"
export GOMODCACHE="$root/go" GOFLAGS=-mod=mod GOTOOLCHAIN=local
# Go as the machine installs it, also where a non-login shell's PATH lacks it.
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
libraries=(
  "conftest github.com/open-policy-agent/conftest@v0.23.0"
  "conftest github.com/open-policy-agent/conftest@v0.56.0"
  "gatekeeper github.com/open-policy-agent/gatekeeper/v3@v3.17.0"
  "trivy-policies github.com/aquasecurity/trivy-policies@v0.10.0"
)
out="$root/libraries"
mkdir -p "$out"
for library in "${libraries[@]}"; do
  name="${library%% *}"
  module="${library#* }"
  link="$out/$name@${module##*@}"
  [ -d "$link/" ] && continue
  # go mod download checks every file against the checksum database before it lands in the cache.
  dir="$(cd "$root" && go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir" ] || { echo "rego-libraries: $module did not download" >&2; exit 1; }
  ln -sfn "$dir" "$link"
done
echo "$out"
