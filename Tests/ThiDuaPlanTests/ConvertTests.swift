import Foundation
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore
@testable import ThiDuaPlan

@Suite struct ConvertTests {
    /// Everything but docs and labels (which the shipped file writes in today's wording).
    func comparable(_ p: Plan) -> Plan {
        var p = p
        p.measures = p.measures.map { var m = $0; m.doc = nil; m.label = nil; return m }
        p.metrics = p.metrics.map { var m = $0; m.doc = nil; m.label = nil; return m }
        p.criteria = p.criteria.map { var c = $0; c.doc = nil; return c }
        p.composite = p.composite.map { var c = $0; c.label = nil; return c }
        p.score = p.score.map { var s = $0; s.label = nil; return s }
        // The shipped file also titles the plan in English; a value-only file had one title.
        p.title = Label(vi: p.title.vi, en: p.title.vi)
        p.milestones = p.milestones.map { var m = $0; m.label = Label(id: m.id); return m }
        p.eligibility = p.eligibility.map { var e = $0; e.label = nil; return e }
        p.recordsToFix = p.recordsToFix.map { var r = $0; r.label = nil; return r }
        p.output.leaders = p.output.leaders.map { var l = $0; l.label = Label(id: l.id); return l }
        p.output.keyDates = []
        p.output.columnDocs = [:]
        return p
    }

    func same(_ a: Plan, _ b: Plan) {
        #expect(a.name == b.name && a.title == b.title)
        #expect(a.days == b.days)
        #expect(a.windows == b.windows)
        #expect(a.measures == b.measures)
        #expect(a.criteria == b.criteria)
        #expect(a.composite == b.composite)
        #expect(a.metrics == b.metrics)
        #expect(a.score == b.score)
        #expect(a.milestones == b.milestones)
        #expect(a.quotas == b.quotas)
        #expect(a.unitOrder == b.unitOrder && a.staffOrder == b.staffOrder)
        #expect(a.eligibility == b.eligibility && a.dossiers == b.dossiers && a.recordsToFix == b.recordsToFix)
        #expect(a.output == b.output)
        #expect(a.subKinds == b.subKinds)
    }

    @Test func todaysValueOnlyPlanConvertsToTheShippedPlan() throws {
        let old = try LegacyPlanFile.load(path: "\(repositoryRoot)/Tests/fixtures/plan-251-value-only-0.4.0.yaml",
                                          names: try PlanConvert.legacyNames())
        let converted = try #require(checked(PlanConvert.languageOne(from: old), file: "converted.yaml"))
        #expect(converted.warnings.isEmpty)
        let shipped = try PlanReader.load(path: "\(repositoryRoot)/plans/251-KH-VKSTC.yaml")
        same(comparable(converted.plan), comparable(shipped.plan))
    }

    @Test func theOldFilesValuesAreSubstituted() throws {
        var text = try readRepositoryFile("Tests/fixtures/plan-251-value-only-0.4.0.yaml")
        for (a, b) in [("stale_days: 30", "stale_days: 45"), ("proficiency_window_days: 30", "proficiency_window_days: 7"),
                       ("proficiency_min_actions: 1", "proficiency_min_actions: 3"), ("luyenai_level_target: 5", "luyenai_level_target: 6"),
                       ("level_scale_max: 10", "level_scale_max: 12"), ("e2e_priority_rate: 0.98", "e2e_priority_rate: 0.955"),
                       ("  e2e_rate: 30", "  e2e_rate: 27.5"), ("  retro_rate: 15", "  retro_rate: 17.5"),
                       ("  e2e_full: \"I.1, II.1\"\n", ""), ("  proficiency: \"II.1\"", "  proficiency: \"II.1 \\\"b\\\"\""),
                       ("name: \"251/KH-VKSTC\"", "name: \"251/KH-VKSTC (sửa đổi)\""), ("collective_share: 0.10", "collective_share: 0.125")] {
            #expect(text.contains(a), "\(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        let old = try LegacyPlanFile.parse(text, file: "old.yaml", names: try PlanConvert.legacyNames())
        let plan = try #require(checked(PlanConvert.languageOne(from: old), file: "converted.yaml")).plan
        #expect(plan.name == "251/KH-VKSTC (sửa đổi)")
        #expect(plan.days.first { $0.id == "stale_cutoff" }?.text == "E - 45d")
        #expect(plan.windows.first { $0.id == "proficiency" }?.window.fromText == "E - 6d")
        #expect(plan.criteria[0].rate?.priorityAt == Fraction(955, 1000))
        #expect(plan.composite.map(\.weight).prefix(2) == [275_000, 175_000])
        #expect(plan.quotas.collectiveShare == Decimal(string: "0.125"))
        #expect(plan.score.first { $0.id == "level" }?.kind == .scaled(metric: 4, max: 12))
        #expect(plan.milestones.first { $0.id == "e2e_full" }?.clause == "I.1, II.1")
        #expect(plan.milestones.first { $0.id == "proficiency" }?.clause == "II.1 \"b\"")
        let level5 = try #require(plan.measures.first { $0.id == "level5_staff" })
        #expect(level5.kind == .staff(where: .all([.test(.metric(5), [.gte(.literal(6))])])))
    }
}
