#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver (for the browser tests) when they are missing.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
  echo "ensure-chromium: install the Debian packages chromium and chromium-driver (needs root)" >&2
  exit 1
fi
as_root=()
[[ $(id -u) -ne 0 ]] && as_root=(sudo)
echo "ensure-chromium: installing chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
