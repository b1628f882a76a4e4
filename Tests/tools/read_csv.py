#!/usr/bin/env python3
"""Reads a CSV file the way a statistician's tools do (Python's csv module, utf-8-sig) and prints
its rows as JSON, so a test can compare them with what the job meant to write."""
import csv
import json
import sys

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
print(json.dumps(rows, ensure_ascii=False))
