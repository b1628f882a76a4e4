import Foundation
import Testing
import TestSupport
import ThiDuaCore
@testable import ThiDuaPlan

@Suite struct ShippedPlanTests {
    @Test func listing19ChecksClean() throws {
        let plan = try #require(checked(try fixture("listing-19.yaml")))
        #expect(plan.plan.criteria.count == 17)
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }

    @Test func listing21ChecksClean() throws {
        let plan = try #require(checked(try fixture("listing-21.yaml")))
        #expect(plan.plan.milestones.count == 2)
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }
}

@Suite struct ShippedFilesTests {
    func load(_ relative: String) throws -> CheckedPlan {
        try PlanReader.load(path: "\(repositoryRoot)/\(relative)")
    }

    @Test func shippedPlan251ChecksCleanWithoutWarnings() throws {
        let checked = try load("plans/251-KH-VKSTC.yaml")
        #expect(checked.warnings.isEmpty)
        #expect(checked.sha256.count == 64)
        #expect(checked.plan.output.keyDates.count == 8)
        #expect(checked.plan.output.columnDocs["e2e_priority"] == "e2e_rate ≥ e2e_priority_rate (0.98), compared exactly")
        #expect(checked.plan.measures.allSatisfy { $0.doc != nil })
        #expect(checked.plan.metrics.allSatisfy { $0.doc != nil })
        #expect(checked.plan.criteria.allSatisfy { $0.doc != nil })
    }

    @Test func shippedPlan2ChecksCleanWithoutWarnings() throws {
        let checked = try load("plans/KH-TD-6T-2026.yaml")
        #expect(checked.warnings.isEmpty)
        let listing = try #require(PlanReaderTestsSupport.plan(try fixture("listing-21.yaml")))
        #expect(checked.plan.criteria == listing.criteria)
        #expect(checked.plan.measures == listing.measures)
        #expect(checked.plan.milestones == listing.milestones)
        // §21's default layout.
        let columns = PlanColumns.unitMetrics(checked.plan)
        #expect(Array(columns.prefix(27)) == PlanColumns.unitLeading + [
            "e2e_total", "e2e_done", "e2e_rate", "matter_total", "matter_done", "matter_e2e_rate", "backlog_total",
            "backlog_cleared", "backlog_rate", "stale_records", "docs_total", "docs_signed", "signature_rate",
            "signature_priority", "level7_staff", "level7_rate", "ai_classes_met", "active_staff", "recent_learners",
            "recent_participation_rate", "composite_score"])
        #expect(columns.filter { $0.hasPrefix("points_") }.count == 7)
        #expect(Array(columns.suffix(8)) == ["backlog_to_full", "signature_to_priority", "recent_participation_to_full",
                                              "e2e_to_first", "matter_e2e_to_first", "backlog_to_first", "signature_to_first", "level7_to_first"])
        #expect(PlanColumns.run(checked.plan).filter { $0.hasPrefix("individual_weight_") }.count == 5)
    }

    /// The §19 listing as the spec prints it gives the shipped file's criteria and measures (the
    /// shipped file adds only docs, labels and an English title).
    @Test func listing19EqualsShippedApartFromDocs() throws {
        let shipped = try load("plans/251-KH-VKSTC.yaml").plan
        let listing = try #require(PlanReaderTestsSupport.plan(try fixture("listing-19.yaml")))
        func noDocs(_ c: [Criterion]) -> [Criterion] { c.map { var x = $0; x.doc = nil; return x } }
        func noDocs(_ m: [Measure]) -> [Measure] { m.map { var x = $0; x.doc = nil; x.label = nil; return x } }
        func noDocs(_ m: [StaffMetric]) -> [StaffMetric] { m.map { var x = $0; x.doc = nil; x.label = nil; return x } }
        func noLabels(_ s: [ScorePart]) -> [ScorePart] { s.map { var x = $0; x.label = nil; return x } }
        #expect(noDocs(shipped.criteria) == noDocs(listing.criteria))
        #expect(noDocs(shipped.measures) == noDocs(listing.measures))
        #expect(noDocs(shipped.metrics) == noDocs(listing.metrics))
        #expect(shipped.days == listing.days)
        #expect(shipped.windows == listing.windows)
        #expect(shipped.composite.map(\.weight) == listing.composite.map(\.weight))
        #expect(noLabels(shipped.score) == noLabels(listing.score))
        #expect(shipped.quotas == listing.quotas)
        #expect(PlanColumns.unitMetrics(shipped) == PlanColumns.unitMetrics(listing))
        #expect(shipped.output.chart == 0)
        // The listing's own layout is a permutation of §15's default.
        #expect(Set(PlanColumns.defaultUnitMetrics(listing)) == Set(try #require(listing.output.unitMetricsLayout)))
        // §8 dictionary maxima.
        let bounded = listing.criteria.filter { $0.rate?.boundedByOne == true }.map(\.id)
        #expect(bounded == ["e2e", "retro", "quality", "signature", "e_record", "participation", "proficiency"])
    }
}

enum PlanReaderTestsSupport {
    static func plan(_ text: String) -> Plan? { checked(text)?.plan }
}
