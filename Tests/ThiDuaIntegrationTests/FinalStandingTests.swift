import Foundation
import Testing
import TestSupport
import ThiDuaCore
import ThiDuaReport

/// Issue 12: after 30/06/2026 every nightly run publishes the final standing. Every figure read on
/// a window ending at E is the same whatever the later day D; a milestone never contradicts the
/// metric it restates; an impossible rate never tops a leaderboard.
@Suite("the final standing (SPEC §2, §4.3, §4.6)")
struct FinalStandingTests {
    /// Province P with a department D1 and a regional unit R1; SPP units S (headcount 1, three
    /// level-5 learners: an impossible rate) and T. Activity after E = 30/06/2026 is planted
    /// everywhere it could leak: trainings, platform use, a first LuyenAI day, a retro entry,
    /// a record, a document, an initiative, a core group and a discipline case.
    static let fixture: String = {
        var s = Fx.unit("P", "provincial", headcount: 20) + Fx.unit("D1", "department", parent: "P", headcount: 5)
        s += Fx.unit("R1", "regional", parent: "P", headcount: 5)
        s += Fx.unit("S", "spp_unit", headcount: 1) + Fx.unit("T", "spp_unit", headcount: 10)
        for (id, unit, role) in [("s1", "S", "leader"), ("s2", "S", "prosecutor"), ("s3", "S", "prosecutor"),
                                 ("t1", "T", "prosecutor"), ("t2", "T", "leader"), ("t3", "T", "inspector"),
                                 ("p1", "P", "leader"), ("d1", "D1", "prosecutor"), ("r1", "R1", "prosecutor")] {
            s += Fx.staff(id, unit: unit, role: role)
        }
        s += Fx.cases("S", "s-in", count: 10, accepted: "2026-03-01", e2e: 9, prosecutor: "s2")
        s += Fx.cases("S", "s-after", count: 5, accepted: "2026-07-02", e2e: 0, prosecutor: "s2")
        s += Fx.cases("T", "t-retro", count: 4, accepted: "2025-11-01", entered: "2025-12-15", prosecutor: "t1")
        s += Fx.cases("T", "t-retro-late", count: 1, accepted: "2025-11-02", entered: "2026-08-01", prosecutor: "t1")
        s += Fx.cases("D1", "d", count: 6, accepted: "2026-02-01", e2e: 6, status: "open", updated: "2026-05-20")
        s += """
            INSERT INTO luyenai_daily VALUES
              ('s1','2025-12-20',5,30), ('s2','2025-12-21',6,30), ('s3','2025-12-22',5,30),
              ('t1','2025-12-20',5,30), ('t1','2026-08-01',7,90),
              ('t2','2026-08-01',5,60),                      -- first study only after E
              ('p1','2026-02-01',2,10), ('d1','2026-03-01',3,15), ('r1','2026-09-01',4,20);
            INSERT INTO platform_usage VALUES
              ('s1','2026-06-20',4), ('s2','2026-06-30',1),   -- inside the 30 days ending at E
              ('s3','2026-07-01',9), ('s3','2026-11-20',9),   -- only after E
              ('t1','2026-11-27',3), ('t2','2026-06-01',2), ('p1','2026-07-15',5), ('d1','2026-06-15',1);
            INSERT INTO training_session VALUES
              ('h1','D1','qlahs','2026-03-01','t','hands_on',5),   -- one round in each sub-unit:
              ('h2','R1','qlahs','2026-05-01','t','hands_on',5),   -- two rounds on P's whole scope
              ('a-late','S','ai','2026-07-01','t','class',9),     -- after E: never counts
              ('q-late','T','qlahs','2026-07-01','t','class',9),
              ('q-s','S','qlahs','2026-02-01','t','seminar',9);
            INSERT INTO training_role VALUES ('a-late','s1','trainer'), ('q-s','s2','trainer'), ('q-late','t1','trainer');
            INSERT INTO procedural_document VALUES ('doc1','x','S','2026-03-01',true,true), ('doc2','x','S','2026-07-05',false,false);
            INSERT INTO initiative VALUES ('i1','T','ai','x','2026-07-10',true), ('i2','S','ai','x','2026-05-10',true);
            INSERT INTO initiative_author VALUES ('i1','t1'), ('i2','s3');
            INSERT INTO core_group VALUES ('g1','T','core_learners','2026-07-20');
            INSERT INTO core_group_member VALUES ('g1','t3');
            INSERT INTO discipline VALUES ('t3','under_review','2026-08-01',NULL);
            INSERT INTO infrastructure VALUES ('S','lan',1,1,'2025-12-10'), ('T','lan',1,1,'2025-12-18');
            """
        return s
    }()

    static let csvFiles = ["unit_metrics", "staff_metrics", "milestones", "award_shortlist", "dossiers",
                           "data_quality_records", "anomalies"]
    /// Columns defined at D itself, not on a window ending at E (SPEC §2: "dossier and milestone
    /// statuses use D"; the pace of a milestone is the 14 days up to D).
    static let columnsAtD: Set<String> = ["as_of", "projected_on", "days_left"]

    @Test("two days after the period end give identical figures in every CSV")
    func identicalAfterEnd() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Self.fixture)
        let scratch = try ScratchFolder()
        for d in ["2026-07-01", "2026-11-28"] {
            let run = try runThidua(["run", "--db", db.conninfo, "--as-of", d, "--out", scratch.path])
            #expect(run.status == 0, "\(run.all)")
        }
        var compared = 0
        for file in Self.csvFiles {
            let early = try csvRows("\(scratch.path)/2026-07-01/csv/\(file).csv")
            let late = try csvRows("\(scratch.path)/2026-11-28/csv/\(file).csv")
            #expect(early.count == late.count, "\(file): row count")
            for (a, b) in zip(early, late) {
                for (column, value) in a where !Self.columnsAtD.contains(column) {
                    #expect(b[column] == value, "\(file).\(column): \(value) on 01/07 but \(b[column] ?? "nil") on 28/11")
                    compared += 1
                }
            }
        }
        #expect(compared > 300)
        // What after E must not count, as the spec reads it.
        let units = try csvRows("\(scratch.path)/2026-11-28/csv/unit_metrics.csv")
        let s = try #require(units.first { $0["unit_id"] == "S" })
        #expect(s["e2e_total"] == "10")
        #expect(s["ai_training_met"] == "false", "a class on 01/07 is after E")
        #expect(s["proficiency_rate"] == "0.666667", "s3 used the platform only after E")
        #expect(s["docs_total"] == "1")
        let t = try #require(units.first { $0["unit_id"] == "T" })
        #expect(t["retro_entered"] == "4")
        #expect(t["participation_rate"] == "0.333333", "t2 first studied after E")
        #expect(t["qlahs_training_met"] == "false")
        #expect(t["ai_products"] == "0")
        let milestones = try csvRows("\(scratch.path)/2026-11-28/csv/milestones.csv")
        func m(_ unit: String, _ kind: String) -> [String: String]? {
            milestones.first { $0["unit_id"] == unit && $0["milestone"] == kind }
        }
        #expect(m("S", "ai_training")?["status"] == "missed", "a training after E never turns missed into met_late")
        #expect(m("S", "ai_training")?["value"] == "0")
        #expect(m("T", "qlahs_training")?["status"] == "missed")
        #expect(m("S", "proficiency")?["value"] == "2")
        #expect(m("S", "proficiency")?["target"] == "3")
        #expect(m("T", "retro_entry")?["status"] == "missed", "an entry on 01/08 is after E")
        #expect(m("T", "retro_entry")?["value"] == "4")
        #expect(m("T", "luyenai_participation")?["value"] == "1")
        #expect(m("P", "qlahs_training")?["status"] == "met", "two hands-on rounds over P's whole scope")
        #expect(m("P", "qlahs_training")?["completed_on"] == "2026-05-01")
        let p = try #require(units.first { $0["unit_id"] == "P" && $0["bloc"] == "provincial" })
        #expect(p["qlahs_training_met"] == "true")
        let staff = try csvRows("\(scratch.path)/2026-11-28/csv/staff_metrics.csv")
        #expect(staff.first { $0["staff_id"] == "t1" }?["level_now"] == "5", "level 7 reached after E")
        #expect(staff.first { $0["staff_id"] == "t3" }?["disciplined"] == "false", "discipline from 01/08 is after E")
        #expect(staff.first { $0["staff_id"] == "t3" }?["core_group_member"] == "false")
    }

    /// Each milestone names the measures it restates (PLAN-LANGUAGE.md §11): its value and target
    /// are those measures on the member's scope, read from the plan, never a figure of its own.
    static func contradictions(_ c: TestRun, asOf: Day) -> [String] {
        var out: [String] = []
        for member in c.report.members {
            let s = UnitView(plan: c.plan, figures: member)
            let rows = c.report.milestones.filter { $0.bloc == member.bloc && $0.unitID == member.unit.id }
            let name = "\(member.bloc)/\(member.unit.id)"
            if rows.map(\.milestone) != Array(c.plan.milestones.indices) { out.append("\(name): milestones \(rows.map(\.milestone))") }
            func check(_ r: MilestoneFigure, _ value: Int, _ target: Int) {
                if r.value != value || r.target != target {
                    out.append("\(name) \(c.plan.milestones[r.milestone].id): milestone \(r.value)/\(r.target), metric \(value)/\(target)")
                }
            }
            for r in rows where c.plan.milestones.indices.contains(r.milestone) {
                let milestone = c.plan.milestones[r.milestone]
                switch milestone.kind {
                case .restates(let criterion, _):
                    guard let rate = c.plan.criteria[criterion].rate else { out.append("\(milestone.id): not a rate"); continue }
                    let (n, d) = (member.value(rate.numerator) ?? 0, member.value(rate.denominator) ?? 0)
                    check(r, d > 0 ? n : 0, d > 0 ? d : 0)
                case .allDone(let value, let target, _, _, _):
                    check(r, member.measures[value] ?? 0, member.measures[target] ?? 0)
                case .stateFrom(let value, let target, _):
                    let (n, d) = (member.value(value) ?? 0, member.value(target) ?? 0)
                    check(r, asOf < milestone.deadline || d > 0 ? n : 0, asOf < milestone.deadline || d > 0 ? d : 0)
                case .firstReached(let measure, let k):
                    check(r, member.measures[measure] ?? 0, k)
                    // The at_least criterion on the same measure and k says the same.
                    for (i, criterion) in c.plan.criteria.enumerated() {
                        guard case .atLeast(.measure(measure), k) = criterion.kind else { continue }
                        if (r.value >= k) != member.flags[i] {
                            out.append("\(name) \(milestone.id): milestone \(r.value) but \(criterion.id)_met=\(member.flags[i])")
                        }
                    }
                }
            }
            // A rate is its numerator over its denominator.
            for (i, criterion) in c.plan.criteria.enumerated() {
                guard let rate = criterion.rate, let d = member.value(rate.denominator), d > 0, let n = member.value(rate.numerator) else { continue }
                if s.rate(criterion.id).map({ ($0.numerator, $0.denominator) }) ?? (0, 0) != (n, d) {
                    out.append("\(name): \(criterion.id)_rate \(String(describing: member.rates[i])) is not \(n)/\(d)")
                }
            }
        }
        return out
    }

    @Test("no page contradicts itself: before go-live, mid-period and after the period, demo data and fixture")
    func noContradiction() throws {
        let demo = try demoDatabase()
        defer { demo.drop() }
        let fixture = try TestDatabase()
        defer { fixture.drop() }
        try fixture.sql(Self.fixture)
        for asOf in ["2025-12-20", "2026-03-15", "2026-07-01", "2026-11-28"] {
            let c = try compute(demo, asOf: asOf)
            #expect(c.report.members.count > 50)
            #expect(c.report.milestones.count == c.report.members.count * c.plan.milestones.count)
            let day = try #require(Day(iso: asOf))
            let found = Self.contradictions(c, asOf: day) + Self.contradictions(try compute(fixture, asOf: asOf), asOf: day)
            #expect(found.isEmpty, "as of \(asOf): \(found.prefix(10))")
        }
        // The check can fail: one milestone value off by one on every milestone kind is found.
        let c = try compute(fixture, asOf: "2026-03-15")
        for kind in c.plan.milestones.indices {
            var milestones = c.report.milestones
            let i = try #require(milestones.firstIndex { $0.milestone == kind })
            milestones[i].value += 1
            let tampered = TestRun(plan: c.plan, report: PlanComputation(members: c.report.members, milestones: milestones,
                                                                         unitNominations: [], anomalies: []), staff: [])
            #expect(Self.contradictions(tampered, asOf: try #require(Day(iso: "2026-03-15"))).isEmpty == false, "\(c.plan.milestones[kind].id)")
        }
    }

    @Test("an impossible rate is listed, unranked for its criterion and flagged on its page and on the index")
    func impossibleRate() throws {
        let (db, scratch, dir) = try publishedRun(of: Self.fixture, asOf: "2026-11-28")
        defer { db.drop(); _ = scratch }
        let units = try csvRows("\(dir)/csv/unit_metrics.csv")
        let s = try #require(units.first { $0["unit_id"] == "S" })
        #expect(s["level5_staff"] == "3")
        #expect(s["level5_rate"] == "3.000000", "the CSV keeps the computed value")
        #expect(s["level5_rank"] == "", "no rank for an impossible rate")
        #expect(units.first { $0["unit_id"] == "T" }?["level5_rank"] == "1")
        let anomalies = try csvRows("\(dir)/csv/anomalies.csv")
        #expect(anomalies.filter { $0["key"] == "S" && $0["problem"] == "level5_above_headcount" }.count == 1)
        let flag = "⚠ " + PlanLabels(.vi)["impossible"]
        let page = try String(contentsOfFile: "\(dir)/units/S.html", encoding: .utf8)
        #expect(page.contains(flag))
        #expect(page.contains(PlanLabels(.vi)["impossible_note"]))
        let index = try String(contentsOfFile: "\(dir)/index.html", encoding: .utf8)
        #expect(index.contains(flag))
        let tPage = try String(contentsOfFile: "\(dir)/units/T.html", encoding: .utf8)
        #expect(!tPage.contains(flag), "a possible rate is not flagged")
    }
}
