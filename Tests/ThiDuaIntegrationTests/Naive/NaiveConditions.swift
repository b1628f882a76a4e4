import Foundation
@testable import ThiDuaCore

/// §4 days resolved the oracle's own way: D, E = min(D, period_end), every `dates:` entry.
struct NaiveDays {
    let d: Day
    let e: Day
    private let plan: Plan

    init(plan: Plan, asOf: Day) {
        self.plan = plan
        d = asOf
        // period_end is static: resolving it never reads E, so any placeholder serves.
        let periodEnd = NaiveDays.eval(.named(plan.periodEndDay), plan: plan, d: asOf, e: asOf)
        e = min(asOf, periodEnd)
    }

    private static func eval(_ x: DayExpr, plan: Plan, d: Day, e: Day) -> Day {
        switch x {
        case .date(let day): return day
        case .named(let i): return eval(plan.days[i].expr, plan: plan, d: d, e: e)
        case .asOf: return d
        case .windowEnd: return e
        case .contractStart: return Day(year: 2000, month: 1, day: 1)!
        case .contractEnd: return Day(year: 2100, month: 12, day: 31)!
        case .offset(let base, let n): return Day(ordinal: eval(base, plan: plan, d: d, e: e).ordinal + n)
        case .min(let a, let b): return min(eval(a, plan: plan, d: d, e: e), eval(b, plan: plan, d: d, e: e))
        case .max(let a, let b): return max(eval(a, plan: plan, d: d, e: e), eval(b, plan: plan, d: d, e: e))
        }
    }

    func day(_ x: DayExpr) -> Day { NaiveDays.eval(x, plan: plan, d: d, e: e) }

    func window(_ w: WindowExpr) -> (from: Day, to: Day) { (day(w.from), day(w.to)) }

    func named(_ i: Int) -> Day { day(.named(i)) }
}

/// What an operand of a test reads on one row (§5): a value (nil: NULL or an empty metric), or
/// `absent` for a `parent.column` whose parent does not exist as of D, where every test is false.
enum NaiveOperandValue {
    case value(NaiveValue?)
    case absent
}

/// §5 conditions, evaluated row by row: an entry's tests are ANDed, a mapping ANDs its entries,
/// `any`/`all` combine true/false; every test on NULL is false but `is_null: true` and `not_by`.
struct NaiveConditions {
    let days: NaiveDays

    /// `read` gives each operand's value on the row; `intColumn` reads `{column: c}`, the other int
    /// column of the same row as the operand (its own relation's row, or the parent's).
    func holds(_ c: Condition, read: (Operand) -> NaiveOperandValue, intColumn: (Operand, String) -> Int?) -> Bool {
        switch c {
        case .all(let parts): return parts.allSatisfy { holds($0, read: read, intColumn: intColumn) }
        case .any(let parts): return parts.contains { holds($0, read: read, intColumn: intColumn) }
        case .test(let operand, let tests):
            guard case .value(let v) = read(operand) else { return false }
            return tests.allSatisfy { test($0, v, other: { intColumn(operand, $0) }) }
        }
    }

    func test(_ t: Test, _ v: NaiveValue?, other: (String) -> Int?) -> Bool {
        switch t {
        case .isNull(let wanted): return (v == nil) == wanted
        case .notBy(let x):
            guard let v else { return true }
            guard let day = v.date else { return false }
            return day > days.day(x)
        default: break
        }
        guard let v else { return false }
        switch t {
        case .eq(let lit): return equal(v, lit)
        case .ne(let lit): return !equal(v, lit) && sameType(v, lit)
        case .isIn(let lits): return lits.contains { equal(v, $0) }
        case .notIn(let lits): return !lits.contains { equal(v, $0) } && lits.allSatisfy { sameType(v, $0) }
        case .gt(let o): return compare(v, o, other) { $0 > $1 }
        case .gte(let o): return compare(v, o, other) { $0 >= $1 }
        case .lt(let o): return compare(v, o, other) { $0 < $1 }
        case .lte(let o): return compare(v, o, other) { $0 <= $1 }
        case .within(let w):
            guard let d = v.date else { return false }
            let (from, to) = days.window(w)
            return from <= d && d <= to
        case .onOrBefore(let x): return v.date.map { $0 <= days.day(x) } ?? false
        case .before(let x): return v.date.map { $0 < days.day(x) } ?? false
        case .onOrAfter(let x): return v.date.map { $0 >= days.day(x) } ?? false
        case .after(let x): return v.date.map { $0 > days.day(x) } ?? false
        case .isNull, .notBy: return false
        }
    }

    private func equal(_ v: NaiveValue, _ lit: Literal) -> Bool {
        switch (v, lit) {
        case (.text(let a), .text(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        default: return false
        }
    }

    private func sameType(_ v: NaiveValue, _ lit: Literal) -> Bool {
        switch (v, lit) {
        case (.text, .text), (.int, .int), (.bool, .bool): return true
        default: return false
        }
    }

    private func compare(_ v: NaiveValue, _ o: IntOperand, _ other: (String) -> Int?, _ op: (Int, Int) -> Bool) -> Bool {
        guard let a = v.int else { return false }
        switch o {
        case .literal(let b): return op(a, b)
        case .column(let c):
            guard let b = other(c) else { return false }
            return op(a, b)
        }
    }
}

/// A `link.column` or `parent.column` name as the typed plan may write it (`role` or
/// `training_role.role`): the column part.
func naiveColumnPart(_ name: String) -> String {
    name.split(separator: ".").last.map(String.init) ?? name
}
