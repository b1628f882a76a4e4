import Foundation
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore
import ThiDuaPlan

@Suite("collective metrics of SPEC §4.2 on hand-built fixtures")
struct CollectiveMetricTests {
    @Test("retro window edges, entry as of D, and after the period the standing is final",
          arguments: [
            // D, retro_total, retro_entered, e2e_total, final
            ("2025-12-15", 3, 1, 0, false),   // window [10-01, 12-15]; the 12-31 record does not exist yet
            ("2026-01-05", 4, 2, 1, false),   // window [10-01, 12-31]; entered 01-10 is not entered yet
            ("2026-07-10", 4, 3, 2, true),    // E = 06-30: the 07-01 record is outside every window
          ])
    func retroWindow(asOf: String, total: Int, entered: Int, e2eTotal: Int, final: Bool) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var s = Fx.unit("U", "spp_unit")
        s += Fx.cases("U", "before", count: 1, accepted: "2025-09-30")              // before retro_from
        s += Fx.cases("U", "first", count: 1, accepted: "2025-10-01", entered: "2025-10-02")
        s += Fx.cases("U", "mid", count: 1, accepted: "2025-11-15", entered: .some(nil))
        s += Fx.cases("U", "late-entry", count: 1, accepted: "2025-12-01", entered: "2026-01-10")
        s += Fx.cases("U", "last", count: 1, accepted: "2025-12-31", entered: "2026-01-03")
        s += Fx.cases("U", "golive", count: 1, accepted: "2026-01-01")              // e2e, not retro
        s += Fx.cases("U", "after-end", count: 1, accepted: "2026-07-01")
        s += Fx.cases("U", "in-period", count: 1, accepted: "2026-06-30")
        try db.sql(s)
        let c = try compute(db, asOf: asOf)
        let u = try #require(c.standing("spp", "U"))
        #expect(u.int("retro_total") == total)
        #expect(u.int("retro_entered") == entered)
        #expect(u.int("e2e_total") == e2eTotal)
        let days = ResolvedDays(plan: c.plan, asOf: try #require(Day(iso: asOf)))
        #expect(days.isFinal == final)
        if final { #expect(days.end == Day(iso: "2026-06-30")) }
    }

    @Test("quality: entered by E only; missing, errors and stale on the stale_days edge")
    func quality() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var s = Fx.unit("U", "spp_unit")
        // D = E = 2026-03-15; stale when open and last updated on or before 2026-02-13.
        s += Fx.cases("U", "clean", count: 3, accepted: "2026-01-10", status: "open", updated: "2026-03-01")
        s += Fx.cases("U", "stale", count: 1, accepted: "2026-01-10", status: "open", updated: "2026-02-13")
        s += Fx.cases("U", "fresh", count: 1, accepted: "2026-01-10", status: "open", updated: "2026-02-14")
        s += Fx.cases("U", "closed-old", count: 1, accepted: "2026-01-10", status: "closed", updated: "2026-01-11")
        s += Fx.cases("U", "missing", count: 2, accepted: "2026-01-10", missing: 2, updated: "2026-03-01")
        s += Fx.cases("U", "errors", count: 1, accepted: "2026-01-10", errors: 1, updated: "2026-03-01")
        s += Fx.cases("U", "later-entry", count: 4, accepted: "2026-03-10", entered: "2026-03-16", missing: 1)
        try db.sql(s)
        let u = try #require(try compute(db, asOf: "2026-03-15").standing("spp", "U"))
        #expect(u.int("quality_total") == 9)
        #expect(u.int("quality_clean") == 6)
        #expect(u.int("missing_field_records") == 2)
        #expect(u.int("error_records") == 1)
        #expect(u.int("stale_records") == 1)
        #expect(u.rate("quality") == Fraction(6, 9))
    }

    @Test("documents from go_live, trainings by format, initiatives and AI products in the period")
    func documentsTrainingsInitiatives() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var s = ""
        for u in ["T1", "T2", "T3", "T4"] { s += Fx.unit(u, "spp_unit") }
        s += """
            INSERT INTO procedural_document VALUES
              ('d0','c','T1','2025-12-31',true,true), ('d1','c','T1','2026-01-01',true,false),
              ('d2','c','T1','2026-03-15',false,true), ('d3','c','T1','2026-03-16',true,true);
            INSERT INTO training_session VALUES
              ('h1','T1','qlahs','2026-01-05','t','hands_on',5), ('h2','T1','qlahs','2026-02-05','t','hands_on',5),
              ('h3','T2','qlahs','2026-01-05','t','hands_on',5),
              ('s1','T3','qlahs','2026-01-05','t','seminar',5), ('a1','T3','ai','2026-01-05','t','hands_on',5),
              ('a2','T4','ai','2025-12-11','t','class',5), ('a3','T4','ai','2026-03-16','t','class',5);
            INSERT INTO initiative VALUES
              ('i1','T1','qlahs','x','2026-01-10',false), ('i2','T1','ai','x','2026-01-10',true),
              ('i3','T1','ai','x','2026-01-10',false), ('i4','T1','ai','x',NULL,true), ('i5','T1','ai','x','2025-12-11',true);
            """
        try db.sql(s)
        let c = try compute(db, asOf: "2026-03-15")
        let t1 = try #require(c.standing("spp", "T1"))
        #expect(t1.int("docs_total") == 2)
        #expect(t1.rate("signature") == Fraction(1, 2))
        #expect(t1.rate("e_record") == Fraction(1, 2))
        #expect(t1.flag("qlahs_training"))
        #expect(t1.int("qlahs_trainings") == 2)
        #expect(t1.int("qlahs_initiatives") == 1)
        #expect(t1.int("ai_products") == 1)
        #expect(c.standing("spp", "T2")?.flag("qlahs_training") == false)
        let t3 = try #require(c.standing("spp", "T3"))
        #expect(t3.flag("qlahs_training"))
        #expect(!t3.flag("ai_training"))
        let t4 = try #require(c.standing("spp", "T4"))
        #expect(!t4.flag("ai_training"))
        #expect(t4.int("ai_trainings") == 0)
    }

    @Test("level 5 over biên chế at the cutoff, participation and proficiency windows")
    func staffMetrics() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var s = Fx.unit("U", "spp_unit", headcount: 4) + Fx.unit("Z", "spp_unit", headcount: 0)
        s += Fx.staff("s1", unit: "U") + Fx.staff("s2", unit: "U") + Fx.staff("s3", unit: "U", role: "leader")
        s += Fx.staff("s4", unit: "U", active: false) + Fx.staff("z1", unit: "Z")
        s += """
            INSERT INTO luyenai_daily VALUES
              ('s1','2025-12-31',5,20),                              -- level 5 on the cutoff: counts
              ('s2','2025-12-30',4,10), ('s2','2026-01-02',5,30),    -- level 5 after the cutoff: not
              ('s3','2025-12-01',6,0), ('s3','2025-12-20',3,0),      -- latest before cutoff is 3; never studied
              ('s4','2025-12-01',7,50),                              -- inactive: not counted
              ('z1','2025-12-01',7,50);
            INSERT INTO platform_usage VALUES
              ('s1','2026-02-14',3),     -- E − 29 (E = 2026-03-15): inside the 30-day window
              ('s2','2026-02-13',9),     -- E − 30: outside
              ('s3','2026-03-15',1);
            """
        try db.sql(s)
        let c = try compute(db, asOf: "2026-03-15")
        let u = try #require(c.standing("spp", "U"))
        #expect(u.int("level5_staff") == 1)
        #expect(u.rate("level5") == Fraction(1, 4))
        #expect(u.int("active_staff") == 3)
        #expect(u.rate("participation") == Fraction(2, 3))
        #expect(u.rate("proficiency") == Fraction(2, 3))
        let z = try #require(c.standing("spp", "Z"))
        #expect(z.rate("level5") == nil, "headcount 0 gives an empty rate")
        #expect(z.rank("level5") == nil)
        #expect(c.anomalies.contains { $0.key == "Z" && $0.problem == "headcount_not_positive" })
    }

    @Test("a custom plan file's weights drive the composite score")
    func customPlan() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Fx.unit("U", "spp_unit") + Fx.unit("V", "spp_unit") +
                   Fx.cases("U", "u", count: 4, accepted: "2026-02-01", e2e: 3) +
                   Fx.cases("V", "v", count: 4, accepted: "2026-02-01", e2e: 1))
        let scratch = try ScratchFolder()
        var plan = try shippedPlanText()
        for (k, v) in [("e2e_rate", "100"), ("retro_rate", "0"), ("quality_rate", "0"), ("signature_rate", "0"),
                       ("level5_rate", "0"), ("qlahs_training_met", "0"), ("ai_training_met", "0"), ("ai_products", "0")] {
            plan = try replacingWeight(of: k, with: v, in: plan)
        }
        let planPath = scratch.path + "/plan.yaml"
        try plan.write(toFile: planPath, atomically: true, encoding: .utf8)
        let out = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path + "/out", "--plan", planPath])
        #expect(out.status == 0, "\(out.all)")
        let rows = try csvRows(scratch.path + "/out/2026-03-15/csv/unit_metrics.csv")
        #expect(rows.first { $0["unit_id"] == "U" }?["composite_score"] == "75.0000")
        #expect(rows.first { $0["unit_id"] == "V" }?["composite_score"] == "25.0000")
        #expect(rows.first { $0["unit_id"] == "U" }?["composite_rank"] == "1")

        let badDay = editing(try shippedPlanText(), "period_start: 2025-12-12", "period_start: 2026-13-01")
        try badDay.write(toFile: planPath, atomically: true, encoding: .utf8)
        let bad = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path + "/out", "--plan", planPath])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("period_start"))
        #expect(bad.stderr.contains(planPath))
    }

    @Test("provincial totals equal the sum over the subtree, for random data", arguments: [1, 2, 3, 4, 5])
    func provincialRollUp(seed: Int) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var rng = SeededGenerator(seed: UInt64(seed))
        var s = Fx.unit("P", "provincial") + Fx.unit("Q", "provincial")
        let subs = (1...Int(rng.next() % 5 + 2)).map { "P-\($0)" }
        for (i, u) in subs.enumerated() { s += Fx.unit(u, i % 2 == 0 ? "department" : "regional", parent: "P") }
        for (i, u) in (["P", "Q"] + subs).enumerated() {
            let n = Int(rng.next() % 40)
            let day = 1 + Int(rng.next() % 28)
            s += Fx.cases(u, "c\(i)", count: n, accepted: "2026-02-\(day < 10 ? "0" : "")\(day)", e2e: Int(rng.next() % UInt64(n + 1)),
                          missing: Int(rng.next() % 2))
        }
        try db.sql(s)
        let c = try compute(db, asOf: "2026-03-15")
        let p = try #require(c.standing("provincial", "P"))
        let direct = try db.connection.query("""
            SELECT count(*), count(*) FILTER (WHERE end_to_end), count(*) FILTER (WHERE missing_required_fields > 0)
            FROM thidua.case_record WHERE unit_id IN (SELECT unit_id FROM thidua.unit WHERE unit_id = 'P' OR parent_id = 'P')
            """)[0]
        #expect(p.int("e2e_total") == (try direct.decode(0, as: Int.self)))
        #expect(p.int("e2e_done") == (try direct.decode(1, as: Int.self)))
        #expect(p.int("missing_field_records") == (try direct.decode(2, as: Int.self)))
        // P's own rows (the sub bloc measures each sub-unit on its own rows and does not hold P).
        let own = try db.connection.query("SELECT count(*) FROM thidua.case_record WHERE unit_id = 'P'")[0].decode(0, as: Int.self)
        let subMembers = c.members(.sub("P"))
        let subSum = subMembers.reduce(0) { $0 + ($1.int("e2e_total") ?? 0) }
        #expect(p.int("e2e_total") == subSum + own)
        #expect(subMembers.count == subs.count)
    }
}

