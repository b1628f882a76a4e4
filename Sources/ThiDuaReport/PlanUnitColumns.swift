import Foundation
import ThiDuaCore

/// One derived column of unit_metrics.csv (after `headcount`), by what it is in the plan
/// (PLAN-LANGUAGE.md §8, §9, §15). Indices are into `Plan.measures`, `Plan.criteria`, `Plan.composite`.
enum UnitColumn: Sendable, Hashable {
    /// A measure under its id: a rate's numerator or denominator, or a published measure.
    case measure(Int)
    /// `<id>_rate`, `<id>_priority`, `<id>_met`, a count's `<id>`, `<id>_rank` (by criterion).
    case rate(Int), priority(Int), met(Int), count(Int), rank(Int)
    case compositeScore, compositeRank, periodFinal, parentID, provinceID
    /// `points_<part>` (by composite part).
    case points(Int)
    /// `<id>_to_priority`, `<id>_to_full`, `<id>_to_first` (by criterion).
    case toPriority(Int), toFull(Int), toFirst(Int)

    func name(_ plan: Plan) -> String {
        func c(_ i: Int) -> String { plan.criteria[i].id }
        switch self {
        case .measure(let i): return plan.measures[i].id
        case .rate(let i): return c(i) + "_rate"
        case .priority(let i): return c(i) + "_priority"
        case .met(let i): return c(i) + "_met"
        case .count(let i): return c(i)
        case .rank(let i): return c(i) + "_rank"
        case .compositeScore: return "composite_score"
        case .compositeRank: return "composite_rank"
        case .periodFinal: return "period_final"
        case .parentID: return "parent_id"
        case .provinceID: return "province_id"
        case .points(let p): return "points_" + plan.composite[p].part
        case .toPriority(let i): return c(i) + "_to_priority"
        case .toFull(let i): return c(i) + "_to_full"
        case .toFirst(let i): return c(i) + "_to_first"
        }
    }

    /// A count criterion whose id is its measure's id is that measure's column.
    func identity(_ plan: Plan) -> UnitColumn {
        if case .count(let i) = self, case .count(.measure(let m)) = plan.criteria[i].kind, plan.measures[m].id == plan.criteria[i].id {
            return .measure(m)
        }
        return self
    }

    /// §15's default order: per criterion a rate's denominator and numerator (first use, never
    /// `headcount`), `_rate`, `_priority`; an at_least's `_met`; a count's `<id>`; then published
    /// measures not yet written; composite_score; the ranks, composite_rank; period_final, parent_id,
    /// province_id; points; per criterion `_to_priority`, `_to_full`; every `_to_first`. A column
    /// already written is not written again (a measure used twice; a count criterion named as its
    /// measure is that measure's column); two different columns with one name both stay, for the
    /// checker to refuse (`duplicate_column`).
    static func defaultOrder(_ plan: Plan) -> [UnitColumn] {
        var out: [UnitColumn] = []
        var written: Set<UnitColumn> = []
        func add(_ c: UnitColumn) {
            if written.insert(c.identity(plan)).inserted { out.append(c) }
        }
        for (i, criterion) in plan.criteria.enumerated() {
            switch criterion.kind {
            case .rate(let r):
                if case .measure(let m) = r.denominator { add(.measure(m)) }
                if case .measure(let m) = r.numerator { add(.measure(m)) }
                add(.rate(i))
                if r.priorityAt != nil { add(.priority(i)) }
            case .atLeast: add(.met(i))
            case .count: add(.count(i))
            }
        }
        for (m, measure) in plan.measures.enumerated() where measure.publish { add(.measure(m)) }
        add(.compositeScore)
        for (i, criterion) in plan.criteria.enumerated() where criterion.rate?.rank == true { add(.rank(i)) }
        add(.compositeRank)
        add(.periodFinal)
        add(.parentID)
        add(.provinceID)
        for p in plan.composite.indices { add(.points(p)) }
        for (i, criterion) in plan.criteria.enumerated() {
            guard let r = criterion.rate else { continue }
            if r.priorityAt != nil { add(.toPriority(i)) }
            if r.toFull { add(.toFull(i)) }
        }
        for (i, criterion) in plan.criteria.enumerated() where criterion.rate?.rank == true { add(.toFirst(i)) }
        return out
    }

    /// The derived columns in the file's order: `output.unit_metrics` when it names every derived
    /// column exactly once (the checker refuses any other layout: `layout`), else the default order.
    static func ordered(_ plan: Plan) -> [UnitColumn] {
        let columns = defaultOrder(plan)
        guard let layout = plan.output.unitMetricsLayout else { return columns }
        var byName: [String: UnitColumn] = [:]
        for c in columns { byName[c.name(plan)] = c }
        guard layout.count == columns.count, Set(layout).count == layout.count else { return columns }
        let placed = layout.compactMap { byName[$0] }
        return placed.count == columns.count ? placed : columns
    }
}

extension PlanDictionary {
    /// The engine's first columns of unit_metrics.csv, which no plan renames or moves.
    public static let unitMetricsLeadingColumns = ["as_of", "bloc", "unit_id", "unit_name", "unit_kind", "headcount"]

    /// unit_metrics.csv's columns after `headcount` in §15's default order (what `output.unit_metrics`
    /// must be a permutation of). The checker's `layout` and `duplicate_column` tests use this list.
    public static func derivedUnitMetricsColumns(_ plan: Plan) -> [String] {
        UnitColumn.defaultOrder(plan).map { $0.name(plan) }
    }

    /// unit_metrics.csv's header for the plan: the engine's leading columns, then the derived ones in
    /// `output.unit_metrics` order when that is a permutation of them, else in the default order.
    public static func unitMetricsColumns(_ plan: Plan) -> [String] {
        unitMetricsLeadingColumns + UnitColumn.ordered(plan).map { $0.name(plan) }
    }
}
