import Foundation
import ThiDuaCore

// unit_metrics.csv and the tables whose columns are fixed but whose value lists and texts come from
// the plan (PLAN-LANGUAGE.md §15).

extension PlanDictionary {
    /// unit_metrics.csv: the engine's leading columns, then the derived ones (`UnitColumn.ordered`).
    static func unitMetricsTable(_ plan: Plan) -> DataTable {
        let leading = [
            DataDictionary.asOf,
            Column("bloc", .text, "", "`spp`, `provincial` or `sub:<province unit_id>`", "§4.1").pattern(unitBloc),
            Column("unit_id", .text, "", "the unit", "§3"),
            Column("unit_name", .text, "", "its name", "§3"),
            Column("unit_kind", .text, "", "spp_unit, provincial, department, regional", "§3").values(UnitKind.allCases.map(\.rawValue)),
            Column("headcount", .integer, "people", "biên chế of the measured scope (a province: its whole subtree); empty when the unit's own is missing or ≤ 0", "§4.1").range(1, nil),
        ]
        let writers = firstWriters(plan)
        return DataTable(id: "unit_metrics", rows: "one row per bloc × unit", primaryKey: ["bloc", "unit_id"],
                         columns: leading + UnitColumn.ordered(plan).map { column($0, plan, writers) })
    }

    /// Each derived column's name → the first criterion (in declaration order) that writes it.
    static func firstWriters(_ plan: Plan) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, c) in plan.criteria.enumerated() {
            var names: [String] = []
            switch c.kind {
            case .rate(let r):
                for ref in [r.denominator, r.numerator] { if case .measure = ref { names.append(PlanTexts.name(ref, plan)) } }
                names += [c.id + "_rate", c.id + "_priority", c.id + "_rank", c.id + "_to_priority", c.id + "_to_full", c.id + "_to_first"]
            case .atLeast: names.append(c.id + "_met")
            case .count: names.append(c.id)
            }
            for n in names where out[n] == nil { out[n] = i }
        }
        return out
    }

    /// The unit of a measure reference's values (`people` for headcount).
    static func unit(_ ref: MeasureRef, _ plan: Plan) -> String {
        switch ref {
        case .headcount: return "people"
        case .measure(let m): return plan.measures[m].unit
        }
    }

    /// The meaning of a measure reference (its `doc`, else its generated text).
    static func meaning(_ ref: MeasureRef, _ plan: Plan) -> String {
        switch ref {
        case .headcount: return "biên chế of the measured scope"
        case .measure(let m): return plan.measures[m].doc ?? PlanTexts.measure(plan.measures[m], plan)
        }
    }

    static func column(_ c: UnitColumn, _ plan: Plan, _ writers: [String: Int]) -> Column {
        let name = c.name(plan)
        let doc = plan.output.columnDocs[name]
        func criterion(_ i: Int) -> Criterion { plan.criteria[i] }
        func rate(_ i: Int) -> RateRule? { plan.criteria[i].rate }
        func gap(_ i: Int, line: String) -> Column {
            let r = rate(i)
            let num = r.map { PlanTexts.name($0.numerator, plan) } ?? "?"
            let den = r.map { PlanTexts.name($0.denominator, plan) } ?? "?"
            return integer(name, r.map { unit($0.numerator, plan) } ?? "",
                           doc ?? "⌈\(line) × \(den)⌉ − \(num), at least 0; empty when \(den) is empty or 0", criterion(i).clause)
        }
        switch c {
        case .measure(let m):
            let reference = writers[name].map { plan.criteria[$0].clause } ?? ""
            return integer(name, plan.measures[m].unit, doc ?? meaning(.measure(m), plan), reference)
        case .rate(let i):
            let r = rate(i)
            let text = r.map { "\(PlanTexts.name($0.numerator, plan)) / \(PlanTexts.name($0.denominator, plan))" } ?? ""
            let column = Column(name, .rate, "fraction", doc ?? criterion(i).doc ?? text, criterion(i).clause)
            return r?.boundedByOne == true ? column.range(0, 1) : column.range(0, nil)
        case .priority(let i):
            let line = rate(i)?.priorityAt.map(PlanTexts.decimal) ?? "?"
            return Column(name, .boolean, "", doc ?? "\(criterion(i).id)_rate ≥ \(line), compared exactly", criterion(i).clause)
        case .met(let i):
            guard case .atLeast(let ref, let k) = criterion(i).kind else { return Column(name, .boolean, "", doc ?? "", criterion(i).clause) }
            return Column(name, .boolean, "", doc ?? criterion(i).doc ?? "\(PlanTexts.name(ref, plan)) ≥ \(k)", criterion(i).clause)
        case .count(let i):
            guard case .count(let ref) = criterion(i).kind else { return integer(name, "", doc ?? "", criterion(i).clause) }
            return integer(name, unit(ref, plan), doc ?? criterion(i).doc ?? meaning(ref, plan), criterion(i).clause)
        case .rank(let i):
            return rank(name, doc ?? "standard competition rank of \(criterion(i).id)_rate in the bloc; empty when the rate is empty or impossible",
                        criterion(i).clause)
        case .toPriority(let i):
            return gap(i, line: rate(i)?.priorityAt.map(PlanTexts.decimal) ?? "?")
        case .toFull(let i):
            return gap(i, line: "1")
        case .toFirst(let i):
            return integer(name, rate(i).map { unit($0.numerator, plan) } ?? "",
                           doc ?? "what it takes to equal the bloc's first place in \(criterion(i).id)_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible",
                           criterion(i).clause)
        case .points(let p):
            let part = plan.composite[p].part
            return Column(name, .score, "points", doc ?? "weight × part for \(part) (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001", "§4.4")
        case .compositeScore:
            return Column(name, .score, "points 0–100", "Σ weight × part (rates capped at 1), weights from the plan file", "§4.4")
        case .compositeRank:
            return rank(name, "rank of composite_score (compared on its 4-decimal value)", "§4.3")
        case .periodFinal:
            return Column(name, .boolean, "", "D is after period_end: the standing is final", "§2")
        case .parentID:
            return Column(name, .text, "", "the unit's parent in the warehouse (a sub-unit's province); empty for SPP units and provinces", "§3")
        case .provinceID:
            return Column(name, .text, "", "the province the unit belongs to (a province: itself); empty for SPP units", "§4.1")
        }
    }
}
