/// §6 and §14: a bloc member's measures. Row counts and staff counts are summed over the member's
/// scope (§13) with overflow-reporting arithmetic; expressions are then evaluated on the sums.
/// A value outside Int64 is empty and flagged (one integer_overflow row per bloc, member, measure);
/// a value that is empty only because an operand is empty is not flagged again.
struct MemberMeasures {
    /// Per measure: the member's value; nil: empty.
    var values: [Int?]
    /// Per measure: the value itself did not fit 64 bits.
    var overflowed: [Bool]

    /// The scope sums, then every expression.
    init(plan: Plan, scope: [UnitID], headcount: Int?, unitFacts: [String: UnitFacts], staffCounts: [String: [Int?]]) {
        let n = plan.measures.count
        var values: [Int?] = Array(repeating: nil, count: n)
        var overflowed = Array(repeating: false, count: n)
        for (i, m) in plan.measures.enumerated() {
            switch m.kind {
            case .rows:
                (values[i], overflowed[i]) = MemberMeasures.sum(scope.map { u in
                    guard let f = unitFacts[u] else { return 0 }
                    return f.counts.indices.contains(i) ? f.counts[i] : 0
                })
            case .staff:
                (values[i], overflowed[i]) = MemberMeasures.sum(scope.map { u in
                    guard let c = staffCounts[u] else { return 0 }
                    return c.indices.contains(i) ? c[i] : 0
                })
            case .expr:
                break
            }
        }
        // Expressions in dependency order (the checker refuses cycles; a cycle here is empty).
        var done = Set(plan.measures.indices.filter { if case .expr = plan.measures[$0].kind { return false }; return true })
        func evaluate(_ i: Int, _ visiting: Set<Int>) -> Int? {
            if done.contains(i) { return values[i] }
            guard !visiting.contains(i), case .expr(let items) = plan.measures[i].kind else { return nil }
            let result = MemberMeasures.expression(items) { ref in
                switch ref {
                case .headcount: return headcount
                case .measure(let j): return plan.measures.indices.contains(j) ? evaluate(j, visiting.union([i])) : nil
                }
            }
            values[i] = result.value
            overflowed[i] = result.overflowed
            done.insert(i)
            return result.value
        }
        for i in plan.measures.indices { _ = evaluate(i, []) }
        self.values = values
        self.overflowed = overflowed
    }

    /// Σ of the scope's values: empty (and overflowed) when one is already empty or the sum leaves Int64.
    static func sum(_ parts: [Int?]) -> (value: Int?, overflowed: Bool) {
        var total = 0
        for p in parts {
            guard let p else { return (nil, true) }
            let (s, o) = total.addingReportingOverflow(p)
            if o { return (nil, true) }
            total = s
        }
        return (total, false)
    }

    /// `item (+ item)*` with `NAME // INT` (floor division) and `INT * NAME`: empty when an operand
    /// is (not an overflow of its own); overflowed when the arithmetic leaves Int64.
    static func expression(_ items: [ExprItem], value: (MeasureRef) -> Int?) -> (value: Int?, overflowed: Bool) {
        // Every operand first: an empty one makes the expression empty, whatever overflows before it.
        var operands: [Int] = []
        for item in items {
            guard let v = value(item.ref) else { return (nil, false) }
            operands.append(v)
        }
        var total = 0
        for (item, v) in zip(items, operands) {
            let term: Int
            switch item {
            case .plain: term = v
            case .floorDiv(_, let k):
                guard k > 0 else { return (nil, false) }
                term = floorDivide(v, k)
            case .times(let k, _):
                let (p, o) = k.multipliedReportingOverflow(by: v)
                if o { return (nil, true) }
                term = p
            }
            let (s, o) = total.addingReportingOverflow(term)
            if o { return (nil, true) }
            total = s
        }
        return (total, false)
    }

    /// ⌊a / b⌋ for b > 0.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
}
