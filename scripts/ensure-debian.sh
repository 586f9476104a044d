#!/usr/bin/env bash
# Installs Debian packages when a command they provide is missing; silent and instant when it is there.
#   bash scripts/ensure-debian.sh <command>... -- <package>...
# e.g. `bash scripts/ensure-debian.sh chromium chromedriver -- chromium chromium-driver`.
set -euo pipefail

commands=()
while [[ $# -gt 0 && $1 != -- ]]; do
  commands+=("$1")
  shift
done
[[ ${1:-} == -- ]] && shift
packages=("$@")
if [[ ${#commands[@]} -eq 0 || ${#packages[@]} -eq 0 ]]; then
  echo "usage: ensure-debian.sh <command>... -- <package>..." >&2
  exit 2
fi

missing=0
for command in "${commands[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing=1
done
[[ $missing -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
  echo "ensure-debian: install the Debian packages ${packages[*]} (needs root)" >&2
  exit 1
fi
as_root=()
[[ $(id -u) -ne 0 ]] && as_root=(sudo)
echo "ensure-debian: installing ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
