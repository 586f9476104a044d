#!/usr/bin/env bash
# Installs Debian's Redis server (for the loopback Letta peer's background runs, resume and cancel)
# when the redis-server binary is missing.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-debian.sh" redis-server redis-cli -- redis-server
