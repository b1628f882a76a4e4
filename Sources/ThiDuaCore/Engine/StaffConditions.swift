/// §5 conditions evaluated on one active staff member (`count: staff` measures, §10 `when` parts):
/// staff columns (`role`, `direct_worker`) and staff metrics. Every test on NULL or an empty
/// metric is false, except `is_null: true` and `not_by` (§5.2); tests are two-valued.
struct StaffConditions: Sendable {
    let days: ResolvedDays

    /// A value a condition entry can test.
    enum Value: Equatable {
        case text(String)
        case int(Int)
        case bool(Bool)
        case date(Day)
        case null
    }

    func holds(_ c: Condition, on row: StaffRow) -> Bool {
        switch c {
        case .all(let cs): return cs.allSatisfy { holds($0, on: row) }
        case .any(let cs): return cs.contains { holds($0, on: row) }
        case .test(let operand, let tests):
            let v = value(operand, row)
            return tests.allSatisfy { passes($0, v) }
        }
    }

    /// The value of a staff column or metric; a relation, parent or link column means nothing on a
    /// staff member (the checker refuses it) and tests as NULL.
    func value(_ operand: Operand, _ row: StaffRow) -> Value {
        switch operand {
        case .staffColumn("role"): return row.roleIsNull ? .null : .text(row.roleText)
        case .staffColumn("direct_worker"): return row.directWorkerIsNull ? .null : .bool(row.directWorker)
        case .metric(let i):
            guard row.values.indices.contains(i), !row.overflowed.contains(i) else { return .null }
            switch row.values[i] {
            case .int(let v): return v.map(Value.int) ?? .null
            case .bool(let v): return .bool(v)
            case .date(let v): return v.map(Value.date) ?? .null
            }
        default: return .null
        }
    }

    func passes(_ t: Test, _ v: Value) -> Bool {
        switch t {
        case .isNull(let wanted): return (v == .null) == wanted
        case .notBy(let x):
            if case .date(let d) = v { return d > days.resolve(x) }
            return v == .null
        default: break
        }
        if v == .null { return false }
        switch t {
        case .eq(let l): return equal(v, l)
        case .ne(let l): return comparable(v, l) && !equal(v, l)
        case .isIn(let ls): return ls.contains { equal(v, $0) }
        case .notIn(let ls): return ls.allSatisfy { comparable(v, $0) && !equal(v, $0) }
        case .gt(let o): return compare(v, o) { $0 > $1 }
        case .gte(let o): return compare(v, o) { $0 >= $1 }
        case .lt(let o): return compare(v, o) { $0 < $1 }
        case .lte(let o): return compare(v, o) { $0 <= $1 }
        case .within(let w):
            guard case .date(let d) = v else { return false }
            let (from, to) = days.resolve(w)
            return from <= d && d <= to
        case .onOrBefore(let x): return onDate(v) { $0 <= days.resolve(x) }
        case .before(let x): return onDate(v) { $0 < days.resolve(x) }
        case .onOrAfter(let x): return onDate(v) { $0 >= days.resolve(x) }
        case .after(let x): return onDate(v) { $0 > days.resolve(x) }
        case .isNull, .notBy: return false
        }
    }

    private func equal(_ v: Value, _ l: Literal) -> Bool {
        switch (v, l) {
        case let (.text(a), .text(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        default: return false
        }
    }

    /// A literal of the value's own type (a typed plan never holds another).
    private func comparable(_ v: Value, _ l: Literal) -> Bool {
        switch (v, l) {
        case (.text, .text), (.int, .int), (.bool, .bool): return true
        default: return false
        }
    }

    private func compare(_ v: Value, _ o: IntOperand, _ op: (Int, Int) -> Bool) -> Bool {
        // `{column: c}` names an int column of the same row; a staff member has none.
        guard case .int(let a) = v, case .literal(let b) = o else { return false }
        return op(a, b)
    }

    private func onDate(_ v: Value, _ test: (Day) -> Bool) -> Bool {
        guard case .date(let d) = v else { return false }
        return test(d)
    }
}
