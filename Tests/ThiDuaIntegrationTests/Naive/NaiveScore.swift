import Foundation
@testable import ThiDuaCore

/// §10 individual score of one staff bloc: each part's value in [0, 1], Σ weight × value exactly,
/// rounded half-up once to 4 decimals; rank within the bloc; rows by rank, then staff_id.
enum NaiveScore {
    static func bloc(plan: Plan, owner: String, people: [NaivePerson], conditions: NaiveConditions) -> [StaffFigures] {
        let bloc = BlocID.staff(owner)
        var rows: [(figures: StaffFigures, total: Int)] = []
        for p in people {
            var whenHolds = Array(repeating: false, count: plan.score.count)
            var total = NaiveRational.zero
            for (i, part) in plan.score.enumerated() {
                let v: NaiveRational
                switch part.kind {
                case .shareOfBlocMax(let m):
                    let best = people.compactMap { $0.values[m].int }.max()
                    if let value = p.values[m].int, let best, best > 0 {
                        v = NaiveRational(max(value, 0), best)
                    } else {
                        v = .zero
                    }
                case .when(let condition):
                    whenHolds[i] = conditions.holds(condition, read: p.read, intColumn: { _, _ in nil })
                    v = whenHolds[i] ? .one : .zero
                case .scaled(let m, let k):
                    if let value = p.values[m].int { v = NaiveRational(min(max(value, 0), k), k) } else { v = .zero }
                case .ratio(let m, let over):
                    if let value = p.values[m].int, let w = p.values[over].int, w > 0 {
                        v = max(value, 0) >= w ? .one : NaiveRational(max(value, 0), w)
                    } else {
                        v = .zero
                    }
                }
                total = total + v * part.weight
            }
            let t = total.roundedHalfUp.int ?? 0
            let row = StaffRow(staffID: p.staffID, fullName: p.fullName, unitID: p.unitID ?? "", roleText: p.roleText ?? "",
                               directWorker: p.directWorker ?? false, values: p.values, overflowed: p.overflowed)
            rows.append((StaffFigures(bloc: bloc, row: row, whenHolds: whenHolds, score: .naive(tenThousandths: t), rank: nil), t))
        }
        let ranks = naiveCompetitionRanks(rows.map { Optional($0.total) }, greater: >)
        for i in rows.indices { rows[i].figures.rank = ranks[i] }
        return rows.map(\.figures).sorted { a, b in
            let ra = a.rank ?? Int.max, rb = b.rank ?? Int.max
            return ra != rb ? ra < rb : naiveBytesLess(a.row.staffID, b.row.staffID)
        }
    }
}
