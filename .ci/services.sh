#!/usr/bin/env bash
# Starts or stops the loopback services the integration tests use. Filled in as tests need them.
set -euo pipefail
case "${1:-}" in
  start) ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
