#!/usr/bin/env bash
# Regenerates the tables of docs/csv.md (after its introduction) and sql/reports.sql from the shipped
# plan (the one embedded in the binary, plans/251-KH-VKSTC.yaml), with the code that writes the CSV
# files (`thidua dictionary`). A test fails when they are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product thidua >&2
bin="$(swift build --show-bin-path)/thidua"
intro="$(awk '/^## /{exit} {print}' docs/csv.md)"
{ printf '%s\n\n' "$intro"; "$bin" dictionary --format md; } > docs/csv.md.new
mv docs/csv.md.new docs/csv.md
"$bin" dictionary --format sql > sql/reports.sql
echo "dictionary: docs/csv.md and sql/reports.sql regenerated" >&2
