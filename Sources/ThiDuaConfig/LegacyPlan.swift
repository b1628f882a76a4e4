import Foundation
import ThiDuaCore

/// A value-only plan file of thidua 0.4 (dates, thresholds, weights and quotas of plan 251's fixed
/// criteria), read only by `thidua plan convert`, which writes it out in the plan language
/// (PLAN-LANGUAGE.md §22, decided 3).
///
/// A deadline is the last day that counts as on time.
public struct LegacyPlan: Sendable, Equatable {
    public var name: String
    public var title: String
    /// "từ ngày ban hành": the plan's date of issue.
    public var periodStart: Day
    /// II.2 "đến hết ngày 30/6/2026".
    public var periodEnd: Day
    /// II.1 LAN, WAN, scanners, tokens "xong trước ngày 20/12/2025".
    public var infraDeadline: Day
    /// II.1: 100% new cases end-to-end from this day.
    public var goLive: Day
    /// II.1: retrospective entry of cases accepted from retroFrom.
    public var retroFrom: Day
    public var retroTo: Day
    public var retroDeadline: Day
    /// II.1: 100% of leaders and prosecutors use the platform.
    public var proficiencyDeadline: Day
    /// III.2.1: level-5 ranking "tính đến ngày 31/12/2025".
    public var luyenaiCutoff: Day
    /// III.2.1: "cấp độ 5 trở lên (đẳng 5)".
    public var luyenaiLevelTarget: Int
    /// III.1.1: "ưu tiên … đạt từ 98% trở lên", as an exact fraction.
    public var e2ePriorityRate: Fraction
    /// V.3: dossiers "trước ngày 30/6/2026".
    public var dossierDeadline: Day
    public var staleDays: Int
    public var proficiencyWindowDays: Int
    public var proficiencyMinActions: Int
    public var quotas: Quotas
    /// Weight per composite part and per individual score part, by the part's name.
    public var compositeWeights: [String: Decimal]
    public var individualWeights: [String: Decimal]
    /// The plan's clause behind each milestone ("II.1", "III.1.1"), for readers of milestones.csv;
    /// optional in the plan file.
    public var milestoneClauses: [String: String] = [:]
    public var levelScaleMax: Int

    public init(name: String, title: String, periodStart: Day, periodEnd: Day, infraDeadline: Day, goLive: Day,
                retroFrom: Day, retroTo: Day, retroDeadline: Day, proficiencyDeadline: Day, luyenaiCutoff: Day,
                luyenaiLevelTarget: Int, e2ePriorityRate: Fraction, dossierDeadline: Day, staleDays: Int,
                proficiencyWindowDays: Int, proficiencyMinActions: Int, quotas: Quotas,
                compositeWeights: [String: Decimal], individualWeights: [String: Decimal],
                levelScaleMax: Int) {
        self.name = name
        self.title = title
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.infraDeadline = infraDeadline
        self.goLive = goLive
        self.retroFrom = retroFrom
        self.retroTo = retroTo
        self.retroDeadline = retroDeadline
        self.proficiencyDeadline = proficiencyDeadline
        self.luyenaiCutoff = luyenaiCutoff
        self.luyenaiLevelTarget = luyenaiLevelTarget
        self.e2ePriorityRate = e2ePriorityRate
        self.dossierDeadline = dossierDeadline
        self.staleDays = staleDays
        self.proficiencyWindowDays = proficiencyWindowDays
        self.proficiencyMinActions = proficiencyMinActions
        self.quotas = quotas
        self.compositeWeights = compositeWeights
        self.individualWeights = individualWeights
        self.levelScaleMax = levelScaleMax
    }
}

/// The names a value-only file's tables must hold: its `composite_weights` and `individual_weights`
/// keys and the milestones `milestone_clauses` may name. They are the built-in plan 251's own parts
/// and milestones (`thidua plan convert` passes them), so no Swift file lists them.
public struct LegacyPlanNames: Sendable {
    public var compositeParts: [String]
    public var scoreParts: [String]
    public var milestones: [String]

    public init(compositeParts: [String], scoreParts: [String], milestones: [String]) {
        self.compositeParts = compositeParts
        self.scoreParts = scoreParts
        self.milestones = milestones
    }
}
