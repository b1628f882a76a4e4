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
            .day(window.asOf), .text(s.bloc.description), .text(s.unit.id), .text(s.unit.name), .text(s.unit.kindText), .int(s.headcount),
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

    public static let staffMetrics = [
        "as_of", "bloc", "unit_id", "staff_id", "full_name", "role", "direct_worker",
        "cases_total", "cases_e2e", "stale_records", "error_records", "level_now", "level_cutoff",
        "study_minutes", "active_weeks", "weeks_in_period", "trainings_led", "core_group_member",
        "initiatives_recognized", "disciplined", "score", "rank",
    ]

    public static func staffMetricsRow(_ s: StaffStanding, window: Window) -> [CSVCell] {
        let f = s.facts
        return [
            .day(window.asOf), .text(s.bloc.description), .text(f.unitID), .text(f.staffID), .text(f.fullName), .text(f.roleText),
            .bool(f.directWorker), .int(f.casesTotal), .int(f.casesE2E), .int(f.staleRecords), .int(f.errorRecords),
            .int(f.levelNow), .int(f.levelAtCutoff), .int(f.studyMinutes), .int(f.activeWeeks),
            .int(Individuals.weeksInPeriod(window)), .int(f.trainingsLed), .bool(f.coreGroupMember),
            .int(f.initiativesRecognized), .bool(f.disciplined), .score(s.score), .int(s.rank),
        ]
    }

    public static let milestones = [
        "as_of", "bloc", "unit_id", "milestone", "deadline", "status", "value", "target", "completed_on", "projected_on",
    ]

    public static func milestoneRow(_ m: MilestoneRow, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(m.bloc.description), .text(m.unitID), .text(m.kind.rawValue), .day(m.deadline), .text(m.status.rawValue),
         .int(m.value), .int(m.target), .day(m.completedOn), .day(m.projectedOn)]
    }

    public static let awardShortlist = [
        "as_of", "bloc", "nominee_kind", "nominee_id", "nominee_name", "quota", "position", "status", "reason",
    ]

    public static func nominationRow(_ n: Nomination, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(n.bloc.description), .text(n.nomineeKind.rawValue), .text(n.nomineeID), .text(n.nomineeName), .int(n.quota),
         .int(n.position), .text(n.status.rawValue), .string(n.reason)]
    }

    public static let dossiers = [
        "as_of", "dossier_id", "nominee_kind", "nominee_id", "award_level", "submitted_on", "status", "missing_parts", "days_left",
    ]

    public static func dossierRow(_ d: DossierInput, _ s: DossierStatus, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(d.dossierID), .text(d.nomineeKindText), .text(d.nomineeID), .text(d.awardLevelText),
         .day(s.submittedOn), .text(s.status.rawValue), .text(s.missingParts.joined(separator: ";")), .int(s.daysLeft)]
    }

    public static func qualityRow(_ unit: String, _ caseID: String, _ prosecutor: String?, _ accepted: Day, _ problems: [String],
                                  _ missing: Int, _ errors: Int, _ updated: Day?, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(unit), .text(caseID), .string(prosecutor), .day(accepted), .text(problems.joined(separator: ";")),
         .int(missing), .int(errors), .day(updated)]
    }
}
