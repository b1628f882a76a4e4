#!/usr/bin/env python3
"""Opens a run's thidua.xlsx with openpyxl, as a statistician's script would, and checks it against
the run's CSV files and datapackage.json: the same sheets and headers, every value equal, numbers
as numeric cells, dates as dates, booleans as booleans, no formula anywhere.
Prints a JSON summary; exits 1 with the first differences when there are any."""
import csv
import datetime
import json
import sys

import openpyxl

run = sys.argv[1]
package = json.load(open(f"{run}/datapackage.json", encoding="utf-8"))
book = openpyxl.load_workbook(f"{run}/thidua.xlsx", read_only=True, data_only=False)
problems = []
summary = {"sheets": book.sheetnames, "cells": 0, "numeric": 0, "dates": 0, "booleans": 0, "strings": 0, "formulas": 0}
tables = [r["name"] for r in package["resources"]]
expected_sheets = ["Thông tin"] + tables + ["Từ điển dữ liệu"]
if book.sheetnames[: len(expected_sheets)] != expected_sheets:
    problems.append(f"sheets {book.sheetnames} != {expected_sheets}")

NUMERIC = {"integer", "number"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def expected_value(kind, text):
    """The cell value the CSV's text stands for."""
    if text == "":
        return None
    if kind == "integer":
        v = int(text)
        return v if abs(v) <= 2**53 else text
    if kind == "number":
        return float(text)
    if kind == "date":
        d = datetime.date.fromisoformat(text)
        return d if d.year >= 1900 else text
    if kind == "datetime":
        return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    if kind == "boolean":
        return text == "true"
    # The CSV neutralises formula-like text with a leading apostrophe; the workbook holds the text
    # itself in a string cell.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text


for resource in package["resources"]:
    name = resource["name"]
    fields = resource["schema"]["fields"]
    if name not in book.sheetnames:
        problems.append(f"no sheet {name}")
        continue
    rows = book[name].iter_rows()
    with open(f"{run}/{resource['path']}", newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        sheet_header = [c.value for c in next(rows)]
        if sheet_header != header:
            problems.append(f"{name}: header {sheet_header} != CSV {header}")
        for number, (line, cells) in enumerate(zip(reader, rows), start=2):
            values = [c.value for c in cells] + [None] * (len(header) - len(cells))
            for field, text, cell, value in zip(fields, line, list(cells) + [None] * len(header), values):
                summary["cells"] += 1
                if cell is not None and getattr(cell, "data_type", None) == "f":
                    summary["formulas"] += 1
                    problems.append(f"{name} row {number} {field['name']}: a formula")
                want = expected_value(field["type"], text)
                got = value
                if isinstance(got, datetime.datetime) and field["type"] == "date":
                    got = got.date()
                if want is None:
                    if got not in (None, ""):
                        problems.append(f"{name} row {number} {field['name']}: {got!r} where the CSV is empty")
                    continue
                if field["type"] in NUMERIC and not isinstance(want, str):
                    if isinstance(got, bool) or not isinstance(got, (int, float)):
                        problems.append(f"{name} row {number} {field['name']}: {got!r} is not a number")
                        continue
                    summary["numeric"] += 1
                elif field["type"] == "date" and not isinstance(want, str):
                    if not isinstance(got, datetime.date):
                        problems.append(f"{name} row {number} {field['name']}: {got!r} is not a date")
                        continue
                    summary["dates"] += 1
                elif field["type"] == "boolean":
                    if not isinstance(got, bool):
                        problems.append(f"{name} row {number} {field['name']}: {got!r} is not a boolean")
                        continue
                    summary["booleans"] += 1
                elif field["type"] == "string":
                    summary["strings"] += 1
                if got != want:
                    problems.append(f"{name} row {number} {field['name']}: workbook {got!r} != CSV {want!r}")
            if len(problems) > 20:
                break
        leftover = next(rows, None)
        if leftover is not None or next(reader, None) is not None:
            problems.append(f"{name}: the sheet and the CSV have different row counts")

summary["problems"] = problems[:20]
print(json.dumps(summary, ensure_ascii=False))
sys.exit(1 if problems else 0)
