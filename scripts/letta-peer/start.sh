#!/usr/bin/env bash
# Starts the loopback Letta peer: Postgres 16 + pgvector (pgserver's binaries), Redis (Debian's
# redis-server, no persistence; letta needs it for background runs, resume, cancel and its
# conversation locks), the fake model (fake_llm.py) and letta 0.16.8, on 127.0.0.1 only; creates an agent whose
# memory_insert tool needs approval; prints one JSON line:
#   {"url":"http://127.0.0.1:18284","agentId":"agent-…","llmUrl":"http://127.0.0.1:18283/v1","redisPort":18286}
# scripts/letta-peer/stop.sh stops it. Installs first (install.sh, scripts/ensure-redis.sh) when needed.
#   LETTA_PEER_PORT (18284), LETTA_PEER_LLM_PORT (18283), LETTA_PEER_PG_PORT (18285),
#   LETTA_PEER_REDIS_PORT (18286)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

bash scripts/ensure-redis.sh
bash scripts/letta-peer/install.sh >/dev/null
source scripts/letta-peer/paths.sh
port="${LETTA_PEER_PORT:-18284}"
llm_port="${LETTA_PEER_LLM_PORT:-18283}"
pg_port="${LETTA_PEER_PG_PORT:-18285}"
redis_port="${LETTA_PEER_REDIS_PORT:-18286}"
pg_bin=$(pg_bin_dir)
mkdir -p "$run" "$dir/home"
log() { echo "letta-peer: $*" >&2; }

bash scripts/letta-peer/stop.sh >/dev/null 2>&1 || true

# ── Postgres (as `lettapg` when root: Postgres refuses to run as root) ──
if [[ $EUID -eq 0 ]]; then
  id lettapg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin lettapg
  mkdir -p "$run/pg"
  chown lettapg "$run/pg"
fi
pgdata="$run/pg/data"
if [[ ! -f "$pgdata/PG_VERSION" ]]; then
  log "creating the database cluster"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U letta --auth=trust >"$run/pg/initdb.log" 2>&1
fi
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$run/pg/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $run/pg" start >/dev/null
psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U letta -v ON_ERROR_STOP=1 -qtA)
if [[ ! -f "$run/pg/.migrated" ]]; then
  log "creating the letta database and running its migrations"
  if [[ -z $("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'letta'") ]]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE letta"
  fi
  "${psql[@]}" -d letta -c "CREATE SCHEMA IF NOT EXISTS letta; ALTER DATABASE letta SET search_path TO letta; CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA letta; DROP SCHEMA IF EXISTS public CASCADE"
  (cd "$dir/sdist/letta-0.16.8" && LETTA_PG_URI="postgresql://letta:letta@127.0.0.1:$pg_port/letta" "$venv/bin/alembic" upgrade head) >"$run/migrations.log" 2>&1
  touch "$run/pg/.migrated"
fi

# ── Redis (our own instance: CI machines start no services; nothing is written to disk) ──
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$run" \
  --daemonize yes --pidfile "$run/redis.pid" --logfile "$run/redis.log"
for _ in $(seq 1 100); do
  [[ $(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null) == PONG ]] && break
  sleep 0.1
done
[[ $(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null) == PONG ]] \
  || { tail -20 "$run/redis.log" >&2; log "redis did not answer PING on 127.0.0.1:$redis_port"; exit 1; }

# ── the fake model ──
python3 scripts/letta-peer/fake_llm.py --port "$llm_port" >"$run/fake_llm.log" 2>&1 &
echo $! >"$run/fake_llm.pid"

# ── letta ──
log "starting letta 0.16.8 on 127.0.0.1:$port"
(
  cd "$dir/home"
  HOME="$dir/home" \
  LETTA_PG_URI="postgresql://letta:letta@127.0.0.1:$pg_port/letta?ssl=disable" \
  LETTA_DISABLE_SQLALCHEMY_POOLING=false LETTA_PG_POOL_SIZE=10 \
  LETTA_TRACK_PROVIDER_TRACE=false \
  LETTA_REDIS_HOST=127.0.0.1 LETTA_REDIS_PORT="$redis_port" \
  OPENAI_API_KEY=sk-fake OPENAI_BASE_URL="http://127.0.0.1:$llm_port/v1" \
  NLTK_DATA="$dir/home/nltk" \
  exec "$venv/bin/letta" server --host 127.0.0.1 --port "$port"
) >"$run/letta.log" 2>&1 &
echo $! >"$run/letta.pid"
url="http://127.0.0.1:$port"
healthy() { "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/v1/health/", timeout=2)' "$url" 2>/dev/null; }
for _ in $(seq 1 240); do
  if healthy; then break; fi
  if ! kill -0 "$(cat "$run/letta.pid")" 2>/dev/null; then
    tail -40 "$run/letta.log" >&2
    log "letta exited before it was ready (log: $run/letta.log)"
    exit 1
  fi
  sleep 0.5
done
healthy || { tail -40 "$run/letta.log" >&2; log "letta did not become ready in 120 s"; exit 1; }

# ── the agent ──
agent=$(node "$root/scripts/letta-peer/create-agent.mjs" "$url")
echo "{\"url\":\"$url\",\"agentId\":\"$agent\",\"llmUrl\":\"http://127.0.0.1:$llm_port/v1\",\"redisPort\":$redis_port}"
