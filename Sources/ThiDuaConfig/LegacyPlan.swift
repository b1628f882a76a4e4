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
    public var compositeWeights: [LegacyCompositePart: Decimal]
    public var individualWeights: [IndividualPart: Decimal]
    /// The plan's clause behind each milestone ("II.1", "III.1.1"), for readers of milestones.csv;
    /// optional in the plan file.
    public var milestoneClauses: [LegacyMilestoneKind: String] = [:]
    public var levelScaleMax: Int

    public init(name: String, title: String, periodStart: Day, periodEnd: Day, infraDeadline: Day, goLive: Day,
                retroFrom: Day, retroTo: Day, retroDeadline: Day, proficiencyDeadline: Day, luyenaiCutoff: Day,
                luyenaiLevelTarget: Int, e2ePriorityRate: Fraction, dossierDeadline: Day, staleDays: Int,
                proficiencyWindowDays: Int, proficiencyMinActions: Int, quotas: Quotas,
                compositeWeights: [LegacyCompositePart: Decimal], individualWeights: [IndividualPart: Decimal],
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

/// The parts of the composite standing (SPEC §4.4), in the order reports list them: five rates
/// (capped at 1), two training thresholds (III.1.1, III.2.1), and "ai_products ≥ 1": at least one AI
/// product in regular use (III.2.1).
public enum LegacyCompositePart: String, CaseIterable, Sendable {
    case e2eRate = "e2e_rate", retroRate = "retro_rate", qualityRate = "quality_rate", signatureRate = "signature_rate"
    case level5Rate = "level5_rate", qlahsTrainingMet = "qlahs_training_met", aiTrainingMet = "ai_training_met"
    case aiProducts = "ai_products"
}

/// The parts of the individual score (SPEC §4.5).
public enum IndividualPart: String, CaseIterable, Sendable {
    /// × cases_e2e / bloc max.
    case casesE2E = "cases_e2e"
    /// cases_total > 0 and no stale and no error record (III.1.2 "không để tồn đọng … sai sót").
    case cleanRecord = "clean_record"
    /// × min(level_now, level_scale_max) / level_scale_max (III.2.2).
    case level = "level"
    /// trainings_led ≥ 1 or core group member (III.1.2, III.2.2).
    case trainerOrCore = "trainer_or_core"
    /// initiatives_recognized ≥ 1.
    case initiative = "initiative"
}

/// The seven milestones of thidua 0.4 (`milestone_clauses` keys of a value-only plan file).
public enum LegacyMilestoneKind: String, Sendable, CaseIterable {
    case infraReady = "infra_ready", retroEntry = "retro_entry", e2eFull = "e2e_full", proficiency
    case luyenaiParticipation = "luyenai_participation", qlahsTraining = "qlahs_training", aiTraining = "ai_training"
}
