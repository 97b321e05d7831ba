#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: DATABASE_URL points at it while the
# command runs, and the cluster is removed afterwards whatever happens.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL server binaries are missing; install the postgresql package." >&2
    exit 1
  fi
fi

DIR=$(mktemp -d /tmp/cspboard-pg.XXXXXX)
PORT=${PG_PORT:-$((54000 + RANDOM % 900))}
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL will not run as root.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$DIR"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null

export DATABASE_URL="postgres://postgres@/cspboard?host=$DIR&port=$PORT"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $DIR (port $PORT)"
"$@"
