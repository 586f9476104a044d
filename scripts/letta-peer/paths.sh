# Sourced by install.sh, start.sh and stop.sh: where the peer lives and how Postgres is run.
# Postgres refuses to run as root, so as root it runs as the user `lettapg`, which must be able to
# reach its binaries: then the peer lives outside root's home.
if [[ $EUID -eq 0 ]]; then
  dir="${LETTA_PEER_DIR:-/var/cache/letta-wasm/letta-peer}"
  as_pg=(runuser -u lettapg --)
else
  dir="${LETTA_PEER_DIR:-$HOME/.cache/letta-wasm/letta-peer}"
  as_pg=()
fi
venv="$dir/venv"
run="$dir/run"

# The directory of the Postgres binaries inside the pgserver wheel (empty before install).
pg_bin_dir() {
  "$venv/bin/python" -c 'import pgserver, os; print(os.path.join(os.path.dirname(pgserver.__file__), "pginstall", "bin"))' 2>/dev/null
}
