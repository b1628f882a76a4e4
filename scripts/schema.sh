#!/usr/bin/env bash
# make schema: regenerates plans/plan-language-1.schema.json, the JSON Schema of plan language 1, from
# `thidua plan schema` (issue 23). Run it after changing a key table in Sources/ThiDuaPlan/Grammar*.swift;
# a test keeps the committed file equal to the command's output. The file is replaced whole or not at all.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build --product thidua >&2
bin="$(swift build --show-bin-path)/thidua"
out=plans/plan-language-1.schema.json
tmp=$(mktemp "plans/.plan-language-1.schema.json.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$bin" plan schema > "$tmp"
chmod 0644 "$tmp"
mv "$tmp" "$out"
echo "schema: $out ($(wc -l < "$out") lines)" >&2
