#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL server on loopback for the test suite.
#   scripts/postgres.sh start   -> prints the database URL to use
#   scripts/postgres.sh stop
# The cluster lives in $LIAISON_PG_DIR (default /tmp/liaison-pg-$PORT) and listens on 127.0.0.1:$LIAISON_PG_PORT.
set -euo pipefail

PORT="${LIAISON_PG_PORT:-54329}"
DIR="${LIAISON_PG_DIR:-/tmp/liaison-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: run its programs as the 'postgres' user in that case.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -s "$DIR/data/PG_VERSION" ]; then
      rm -rf "$DIR"
      mkdir -p "$DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR/data" -U liaison --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    fi
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U liaison -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='liaison'" | grep -q 1 \
      || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U liaison liaison
    echo "postgres://liaison@127.0.0.1:$PORT/liaison"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then
      as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
