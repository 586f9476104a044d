#!/usr/bin/env bash
# Installs the loopback Letta peer (see ../shared/letta-peer.md): a venv with letta 0.16.8 at the
# versions of its own uv.lock (requirements-lock.txt), asyncpg/pg8000/pgvector, the pgserver wheel
# (Postgres 16 + pgvector), the `redis` client of the letta[redis] extra (without it letta silently
# runs with no Redis: no background runs, resume or cancel), and the alembic migrations from letta's
# sdist. The Redis server itself comes from Debian (scripts/ensure-redis.sh, called by start.sh).
# Idempotent: a second run only checks stamps. Prints the peer directory.
#   LETTA_PEER_DIR   where it lives (default ~/.cache/letta-wasm/letta-peer; as root /var/cache/letta-wasm/letta-peer)
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/letta-peer/paths.sh
lock=scripts/letta-peer/requirements-lock.txt
stamp="$venv/.installed-$(cat "$lock" scripts/letta-peer/install.sh | sha256sum | cut -c1-12)"
# Dependencies as they were when letta 0.16.8 came out (later releases break its imports).
cutoff=2026-05-15T00:00:00Z

if [[ ! -f "$stamp" ]]; then
  echo "letta-peer: installing letta 0.16.8 into $venv (a few minutes, once)" >&2
  mkdir -p "$dir"
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check uv==0.13.9
  uv=("$venv/bin/uv" pip install --quiet --python "$venv/bin/python" --exclude-newer "$cutoff")
  # redis==7.4.0 is what `letta[redis]==0.16.8` (redis>=6.2.0) resolves to with this cutoff.
  "${uv[@]}" -r "$lock" asyncpg pg8000 pgvector pgserver redis==7.4.0
  "${uv[@]}" --no-deps letta==0.16.8
  rm -f "$venv"/.installed-*
  touch "$stamp"
fi

sdist="$dir/sdist/letta-0.16.8"
if [[ ! -f "$sdist/alembic.ini" ]]; then
  echo "letta-peer: fetching the migrations (letta 0.16.8 sdist)" >&2
  mkdir -p "$dir/sdist"
  # Straight from PyPI's simple index: `pip download --no-binary` would build letta's build backends.
  "$venv/bin/python" - "$dir/sdist" <<'PY'
import json, sys, tarfile, urllib.request
index = urllib.request.Request("https://pypi.org/simple/letta/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})
files = json.load(urllib.request.urlopen(index, timeout=60))["files"]
url = next(file["url"] for file in files if file["filename"] == "letta-0.16.8.tar.gz")
path = f"{sys.argv[1]}/letta-0.16.8.tar.gz"
urllib.request.urlretrieve(url, path)
with tarfile.open(path) as archive:
    archive.extractall(sys.argv[1], filter="data")
PY
fi
echo "$dir"
