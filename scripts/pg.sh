#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for demo and tests: run as the postgres user (the server refuses
# root), listening only on a unix socket in a scratch folder.
#   scripts/pg.sh start   initdb when needed, start, create database "thidua"; prints PG* exports
#   scripts/pg.sh stop    stop it
#   scripts/pg.sh env     print the PG* exports
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "pg.sh: no PostgreSQL server installed (run scripts/setup.sh)" >&2; exit 69; }

# An ignored folder of the checkout, unless the postgres user cannot reach it or the socket path
# would be too long for a unix socket (107 bytes): then a folder under /tmp named after the checkout.
dir="$root/.pg"
if [ ${#dir} -gt 70 ] || ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
    dir="/tmp/thidua-pg-$(printf %s "$root" | cksum | cut -d' ' -f1)"
fi
data="$dir/data"; sock="$dir/run"; log="$dir/server.log"

exports() {
    echo "export PGHOST='$sock' PGPORT=5432 PGUSER=postgres PGDATABASE=thidua THIDUA_PG_DIR='$dir' THIDUA_PG_BIN='$pgbin'"
}

case "${1:-}" in
start)
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -s "$data/PG_VERSION" ]; then
        runuser -u postgres -- "$pgbin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || runuser -u postgres -- "$pgbin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 70; }
        # One role needs a real password, for the tests of wrong passwords and redaction.
        cat > "$data/pg_hba.conf" <<'HBA'
local all thidua_pw scram-sha-256
host  all thidua_pw 127.0.0.1/32 scram-sha-256
local replication all trust
local all all trust
host  all all 127.0.0.1/32 trust
HBA
    fi
    runuser -u postgres -- mkdir -p "$sock"
    if ! runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
            -o "-k '$sock' -c listen_addresses='' -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=256MB -c work_mem=64MB -c maintenance_work_mem=256MB -c wal_level=replica -c max_wal_senders=4" >/dev/null \
            || { tail -n 20 "$log" >&2; exit 69; }
    fi
    runuser -u postgres -- "$pgbin/psql" -h "$sock" -p 5432 -U postgres -d postgres -qAt \
        -c "SELECT 1 FROM pg_database WHERE datname='thidua'" | grep -q 1 \
        || runuser -u postgres -- "$pgbin/createdb" -h "$sock" -p 5432 -U postgres thidua
    exports
    ;;
stop)
    if [ -s "$data/PG_VERSION" ]; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
env)
    exports
    ;;
*)
    echo "usage: scripts/pg.sh start|stop|env" >&2
    exit 64
    ;;
esac
