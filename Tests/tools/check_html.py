#!/usr/bin/env python3
"""Checks report pages with a real HTML parser (html5lib): parse errors, external URLs, missing
lang/title/table headers. Prints one line per problem; exit 1 when there is any.
Usage: check_html.py FILE...   (also: --text FILE prints the visible text, for other checks)"""
import re
import sys

import html5lib

EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:|file:)", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*(https?:|//)", re.I)


def check(path):
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    doc = parser.parse(data)
    for pos, code, vars_ in parser.errors:
        problems.append(f"{path}: parse error {code} at {pos} {vars_ or ''}")
    html = doc if doc.tag == "html" else doc.find(".//html")
    if html is None or not html.get("lang"):
        problems.append(f"{path}: missing lang on <html>")
    title = doc.find(".//title")
    if title is None or not (title.text or "").strip():
        problems.append(f"{path}: missing <title>")
    for el in doc.iter():
        for attr in ("src", "href", "action", "poster", "data", "xlink:href"):
            v = el.get(attr)
            if v and EXTERNAL.match(v):
                problems.append(f"{path}: external URL in <{el.tag} {attr}={v!r}>")
        if el.tag == "script" and (el.get("src") or (el.text or "").strip()):
            problems.append(f"{path}: a script is present")
        if el.tag == "style" and el.text and CSS_URL.search(el.text):
            problems.append(f"{path}: external URL in CSS")
        if el.get("style") and CSS_URL.search(el.get("style")):
            problems.append(f"{path}: external URL in a style attribute")
        if el.tag == "link" and el.get("href"):
            problems.append(f"{path}: <link href> loads something")
    for table in doc.iter("table"):
        if table.find(".//th") is None:
            problems.append(f"{path}: a table without header cells")
    return problems


def text(path):
    with open(path, "rb") as f:
        doc = html5lib.parse(f.read(), namespaceHTMLElements=False)
    return " ".join(t.strip() for t in doc.itertext() if t.strip())


if __name__ == "__main__":
    if sys.argv[1] == "--text":
        print(text(sys.argv[2]))
        sys.exit(0)
    all_problems = []
    for p in sys.argv[1:]:
        all_problems += check(p)
    for p in all_problems:
        print(p)
    sys.exit(1 if all_problems else 0)
