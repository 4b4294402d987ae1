#!/usr/bin/env bash
# Starts or stops the loopback registries the integration tests use and writes where they are to
# /tmp/gate-services.env (tests read that file; nothing is exported).
#   5101 plain HTTP; 5102 htpasswd + TLS (throwaway CA); 5103 token auth (issuer on 5104, not yet written).
set -euo pipefail
dir="${GATE_SERVICES_DIR:-/tmp/gate-services}"
envfile=/tmp/gate-services.env

start_registry() { # name port extra-yaml
  mkdir -p "$dir/$1/data"
  { echo "version: 0.1"
    echo "log: {level: error}"
    echo "storage: {filesystem: {rootdirectory: $dir/$1/data}, delete: {enabled: true}}"
    echo "$3"; } > "$dir/$1/config.yml"
  nohup docker-registry serve "$dir/$1/config.yml" >"$dir/$1/log" 2>&1 &
  echo $! > "$dir/$1/pid"
}

make_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=gate-test-ca \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/san.ext"
  openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/san.ext" -out "$dir/tls.crt" 2>/dev/null
}

case "${1:-}" in
  start)
    mkdir -p "$dir"
    make_ca
    htpasswd -Bbn gate gate-secret > "$dir/htpasswd"
    start_registry plain 5101 "http: {addr: 127.0.0.1:5101}"
    start_registry tls 5102 "http: {addr: 127.0.0.1:5102, tls: {certificate: $dir/tls.crt, key: $dir/tls.key}}
auth: {htpasswd: {realm: gate-test, path: $dir/htpasswd}}"
    { echo "GATE_REGISTRY_PLAIN=127.0.0.1:5101"
      echo "GATE_REGISTRY_TLS=127.0.0.1:5102"
      echo "GATE_REGISTRY_CA=$dir/ca.crt"
      echo "GATE_REGISTRY_USER=gate"
      echo "GATE_REGISTRY_PASSWORD=gate-secret"; } > "$envfile"
    if [ -f .ci/podman-service.sh ]; then bash .ci/podman-service.sh start; fi
    ;;
  stop)
    for pidfile in "$dir"/*/pid; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    done
    rm -f "$envfile"
    if [ -f .ci/podman-service.sh ]; then bash .ci/podman-service.sh stop; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
