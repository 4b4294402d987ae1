#!/usr/bin/env bash
# Starts or stops the loopback services the integration tests use and records where they are in
# $GATE_SERVICES_ENV (default /tmp/gate-services.env), which the tests read.
#   plain HTTP CNCF Distribution registry: 127.0.0.1:5101
set -euo pipefail
state="${GATE_SERVICES_DIR:-/tmp/gate-services}"
envfile="${GATE_SERVICES_ENV:-/tmp/gate-services.env}"

start_registry() { # name port
  local dir="$state/$1"
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$2}
YAML
  nohup /usr/bin/docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 50); do
    if curl -fsS "http://127.0.0.1:$2/v2/" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "registry $1 did not start; log:" >&2; cat "$dir/log" >&2; return 1
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
    start_registry plain 5101
    echo "GATE_REGISTRY_PLAIN=127.0.0.1:5101" > "$envfile"
    ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
