#!/usr/bin/env bash
# Runs a command with a PostgreSQL to talk to. When none is configured (no PGHOST, PGSERVICE,
# PGDATABASE or THIDUA_DB in the environment), starts the throw-away cluster of scripts/pg.sh and
# stops it when the command ends, whatever its outcome.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PGHOST:-}${PGSERVICE:-}${PGDATABASE:-}${THIDUA_DB:-}" ]; then
    eval "$(bash "$here/pg.sh" start)"
    export THIDUA_THROWAWAY_DB=1
    trap 'bash "$here/pg.sh" stop' EXIT
    echo "with-db: throw-away PostgreSQL on $PGHOST (database $PGDATABASE)" >&2
else
    echo "with-db: using the configured database" >&2
fi
"$@"
