import Foundation
@testable import ThiDuaCore
import ThiDuaPlan

/// The SHIPPED plan 251 (`plans/251-KH-VKSTC.yaml`, embedded) and small builders of the engine's
/// inputs by plan id, for tests of plan 251's rules run through the generic engine: unit facts by
/// measure id (`facts(["e2e_total": 10])`), staff rows by metric id, one run over some units.
enum S251 {
    /// The checked shipped plan (a test target may trap: the plan checking clean is itself tested).
    static let plan: Plan = {
        do { return try PlanReader.shipped().plan } catch { fatalError("the shipped plan does not check: \(error)") }
    }()

    static func index<T>(_ list: [T], _ id: String, _ key: (T) -> String) -> Int {
        guard let i = list.firstIndex(where: { key($0) == id }) else { fatalError("plan 251 has no \(id)") }
        return i
    }

    /// Index of a measure, a criterion, a staff metric, a milestone, a composite part.
    static func m(_ id: String) -> Int { index(plan.measures, id, \.id) }
    static func c(_ id: String) -> Int { index(plan.criteria, id, \.id) }
    static func k(_ id: String) -> Int { index(plan.metrics, id, \.id) }
    static func ms(_ id: String) -> Int { index(plan.milestones, id, \.id) }
    static func part(_ id: String) -> Int { index(plan.composite, id, \.part) }

    /// A day `YYYY-MM-DD`.
    static func day(_ s: String) -> Day { TP.iso(s) }

    /// One unit's own row counts as the compiled SQL gives them: counts by measure id; the latest
    /// done day and the recent done items by milestone id (all_done over a row count); the first
    /// days of a first_reached leaf by measure id.
    static func facts(_ counts: [String: Int?] = [:], latest: [String: Day] = [:], recent: [String: Int] = [:],
                      firstDays: [String: [Day]] = [:]) -> UnitFacts {
        var f = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
        for (id, v) in counts { f.counts[m(id)] = v }
        for (id, d) in latest { f.latestDone[ms(id)] = d }
        for (id, n) in recent { f.recentDone[ms(id)] = n }
        for (id, d) in firstDays { f.firstDays[m(id)] = d }
        return f
    }

    /// An active staff member: every metric empty or 0 (false) unless given by id.
    static func person(_ id: String, unit: String, role: String = "prosecutor", direct: Bool = true,
                       _ values: [String: MetricValue] = [:]) -> StaffRow {
        var row = plan.metrics.map { metric -> MetricValue in
            switch metric.kind {
            case .exists: return .bool(false)
            case .firstDay: return .date(nil)
            case .latest: return .int(nil)
            case .count, .sum, .distinctWeeks, .weeksIn: return .int(0)
            }
        }
        for (metric, v) in values { row[k(metric)] = v }
        return TP.person(id, unit: unit, role: role, direct: direct, row)
    }

    /// `n` active staff of a unit with the given metrics (ids `<unit>-<prefix><i>`).
    static func people(_ n: Int, unit: String, prefix: String = "x", role: String = "other",
                       _ values: [String: MetricValue] = [:]) -> [StaffRow] {
        (0..<n).map { person("\(unit)-\(prefix)\($0)", unit: unit, role: role, values) }
    }

    /// One run of the shipped plan: staff fed bloc by bloc, then finished.
    static func run(asOf: String, units: [ThiDuaCore.Unit], facts: [String: UnitFacts] = [:],
                    staff: [StaffRow] = []) -> (PlanComputation, [PlanEvaluation.StaffBoard]) {
        TP.run(plan, asOf: asOf, units: units, facts: facts, staff: staff)
    }
}

extension MemberFigures {
    /// Read by plan 251's ids.
    func measure(of id: String) -> Int? { measures[S251.m(id)] }
    func rate(of id: String) -> Fraction? { rates[S251.c(id)] }
    func flag(of id: String) -> Bool { flags[S251.c(id)] }
    func rank(of id: String) -> Int? { ranks[S251.c(id)] }
    func toFirst(of id: String) -> Int? { toFirst[S251.c(id)] }
    func toPriority(of id: String) -> Int? { toPriority[S251.c(id)] }
    func toFull(of id: String) -> Int? { toFull[S251.c(id)] }
}

extension PlanComputation {
    /// A member's milestones by plan id.
    func milestones(_ unit: String, in bloc: BlocID) -> [String: MilestoneFigure] {
        var out: [String: MilestoneFigure] = [:]
        for f in milestones where f.unitID == unit && f.bloc == bloc { out[S251.plan.milestones[f.milestone].id] = f }
        return out
    }
}
