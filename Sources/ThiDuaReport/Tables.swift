import Foundation
import ThiDuaCore

/// The columns of each CSV file (SPEC §5) and how a row fills them. `docs/csv.md` documents every
/// column; a test keeps the two in step.
public enum Tables {
    public static let unitMetrics: [String] = [
        "as_of", "bloc", "unit_id", "unit_name", "unit_kind", "headcount",
        "e2e_total", "e2e_done", "e2e_rate", "e2e_priority",
        "retro_total", "retro_entered", "retro_rate",
        "quality_total", "quality_clean", "quality_rate", "missing_field_records", "error_records", "stale_records",
        "docs_total", "docs_signed", "docs_electronic", "signature_rate", "e_record_rate",
        "qlahs_trainings", "ai_trainings", "qlahs_training_met", "ai_training_met",
        "qlahs_initiatives", "ai_products", "level5_staff", "level5_rate", "participation_rate", "proficiency_rate",
        "composite_score", "e2e_rank", "retro_rank", "quality_rank", "signature_rank", "level5_rank", "composite_rank",
        "active_staff", "period_final",
    ]

    public static func unitMetricsRow(_ s: UnitStanding, window: Window) -> [CSVCell] {
        let c = s.counts
        return [
            .day(window.asOf), .text(s.bloc), .text(s.unit.id), .text(s.unit.name), .text(s.unit.kindText), .int(s.headcount),
            .int(c.e2eTotal), .int(c.e2eDone), .rate(s.e2eRate), .bool(s.e2ePriority),
            .int(c.retroTotal), .int(c.retroEntered), .rate(s.retroRate),
            .int(c.qualityTotal), .int(c.qualityClean), .rate(s.qualityRate),
            .int(c.missingFieldRecords), .int(c.errorRecords), .int(c.staleRecords),
            .int(c.docsTotal), .int(c.docsSigned), .int(c.docsElectronic), .rate(s.signatureRate), .rate(s.eRecordRate),
            .int(c.qlahsTrainings), .int(c.aiTrainings), .bool(s.qlahsTrainingMet), .bool(s.aiTrainingMet),
            .int(c.qlahsInitiatives), .int(c.aiProducts), .int(c.level5Staff), .rate(s.level5Rate),
            .rate(s.participationRate), .rate(s.proficiencyRate),
            .score(s.composite),
            .int(s.ranks[.e2e]), .int(s.ranks[.retro]), .int(s.ranks[.quality]), .int(s.ranks[.signature]),
            .int(s.ranks[.level5]), .int(s.ranks[.composite]),
            .int(c.activeStaff), .bool(window.isFinal),
        ]
    }

    public static let anomalies = ["as_of", "relation", "key", "problem", "detail"]

    public static func anomalyRow(_ a: Anomaly, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(a.relation), .text(a.key), .text(a.problem), .text(a.detail)]
    }

    public static let qualityRecords = [
        "as_of", "unit_id", "case_id", "prosecutor_id", "accepted_on", "problem",
        "missing_required_fields", "error_count", "last_updated_on",
    ]
}
