#!/usr/bin/env bash
# `make load`: locust, headless, against `liaison serve` + PostgreSQL, all on loopback, bounded.
#   scripts/load.sh                 100 then 300 concurrent users, LOAD_SECONDS (default 60) each
#   SOAK_SECONDS=1800 scripts/load.sh   also a soak at 100 users, with each gunicorn worker's memory
#                                   (RSS) at its start and end
# Prints requests/s, p50/p95/p99 and errors per run. Uses a throw-away database on the PostgreSQL of
# scripts/postgres.sh (LIAISON_PG_PORT), loaded with the demo data, and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
LOAD_SECONDS="${LOAD_SECONDS:-60}"
SOAK_SECONDS="${SOAK_SECONDS:-0}"
USERS="${LOAD_USERS:-100 300}"
PORT="${LOAD_PORT:-8765}"
WORK="$(mktemp -d /tmp/liaison-load.XXXXXX)"

pg_port="${LIAISON_PG_PORT:-54329}"
started_pg=""
if ! "$BIN/python" -c "import psycopg,sys; psycopg.connect('postgres://liaison@127.0.0.1:$pg_port/liaison', connect_timeout=3).close()" 2>/dev/null; then
  scripts/postgres.sh start >/dev/null
  started_pg=1
fi
DB="liaison_load_$$"
"$BIN/python" - "$pg_port" "$DB" <<'PY'
import sys, psycopg
with psycopg.connect(f"postgres://liaison@127.0.0.1:{sys.argv[1]}/liaison", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"'); c.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
export LIAISON_DATABASE_URL="postgres://liaison@127.0.0.1:$pg_port/$DB"
export LIAISON_SECRET_KEY="load-test-$(date +%s%N)" LIAISON_VAR_DIR="$WORK/var" LIAISON_DEBUG=0
export LIAISON_ALLOWED_HOSTS=127.0.0.1 LIAISON_TASKS_BACKEND=django_tasks_db.DatabaseBackend
export LIAISON_API_RATE_LIMIT=0 LIAISON_SEARCH_RATE_LIMIT=0  # one client address: measure capacity, not the limiter
export LIAISON_MAX_REQUESTS=0  # no worker recycling here: the soak shows whether memory really stays flat
export LIAISON_LOAD_TOKENS="$WORK/tokens" LIAISON_LOAD_MEETINGS="$WORK/meetings"

cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  "$BIN/python" - "$pg_port" "$DB" <<'PY' || true
import sys, psycopg
with psycopg.connect(f"postgres://liaison@127.0.0.1:{sys.argv[1]}/liaison", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
  [ -n "$started_pg" ] && scripts/postgres.sh stop
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== Preparing: migrate, demo data, invitations (synthetic) =="
"$BIN/liaison" migrate --no-input -v 0
"$BIN/liaison" demo >/dev/null
"$BIN/liaison" shell -c "
from django.utils import timezone
from liaison.core.models import Person
from liaison.meetings import invitations
from liaison.meetings.models import Meeting
meetings = list(Meeting.objects.select_related('group'))
open('$WORK/meetings', 'w').write('\n'.join(m.get_absolute_url() for m in meetings))
upcoming = [m for m in meetings if m.start_date >= timezone.localdate()] or meetings
people = Person.objects.exclude(email='')[:50]
tokens = []
for person in people:
    try:
        tokens.append(invitations.token(invitations.invite(upcoming[0], person)))
    except invitations.InvitationError:
        pass
open('$WORK/tokens', 'w').write('\n'.join(tokens))
"
workers="${LOAD_WORKERS:-}"
"$BIN/liaison" serve --bind "127.0.0.1:$PORT" ${workers:+--workers "$workers"} --access-log "" --pid "$WORK/gunicorn.pid" \
  >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/" || { cat "$WORK/server.log"; exit 1; }

memory() {  # RSS (MiB) of each gunicorn worker
  master="$(cat "$WORK/gunicorn.pid")"
  for pid in $(pgrep -P "$master"); do
    awk -v pid="$pid" '/VmRSS/ {printf "  worker %s: %.1f MiB\n", pid, $2/1024}' "/proc/$pid/status"
  done
}

run() {  # users seconds label
  "$BIN/locust" -f benchmarks/locustfile.py --headless -u "$1" -r "$(( $1 / 10 + 1 ))" -t "$2s" --stop-timeout 10 \
    --host "http://127.0.0.1:$PORT" --csv "$WORK/$3" --only-summary >/dev/null 2>"$WORK/$3.log" || true
  "$BIN/python" - "$WORK/$3_stats.csv" "$3" "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def line(r, label):
    n, f = int(r["Request Count"]), int(r["Failure Count"])
    return (f"  {label:<34} {n:>7} req {float(r['Requests/s']):>7.1f} req/s  p50 {r['50%']:>5} ms  p95 {r['95%']:>5} ms"
            f"  p99 {r['99%']:>5} ms  errors {f} ({100 * f / max(n, 1):.2f} %)")
print(f"{sys.argv[2]}: {sys.argv[3]} concurrent users")
for r in rows:
    if r["Name"] != "Aggregated":
        print(line(r, (r["Type"] + " " + r["Name"])[:34]))
print(line(next(r for r in rows if r["Name"] == "Aggregated"), "ALL"))
PY
}

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) =="
echo "== Server: liaison serve, $(pgrep -P "$(cat "$WORK/gunicorn.pid")" | wc -l) gunicorn workers, PostgreSQL on loopback, demo data =="
for users in $USERS; do
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine competes for its cores)"
  run "$users" "$LOAD_SECONDS" "load-$users"
done
if [ "$SOAK_SECONDS" -gt 0 ]; then
  echo "== Soak: 100 users for $SOAK_SECONDS s; memory per worker at start =="
  memory
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  run 100 "$SOAK_SECONDS" soak
  echo "memory per worker at end (same workers: recycling is off for this run):"
  memory
fi
