/// §11 first_reached on a member's scope: value(t) is the measure with every dated leaf's window
/// end replaced by min(t, end), i.e. each leaf counts its rows whose dated day is ≤ t (the leaves'
/// first days, merged over the scope), put through the measure's expression.
struct FirstReached {
    let plan: Plan
    let scope: [UnitID]
    let unitFacts: [String: UnitFacts]

    /// The least day t with value(t) ≥ k; nil when no listed day reaches it.
    func firstDay(measure: Int, k: Int) -> Day? {
        var leafDays: [Int: [Day]] = [:]
        collectLeaves(measure, into: &leafDays, visiting: [])
        for (leaf, _) in leafDays {
            leafDays[leaf] = scope.flatMap { u -> [Day] in
                guard let f = unitFacts[u], f.firstDays.indices.contains(leaf) else { return [] }
                return f.firstDays[leaf]
            }.sorted()
        }
        let candidates = Set(leafDays.values.joined()).sorted()
        for t in candidates {
            if let v = value(measure, at: t, leafDays: leafDays, visiting: []), v >= k { return t }
        }
        return nil
    }

    /// The row-count measures an expression reaches.
    private func collectLeaves(_ i: Int, into leaves: inout [Int: [Day]], visiting: Set<Int>) {
        guard plan.measures.indices.contains(i), !visiting.contains(i) else { return }
        switch plan.measures[i].kind {
        case .rows: leaves[i] = []
        case .staff: break
        case .expr(let items):
            for item in items {
                if case .measure(let j) = item.ref { collectLeaves(j, into: &leaves, visiting: visiting.union([i])) }
            }
        }
    }

    /// value(t); a leaf that is not a row count (refused by the checker) counts 0.
    private func value(_ i: Int, at t: Day, leafDays: [Int: [Day]], visiting: Set<Int>) -> Int? {
        guard plan.measures.indices.contains(i), !visiting.contains(i) else { return nil }
        switch plan.measures[i].kind {
        case .rows: return countUpTo(t, leafDays[i] ?? [])
        case .staff: return 0
        case .expr(let items):
            return MemberMeasures.expression(items) { ref in
                switch ref {
                case .headcount: return 0
                case .measure(let j): return value(j, at: t, leafDays: leafDays, visiting: visiting.union([i]))
                }
            }.value
        }
    }

    /// How many of the ascending days are ≤ t.
    private func countUpTo(_ t: Day, _ days: [Day]) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
