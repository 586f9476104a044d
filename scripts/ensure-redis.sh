#!/usr/bin/env bash
# Installs Debian's Redis server (for the loopback Letta peer's background runs, resume and cancel)
# when the redis-server binary is missing. Silent when it is there.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
  echo "ensure-redis: install the Debian package redis-server (needs root)" >&2
  exit 1
fi
as_root=()
[[ $(id -u) -ne 0 ]] && as_root=(sudo)
echo "ensure-redis: installing redis-server" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq redis-server >/dev/null
