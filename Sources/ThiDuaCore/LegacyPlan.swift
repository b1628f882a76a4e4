import Foundation

/// The plan's rules as data (SPEC §2): dates, thresholds, weights and quotas. Plan 251/KH-VKSTC is
/// the shipped default (`plans/251-KH-VKSTC.yaml`); next year's plan is a new file, not a code change.
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

/// IV.5: how many nominees each bloc may propose for the Bằng khen.
public struct Quotas: Sendable, Equatable {
    public enum Rounding: String, Sendable { case down, nearest, up }
    /// IV.5.1: share of the bloc's members (0.10).
    public var collectiveShare: Decimal
    public var collectiveRounding: Rounding
    /// IV.5.2: one per SPP unit.
    public var individualPerSPPUnit: Int
    /// IV.5.2: by subtree headcount, first tier whose upper bound (inclusive) holds; nil = no bound.
    public var individualProvincialTiers: [(maxHeadcount: Int?, quota: Int)]

    public init(collectiveShare: Decimal, collectiveRounding: Rounding, individualPerSPPUnit: Int,
                individualProvincialTiers: [(maxHeadcount: Int?, quota: Int)]) {
        self.collectiveShare = collectiveShare
        self.collectiveRounding = collectiveRounding
        self.individualPerSPPUnit = individualPerSPPUnit
        self.individualProvincialTiers = individualProvincialTiers
    }

    public static func == (a: Quotas, b: Quotas) -> Bool {
        a.collectiveShare == b.collectiveShare && a.collectiveRounding == b.collectiveRounding
            && a.individualPerSPPUnit == b.individualPerSPPUnit
            && a.individualProvincialTiers.map(\.maxHeadcount) == b.individualProvincialTiers.map(\.maxHeadcount)
            && a.individualProvincialTiers.map(\.quota) == b.individualProvincialTiers.map(\.quota)
    }

    /// IV.5.1: ⌊10% × members⌋ with the plan's rounding.
    public func collective(members: Int) -> Int {
        var exact = collectiveShare * Decimal(members)
        var out = Decimal()
        let mode: NSDecimalNumber.RoundingMode = switch collectiveRounding {
        case .down: .down
        case .nearest: .plain
        case .up: .up
        }
        NSDecimalRound(&out, &exact, 0, mode)
        return NSDecimalNumber(decimal: out).intValue
    }

    /// IV.5.2: the individual quota of a province by its subtree headcount (biên chế).
    public func individualProvincial(headcount: Int) -> Int {
        for tier in individualProvincialTiers {
            if let max = tier.maxHeadcount, headcount > max { continue }
            return tier.quota
        }
        return individualProvincialTiers.last?.quota ?? 0
    }
}
