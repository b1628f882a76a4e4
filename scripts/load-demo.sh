#!/usr/bin/env bash
# Loads schema and demo data (scale ${SCALE:-1}) unless the same data is already there.
# Into a configured (non-throw-away) database it loads only when the warehouse tables are empty,
# so a real warehouse is never overwritten.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scale=${SCALE:-1}
db=${THIDUA_DB:-}
stamp_want="$(cat "$root/sql/schema.sql" "$root/sql/demo/generate.sql" | cksum | cut -d' ' -f1)-$scale"
psqlx() { psql ${db:+"$db"} -X -q -v ON_ERROR_STOP=1 "$@"; }
psqlx -f "$root/sql/schema.sql"
have=$(psqlx -At -c "SELECT coalesce(obj_description('thidua.unit'::regclass, 'pg_class'), '')")
rows=$(psqlx -At -c "SELECT count(*) FROM thidua.unit")
if [ "$have" = "demo $stamp_want" ]; then
    echo "load-demo: demo data (scale $scale) already loaded" >&2
    exit 0
fi
if [ "$rows" != 0 ] && [ -z "${THIDUA_THROWAWAY_DB:-}" ]; then
    echo "load-demo: thidua.unit already holds $rows rows that are not this demo data; leaving the warehouse as it is" >&2
    exit 0
fi
echo "load-demo: generating demo data at scale $scale …" >&2
start=$(date +%s)
psqlx -v scale="$scale" -f "$root/sql/demo/generate.sql"
psqlx -c "COMMENT ON TABLE thidua.unit IS 'demo $stamp_want'"
echo "load-demo: done in $(( $(date +%s) - start )) s" >&2
