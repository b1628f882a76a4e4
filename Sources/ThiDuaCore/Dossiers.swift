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
    /// The parts a dossier may have (PLAN-LANGUAGE.md §12), in the order a plan lists them and
    /// `missing_parts` prints them; each is read from `has_<part>`.
    public static let parts = ["proposal", "minutes", "achievement_report", "impact_confirmation"]
}
