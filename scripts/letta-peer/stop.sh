#!/usr/bin/env bash
# Stops what scripts/letta-peer/start.sh started (letta, the fake model, Redis, Postgres). Keeps the
# Postgres data; Redis keeps nothing. Safe to run when nothing is running.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/letta-peer/paths.sh
for name in letta fake_llm redis; do
  if [[ -f "$run/$name.pid" ]]; then
    pid=$(cat "$run/$name.pid")
    kill "$pid" 2>/dev/null && for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$run/$name.pid"
  fi
done
pg_bin=$(pg_bin_dir)
if [[ -n $pg_bin && -f "$run/pg/data/postmaster.pid" ]]; then
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$run/pg/data" -m fast -w stop >/dev/null
fi
exit 0
