#!/usr/bin/env bash
# make demo: build, load the demo data, run the job, say where the report is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/load-demo.sh
swift build --product thidua 2>&1 | tail -n 1
bin=$(swift build --show-bin-path)/thidua
$bin check ${THIDUA_DB:+--db "$THIDUA_DB"}
report=$($bin run ${AS_OF:+--as-of "$AS_OF"} --out "${OUT:-$root/out}" ${THIDUA_DB:+--db "$THIDUA_DB"})
echo
echo "The report is at: $report"
