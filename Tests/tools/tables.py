#!/usr/bin/env python3
"""Prints the tables of an HTML page as JSON: caption, header texts, and each row's cell texts,
read with a real HTML parser (html5lib), so tests compare what a reader sees."""
import json
import sys

import html5lib


def text(el):
    return " ".join(t.strip() for t in el.itertext() if t.strip())


with open(sys.argv[1], "rb") as f:
    doc = html5lib.parse(f.read(), namespaceHTMLElements=False)
out = []
for table in doc.iter("table"):
    cap = table.find("caption")
    heads = [text(th) for th in table.findall("./thead/tr/th")]
    rows = [[text(c) for c in tr if c.tag in ("td", "th")] for tr in table.findall("./tbody/tr")]
    out.append({"caption": text(cap) if cap is not None else "", "headers": heads, "rows": rows})
print(json.dumps(out, ensure_ascii=False))
