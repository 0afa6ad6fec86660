#!/usr/bin/env bash
# Start or stop a throw-away Redis server on loopback (Debian's redis-server) for the tests.
#   scripts/redis.sh start   -> prints the cache URL to use
#   scripts/redis.sh stop
# It keeps nothing on disk, lives in $LIAISON_REDIS_DIR (default /tmp/liaison-redis-$PORT) and listens
# on 127.0.0.1:$LIAISON_REDIS_PORT (default 63790).
set -euo pipefail

PORT="${LIAISON_REDIS_PORT:-63790}"
DIR="${LIAISON_REDIS_DIR:-/tmp/liaison-redis-$PORT}"
command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    if ! redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
      redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --save "" --appendonly no \
        --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --protected-mode yes >/dev/null
      for _ in $(seq 1 100); do
        redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
      done
      redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null || { cat "$DIR/redis.log" >&2; exit 1; }
    fi
    echo "redis://127.0.0.1:$PORT/0"
    ;;
  stop)
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
