# Start a throwaway PostgreSQL cluster on a free local port; source this file.
# Sets DATABASE_URL and registers cleanup on exit. Installs the server (.ci/deps.sh) when it is missing.
set -euo pipefail

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

if ! PG_BIN=$(pg_bin); then
    "$(dirname "${BASH_SOURCE[0]}")/deps.sh" postgresql
    PG_BIN=$(pg_bin)
fi

PG_DIR=$(mktemp -d /tmp/ikpe-pg.XXXXXX)
chmod 755 "$PG_DIR"
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    RUN_AS=(runuser -u postgres --)
fi
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null

pg_cleanup() {
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap pg_cleanup EXIT

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/ikpe"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE ikpe" postgres
echo "PostgreSQL läuft auf Port $PG_PORT ($DATABASE_URL)"
