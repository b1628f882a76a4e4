import Foundation
@testable import ThiDuaCore

/// One award_shortlist.csv row (§12).
struct NaiveShortlistRow: Equatable, CustomStringConvertible {
    var bloc: BlocID
    var nomineeKind: NomineeKind
    var nomineeID: String
    var quota: Int
    var position: Int?
    var status: Nomination.Status
    var reason: String?

    var description: String {
        "\(bloc) \(nomineeKind.rawValue) \(nomineeID) quota=\(quota) position=\(position.map(String.init) ?? "-") \(status.rawValue) \(reason ?? "")"
    }
}

/// One dossiers.csv row (§12, SPEC §4.8).
struct NaiveDossierRow: Equatable {
    var dossierID: String
    var submittedOn: Day?
    var status: DossierStatus.Status
    var missingParts: [String]
    var daysLeft: Int?
}

/// One data_quality_records.csv row (§12 records_to_fix).
struct NaiveRecordRow: Equatable {
    var unitID: String
    var caseID: String
    var prosecutorID: String?
    var acceptedOn: Day
    var problems: [String]
    var missingRequiredFields: Int?
    var errorCount: Int?
    var lastUpdatedOn: Day?
}

/// §12 quotas, shortlist, eligibility, dossiers and records to fix.
struct NaiveAwards {
    let plan: Plan
    let days: NaiveDays
    let conditions: NaiveConditions

    /// share × members, rounded as the plan says, exactly (the share read from its decimal text).
    func collectiveQuota(members: Int) -> Int {
        let text = "\(plan.quotas.collectiveShare)"
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts[0]) ?? 0
        let decimals = parts.count > 1 ? String(parts[1]) : ""
        var q = 1
        for _ in decimals { q *= 10 }
        let p = whole * q + (Int(decimals) ?? 0)
        let exact = NaiveRational(p * members, q)
        switch plan.quotas.collectiveRounding {
        case .down: return exact.floor.int ?? 0
        case .nearest: return exact.roundedHalfUp.int ?? 0
        case .up: return exact.ceiling.int ?? 0
        }
    }

    /// 1 per SPP unit's bloc; a province's by the first tier holding H (its member headcount, else
    /// its own headcount as stored, 0 when NULL).
    func individualQuota(owner: ThiDuaCore.Unit, provinceHeadcount: Int?) -> Int {
        if owner.kindText == "spp_unit" { return plan.quotas.individualPerSPPUnit }
        let h = provinceHeadcount ?? owner.headcount ?? 0
        return plan.quotas.individualProvincialTiers.first { $0.maxHeadcount.map { h <= $0 } ?? true }?.quota ?? 0
    }

    /// Positions the eligible in `ordered` order; the first `quota` proposed; excluded last.
    static func rows(bloc: BlocID, kind: NomineeKind, quota: Int, ordered: [(id: String, reason: String?)]) -> [NaiveShortlistRow] {
        var eligible: [NaiveShortlistRow] = []
        var excluded: [NaiveShortlistRow] = []
        for n in ordered {
            if let reason = n.reason {
                excluded.append(NaiveShortlistRow(bloc: bloc, nomineeKind: kind, nomineeID: n.id, quota: quota, position: nil,
                                                  status: .excluded, reason: reason))
            } else {
                let position = eligible.count + 1
                eligible.append(NaiveShortlistRow(bloc: bloc, nomineeKind: kind, nomineeID: n.id, quota: quota, position: position,
                                                  status: position <= quota ? .proposed : .reserve, reason: nil))
            }
        }
        return eligible + excluded
    }

    func unitShortlist(bloc: BlocID, members: [NaiveMember], figures: [MemberFigures], people: [NaivePerson]) -> [NaiveShortlistRow] {
        let scopes = Dictionary(members.map { ($0.unit.id, $0.scope) }, uniquingKeysWith: { a, _ in a })
        func reason(_ unitID: String) -> String? {
            let scope = scopes[unitID] ?? []
            let staff = people.filter { $0.unitID.map { scope.contains($0) } ?? false }
            return plan.eligibility.first { rule in rule.excludesUnits && staff.contains { $0.values[rule.staffFlag].bool } }?.reason
        }
        let ordered = figures.sorted { a, b in
            for key in plan.unitOrder {
                switch key {
                case .priority(let c), .met(let c):
                    if a.flags[c] != b.flags[c] { return a.flags[c] }
                case .composite:
                    if a.composite != b.composite { return a.composite > b.composite }
                }
            }
            return naiveBytesLess(a.unit.id, b.unit.id)
        }
        return NaiveAwards.rows(bloc: bloc, kind: .unit, quota: collectiveQuota(members: members.count),
                                ordered: ordered.map { ($0.unit.id, reason($0.unit.id)) })
    }

    func staffShortlist(bloc: BlocID, quota: Int, figures: [StaffFigures], people: [String: NaivePerson]) -> [NaiveShortlistRow] {
        func flag(_ f: StaffFigures, _ ref: StaffValueRef) -> Bool {
            switch ref {
            case .metric(let m): return f.row.values[m].bool
            case .scorePart(let p): return f.whenHolds[p]
            }
        }
        let ordered = figures.sorted { a, b in
            for key in plan.staffOrder {
                switch key {
                case .directWorker:
                    if a.row.directWorker != b.row.directWorker { return a.row.directWorker }
                case .flag(let ref):
                    if flag(a, ref) != flag(b, ref) { return flag(a, ref) }
                case .score:
                    if a.score != b.score { return a.score > b.score }
                }
            }
            return naiveBytesLess(a.row.staffID, b.row.staffID)
        }
        return NaiveAwards.rows(bloc: bloc, kind: .staff, quota: quota, ordered: ordered.map { f in
            (f.row.staffID, plan.eligibility.first { $0.excludesStaff && f.row.values[$0.staffFlag].bool }?.reason)
        })
    }

    func dossiers(_ rows: [NaiveRow]) -> [NaiveDossierRow] {
        let rules = plan.dossiers
        return rows.compactMap { r -> NaiveDossierRow? in
            guard let id = r.text("dossier_id") else { return nil }
            let submitted = r.date("submitted_on").flatMap { $0 <= days.d && naiveInContractRange($0) ? $0 : nil }
            if let level = r.text("award_level"), rules.decidedAtUnit.contains(level) {
                return NaiveDossierRow(dossierID: id, submittedOn: submitted, status: .unitLevel, missingParts: [], daysLeft: nil)
            }
            let missing = rules.parts.filter { r.bool("has_\($0)") != true }
            let status: DossierStatus.Status
            var daysLeft: Int?
            if let s = submitted {
                status = s <= rules.deadline ? (missing.isEmpty ? .accepted : .incomplete) : .lateRejected
            } else if days.d <= rules.deadline {
                status = .pending
                daysLeft = rules.deadline.ordinal - days.d.ordinal
            } else {
                status = .missing
            }
            return NaiveDossierRow(dossierID: id, submittedOn: submitted, status: status, missingParts: missing, daysLeft: daysLeft)
        }.sorted { naiveBytesLess($0.dossierID, $1.dossierID) }
    }

    func records(_ facts: [NaiveFact]) -> [NaiveRecordRow] {
        var out: [NaiveRecordRow] = []
        for f in facts {
            guard let unit = f.row.text("unit_id"), let caseID = f.row.text("case_id"), let accepted = f.row.date("accepted_on") else { continue }
            let problems = plan.recordsToFix.filter { p in
                guard case .rows(_, let condition) = plan.measures[p.measure].kind else { return false }
                return conditions.holds(condition, read: f.read, intColumn: f.intColumn)
            }.map(\.problem)
            guard !problems.isEmpty else { continue }
            // As the report prints them: counts as stored (NULL as 0), a last_updated_on outside
            // 2000–2100 empty (a date_out_of_range anomaly), an accepted_on of -infinity as 0001-01-01.
            out.append(NaiveRecordRow(unitID: unit, caseID: caseID, prosecutorID: f.row.text("prosecutor_id"),
                                      acceptedOn: max(accepted, Day(year: 1, month: 1, day: 1)!), problems: problems,
                                      missingRequiredFields: f.row.int("missing_required_fields") ?? 0,
                                      errorCount: f.row.int("error_count") ?? 0,
                                      lastUpdatedOn: f.row.date("last_updated_on").flatMap { naiveInContractRange($0) ? $0 : nil }))
        }
        return out.sorted { a, b in
            if a.unitID != b.unitID { return naiveBytesLess(a.unitID, b.unitID) }
            if a.acceptedOn != b.acceptedOn { return a.acceptedOn < b.acceptedOn }
            return naiveBytesLess(a.caseID, b.caseID)
        }
    }
}
