/// §15 (f): a leader list of `output.leaders` over some staff (a province page passes its whole
/// staff bloc, any other page the unit's own staff).
public enum PlanLeaders {
    public static let shown = 5

    /// Listed: a person whose first order key is non-empty, and also > 0 when that key is a count,
    /// sum or distinct_weeks metric, or true when it is a boolean. At most 5, each key highest (or
    /// true) first, empty last, then staff_id.
    public static func list(_ l: LeaderList, staff: [StaffFigures], plan: Plan) -> [StaffFigures] {
        guard let first = l.order.first else { return [] }
        let listed = staff.filter { s in
            switch key(first, s, plan) {
            case .none: return false
            case .bool(let b): return b
            case .day: return true
            case .int(let v):
                guard case .metric(let m) = first, plan.metrics.indices.contains(m) else { return true }
                switch plan.metrics[m].kind {
                case .count, .sum, .distinctWeeks: return v > 0
                default: return true
                }
            }
        }
        let ordered = listed.sorted { a, b in
            for ref in l.order {
                let x = key(ref, a, plan), y = key(ref, b, plan)
                if x != y { return x > y }
            }
            return a.row.staffID < b.row.staffID
        }
        return Array(ordered.prefix(shown))
    }

    /// A key's value for ordering: empty below every value, false below true.
    enum Key: Comparable {
        case none
        case bool(Bool)
        case int(Int)
        case day(Day)

        static func < (a: Key, b: Key) -> Bool {
            switch (a, b) {
            case (.none, .none): return false
            case (.none, _): return true
            case (_, .none): return false
            case let (.bool(x), .bool(y)): return !x && y
            case let (.int(x), .int(y)): return x < y
            case let (.day(x), .day(y)): return x < y
            default: return false
            }
        }
    }

    static func key(_ ref: StaffValueRef, _ s: StaffFigures, _ plan: Plan) -> Key {
        switch ref {
        case .scorePart(let p):
            return .bool(s.whenHolds.indices.contains(p) && s.whenHolds[p])
        case .metric(let m):
            guard s.row.values.indices.contains(m) else { return .none }
            if s.row.overflowed.contains(m) { return .none }
            switch s.row.values[m] {
            case .int(let v): return v.map(Key.int) ?? .none
            case .bool(let b): return .bool(b)
            case .date(let d): return d.map(Key.day) ?? .none
            }
        }
    }
}
