#!/usr/bin/env python3
"""Compares two output folders of scripts/run-days.sh (OLD, NEW) day by day: every CSV byte-identical,
except run.csv (columns appended, run_id/generated_at/thidua_version) and plan 251's points_*/
composite_score cells that lie on an exact half of the 4th decimal (0.4.0 rounded those down; the
plan engine's exact rationals round half-up, PLAN-LANGUAGE.md §22 decided 2). Exit 1 on any other
difference.  Usage: scripts/compare-runs.py OLD NEW DAY...  (issue 22: 0.4.0 against 0.5.0)"""
import csv, sys, os, hashlib
from fractions import Fraction
old_root, new_root = sys.argv[1], sys.argv[2]
days = sys.argv[3:]
weights = {"e2e_rate":30,"retro_rate":15,"quality_rate":15,"signature_rate":10,"level5_rate":15}
rates = {"e2e_rate":("e2e_done","e2e_total"),"retro_rate":("retro_entered","retro_total"),"quality_rate":("quality_clean","quality_total"),
         "signature_rate":("docs_signed","docs_total"),"level5_rate":("level5_staff","headcount")}
bad = 0
for d in days:
    o, n = f"{old_root}/{d}", f"{new_root}/{d}"
    files = sorted(os.path.relpath(os.path.join(r, f), o) for r, _, fs in os.walk(o) for f in fs if f.endswith(".csv"))
    nfiles = sorted(os.path.relpath(os.path.join(r, f), n) for r, _, fs in os.walk(n) for f in fs if f.endswith(".csv"))
    if not files: print(d, "no CSV files in", o); bad += 1
    if files != nfiles: print(d, "file lists differ", set(files) ^ set(nfiles)); bad += 1
    same = halves = 0
    for f in files:
        a, b = open(f"{o}/{f}","rb").read(), open(f"{n}/{f}","rb").read()
        if a == b: same += 1; continue
        ra = list(csv.reader(open(f"{o}/{f}", encoding="utf-8-sig", newline="")))
        rb = list(csv.reader(open(f"{n}/{f}", encoding="utf-8-sig", newline="")))
        if f == "csv/run.csv":
            ok = len(ra) == len(rb) == 2 and rb[0][:len(ra[0])] == ra[0] and [x for h, x in zip(ra[0], rb[1]) if h not in ("run_id","generated_at","thidua_version")] == [x for h, x in zip(ra[0], ra[1]) if h not in ("run_id","generated_at","thidua_version")]
            if not ok: print(d, f, "run.csv differs beyond the appended columns"); bad += 1
            continue
        if f != "csv/unit_metrics.csv" or ra[0] != rb[0] or len(ra) != len(rb):
            print(d, f, "differs"); bad += 1; continue
        h = ra[0]
        for x, y in zip(ra[1:], rb[1:]):
            for i, (p, q) in enumerate(zip(x, y)):
                if p == q: continue
                col = h[i]
                part = col[len("points_"):] if col.startswith("points_") else None
                if part in rates:
                    num, den = rates[part]
                    exact = Fraction(weights[part]) * Fraction(int(x[h.index(num)]), int(x[h.index(den)]))
                    # capped at 1
                    if int(x[h.index(num)]) > int(x[h.index(den)]): exact = Fraction(weights[part])
                    frac = exact * 10000 - int(exact * 10000)
                    if frac == Fraction(1, 2) and Fraction(q) == Fraction(p) + Fraction(1, 10000):
                        halves += 1; print(f"  {d} {x[1]} {x[2]} {col}: exact {float(exact):.6f} = half, 0.4.0 {p} → {q}"); continue
                if col == "composite_score":
                    def rate(nc, dc):
                        nn, dd = x[h.index(nc)], x[h.index(dc)]
                        if dd == "" or int(dd) <= 0 or nn == "": return Fraction(0)
                        return min(Fraction(int(nn), int(dd)), Fraction(1))
                    exact = sum(Fraction(weights[k]) * rate(*rates[k]) for k in rates) + 5 * (x[h.index("qlahs_training_met")] == "true") \
                        + 5 * (x[h.index("ai_training_met")] == "true") + 5 * (int(x[h.index("ai_products")]) >= 1)
                    frac = exact * 10000 - int(exact * 10000)
                    if frac == Fraction(1, 2) and Fraction(q) == Fraction(p) + Fraction(1, 10000):
                        halves += 1; print(f"  {d} {x[1]} {x[2]} {col}: exact {exact} = {float(exact):.6f}, half, 0.4.0 {p} → {q}"); continue
                print(d, f, x[1], x[2], col, p, q, "NOT an exact half"); bad += 1
    print(f"{d}: {same} of {len(files)} files byte-identical; {halves} exact-half points/composite cells differ")
sys.exit(1 if bad else 0)
