#!/usr/bin/env bash
# make demo: build, load the demo data, run the job, say where the report is.
# PLAN=FILE runs that plan file instead of the built-in plan 251, into out/<file name without .yaml>/
# (e.g. out/KH-TD-6T-2026/) so that the two plans' reports do not overwrite each other; OUT= overrides.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
plan=${PLAN:-}
if [ -n "$plan" ]; then
    [ -f "$plan" ] || { echo "demo: no plan file $plan" >&2; exit 66; }
    slug=$(basename "$plan"); slug=${slug%.yaml}; slug=${slug%.yml}
    out=${OUT:-$root/out/$slug}
else
    out=${OUT:-$root/out}
fi
bash scripts/load-demo.sh
swift build --product thidua 2>&1 | tail -n 1
bin=$(swift build --show-bin-path)/thidua
$bin check ${THIDUA_DB:+--db "$THIDUA_DB"}
report=$($bin run ${AS_OF:+--as-of "$AS_OF"} ${plan:+--plan "$plan"} --out "$out" ${THIDUA_DB:+--db "$THIDUA_DB"})
echo
echo "The report is at: $report"
