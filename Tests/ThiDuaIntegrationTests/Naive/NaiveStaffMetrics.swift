import Foundation
@testable import ThiDuaCore

/// An active staff member (§13: `active` true; one row per staff_id) and their §7 metric values.
struct NaivePerson {
    var staffID: String
    var fullName: String
    var unitID: String?
    var roleText: String?
    var directWorker: Bool?
    var values: [MetricValue] = []
    /// Metrics whose value did not fit 64 bits (empty, listed as integer_overflow).
    var overflowed: [Int] = []

    /// A metric as a condition reads it (an empty int metric, or an overflowed one, is NULL).
    func metricValue(_ i: Int) -> NaiveValue? {
        switch values[i] {
        case .int(let v): return v.map { .int($0) }
        case .bool(let b): return .bool(b)
        case .date(let d): return d.map { .date($0) }
        }
    }

    /// Reads a `count: staff` or score `when` operand: a staff column or a metric.
    func read(_ operand: Operand) -> NaiveOperandValue {
        switch operand {
        case .staffColumn(let c):
            switch c {
            case "role": return .value(roleText.map { .text($0) })
            case "direct_worker": return .value(directWorker.map { .bool($0) })
            case "unit_id": return .value(unitID.map { .text($0) })
            default: return .value(nil)
            }
        case .metric(let i): return .value(metricValue(i))
        default: return .value(nil)
        }
    }
}

/// §7 staff metrics, computed per active person by walking every linked row.
struct NaiveStaffMetrics {
    let facts: NaiveFacts
    let conditions: NaiveConditions

    /// The active staff, in staff_id byte order, with every metric of the plan.
    func people(plan: Plan) -> [NaivePerson] {
        var people: [NaivePerson] = []
        for r in facts.warehouse.relation("staff") where r.bool("active") == true {
            guard let id = r.text("staff_id") else { continue }
            people.append(NaivePerson(staffID: id, fullName: r.text("full_name") ?? "", unitID: r.text("unit_id"),
                                      roleText: r.text("role"), directWorker: r.bool("direct_worker")))
        }
        people.sort { naiveBytesLess($0.staffID, $1.staffID) }
        var index: [String: Int] = [:]
        for (i, p) in people.enumerated() { index[p.staffID] = i }
        for p in people.indices { people[p].values = plan.metrics.map { initial($0) } }
        for (m, metric) in plan.metrics.enumerated() {
            let perPerson = evaluate(metric)
            for (person, value) in perPerson {
                guard let i = index[person] else { continue }
                people[i].values[m] = value ?? .int(nil)
                if value == nil { people[i].overflowed.append(m) }
            }
        }
        return people
    }

    /// A metric's value for someone with no qualifying row.
    private func initial(_ m: StaffMetric) -> MetricValue {
        switch m.kind {
        case .count, .sum, .distinctWeeks: return .int(0)
        case .exists: return .bool(false)
        case .latest: return .int(nil)
        case .firstDay: return .date(nil)
        case .weeksIn(let w):
            let (from, to) = conditions.days.window(w)
            return weeksIn(from, to).map { .int($0) } ?? .int(nil)
        }
    }

    private func weeksIn(_ from: Day, _ to: Day) -> Int? {
        guard from <= to else { return 0 }
        let (days, o1) = (to.ordinal - from.ordinal).addingReportingOverflow(1)
        guard !o1 else { return nil }
        return (days + 6) / 7
    }

    /// person → value (nil: overflowed); people with no qualifying row keep the initial value.
    private func evaluate(_ metric: StaffMetric) -> [String: MetricValue?] {
        /// person → the distinct rows (by the relation's key) linked to them that satisfy the condition.
        func qualifying(_ relation: String, _ condition: Condition) -> [String: [NaiveRow]] {
            var keys: [String: Set<String>] = [:]
            var out: [String: [NaiveRow]] = [:]
            for l in facts.linked(relation) {
                guard conditions.holds(condition, read: l.fact.read, intColumn: l.fact.intColumn) else { continue }
                let key = NaiveFacts.distinctKey(relation, l.fact.row, index: l.index)
                guard keys[l.person, default: []].insert(key).inserted else { continue }
                out[l.person, default: []].append(l.fact.row)
            }
            return out
        }
        var result: [String: MetricValue?] = [:]
        switch metric.kind {
        case .count(let r, let w):
            for (p, rows) in qualifying(r, w) { result[p] = .int(rows.count) }
        case .exists(let r, let w):
            for (p, rows) in qualifying(r, w) { result[p] = .bool(!rows.isEmpty) }
        case .sum(let r, let column, let w):
            let bounds = WarehouseContract.relation(r)?.column(column)?.bounds ?? 0...0
            for (p, rows) in qualifying(r, w) {
                var total = 0
                var overflow = false
                for row in rows {
                    guard let v = row.int(column) else { continue }
                    let (s, o) = total.addingReportingOverflow(min(max(v, bounds.lowerBound), bounds.upperBound))
                    total = s
                    overflow = overflow || o
                }
                result[p] = overflow ? nil : .int(total)
            }
        case .latest(let r, let column, let x, let w):
            let xColumn = WarehouseContract.relation(r)?.existenceColumn?.name ?? "day"
            let start = Day(year: 2000, month: 1, day: 1)!
            let last = conditions.days.day(x)
            for (p, rows) in qualifying(r, w) {
                let candidates = rows.compactMap { row -> (Day, Int)? in
                    guard let d = row.date(xColumn), d >= start, d <= last, let v = row.int(column) else { return nil }
                    return (d, v)
                }
                if let best = candidates.max(by: { $0.0 < $1.0 }) { result[p] = .int(best.1) }
            }
        case .firstDay(let r, let w):
            let xColumn = WarehouseContract.relation(r)?.existenceColumn?.name ?? ""
            for (p, rows) in qualifying(r, w) {
                if let d = rows.compactMap({ $0.date(xColumn) }).filter(naiveInContractRange).min() { result[p] = .date(d) }
            }
        case .distinctWeeks(let r, let window, let w):
            let xColumn = WarehouseContract.relation(r)?.existenceColumn?.name ?? ""
            let (from, to) = conditions.days.window(window)
            for (p, rows) in qualifying(r, w) {
                var weeks: Set<Int> = []
                for row in rows {
                    guard let d = row.date(xColumn), naiveInContractRange(d), from <= d, d <= to else { continue }
                    weeks.insert((d.ordinal - from.ordinal) / 7)
                }
                result[p] = .int(weeks.count)
            }
        case .weeksIn:
            break
        }
        return result
    }
}
