#!/usr/bin/env bash
# tests/with_postgres.sh COMMAND [ARG...]: run COMMAND with DATABASE_URL naming a throwaway
# PostgreSQL cluster of its own (a fresh data directory and a free local port, fsync off), and
# remove the cluster afterwards, whatever COMMAND did. `make test` uses it when DATABASE_URL is
# not set; .ci/run uses it for everything it runs.
#
# It needs PostgreSQL's server binaries (Debian: apt-get install postgresql). Without them it
# says so, and what is skipped, and runs COMMAND on SQLite. As root (a container, CI) the
# cluster runs as the postgres user, which initdb needs; otherwise as the user running this.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
    exec "$@"  # a server of one's own already (README, Testing)
fi

# POSTGRES_BIN names the folder of initdb, pg_ctl and postgres; by default Debian's newest.
pg_bin=${POSTGRES_BIN-$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -V | tail -n 1)}
if [ -z "$pg_bin" ] && [ -z "${POSTGRES_BIN+set}" ] && command -v pg_config >/dev/null; then
    pg_bin=$(pg_config --bindir)
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    cat >&2 <<'MESSAGE'
PostgreSQL is not installed, so the tests run on SQLite and the deployment tests are skipped.
To run every test: apt-get install postgresql postgresql-client nginx \
    libnginx-mod-http-cache-purge openssl redis-server chromium default-jre-headless
(or set DATABASE_URL to a PostgreSQL server of your own: README, Testing).
MESSAGE
    exec "$@"
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d "${TMPDIR:-/tmp}/sendias-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
stop() {
    as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null
as_owner "$pg_bin/createdb" -h "$dir" -p "$port" -U postgres sendias
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/sendias"
echo "A throwaway PostgreSQL cluster ($("$pg_bin/postgres" --version)) at $DATABASE_URL" >&2
set +e
"$@"
status=$?
exit $status
