#!/usr/bin/env python3
"""make bench: the job at national scale (1) and 5×, against the database's own floor and a naive
peer, alternating and repeated in one session. Prints the table and writes docs/benchmarks.md.
Environment: BENCH_RUNS (default 5), BENCH_SCALES (default "1 5"), AS_OF (default 2026-03-15)."""
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SCALES = [s for s in os.environ.get("BENCH_SCALES", "1 5").split()]
AS_OF = os.environ.get("AS_OF", "2026-03-15")
RELATIONS = ["unit", "staff", "case_record", "procedural_document", "training_session", "training_role", "luyenai_daily",
             "platform_usage", "initiative", "initiative_author", "core_group", "core_group_member", "infrastructure",
             "discipline", "award_dossier"]


def sh(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def psql(db, *args, input=None):
    return sh(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, *args], input=input)


def ensure_db(scale):
    db = f"bench_s{scale.replace('.', '_')}"
    exists = sh(["psql", "-X", "-At", "-d", "postgres", "-c", f"SELECT 1 FROM pg_database WHERE datname = '{db}'"]).stdout.strip()
    stamp = sh(["bash", "-c", f"cat {ROOT}/sql/schema.sql {ROOT}/sql/demo/generate.sql | cksum"]).stdout.split()[0] + "-" + scale
    if exists:
        have = psql(db, "-At", "-c", "SELECT coalesce(obj_description('thidua.unit'::regclass, 'pg_class'), '')").stdout.strip()
        if have == f"bench {stamp}":
            return db
        sh(["psql", "-X", "-q", "-d", "postgres", "-c", f"DROP DATABASE {db}"])
    print(f"bench: generating scale {scale} into {db} …", file=sys.stderr, flush=True)
    sh(["psql", "-X", "-q", "-d", "postgres", "-c", f"CREATE DATABASE {db}"])
    psql(db, "-f", f"{ROOT}/sql/schema.sql")
    psql(db, "-v", f"scale={scale}", "-f", f"{ROOT}/sql/demo/generate.sql")
    psql(db, "-c", "VACUUM ANALYZE")
    psql(db, "-c", f"COMMENT ON TABLE thidua.unit IS 'bench {stamp}'")
    return db


def sql_floor_script(trace_path):
    """The job's own statements, replayed with the same parameters inside one read-only snapshot."""
    # The job's own session settings (set_config in the trace): no JIT.
    lines = ["BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;", "SET search_path TO thidua;", "SET jit = off;"]
    with open(trace_path) as f:
        for n, line in enumerate(f):
            q = json.loads(line)
            if q["sql"].startswith("BEGIN") or "set_config" in q["sql"] or "advisory" in q["sql"] \
                    or q["sql"].startswith("SET TRANSACTION SNAPSHOT") or "pg_export_snapshot" in q["sql"]:
                continue
            lit = ["NULL" if b is None else "'" + b.replace("'", "''") + "'" for b in q["binds"]]
            lines.append(f"PREPARE q{n} AS {q['sql']};")
            lines.append(f"EXECUTE q{n}" + (f"({', '.join(lit)})" if lit else "") + ";")
            lines.append(f"DEALLOCATE q{n};")
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def statement_times(db, trace_path):
    """Each of the job's statements timed on its own (psql \\timing), in the job's order, one snapshot."""
    lines = ["BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;", "SET search_path TO thidua;", "SET jit = off;"]
    labels = []
    with open(trace_path) as f:
        for n, line in enumerate(f):
            q = json.loads(line)
            sql = q["sql"]
            if len(sql) < 120 or "pg_export_snapshot" in sql or sql.startswith("SET TRANSACTION SNAPSHOT"):
                continue
            lit = ["NULL" if b is None else "'" + b.replace("'", "''") + "'" for b in q["binds"]]
            labels.append(statement_label(sql))
            lines += [f"PREPARE q{n} AS {sql};", "\\timing on", f"EXECUTE q{n}" + (f"({', '.join(lit)})" if lit else "") + ";",
                      "\\timing off", f"DEALLOCATE q{n};"]
    lines.append("COMMIT;")
    r = subprocess.run(["psql", "-X", "-q", "-d", db, "-o", "/dev/null"], input="\n".join(lines) + "\n", capture_output=True, text=True)
    ms = [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", r.stdout + r.stderr)]
    return dict(zip(labels, [m / 1000 for m in ms]))


def statement_label(sql):
    """A short name for a statement: the relation it reads first."""
    flat = " ".join(sql.split())
    if "check_no" in flat:
        return "anomaly checks"
    if "HAVING count(*) > 1" in flat:
        return "repeated keys"
    m = re.search(r"FROM \(?(?:SELECT DISTINCT ON \([^)]*\) \* FROM )?([a-z_]+)", flat)
    what = m.group(1) if m else flat[:30]
    if "WITH l AS" in flat:
        return "staff facts (luyenai_daily, platform_usage, …)"
    if "not_entered" in flat:
        return "records to fix (case_record)"
    return f"per unit: {what}"


def timed(args, **kw):
    t = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args[:3])} failed: {r.stderr[-2000:]}")
    return time.perf_counter() - t, r


def write_floor(run, copy):
    """The write floor (issue 24): the job's own published run copied into a fresh folder on the same
    filesystem (`cp -a`), then `sync -f`; seconds for both."""
    shutil.rmtree(copy, ignore_errors=True)
    t = time.perf_counter()
    sh(["cp", "-a", run, copy])
    sh(["sync", "-f", copy])
    secs = time.perf_counter() - t
    shutil.rmtree(copy, ignore_errors=True)
    return secs


def per_row(manifest):
    """The job's per-row costs in microseconds, from its manifest: each streaming phase over what it
    wrote (staff rows, records to fix, HTML pages)."""
    d = manifest["durations_seconds"]
    rows = {f["path"]: f.get("rows", 0) for f in manifest["files"]}
    pages = sum(1 for f in manifest["files"] if f["path"].endswith(".html"))
    out = {}
    if rows.get("csv/staff_metrics.csv"):
        out["staff row"] = d.get("staff", 0) / rows["csv/staff_metrics.csv"] * 1e6
    if rows.get("csv/data_quality_records.csv"):
        out["record to fix"] = d.get("quality_records", 0) / rows["csv/data_quality_records.csv"] * 1e6
    if pages:
        out["page"] = d.get("html", 0) / pages * 1e6
    return out


def main():
    print("bench: building the release binary …", file=sys.stderr, flush=True)
    sh(["swift", "build", "-c", "release", "--product", "thidua"], cwd=ROOT)
    binary = sh(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT).stdout.strip() + "/thidua"
    subprocess.run([sys.executable, "-c", "import psycopg"], check=False, capture_output=True).returncode == 0 or \
        sh([sys.executable, "-m", "pip", "install", "-q", "psycopg"])
    dbs = {s: ensure_db(s) for s in SCALES}
    # BENCH_BASELINE: one or more other builds of thidua, separated by spaces, each named by its --version.
    baselines = [(sh([b, "--version"]).stdout.strip().split()[-1], b) for b in os.environ.get("BENCH_BASELINE", "").split()]
    work = tempfile.mkdtemp(prefix="thidua-bench-")
    scripts, sizes = {}, {}
    for s, db in dbs.items():
        trace = f"{work}/trace-{s}.jsonl"
        env = dict(os.environ, THIDUA_SQL_TRACE=trace)
        sh([binary, "run", "--db", f"dbname={db}", "--as-of", AS_OF, "--out", f"{work}/warm-{s}"], env=env)
        scripts[s] = f"{work}/floor-{s}.sql"
        with open(scripts[s], "w") as f:
            f.write(sql_floor_script(trace))
        sizes[s] = {r: int(psql(db, "-At", "-c", f"SELECT count(*) FROM thidua.{r}").stdout) for r in RELATIONS}
    scan_sql = "\n".join(f"SELECT count(*) FROM thidua.{r};" for r in RELATIONS)
    results = {s: {"job": [], "rss": [], "sql": [], "scan": [], "write": [], "naive": [], "phases": [], "stmts": [], "rows": [],
                   "base": {v: {"stmts": [], "job": [], "rss": [], "rows": []} for v, _ in baselines}} for s in SCALES}
    base_traces = {}
    for v, baseline in baselines:
        for s, db in dbs.items():
            base_traces[(v, s)] = f"{work}/trace-base-{v}-{s}.jsonl"
            sh([baseline, "run", "--db", f"dbname={db}", "--as-of", AS_OF, "--out", f"{work}/warm-base-{v}-{s}"],
               env=dict(os.environ, THIDUA_SQL_TRACE=base_traces[(v, s)]))
    for i in range(RUNS):
        for s, db in dbs.items():
            out = f"{work}/out-{s}"
            shutil.rmtree(out, ignore_errors=True)
            secs, r = timed(["/usr/bin/time", "-v", binary, "run", "--db", f"dbname={db}", "--as-of", AS_OF, "--out", out, "--force"])
            rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
            results[s]["job"].append(secs)
            results[s]["rss"].append(rss / 1024)
            with open(f"{out}/{AS_OF}/manifest.json") as f:
                manifest = json.load(f)
            results[s]["phases"].append(manifest["durations_seconds"])
            results[s]["rows"].append(per_row(manifest))
            results[s]["write"].append(write_floor(f"{out}/{AS_OF}", f"{work}/copy-{s}"))
            secs, _ = timed(["psql", "-X", "-q", "-d", db, "-o", "/dev/null", "-f", scripts[s]])
            results[s]["sql"].append(secs)
            results[s]["stmts"].append(statement_times(db, f"{work}/trace-{s}.jsonl"))
            for v, baseline in baselines:
                b = results[s]["base"][v]
                b["stmts"].append(statement_times(db, base_traces[(v, s)]))
                # The baseline binary's whole run, in the same round: before and after on the same floors.
                base_out = f"{work}/out-base-{v}-{s}"
                shutil.rmtree(base_out, ignore_errors=True)
                secs, r = timed(["/usr/bin/time", "-v", baseline, "run", "--db", f"dbname={db}", "--as-of", AS_OF,
                                 "--out", base_out, "--force"])
                b["job"].append(secs)
                b["rss"].append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024)
                with open(f"{base_out}/{AS_OF}/manifest.json") as f:
                    b["rows"].append(per_row(json.load(f)))
            secs, _ = timed(["psql", "-X", "-q", "-d", db, "-o", "/dev/null", "-c", scan_sql])
            results[s]["scan"].append(secs)
            secs, _ = timed([sys.executable, f"{ROOT}/bench/naive_peer.py", f"dbname={db}", AS_OF, f"{work}/naive-{s}.csv"])
            results[s]["naive"].append(secs)
            print(f"bench: run {i + 1}/{RUNS} scale {s} done", file=sys.stderr, flush=True)

    def med(xs):
        return statistics.median(xs)

    def cell(xs, unit="s"):
        return f"{med(xs):.2f} {unit} ({min(xs):.2f}–{max(xs):.2f})"

    lines = ["| scale | job wall | peak RSS | SQL floor | scan floor | naive peer | job/SQL floor | job/scan floor | naive/job |",
             "|---|---|---|---|---|---|---|---|---|"]
    verdicts = []
    for s in SCALES:
        r = results[s]
        job, sqlf, scan, naive = med(r["job"]), med(r["sql"]), med(r["scan"]), med(r["naive"])
        lines.append(f"| {s} | {cell(r['job'])} | {cell(r['rss'], 'MiB')} | {cell(r['sql'])} | {cell(r['scan'])} | {cell(r['naive'])} "
                     f"| {job / sqlf:.2f} | {job / scan:.2f} | {naive / job:.1f} |")
        verdicts.append((s, job / sqlf <= 1.5, job / scan <= 10, med(r["rss"]) <= 64, naive / job >= 5))
    if baselines:
        lines += ["", "| scale | BENCH_BASELINE | its job wall | its peak RSS | its job/SQL floor | its job/scan floor | job now / baseline |",
                  "|---|---|---|---|---|---|---|"]
        for s in SCALES:
            r = results[s]
            for v, _ in baselines:
                b = r["base"][v]
                base, job = med(b["job"]), med(r["job"])
                lines.append(f"| {s} | {v} | {cell(b['job'])} | {cell(b['rss'], 'MiB')} | {base / med(r['sql']):.2f} "
                             f"| {base / med(r['scan']):.2f} | {job / base:.2f} |")
    floor_lines = ["| scale | job wall | scan floor | write floor (cp -a + sync -f) | job / (scan + write) | target ≤ 2 |",
                   "|---|---|---|---|---|---|"]
    floor_verdicts = []
    for s in SCALES:
        r = results[s]
        ratio = med(r["job"]) / (med(r["scan"]) + med(r["write"]))
        floor_verdicts.append((s, ratio <= 2))
        floor_lines.append(f"| {s} | {cell(r['job'])} | {cell(r['scan'])} | {cell(r['write'])} | {ratio:.2f} | {'met' if ratio <= 2 else 'MISSED'} |")
    row_lines = ["| scale | cost | " + "".join(f"before ({v}) | " for v, _ in baselines) + "now |",
                 "|---|---|" + "---|" * len(baselines) + "---|"]
    for s in SCALES:
        r = results[s]
        for label in ("staff row", "record to fix", "page"):
            now = [x[label] for x in r["rows"] if label in x]
            if not now:
                continue
            cells = []
            for v, _ in baselines:
                b = [x[label] for x in r["base"][v]["rows"] if label in x]
                cells.append(f"{med(b):.1f} µs" if b else "—")
            cells.append(f"{med(now):.1f} µs")
            row_lines.append(f"| {s} | per {label} | " + " | ".join(cells) + " |")
    rss_ratio = ""
    if "1" in results and "5" in results:
        ratio = med(results["5"]["rss"]) / med(results["1"]["rss"])
        rss_ratio = f"RSS(scale 5) / RSS(scale 1) = {ratio:.3f} (target ≤ 1.10)"
    phase_lines = ["| scale | " + " | ".join(sorted(results[SCALES[0]]["phases"][0])) + " |",
                   "|---|" + "---|" * len(results[SCALES[0]]["phases"][0])]
    for s in SCALES:
        keys = sorted(results[s]["phases"][0])
        phase_lines.append(f"| {s} | " + " | ".join(f"{med([p.get(k, 0) for p in results[s]['phases']]):.3f}" for k in keys) + " |")
    stmt_lines = ["| scale | statement | " + "".join(f"before ({v}) | " for v, _ in baselines) + "now |",
                  "|---|---|" + "---|" * len(baselines) + "---|"]
    for s in SCALES:
        now = results[s]["stmts"]
        for label in (now[0].keys() if now else []):
            cells = []
            for v, _ in baselines:
                b = [x[label] for x in results[s]["base"][v]["stmts"] if label in x]
                cells.append(f"{med(b):.3f}" if b else "—")
            cells.append(f"{med([x[label] for x in now if label in x]):.3f}")
            stmt_lines.append(f"| {s} | {label} | " + " | ".join(cells) + " |")
    size_lines = ["| relation | " + " | ".join(f"scale {s}" for s in SCALES) + " |", "|---|" + "---|" * len(SCALES)]
    for rel in RELATIONS:
        size_lines.append(f"| {rel} | " + " | ".join(f"{sizes[s][rel]:,}" for s in SCALES) + " |")
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    pg = sh(["psql", "-X", "-At", "-d", "postgres", "-c", "SHOW server_version"]).stdout.strip()
    machine = f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}, PostgreSQL {pg} (fsync off, throw-away cluster)"
    table = "\n".join(lines)
    print(table)
    print("\n".join(floor_lines))
    print("\n".join(row_lines))
    print(rss_ratio)
    for s, a, b, c, d in verdicts:
        print(f"scale {s}: job ≤ 1.5× SQL floor {'met' if a else 'MISSED'}; job ≤ 10× scan floor {'met' if b else 'MISSED'}; "
              f"RSS ≤ 64 MiB {'met' if c else 'MISSED'}; naive ≥ 5× job {'met' if d else 'MISSED'}")
    doc = f"""# Benchmarks

`make bench` (scripts/bench.sh → bench/bench.py) generated by the last run on {time.strftime('%Y-%m-%d')}.
As-of day {AS_OF}; {RUNS} runs per measure, alternating scales and measures in one session;
medians with min–max. Machine: {machine}.

- **job**: `thidua run` (release build) end to end, wall time and peak RSS (`/usr/bin/time -v`).
- **SQL floor**: the job's own statements (captured with `THIDUA_SQL_TRACE`), replayed through psql
  with the same parameters in one read-only snapshot, output discarded.
- **scan floor**: one `SELECT count(*)` over every relation the job reads.
- **naive peer**: `bench/naive_peer.py`, psycopg pulling the raw rows and computing the unit metrics
  in Python.
- **BENCH_BASELINE** (when set): other builds' `thidua` (paths separated by spaces, each named by
  its `--version`), run in the same rounds against the same floors: here 0.4.0 (issue 22: the plan
  engine against 0.4.0's fixed code) and 0.5.0 (issue 24: before and after).

## Results

{table}

{rss_ratio}

Targets (issue 15): job ≤ 1.5 × SQL floor; job ≤ 10 × scan floor; peak RSS ≤ 64 MiB at scale 1
and scale 5 within +10%; naive peer ≥ 5 × slower than the job. The SQL floor replays the statements
one after another on one session; the job runs them on two sessions of one snapshot.

""" + "\n".join(f"- scale {s}: SQL floor {'met' if a else 'missed'}, scan floor {'met' if b else 'missed'}, "
                f"RSS {'met' if c else 'missed'}, naive peer {'met' if d else 'missed'}" for s, a, b, c, d in verdicts) + f"""

## Issue 24: the job against reading the warehouse once and writing its files once

The **write floor** is the job's own published run copied with `cp -a` into a fresh folder on the
same filesystem, then `sync -f`. Target: job ≤ 2 × (scan floor + write floor).

{chr(10).join(floor_lines)}

The job's **per-row costs**: each streaming phase's wall time (from the manifest) over what it wrote:
the `staff` phase over the rows of staff_metrics.csv, `quality_records` over the records to fix,
`html` over the pages.

{chr(10).join(row_lines)}

## The job's phases (median seconds, from its manifest)

The staff are read on the second session while the first reads the fact relations and the
anomalies (`queries`) and then streams the records to fix (`quality_records`, with their ~700 files),
so `staff` overlaps the other two.

{chr(10).join(phase_lines)}

## Each statement (median seconds, psql `\\timing`, one snapshot)

{chr(10).join(stmt_lines)}

## Data sizes (rows)

{chr(10).join(size_lines)}

## Rerun

    make bench                      # BENCH_RUNS=5 BENCH_SCALES="1 5" AS_OF=2026-03-15

The databases `bench_s1` and `bench_s5` stay in the throw-away cluster between runs (regenerated
when the generator changes).
"""
    notes = os.path.join(ROOT, "docs", "benchmarks-notes.md")
    if os.path.exists(notes):
        doc += "\n" + open(notes).read()
    with open(os.path.join(ROOT, "docs", "benchmarks.md"), "w") as f:
        f.write(doc)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
