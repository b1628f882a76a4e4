#!/usr/bin/env bash
# Verifies the systemd units with systemd-analyze when it is available (part of make test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v systemd-analyze >/dev/null 2>&1 || { echo "verify-units: systemd-analyze not installed; skipped"; exit 0; }
bin=${THIDUA_BIN:-$root/.build/debug/thidua}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|/usr/local/bin/thidua|$bin|" "$root/deploy/systemd/thidua.service" > "$tmp/thidua.service"
cp "$root/deploy/systemd/thidua.timer" "$tmp/thidua.timer"
out=$(cd "$tmp" && systemd-analyze verify thidua.service thidua.timer 2>&1 || true)
# Lines about the host's own units are not ours.
ours=$(printf '%s\n' "$out" | grep -E '^(thidua\.(service|timer)|/.*thidua\.(service|timer))' || true)
if [ -n "$ours" ]; then
    echo "verify-units: systemd-analyze found problems:"; echo "$ours"; exit 1
fi
echo "verify-units: thidua.service and thidua.timer verified"
