import Foundation
import Testing
@testable import ThiDuaCore

@Suite("engine: milestones of four kinds (PLAN-LANGUAGE.md §11)")
struct EngineMilestoneTests {
    struct Paced: Sendable, CustomStringConvertible {
        var asOf: String, value: Int, target: Int, latest: String?, recent: Int
        var status: MilestoneStatus, completed: String?, projected: String?
        var description: String { "D=\(asOf) \(value)/\(target) → \(status)" }
    }

    /// all_done over two row counts, deadline 2026-01-01, pace 14 days.
    @Test("all_done rules 1–3 on the day before, on and after the deadline", arguments: [
        Paced(asOf: "2026-01-05", value: 0, target: 0, latest: nil, recent: 0, status: .notApplicable, completed: nil, projected: nil),
        Paced(asOf: "2026-01-05", value: 5, target: 5, latest: "2026-01-01", recent: 3, status: .met, completed: "2026-01-01", projected: nil),
        Paced(asOf: "2026-01-05", value: 5, target: 5, latest: "2026-01-02", recent: 3, status: .metLate, completed: "2026-01-02", projected: nil),
        Paced(asOf: "2026-01-05", value: 5, target: 5, latest: nil, recent: 0, status: .met, completed: nil, projected: nil),
        Paced(asOf: "2025-12-31", value: 4, target: 5, latest: nil, recent: 14, status: .pending, completed: nil, projected: "2026-01-01"),
        Paced(asOf: "2025-12-31", value: 3, target: 5, latest: nil, recent: 2, status: .atRisk, completed: nil, projected: "2026-01-14"),
        Paced(asOf: "2025-12-31", value: 3, target: 5, latest: nil, recent: 0, status: .atRisk, completed: nil, projected: nil),
        Paced(asOf: "2026-01-01", value: 4, target: 5, latest: nil, recent: 28, status: .atRisk, completed: nil, projected: "2026-01-02"),
        Paced(asOf: "2026-01-01", value: 4, target: 5, latest: nil, recent: 29, status: .atRisk, completed: nil, projected: "2026-01-02"),
        Paced(asOf: "2026-01-02", value: 4, target: 5, latest: nil, recent: 7, status: .missed, completed: nil, projected: "2026-01-04"),
        Paced(asOf: "2026-01-02", value: 4, target: 5, latest: nil, recent: 0, status: .missed, completed: nil, projected: nil),
        // A projection after 2100-12-31, or not computable in 64 bits, is empty.
        Paced(asOf: "2025-12-31", value: 0, target: 1_000_000, latest: nil, recent: 1, status: .atRisk, completed: nil, projected: nil),
        Paced(asOf: "2025-12-31", value: 0, target: Int.max, latest: nil, recent: 1, status: .atRisk, completed: nil, projected: nil),
    ])
    func allDone(_ p: Paced) throws {
        let plan = TP.plan(measures: [TP.rows("done"), TP.rows("items")],
                           milestones: [TP.milestone("m", .allDone(value: 0, target: 1, doneOn: .column("entered_on"),
                                                                   whenEmpty: .notApplicable, paceDays: 14), deadline: "2026-01-01")])
        var f = TP.facts(plan, [0: p.value, 1: p.target])
        f.latestDone = [p.latest.map(TP.iso)]
        f.recentDone = [p.recent]
        let (c, _) = TP.run(plan, asOf: p.asOf, units: [TP.unit("s1", "spp_unit")], facts: ["s1": f])
        let row = try #require(c.milestones.first)
        #expect(row.status == p.status)
        #expect(row.value == p.value && row.target == p.target && row.deadline == TP.iso("2026-01-01"))
        #expect(row.completedOn == p.completed.map(TP.iso))
        #expect(row.projectedOn == p.projected.map(TP.iso))
    }

    @Test("all_done on staff counts: the date metric of the scope's counted staff gives the latest day (≤ D) and the pace")
    func staffAllDone() throws {
        let plan = TP.plan(measures: [TP.staff("done", TP.test(.metric(0), .isNull(false))), TP.staff("active")],
                           metrics: [TP.dateMetric("first_study")],
                           milestones: [TP.milestone("m", .allDone(value: 0, target: 1, doneOn: .metric(0), whenEmpty: .notApplicable,
                                                                   paceDays: 14), deadline: "2026-06-30")])
        let units = [TP.unit("p1", "provincial"), TP.unit("d1", "department", parent: "p1")]
        let some = [TP.person("a", unit: "p1", [.date(TP.iso("2026-03-02"))]), TP.person("b", unit: "d1", [.date(TP.iso("2026-03-01"))]),
                    TP.person("c", unit: "d1", [.date(nil)])]
        let (c, _) = TP.run(plan, asOf: "2026-03-15", units: units, staff: some)
        // Province: 2 of 3; one done in [03-02, 03-15]: D + ⌈1 × 14 / 1⌉.
        let p1 = try #require(c.milestones.first { $0.unitID == "p1" })
        #expect(p1.status == .pending && p1.value == 2 && p1.target == 3 && p1.projectedOn == TP.iso("2026-03-29"))
        let d1 = try #require(c.milestones.first { $0.unitID == "d1" })
        #expect(d1.status == .atRisk && d1.projectedOn == nil)   // pace 0 in the window
        let all = some.dropLast() + [TP.person("c", unit: "d1", [.date(TP.iso("2026-03-20"))])]
        let (done, _) = TP.run(plan, asOf: "2026-03-15", units: units, staff: Array(all))
        // c's day lies after D: counted by the measure, ignored for the completion day.
        #expect(done.milestones.map(\.status) == [.met, .met])
        #expect(done.milestones.map(\.completedOn) == [TP.iso("2026-03-02"), TP.iso("2026-03-01")])
    }

    @Test("state_from: pending before the deadline, then met when value = target, else missed; no_data with 0/0", arguments: [
        ("2025-12-31", 3, 5, MilestoneStatus.pending, 3, 5),
        ("2025-12-31", 0, 0, .pending, 0, 0),
        ("2026-01-01", 3, 5, .missed, 3, 5),
        ("2026-01-01", 5, 5, .met, 5, 5),
        ("2026-01-01", 0, 0, .noData, 0, 0),
        ("2026-01-02", 5, 5, .met, 5, 5),
        ("2026-01-02", 6, 5, .missed, 6, 5),
    ])
    func stateFrom(asOf: String, value: Int, target: Int, status: MilestoneStatus, shownValue: Int, shownTarget: Int) throws {
        let plan = TP.plan(measures: [TP.rows("done"), TP.rows("total")],
                           milestones: [TP.milestone("e2e_full", .stateFrom(value: .measure(0), target: .measure(1), whenEmpty: .noData),
                                                     deadline: "2026-01-01")])
        let (c, _) = TP.run(plan, asOf: asOf, units: [TP.unit("s1", "spp_unit")], facts: ["s1": TP.facts(plan, [0: value, 1: target])])
        let row = try #require(c.milestones.first)
        #expect(row.status == status && row.value == shownValue && row.target == shownTarget)
        #expect(row.completedOn == nil && row.projectedOn == nil)
    }

    @Test("restates a rate: met whenever value ≥ target, missed after the deadline, never met_late", arguments: [
        ("2025-12-31", 3, 5, MilestoneStatus.pending),
        ("2026-01-01", 3, 5, .pending),
        ("2026-01-02", 3, 5, .missed),
        ("2026-01-02", 5, 5, .met),
        ("2025-12-31", 5, 5, .met),
        ("2026-01-02", 0, 0, .notApplicable),
    ])
    func restates(asOf: String, value: Int, target: Int, status: MilestoneStatus) throws {
        let plan = TP.plan(measures: [TP.rows("n"), TP.rows("d")], criteria: [TP.rate("prof", .measure(0), .measure(1), rank: false)],
                           milestones: [TP.milestone("prof", .restates(criterion: 0, whenEmpty: .notApplicable), deadline: "2026-01-01")])
        let (c, _) = TP.run(plan, asOf: asOf, units: [TP.unit("s1", "spp_unit")], facts: ["s1": TP.facts(plan, [0: value, 1: target])])
        let row = try #require(c.milestones.first)
        #expect(row.status == status && row.value == value && row.target == target && row.completedOn == nil)
    }

    /// classes + hands_on // 2, k = 2, on a province (d1, r1) and its sub-units; a second milestone
    /// on 2 * classes with k = 2.
    static func firstReachedRun(asOf: String, deadline: String) -> PlanComputation {
        let plan = TP.plan(measures: [TP.rows("classes", "training_session"), TP.rows("hands_on", "training_session"),
                                      TP.expr("value", [.plain(.measure(0)), .floorDiv(.measure(1), 2)]),
                                      TP.expr("double", [.times(2, .measure(0))])],
                           milestones: [TP.milestone("training", .firstReached(measure: 2, k: 2), deadline: deadline),
                                        TP.milestone("double", .firstReached(measure: 3, k: 2), deadline: deadline)])
        var d1 = TP.facts(plan, [0: 1, 1: 2])
        d1.firstDays = [[TP.iso("2026-02-10")], [TP.iso("2026-01-05"), TP.iso("2026-02-20")], [], []]
        var r1 = TP.facts(plan, [1: 2])
        r1.firstDays = [[], [TP.iso("2026-01-20"), TP.iso("2026-03-05")], [], []]
        let units = [TP.unit("p1", "provincial"), TP.unit("d1", "department", parent: "p1"), TP.unit("r1", "regional", parent: "p1")]
        return TP.run(plan, asOf: asOf, units: units, facts: ["d1": d1, "r1": r1]).0
    }

    @Test("first_reached: the least day value(t) ≥ k through the expression, over the whole scope (// after summing)", arguments: [
        // deadline, D, p1 (training, double), d1, r1
        ("2026-03-31", "2026-03-15", ["met 3 2026-02-10", "met 2 2026-02-10", "met 2 2026-02-20", "met 2 2026-02-10", "pending 1 -", "pending 0 -"]),
        ("2026-02-15", "2026-03-15", ["met 3 2026-02-10", "met 2 2026-02-10", "met_late 2 2026-02-20", "met 2 2026-02-10", "missed 1 -", "missed 0 -"]),
        ("2026-02-20", "2026-02-19", ["met 3 2026-02-10", "met 2 2026-02-10", "met 2 2026-02-20", "met 2 2026-02-10", "pending 1 -", "pending 0 -"]),
        ("2026-02-20", "2026-02-20", ["met 3 2026-02-10", "met 2 2026-02-10", "met 2 2026-02-20", "met 2 2026-02-10", "pending 1 -", "pending 0 -"]),
        ("2026-02-20", "2026-02-21", ["met 3 2026-02-10", "met 2 2026-02-10", "met 2 2026-02-20", "met 2 2026-02-10", "missed 1 -", "missed 0 -"]),
        ("2026-02-09", "2026-03-15", ["met_late 3 2026-02-10", "met_late 2 2026-02-10", "met_late 2 2026-02-20", "met_late 2 2026-02-10", "missed 1 -", "missed 0 -"]),
    ])
    func firstReached(deadline: String, asOf: String, expected: [String]) {
        let c = Self.firstReachedRun(asOf: asOf, deadline: deadline)
        #expect(c.members.map(\.unit.id) == ["p1", "d1", "r1"])
        #expect(c.milestones.map { "\($0.status.rawValue) \($0.value) \($0.completedOn?.description ?? "-")" } == expected)
        #expect(c.milestones.allSatisfy { $0.target == 2 && $0.projectedOn == nil })
    }
}
