/// §15 (f): a leader list of `output.leaders` over some staff (a province page passes its whole
/// staff bloc, any other page the unit's own staff).
public enum PlanLeaders {
    public static let shown = 5

    /// Listed: a person whose first order key is non-empty, and also > 0 when that key is a count,
    /// sum or distinct_weeks metric, or true when it is a boolean. At most 5, each key highest (or
    /// true) first, empty last, then staff_id.
    public static func list(_ l: LeaderList, staff: [StaffFigures], plan: Plan) -> [StaffFigures] {
        let listed = staff.compactMap { s in keys(l, s, plan).map { (s, $0) } }
        let ordered = listed.sorted { a, b in precedes(a.1, a.0.row.staffID, b.1, b.0.row.staffID) }
        return Array(ordered.prefix(shown).map(\.0))
    }

    /// A person's order keys, when the list shows them (the first key non-empty, and > 0 for a
    /// count, sum or distinct_weeks metric, true for a boolean); nil otherwise.
    public static func keys(_ l: LeaderList, _ s: StaffFigures, _ plan: Plan) -> [Key]? {
        guard let first = l.order.first else { return nil }
        let keys = l.order.map { key($0, s, plan) }
        switch keys[0] {
        case .none: return nil
        case .bool(let b): return b ? keys : nil
        case .day: return keys
        case .int(let v):
            guard case .metric(let m) = first, plan.metrics.indices.contains(m) else { return keys }
            switch plan.metrics[m].kind {
            case .count, .sum, .distinctWeeks: return v > 0 ? keys : nil
            default: return keys
            }
        }
    }

    /// Listing order: each key highest (true, latest) first, empty last, then staff_id.
    public static func precedes(_ a: [Key], _ aID: String, _ b: [Key], _ bID: String) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x > y }
        return aID < bID
    }

    /// A key's value for ordering: empty below every value, false below true.
    public enum Key: Comparable, Sendable {
        case none
        case bool(Bool)
        case int(Int)
        case day(Day)

        public static func < (a: Key, b: Key) -> Bool {
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
