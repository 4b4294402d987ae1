#!/usr/bin/env bash
# Starts or stops the loopback services the integration tests use and records where they are in
# $GATE_SERVICES_ENV (default /tmp/gate-services.env), which the tests read; nothing is exported.
#   plain HTTP CNCF Distribution registry:        127.0.0.1:5101
#   htpasswd + TLS (throwaway CA, user gate):     127.0.0.1:5102
#   token auth, plain HTTP (user gate):           127.0.0.1:5103, token issuer (.ci/token-issuer.py) 127.0.0.1:5104
#   and, with GATE_TOOLS_BIN set (.ci/tools.sh), where the judge tools are
set -euo pipefail
cd "$(dirname "$0")/.."
state="${GATE_SERVICES_DIR:-/tmp/gate-services}"
envfile="${GATE_SERVICES_ENV:-/tmp/gate-services.env}"

start_registry() { # name port scheme extra-yaml
  local dir="$state/$1"
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
$4
YAML
  nohup /usr/bin/docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 50); do
    # any HTTP answer (401 included) means it is up
    if [ "$(curl -s --cacert "$state/ca.crt" -o /dev/null -w '%{http_code}' "$3://127.0.0.1:$2/v2/")" != 000 ]; then
      return 0
    fi
    sleep 0.2
  done
  echo "registry $1 did not start; log:" >&2; cat "$dir/log" >&2; return 1
}

make_ca() { # a throwaway CA and a server certificate for 127.0.0.1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=gate-test-ca \
    -keyout "$state/ca.key" -out "$state/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
    -keyout "$state/tls.key" -out "$state/tls.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$state/san.ext"
  openssl x509 -req -in "$state/tls.csr" -CA "$state/ca.crt" -CAkey "$state/ca.key" -CAcreateserial \
    -days 2 -extfile "$state/san.ext" -out "$state/tls.crt" 2>/dev/null
}

start_issuer() { # a signing key and certificate for tokens, then the issuer on 127.0.0.1:5104
  local dir="$state/issuer"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=gate-test-issuer \
    -keyout "$dir/token.key" -out "$dir/token.crt" 2>/dev/null
  nohup /usr/bin/python3 .ci/token-issuer.py --listen 127.0.0.1:5104 --key "$dir/token.key" --cert "$dir/token.crt" \
    --user gate --password gate-secret > "$dir/log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 50); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5104/token)" = 200 ]; then return 0; fi
    sleep 0.2
  done
  echo "token issuer did not start; log:" >&2; cat "$dir/log" >&2; return 1
}

stop_all() {
  for pidfile in "$state"/*/pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$state" "$envfile"
}

case "${1:-}" in
  start)
    stop_all
    mkdir -p "$state"
    make_ca
    htpasswd -Bbn gate gate-secret > "$state/htpasswd"
    start_registry plain 5101 http "http: {addr: 127.0.0.1:5101}"
    start_registry tls 5102 https "http: {addr: 127.0.0.1:5102, tls: {certificate: $state/tls.crt, key: $state/tls.key}}
auth: {htpasswd: {realm: gate-test, path: $state/htpasswd}}"
    start_issuer
    start_registry token 5103 http "http: {addr: 127.0.0.1:5103}
auth: {token: {realm: \"http://127.0.0.1:5104/token\", service: gate-test-registry, issuer: gate-test-issuer, rootcertbundle: $state/issuer/token.crt}}"
    cat > "$envfile" <<ENV
GATE_REGISTRY_PLAIN=127.0.0.1:5101
GATE_REGISTRY_TLS=127.0.0.1:5102
GATE_REGISTRY_CA=$state/ca.crt
GATE_REGISTRY_USER=gate
GATE_REGISTRY_PASSWORD=gate-secret
GATE_REGISTRY_TOKEN=127.0.0.1:5103
GATE_TOKEN_ISSUER=127.0.0.1:5104
ENV
    # The judges .ci/tools.sh installed (cosign, opa, crane, oras), when it ran first.
    if [ -n "${GATE_TOOLS_BIN:-}" ]; then echo "GATE_TOOLS_BIN=$GATE_TOOLS_BIN" >> "$envfile"; fi
    if [ -f .ci/podman-service.sh ]; then bash .ci/podman-service.sh start; fi
    ;;
  stop)
    stop_all
    if [ -f .ci/podman-service.sh ]; then bash .ci/podman-service.sh stop; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
