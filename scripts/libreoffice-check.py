#!/usr/bin/env python3
"""Opens a run's thidua.xlsx in headless LibreOffice with the Vietnamese language setting (vi-VN,
LCID 1066: decimal comma), saves it as ODS and reads back the cell types of unit_metrics: every rate,
score and count must still be a number (float or percentage), never text. For contrast it also
opens csv/unit_metrics.csv the same way, where the dot decimals turn into text.
Usage: libreoffice-check.py RUN_DIR  (part of make screenshots)"""
import collections
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

run = pathlib.Path(sys.argv[1]).resolve()
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
RATE_OR_SCORE = re.compile(r"_rate$|_score$|^points_")

work = pathlib.Path(tempfile.mkdtemp(prefix="thidua-lo-"))
profile = work / "profile"
(profile / "user").mkdir(parents=True)
(profile / "user" / "registrymodifications.xcu").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
""", encoding="utf-8")


def convert(source, target_dir, extra=()):
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           *extra, "--convert-to", "ods", "--outdir", str(target_dir), str(source)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "LANG": "vi_VN.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, timeout=600)
    return target_dir / (pathlib.Path(source).stem + ".ods")


def types(ods, sheet_name):
    """Per column of the sheet: the header and a Counter of office:value-type."""
    root = ET.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    for t in root.iter(f"{{{NS['table']}}}table"):
        if t.get(f"{{{NS['table']}}}name") != sheet_name:
            continue
        rows = []
        for r in t.iter(f"{{{NS['table']}}}table-row"):
            cells = []
            for c in r.findall("table:table-cell", NS):
                n = int(c.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
                kind = c.get(f"{{{NS['office']}}}value-type")
                text = "".join(c.itertext())
                cells.extend([(kind, text)] * min(n, 100))
            rows.append(cells)
            if len(rows) > 400:
                break
        header = [text for _, text in rows[0]]
        out = {}
        for i, h in enumerate(header):
            if h:
                out[h] = collections.Counter(r[i][0] for r in rows[1:] if i < len(r) and r[i][1] != "")
        return out
    raise SystemExit(f"no sheet {sheet_name} in {ods}")


xlsx = types(convert(run / "thidua.xlsx", work / "x"), "unit_metrics")
csv = types(convert(run / "csv" / "unit_metrics.csv", work / "c", ["--infilter=CSV:44,34,76,1"]), "unit_metrics")
bad = []
for column, counts in xlsx.items():
    if RATE_OR_SCORE.search(column) or column.endswith("_total"):
        if counts.get("string", 0) or not counts:
            bad.append(f"{column}: {dict(counts)}")
rates_text_in_csv = sum(c.get("string", 0) for k, c in csv.items() if RATE_OR_SCORE.search(k))
print(f"libreoffice (vi-VN): workbook e2e_rate cells {dict(xlsx.get('e2e_rate', {}))}, composite_score "
      f"{dict(xlsx.get('composite_score', {}))}; the CSV opened the same way gives {rates_text_in_csv} rate/score cells as text")
if bad:
    print("libreoffice: these columns of the workbook became text: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
print("libreoffice: every rate, score and count of the workbook stays a number")
