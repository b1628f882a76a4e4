/// V.1, V.3: the award dossiers and whether each arrives in time (SPEC §4.8).
public struct DossierInput: Sendable, Equatable {
    public var dossierID: String
    /// As the warehouse wrote them (printed in dossiers.csv); the typed values are nil when unknown
    /// (listed in anomalies.csv, unknown_kind).
    public var nomineeKindText: String
    public var nomineeID: String
    public var awardLevelText: String
    public var nomineeKind: NomineeKind? { NomineeKind(rawValue: nomineeKindText) }
    public var awardLevel: AwardLevel? { AwardLevel(rawValue: awardLevelText) }
    public var submittedOn: Day?
    public var hasProposal: Bool
    public var hasMinutes: Bool
    public var hasAchievementReport: Bool
    public var hasImpactConfirmation: Bool

    public init(dossierID: String, nomineeKind: String, nomineeID: String, awardLevel: String, submittedOn: Day?,
                hasProposal: Bool, hasMinutes: Bool, hasAchievementReport: Bool, hasImpactConfirmation: Bool) {
        self.dossierID = dossierID
        self.nomineeKindText = nomineeKind
        self.nomineeID = nomineeID
        self.awardLevelText = awardLevel
        self.submittedOn = submittedOn
        self.hasProposal = hasProposal
        self.hasMinutes = hasMinutes
        self.hasAchievementReport = hasAchievementReport
        self.hasImpactConfirmation = hasImpactConfirmation
    }
}

public struct DossierStatus: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case accepted, incomplete, lateRejected = "late_rejected", pending, missing, unitLevel = "unit_level"
    }
    public var status: Status
    /// proposal;minutes;achievement_report;impact_confirmation, in that order (SPEC §4.8).
    public var missingParts: [String]
    public var daysLeft: Int?
    /// The submission day as of D (a dossier submitted after D is not submitted yet).
    public var submittedOn: Day?
}

public enum Dossiers {
    /// The parts of a Bằng khen dossier (V.3), in the order `missing_parts` lists them.
    public static let parts = ["proposal", "minutes", "achievement_report", "impact_confirmation"]

    /// Every dossier with its status as of D against the plan's dossier deadline (SPEC §4.8).
    public static func statuses(_ dossiers: [DossierInput], window: Window) -> [(DossierInput, DossierStatus)] {
        dossiers.map { ($0, status($0, asOf: window.asOf, deadline: window.plan.dossierDeadline)) }
    }

    public static func status(_ d: DossierInput, asOf: Day, deadline: Day) -> DossierStatus {
        let submitted = d.submittedOn.flatMap { $0 <= asOf ? $0 : nil }
        var missing: [String] = []
        if !d.hasProposal { missing.append("proposal") }
        if !d.hasMinutes { missing.append("minutes") }
        if !d.hasAchievementReport { missing.append("achievement_report") }
        if !d.hasImpactConfirmation { missing.append("impact_confirmation") }
        // V.2: a Giấy khen is decided at the unit; the file is kept there.
        if d.awardLevel == .giayKhen { return DossierStatus(status: .unitLevel, missingParts: [], daysLeft: nil, submittedOn: submitted) }
        guard let s = submitted else {
            if asOf <= deadline {
                return DossierStatus(status: .pending, missingParts: missing, daysLeft: asOf.days(to: deadline), submittedOn: nil)
            }
            return DossierStatus(status: .missing, missingParts: missing, daysLeft: nil, submittedOn: nil)
        }
        if s > deadline { return DossierStatus(status: .lateRejected, missingParts: missing, daysLeft: nil, submittedOn: s) }
        return DossierStatus(status: missing.isEmpty ? .accepted : .incomplete, missingParts: missing, daysLeft: nil, submittedOn: s)
    }
}
