import Foundation

/// §10: the individual score of every person of one `staff:<owner>` bloc, its rank within the
/// bloc (§14), and the bloc's listing order (rank, then staff_id).
enum StaffScoring {
    /// One bloc's staff, scored and ranked, in listing order.
    static func standings(bloc: BlocID, staff: [StaffRow], plan: Plan, conditions: StaffConditions) -> [StaffFigures] {
        // M per share_of_bloc_max part: the bloc's maximum of the metric (nil when nobody has one).
        let blocMax: [Int?] = plan.score.map { part in
            guard case .shareOfBlocMax(let m) = part.kind else { return nil }
            return staff.compactMap { intValue($0, m) }.max()
        }
        var rows = staff.map { row -> StaffFigures in
            var total = Rational.zero
            var whenHolds = Array(repeating: false, count: plan.score.count)
            for (i, part) in plan.score.enumerated() {
                let value: Rational
                switch part.kind {
                case .shareOfBlocMax(let m):
                    if let v = intValue(row, m), let top = blocMax[i], top > 0 {
                        value = Rational(max(v, 0), top) ?? .zero
                    } else {
                        value = .zero
                    }
                case .when(let c):
                    let holds = conditions.holds(c, on: row)
                    whenHolds[i] = holds
                    value = holds ? .one : .zero
                case .scaled(let m, let k):
                    guard k > 0 else { value = .zero; break }
                    value = Rational(min(max(intValue(row, m) ?? 0, 0), k), k) ?? .zero
                case .ratio(let m, let over):
                    if let v = intValue(row, m), let w = intValue(row, over), w > 0 {
                        value = (Rational(max(v, 0), w) ?? .zero).cappedAtOne
                    } else {
                        value = .zero
                    }
                }
                total = total + Rational.weight(tenThousandths: part.weight) * value
            }
            return StaffFigures(bloc: bloc, row: row, whenHolds: whenHolds, score: total.rounded(), rank: nil)
        }
        let ranks = Ranking.competition(rows.map { (id: $0.row.staffID, value: Optional($0.score)) })
        for i in rows.indices { rows[i].rank = ranks[rows[i].row.staffID] }
        return rows.sorted { Ranking.listingOrder(($0.rank, $0.row.staffID), ($1.rank, $1.row.staffID)) }
    }

    /// An int metric's value; nil when empty, overflowed or not an int.
    static func intValue(_ row: StaffRow, _ metric: Int) -> Int? {
        guard row.values.indices.contains(metric), !row.overflowed.contains(metric) else { return nil }
        return row.values[metric].int
    }

    /// A bool metric's value (false when absent).
    static func boolValue(_ row: StaffRow, _ metric: Int) -> Bool {
        guard row.values.indices.contains(metric) else { return false }
        return row.values[metric].bool
    }

    /// A date metric's value; nil when empty.
    static func dateValue(_ row: StaffRow, _ metric: Int) -> Day? {
        guard row.values.indices.contains(metric) else { return nil }
        return row.values[metric].date
    }

    /// §14: one integer_overflow row per (staff bloc, person, metric), people in listing order,
    /// metrics in declaration order.
    static func overflowAnomalies(_ standings: [StaffFigures], plan: Plan) -> [Anomaly] {
        standings.flatMap { s in
            plan.metrics.indices.filter { s.row.overflowed.contains($0) }.map { m in
                Anomaly(relation: "staff", key: s.row.staffID, problem: "integer_overflow",
                        detail: "bloc=\(s.bloc) \(plan.metrics[m].id)")
            }
        }
    }
}
