#!/usr/bin/env bash
# Runs a thidua binary on the configured warehouse at the five as-of days a refactoring is checked at
# (before, during, at the end of and after plan 251's period), one run folder each, for
# scripts/compare-runs.py.  Usage: scripts/run-days.sh BIN OUTDIR [PLAN]
set -euo pipefail
bin=$1; out=$2; plan=${3:-}
rm -rf "$out"; mkdir -p "$out"
for d in 2025-12-20 2026-03-15 2026-06-29 2026-07-01 2026-11-29; do
  "$bin" run --as-of "$d" --out "$out" ${plan:+--plan "$plan"} --force >/dev/null 2>"$out/err-$d.log" \
    || { echo "run $d failed"; tail -3 "$out/err-$d.log"; exit 1; }
done
