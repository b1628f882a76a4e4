import Foundation
import ThiDuaCore

/// The data dictionary's generated meanings (PLAN-LANGUAGE.md §15, "generated text"): what a measure,
/// a staff metric or a criterion column counts, written from its declaration when the plan gives no
/// `doc` and no `output.column_docs` entry. Days and windows are printed as written (names, `D`, `E`,
/// `E - 30d`, `min(retro_to, E)`).
enum PlanTexts {
    // MARK: Days, windows, numbers

    /// A day expression as written: a name, `D`, `E`, an ISO date, `b - Nd`, `min(a, b)`.
    static func day(_ e: DayExpr, _ plan: Plan) -> String { plan.text(of: e) }

    /// `[from, to]` with both ends as written.
    static func window(_ w: WindowExpr) -> String { "[\(w.fromText), \(w.toText)]" }

    /// A decimal such as `priority_at` without trailing zeros (`0.98`, `1`): the plan's own text.
    static func decimal(_ f: Fraction) -> String {
        var s = f.formatted(places: 6)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    // MARK: Conditions (§15 "conditions")

    /// Entries in written order joined by " and "; `any` → "(a or b)", `all` → "(a and b)".
    /// `relation` is the relation the condition is read on (for `parent.column` and `link.column`).
    static func condition(_ c: Condition, relation: String?, _ plan: Plan) -> String {
        render(c, relation: relation, plan, top: true)
    }

    private static func render(_ c: Condition, relation: String?, _ plan: Plan, top: Bool) -> String {
        switch c {
        case .test(let operand, let tests):
            let name = self.operand(operand, relation: relation, plan)
            let parts = tests.map { test(name, $0, plan) }
            return top || parts.count == 1 ? parts.joined(separator: " and ") : "(" + parts.joined(separator: " and ") + ")"
        case .all(let items):
            let parts = items.map { render($0, relation: relation, plan, top: false) }.filter { !$0.isEmpty }
            return top || parts.count == 1 ? parts.joined(separator: " and ") : "(" + parts.joined(separator: " and ") + ")"
        case .any(let items):
            let parts = items.map { render($0, relation: relation, plan, top: false) }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " or ") + ")"
        }
    }

    private static func operand(_ o: Operand, relation: String?, _ plan: Plan) -> String {
        let contract = relation.flatMap(WarehouseContract.relation)
        switch o {
        case .column(let c), .staffColumn(let c): return c
        case .parent(let c): return "\(contract?.parent?.relation ?? "parent").\(c)"
        case .link(let c):
            if case .linkRelation(let name, _) = contract?.staffLink { return "\(name).\(c)" }
            return "link.\(c)"
        case .metric(let i): return plan.metrics.indices.contains(i) ? plan.metrics[i].id : "?"
        }
    }

    private static func literal(_ l: Literal) -> String {
        switch l {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        }
    }

    private static func int(_ o: IntOperand) -> String {
        switch o {
        case .literal(let i): return String(i)
        case .column(let c): return c
        }
    }

    private static func test(_ c: String, _ t: Test, _ plan: Plan) -> String {
        switch t {
        case .eq(let v): return "\(c) = \(literal(v))"
        case .ne(let v): return "\(c) ≠ \(literal(v))"
        case .isIn(let vs): return "\(c) in {\(vs.map(literal).joined(separator: ", "))}"
        case .notIn(let vs): return "\(c) not in {\(vs.map(literal).joined(separator: ", "))}"
        case .gt(let v): return "\(c) > \(int(v))"
        case .gte(let v): return "\(c) ≥ \(int(v))"
        case .lt(let v): return "\(c) < \(int(v))"
        case .lte(let v): return "\(c) ≤ \(int(v))"
        case .within(let w): return "\(c) in \(window(w))"
        case .onOrBefore(let x): return "\(c) ≤ \(day(x, plan))"
        case .before(let x): return "\(c) < \(day(x, plan))"
        case .onOrAfter(let x): return "\(c) ≥ \(day(x, plan))"
        case .after(let x): return "\(c) > \(day(x, plan))"
        case .notBy(let x): return "\(c) empty or after \(day(x, plan))"
        case .isNull(let yes): return yes ? "\(c) empty" : "\(c) not empty"
        }
    }

    private static func with(_ c: Condition, relation: String?, _ plan: Plan) -> String {
        let text = condition(c, relation: relation, plan)
        return text.isEmpty ? "" : " with " + text
    }

    // MARK: Declarations

    /// The name of a measure reference (`headcount` for the built-in).
    static func name(_ ref: MeasureRef, _ plan: Plan) -> String {
        switch ref {
        case .headcount: return "headcount"
        case .measure(let i): return plan.measures.indices.contains(i) ? plan.measures[i].id : "?"
        }
    }

    /// §15: "‹R› rows[ with …]", "active staff[ with …]", or an expression's text.
    static func measure(_ m: Measure, _ plan: Plan) -> String {
        switch m.kind {
        case .rows(let relation, let condition): return "\(relation) rows" + with(condition, relation: relation, plan)
        case .staff(let condition): return "active staff" + with(condition, relation: "staff", plan)
        case .expr(let items):
            if let text = m.exprText { return text }
            return items.map { item -> String in
                switch item {
                case .plain(let r): return name(r, plan)
                case .floorDiv(let r, let k): return "\(name(r, plan)) // \(k)"
                case .times(let k, let r): return "\(k) * \(name(r, plan))"
                }
            }.joined(separator: " + ")
        }
    }

    /// §15: the generated meaning of a staff metric, by kind.
    static func metric(_ m: StaffMetric, _ plan: Plan) -> String {
        switch m.kind {
        case .count(let r, let c):
            return "\(r) rows linked to the person" + with(c, relation: r, plan)
        case .exists(let r, let c):
            return "has a \(r) row linked to the person" + with(c, relation: r, plan)
        case .sum(let r, let col, let c):
            let bounds = WarehouseContract.relation(r)?.column(col)?.bounds
            let clamp = bounds.map { " (clamped \($0.lowerBound)–\($0.upperBound))" } ?? ""
            return "Σ \(col)\(clamp) over \(r) rows" + with(c, relation: r, plan)
        case .latest(let r, let col, let x, let c):
            return "\(col) of the latest \(r) row on or before \(day(x, plan))" + with(c, relation: r, plan)
        case .firstDay(let r, let c):
            let x = WarehouseContract.relation(r)?.existenceColumn?.name ?? "day"
            return "first \(x) of \(r) rows" + with(c, relation: r, plan)
        case .distinctWeeks(let r, let w, let c):
            return "7-day weeks from \(w.fromText) with a \(r) row in \(window(w))" + with(c, relation: r, plan)
        case .weeksIn(let w):
            return "⌈days in \(window(w)) / 7⌉"
        }
    }
}
