#!/usr/bin/env python3
"""The naive peer of the benchmark: what an analyst would otherwise write. It pulls the raw rows
with psycopg and computes the collective unit metrics (SPEC §4.2) in memory, for every unit and,
rolled up, for every province. Usage: naive_peer.py CONNINFO AS_OF OUT.csv"""
import csv
import datetime as dt
import sys
from collections import defaultdict

import psycopg

conninfo, as_of, out = sys.argv[1], dt.date.fromisoformat(sys.argv[2]), sys.argv[3]
period_start, period_end = dt.date(2025, 12, 12), dt.date(2026, 6, 30)
go_live, retro_from, retro_to, cutoff = dt.date(2026, 1, 1), dt.date(2025, 10, 1), dt.date(2025, 12, 31), dt.date(2025, 12, 31)
E = min(as_of, period_end)
stale_cut = E - dt.timedelta(days=30)
prof_from = E - dt.timedelta(days=29)

c = defaultdict(lambda: defaultdict(int))
with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
    cur.execute("SET search_path TO thidua")
    cur.execute("SELECT unit_id, kind, parent_id, headcount FROM unit")
    units = cur.fetchall()
    cur.execute("SELECT staff_id, unit_id, role FROM staff WHERE active")
    staff = {s: (u, r) for s, u, r in cur.fetchall()}
    cur.execute("SELECT unit_id, accepted_on, entered_on, end_to_end, missing_required_fields, error_count, status, last_updated_on FROM case_record")
    for u, acc, ent, e2e, miss, err, st, upd in cur:
        if go_live <= acc <= E:
            c[u]["e2e_total"] += 1
            c[u]["e2e_done"] += bool(e2e)
        if retro_from <= acc <= min(retro_to, E):
            c[u]["retro_total"] += 1
            c[u]["retro_entered"] += ent is not None and ent <= E
        if retro_from <= acc <= E and ent is not None and ent <= E:
            c[u]["quality_total"] += 1
            c[u]["quality_clean"] += miss <= 0 and err <= 0
            c[u]["stale"] += st == "open" and upd <= stale_cut
    cur.execute("SELECT unit_id, issued_on, digitally_signed, electronic FROM procedural_document")
    for u, d, sig, el in cur:
        if go_live <= d <= E:
            c[u]["docs_total"] += 1
            c[u]["docs_signed"] += bool(sig)
            c[u]["docs_electronic"] += bool(el)
    cur.execute("SELECT unit_id, topic, format, held_on FROM training_session")
    for u, topic, fmt, d in cur:
        if period_start <= d <= E:
            c[u][f"{topic}_{'class' if fmt in ('class', 'seminar') else 'hands_on'}"] += 1
    cur.execute("SELECT unit_id, topic, recognized_on, in_regular_use FROM initiative")
    for u, topic, d, use in cur:
        if d is not None and period_start <= d <= E:
            c[u]["ai_products" if topic == "ai" and use else "qlahs_initiatives" if topic == "qlahs" else "other"] += 1
    latest, studied = {}, set()
    cur.execute("SELECT staff_id, day, level, minutes FROM luyenai_daily")
    for s, d, lvl, mins in cur:
        if d <= min(E, cutoff) and (s not in latest or d > latest[s][0]):
            latest[s] = (d, lvl)
        if mins > 0 and d <= E:
            studied.add(s)
    actions = defaultdict(int)
    cur.execute("SELECT staff_id, day, actions FROM platform_usage")
    for s, d, a in cur:
        if prof_from <= d <= E:
            actions[s] += a
for s, (u, role) in staff.items():
    c[u]["active"] += 1
    c[u]["level5"] += s in latest and latest[s][1] >= 5
    c[u]["participating"] += s in studied
    if role in ("leader", "prosecutor"):
        c[u]["lp"] += 1
        c[u]["proficient"] += actions[s] >= 1
rows = []
parent = {u: p for u, k, p, h in units}
for u, kind, p, h in units:
    scope = [u] + [x for x, k2, p2, h2 in units if p2 == u] if kind == "provincial" else [u]
    tot = defaultdict(int)
    for x in scope:
        for k, v in c[x].items():
            tot[k] += v
    rate = lambda a, b: f"{tot[a] / tot[b]:.6f}" if tot[b] else ""
    rows.append([u, rate("e2e_done", "e2e_total"), rate("retro_entered", "retro_total"), rate("quality_clean", "quality_total"),
                 rate("docs_signed", "docs_total"), tot["level5"], rate("participating", "active"), rate("proficient", "lp")])
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["unit_id", "e2e_rate", "retro_rate", "quality_rate", "signature_rate", "level5_staff", "participation_rate", "proficiency_rate"])
    w.writerows(rows)
