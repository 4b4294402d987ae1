#!/usr/bin/env bash
# Installs the real tools that judge gate's work (OPA, cosign, crane, oras), pinned, with `go install` from the Go module
# proxy into a cached folder, so a second run on the same machine builds nothing. Prints the folder.
set -euo pipefail
bin="${GATE_TOOLS_BIN:-$HOME/.cache/gate-tools/bin}"
export GOBIN="$bin" GOPATH="${GATE_TOOLS_GOPATH:-$HOME/.cache/gate-tools/go}" GOFLAGS=-mod=mod
mkdir -p "$bin"
# Go as the machine installs it, also where a non-login shell's PATH lacks it.
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
tools=(
  "opa github.com/open-policy-agent/opa@v1.22.4"
  "cosign github.com/sigstore/cosign/v3/cmd/cosign@v3.1.3"
  "crane github.com/google/go-containerregistry/cmd/crane@v0.22.1"
  "oras oras.land/oras/cmd/oras@v1.3.6"
)
for tool in "${tools[@]}"; do
  name="${tool%% *}"
  module="${tool#* }"
  stamp="$bin/.$name.version"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$module" ]; then
    continue
  fi
  go install "$module"
  echo "$module" > "$stamp"
done
echo "$bin"
