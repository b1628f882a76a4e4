import Foundation
import Postgres
import Testing
import TestSupport
import ThiDuaCore
import ThiDuaPlan

/// The demo data's second half of 2026 (issue 23): the second plan (PLAN-LANGUAGE.md §21) shows real
/// figures on 29/11/2026, and plan 251's replays of its own period read as if that half were not there.
@Suite("demo data, second half of 2026", .serialized)
struct DemoSecondHalfTests {
    static let secondPlan = "\(repositoryRoot)/plans/KH-TD-6T-2026.yaml"

    @Test("on 29/11/2026 the second plan has rates that spread out and milestones in varied statuses")
    func secondPlanFigures() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let plan = try PlanReader.load(path: Self.secondPlan).plan
        let c = try compute(db, asOf: "2026-11-29", plan: plan)
        let views = c.report.members.map { UnitView(plan: plan, figures: $0) }
        let withCases = views.filter { ($0.int("e2e_total") ?? 0) > 0 }
        #expect(withCases.count > 550, "members with cases accepted since 01/07/2026: \(withCases.count)")

        func spread(_ criterion: String) -> Set<Fraction> { Set(views.compactMap { $0.rate(criterion) }) }
        for criterion in ["e2e", "matter_e2e", "backlog", "signature", "level7", "recent_participation"] {
            #expect(spread(criterion).count > 20, "\(criterion): only \(spread(criterion).count) distinct rates")
        }
        // Units with cases but no matters since July: an empty matter rate, not 0%.
        #expect(withCases.contains { $0.int("matter_total") == 0 && $0.rate("matter_e2e") == nil })
        // Signatures on both sides of the 95% priority line.
        let line = try #require(Fraction(95, 100))
        #expect(views.contains { ($0.rate("signature") ?? line) > line })
        #expect(views.contains { ($0.rate("signature") ?? line) < line })
        // Backlog: cleared in part in most units. Records left open and untouched before June stay
        // so (for plan 251's sake), so only a small unit can clear all (none at scale 1, a few here).
        #expect(views.filter { ($0.int("backlog_cleared") ?? 0) > 0 }.count > 400)
        // LuyenAI: some staff reached level 7 only in the second half.
        let july = try compute(db, asOf: "2026-07-01", plan: plan)
        let level7 = { (run: TestRun) in run.report.members.map { UnitView(plan: plan, figures: $0).int("level7_staff") ?? 0 }.reduce(0, +) }
        #expect(level7(c) > level7(july))

        let statuses = { (id: String) -> Set<MilestoneStatus> in
            guard let m = plan.milestones.firstIndex(where: { $0.id == id }) else { Issue.record("no milestone \(id)"); return [] }
            return Set(c.report.milestones.filter { $0.milestone == m }.map(\.status))
        }
        #expect(statuses("ai_classes") == [.met, .metLate, .missed])
        // Scale 1 shows all but met (at_risk, pending, not_applicable); met_late and missed cannot
        // happen before the deadline, 15/12/2026.
        #expect(statuses("backlog_clearance") == [.met, .pending, .atRisk, .notApplicable])
    }

    @Test("plan 251's CSVs on the last day of its period and after it are the same with or without the second half")
    func planOneUnmoved() throws {
        let full = try demoDatabase()
        defer { full.drop() }
        let firstHalf = try TestDatabase()
        defer { firstHalf.drop() }
        let load = try runProcess("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "scale=0.1",
                                                   "-v", "first_half_only=1", "-d", firstHalf.name,
                                                   "-f", "\(repositoryRoot)/sql/demo/generate.sql"])
        try #require(load.status == 0, "\(load.stderr)")
        let moreRows = try full.connection.query("SELECT count(*) FROM thidua.case_record")[0].decode(0, as: Int.self)
            - firstHalf.connection.query("SELECT count(*) FROM thidua.case_record")[0].decode(0, as: Int.self)
        #expect(moreRows > 1000, "the second half adds case records")

        for day in ["2026-06-29", "2026-11-29"] {
            var tables: [[String: String]] = []
            for db in [full, firstHalf] {
                let scratch = try ScratchFolder()
                let run = try runThidua(["run", "--db", db.conninfo, "--as-of", day, "--out", scratch.path])
                try #require(run.status == 0, "\(run.all)")
                var files: [String: String] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: "\(scratch.path)/\(day)/csv") where name != "run.csv" {
                    files[name] = try String(contentsOfFile: "\(scratch.path)/\(day)/csv/\(name)", encoding: .utf8)
                }
                tables.append(files)
            }
            #expect(tables[0].count > 5)
            for (name, text) in tables[1] { #expect(tables[0][name] == text, "\(day) \(name) differs") }
            #expect(Set(tables[0].keys) == Set(tables[1].keys))
        }
    }
}
