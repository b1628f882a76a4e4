#!/usr/bin/env bash
# make screenshots: renders the demo report's index, one province page and one sub-unit page with
# headless Chromium into out/screenshots/*.png, at 1400 px and at a phone's 390 px (after make demo;
# installs chromium when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/out}
run="$out/latest"
[ -e "$run/index.html" ] || { echo "screenshots: no report in $run; run make demo first" >&2; exit 66; }
command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
shots="$out/screenshots"
mkdir -p "$shots"
shoot() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=${4:-1400},${3:-2400} \
        --screenshot="$shots/$2.png" "file://$run/$1" >/dev/null 2>&1
    echo "$shots/$2.png"
}
shoot index.html index 3200
shoot units/p01.html province 3200
shoot units/p01-r01.html sub-unit 2400
# A phone (issue 17): 390 CSS px wide.
shoot index.html index-390 4000 390
shoot units/p01.html province-390 4000 390
shoot units/p01-r01.html sub-unit-390 3000 390
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$shots/index.pdf" --no-pdf-header-footer "file://$run/index.html" >/dev/null 2>&1 \
    && echo "$shots/index.pdf (A4 print)"
# The workbook in LibreOffice with the Vietnamese language setting: the rates must stay numbers
# (issue 16). Installs LibreOffice Calc (headless) when missing.
command -v soffice >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null; }
python3 "$root/scripts/libreoffice-check.py" "$run"
