#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the registry's tests, idempotently, and prints the line
# to export for them on stdout (everything else goes to stderr):
#
#   eval "$(scripts/start-test-postgres.sh)"     # sets SARAF_TEST_PG_URL
#   scripts/start-test-postgres.sh --stop        # stops it
#
# Needs the PostgreSQL server binaries (Debian: apt-get install -y postgresql). Run as root, the
# server runs as the 'postgres' user (PostgreSQL refuses to run as root); otherwise as you.
# Settings: SARAF_PG_DATA (data directory, default /tmp/saraf-pgdata), SARAF_PG_PORT (default 5433).
# Trust authentication on 127.0.0.1 only: for tests, never for real data.
set -euo pipefail

DATA="${SARAF_PG_DATA:-/tmp/saraf-pgdata}"
PORT="${SARAF_PG_PORT:-5433}"
LOG="$DATA.log"
SOCKETS=/tmp

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$BIN" ]]; then
  BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"
fi
if [[ ! -x "$BIN/pg_ctl" || ! -x "$BIN/initdb" ]]; then
  echo "start-test-postgres: PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -f "$DATA/postmaster.pid" ]]; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  else
    echo "start-test-postgres: not running ($DATA)" >&2
  fi
  exit 0
fi

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  mkdir -p "$DATA"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$DATA"
    touch "$LOG" && chown postgres: "$LOG"
  fi
  chmod 700 "$DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U saraf --auth=trust --encoding=UTF8 --locale=C >&2
fi

if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  echo "start-test-postgres: already running ($DATA, port $PORT)" >&2
else
  as_owner "$BIN/pg_ctl" -D "$DATA" -o "-p $PORT -k $SOCKETS -c listen_addresses=127.0.0.1" -l "$LOG" -w -t 60 start >&2
fi

echo "export SARAF_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$PORT/postgres?user=saraf'"
