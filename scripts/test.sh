#!/usr/bin/env bash
# The whole suite, twice: on SQLite (the default database) and on a real PostgreSQL server started
# here on loopback. Browser tests drive Debian's Chromium; e-mail tests use a loopback SMTP server.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest"
status=0

echo "== Import contracts (lint-imports: the app layers and the pure modules, see pyproject.toml) =="
.venv/bin/lint-imports --no-cache || status=1

echo "== Test suite on SQLite =="
env -u LIAISON_DATABASE_URL "$PYTEST" "$@" || status=1

echo "== Test suite on PostgreSQL =="
if url="$(scripts/postgres.sh start)"; then
  LIAISON_DATABASE_URL="$url" "$PYTEST" "$@" || status=1
  scripts/postgres.sh stop
else
  echo "Could not start PostgreSQL" >&2
  status=1
fi
exit $status
