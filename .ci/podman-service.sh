#!/usr/bin/env bash
# Starts or stops Podman's Docker-compatible API service for the docker-daemon: tests.
#   start: serves unix:///tmp/gate-podman.sock (vfs storage, no systemd) and waits for it to answer
#   stop:  stops the service started here
# The socket is recorded as GATE_PODMAN_SOCKET in $GATE_SERVICES_ENV (default /tmp/gate-services.env).
set -euo pipefail
sock="${GATE_PODMAN_SOCK:-/tmp/gate-podman.sock}"
state="${GATE_PODMAN_DIR:-/tmp/gate-podman}"
envfile="${GATE_SERVICES_ENV:-/tmp/gate-services.env}"

stop() {
  if [ -f "$state/pid" ]; then
    kill "$(cat "$state/pid")" 2>/dev/null || true
    rm -f "$state/pid"
  fi
  rm -f "$sock"
  if [ -f "$envfile" ]; then sed -i '/^GATE_PODMAN_SOCKET=/d' "$envfile"; fi
}

start() {
  stop
  mkdir -p "$state"
  nohup podman --storage-driver vfs system service --time=0 "unix://$sock" > "$state/log" 2>&1 &
  echo $! > "$state/pid"
  for _ in $(seq 1 100); do
    if [ -S "$sock" ] && curl -fsS --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; then
      echo "GATE_PODMAN_SOCKET=$sock" >> "$envfile"
      return 0
    fi
    sleep 0.2
  done
  echo "podman service did not start; log:" >&2; cat "$state/log" >&2; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
