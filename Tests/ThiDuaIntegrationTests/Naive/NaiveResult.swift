import Foundation
@testable import ThiDuaCore

/// Every figure a plan produces for one warehouse and one D, in the order the files list them:
/// unit_metrics rows (§15 order), milestones.csv rows, staff_metrics rows, award_shortlist rows,
/// dossiers, data_quality_records, and the plan's anomaly rows (impossible rates, integer_overflow).
/// The differential test builds one from the engine's output and compares it with the oracle's.
struct NaiveResult: Equatable {
    var members: [MemberFigures] = []
    var milestones: [MilestoneFigure] = []
    var staff: [StaffFigures] = []
    var shortlist: [NaiveShortlistRow] = []
    var dossiers: [NaiveDossierRow] = []
    var records: [NaiveRecordRow] = []
    var anomalies: [Anomaly] = []

    static func == (a: NaiveResult, b: NaiveResult) -> Bool { a.differences(from: b, plan: nil, limit: 1).isEmpty }

    /// The first `limit` differences, `self` being the expected (the oracle) and `other` the actual,
    /// each a readable line naming the row and the figure (plan ids when a plan is given). Unit and
    /// staff names are not compared (the oracle reads a NULL name as empty).
    func differences(from other: NaiveResult, plan: Plan?, limit: Int = 20) -> [String] {
        var out: [String] = []
        func note(_ s: String) { if out.count < limit { out.append(s) } }
        func show<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "empty" }
        func measureName(_ i: Int) -> String { plan.map { $0.measures.indices.contains(i) ? $0.measures[i].id : "#\(i)" } ?? "measure#\(i)" }
        func criterionName(_ i: Int) -> String { plan.map { $0.criteria.indices.contains(i) ? $0.criteria[i].id : "#\(i)" } ?? "criterion#\(i)" }
        func list<T>(_ what: String, _ a: [T], _ b: [T], key: (T) -> String, _ compare: (String, T, T) -> Void) {
            if a.count != b.count { note("\(what): \(a.count) rows expected, \(b.count) actual") }
            for (x, y) in zip(a, b) {
                let kx = key(x), ky = key(y)
                if kx != ky { note("\(what): row \(kx) expected, \(ky) actual (order or membership)"); continue }
                compare("\(what) \(kx)", x, y)
            }
        }
        func field<T: Equatable>(_ row: String, _ name: String, _ a: T, _ b: T) {
            if a != b { note("\(row) \(name): expected \(a), actual \(b)") }
        }
        func fields<T: Equatable>(_ row: String, _ name: (Int) -> String, _ a: [T], _ b: [T]) {
            if a.count != b.count { note("\(row) \(name(-1)): \(a.count) values expected, \(b.count) actual"); return }
            for i in a.indices where a[i] != b[i] { note("\(row) \(name(i)): expected \(show(a[i] as T?)), actual \(show(b[i] as T?))") }
        }
        list("unit_metrics", members, other.members, key: { "\($0.bloc)/\($0.unit.id)" }) { row, x, y in
            field(row, "headcount", show(x.headcount), show(y.headcount))
            field(row, "province_id", show(x.provinceID), show(y.provinceID))
            fields(row, { measureName($0) }, x.measures.map(show), y.measures.map(show))
            fields(row, { "\(criterionName($0))_rate" }, x.rates.map { show($0) }, y.rates.map { show($0) })
            fields(row, { "\(criterionName($0)) impossible" }, x.impossible, y.impossible)
            fields(row, { "\(criterionName($0)) flag (_priority/_met)" }, x.flags, y.flags)
            fields(row, { "\(criterionName($0))_rank" }, x.ranks.map(show), y.ranks.map(show))
            fields(row, { "\(criterionName($0))_to_priority" }, x.toPriority.map(show), y.toPriority.map(show))
            fields(row, { "\(criterionName($0))_to_full" }, x.toFull.map(show), y.toFull.map(show))
            fields(row, { "\(criterionName($0))_to_first" }, x.toFirst.map(show), y.toFirst.map(show))
            field(row, "composite_score", x.composite, y.composite)
            field(row, "composite_rank", show(x.compositeRank), show(y.compositeRank))
            fields(row, { "points_\(plan?.composite[safe: $0]?.part ?? "#\($0)")" }, x.points, y.points)
        }
        list("milestones", milestones, other.milestones, key: { m in
            "\(m.bloc)/\(m.unitID)/\(plan?.milestones[safe: m.milestone]?.id ?? "#\(m.milestone)")"
        }) { row, x, y in
            field(row, "deadline", x.deadline, y.deadline)
            field(row, "status", x.status.rawValue, y.status.rawValue)
            field(row, "value", x.value, y.value)
            field(row, "target", x.target, y.target)
            field(row, "completed_on", show(x.completedOn), show(y.completedOn))
            field(row, "projected_on", show(x.projectedOn), show(y.projectedOn))
        }
        list("staff_metrics", staff, other.staff, key: { "\($0.bloc)/\($0.row.staffID)" }) { row, x, y in
            field(row, "unit_id", x.row.unitID, y.row.unitID)
            field(row, "role", x.row.roleText, y.row.roleText)
            field(row, "direct_worker", x.row.directWorker, y.row.directWorker)
            fields(row, { i in plan?.metrics[safe: i]?.id ?? "metric#\(i)" }, x.row.values.map { "\($0)" }, y.row.values.map { "\($0)" })
            field(row, "overflowed", x.row.overflowed.sorted(), y.row.overflowed.sorted())
            fields(row, { i in "score part \(plan?.score[safe: i]?.id ?? "#\(i)") holds" }, x.whenHolds, y.whenHolds)
            field(row, "score", x.score, y.score)
            field(row, "rank", show(x.rank), show(y.rank))
        }
        list("award_shortlist", shortlist, other.shortlist, key: { "\($0.bloc)/\($0.nomineeKind.rawValue)/\($0.nomineeID)" }) { row, x, y in
            field(row, "row", x.description, y.description)
        }
        list("dossiers", dossiers, other.dossiers, key: \.dossierID) { row, x, y in
            field(row, "submitted_on", show(x.submittedOn), show(y.submittedOn))
            field(row, "status", x.status.rawValue, y.status.rawValue)
            field(row, "missing_parts", x.missingParts, y.missingParts)
            field(row, "days_left", show(x.daysLeft), show(y.daysLeft))
        }
        list("data_quality_records", records, other.records, key: \.caseID) { row, x, y in
            field(row, "row", "\(x)", "\(y)")
        }
        list("anomalies", anomalies, other.anomalies, key: { "\($0.relation)/\($0.key)/\($0.problem)" }) { row, x, y in
            field(row, "detail", x.detail, y.detail)
        }
        return out
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
