import Foundation
import ThiDuaCore

/// The type of a column, as the CSV writes it (docs/csv.md): what the workbook, the data package and
/// the SQL tables derive their own types from.
public enum ColumnType: String, Sendable {
    /// ISO `YYYY-MM-DD`.
    case date
    /// ISO 8601 date and time in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    case datetime
    /// NFC text.
    case text
    /// A whole number.
    case integer
    /// A fraction written with 6 decimals (`0.980000`).
    case rate
    /// Points written with 4 decimals.
    case score
    /// `true` or `false`.
    case boolean
}

/// One column of one output table, with everything a reader of the data needs to know about it.
/// The CSV header, docs/csv.md, `datapackage.json`, `sql/reports.sql` and the workbook's typed cells
/// all come from these definitions, so they cannot drift apart.
public struct Column: Sendable {
    public let name: String
    public let type: ColumnType
    public let unit: String
    public let meaning: String
    public let spec: String
    /// The only values the column takes (a closed list from the code's own enums).
    public private(set) var values: [String]?
    /// A regular expression every non-empty value matches.
    public private(set) var pattern: String?
    /// Bounds, as they are written in the CSV; nil: unbounded.
    public private(set) var minimum: String?
    public private(set) var maximum: String?

    public init(_ name: String, _ type: ColumnType, _ unit: String, _ meaning: String, _ spec: String) {
        self.name = name
        self.type = type
        self.unit = unit
        self.meaning = meaning
        self.spec = spec
        switch type {
        case .integer: minimum = "0"
        // Every rate's numerator counts a subset of its denominator, so it lies in [0, 1]; the one
        // that may not (level5_rate) says so and widens its own bound.
        case .rate: minimum = "0"; maximum = "1"
        case .score: minimum = "0"; maximum = "100"
        default: break
        }
        if type == .integer, name == "rank" || name == "position" || name.hasSuffix("_rank") { minimum = "1" }
    }

    func values(_ v: [String]) -> Column { var c = self; c.values = v; return c }
    func pattern(_ p: String) -> Column { var c = self; c.pattern = p; return c }
    func range(_ lo: Int?, _ hi: Int?) -> Column {
        var c = self; c.minimum = lo.map(String.init); c.maximum = hi.map(String.init); return c
    }
}

/// One output table: `csv/<id>.csv`, a sheet of the workbook, a resource of the data package and a
/// table of `sql/reports.sql`.
public struct DataTable: Sendable {
    public let id: String
    public let rows: String
    public let primaryKey: [String]
    public let columns: [Column]
    public var file: String { "csv/\(id).csv" }
    public var header: [String] { columns.map(\.name) }
}

private let unitBloc = "spp|provincial|sub:.+"
private let staffBloc = "staff:.+"
private let anyBloc = "spp|provincial|sub:.+|staff:.+"
private func listOf(_ codes: [String]) -> String {
    let one = "(" + codes.joined(separator: "|") + ")"
    return "\(one)(;\(one))*"
}

public enum DataDictionary {
    /// Every table, in the order the report, the workbook and the data package list them.
    public static let all: [DataTable] = [run, unitMetrics, staffMetrics, milestones, awardShortlist, dossiers, qualityRecords, anomalies]

    /// The first column of every table: the run's as-of day, on which the tables join `run`.
    public static let asOf = Column("as_of", .date, "", "D, the run's as-of day (joins run.csv)", "§2")

    /// The run itself, one row: who made these tables, when, from which plan, with which weights.
    public static let run = DataTable(
        id: "run", rows: "one row: the run", primaryKey: ["run_id"],
        columns: [
            Column("run_id", .text, "", "`<as_of>@<generated_at>`: names this run in every other table's import", "§5"),
            Column("as_of", .date, "", "D, the as-of day; every other table's as_of equals it", "§2"),
            Column("generated_at", .datetime, "", "when the run started (UTC)", "§5"),
            Column("thidua_version", .text, "", "the version of thidua that wrote the run", "§5"),
            Column("plan_name", .text, "", "the plan file's name (e.g. 251/KH-VKSTC)", "§2"),
            Column("plan_title", .text, "", "the plan's title", "§2"),
            Column("period_start", .date, "", "the first day of the emulation period", "§2"),
            Column("period_end", .date, "", "the last day of the period", "§2"),
            Column("window_end", .date, "", "E = min(D, period_end): the last day every period metric counts", "§2"),
            Column("period_final", .boolean, "", "D is after period_end: the standing is final", "§2"),
            Column("e2e_priority_rate", .rate, "fraction", "the priority line for e2e_rate (III.1.1)", "§2"),
        ] + LegacyCompositePart.allCases.map {
            Column("weight_\($0.rawValue)", .score, "points", "weight of \($0.rawValue) in composite_score, from the plan file", "§4.4")
        })

    public static let unitMetrics = DataTable(
        id: "unit_metrics", rows: "one row per bloc × unit", primaryKey: ["bloc", "unit_id"],
        columns: [
            asOf,
            Column("bloc", .text, "", "`spp`, `provincial` or `sub:<province unit_id>`", "§4.1").pattern(unitBloc),
            Column("unit_id", .text, "", "the unit", "§3"),
            Column("unit_name", .text, "", "its name", "§3"),
            Column("unit_kind", .text, "", "spp_unit, provincial, department, regional", "§3").values(UnitKind.allCases.map(\.rawValue)),
            Column("headcount", .integer, "people", "biên chế of the measured scope (a province: its whole subtree); empty when the unit's own is missing or ≤ 0", "§4.1").range(1, nil),
            Column("e2e_total", .integer, "records", "records accepted in [go_live, E]", "§4.2"),
            Column("e2e_done", .integer, "records", "of those, processed end-to-end", "§4.2"),
            Column("e2e_rate", .rate, "fraction", "e2e_done / e2e_total", "§4.2"),
            Column("e2e_priority", .boolean, "", "e2e_rate ≥ e2e_priority_rate (0.98), compared exactly", "§4.2"),
            Column("retro_total", .integer, "records", "records accepted in [retro_from, min(retro_to, E)]", "§4.2"),
            Column("retro_entered", .integer, "records", "of those, entered on or before E", "§4.2"),
            Column("retro_rate", .rate, "fraction", "retro_entered / retro_total", "§4.2"),
            Column("quality_total", .integer, "records", "records accepted in [retro_from, E] and entered by E", "§4.2"),
            Column("quality_clean", .integer, "records", "of those, no missing required field and no error", "§4.2"),
            Column("quality_rate", .rate, "fraction", "quality_clean / quality_total", "§4.2"),
            Column("missing_field_records", .integer, "records", "quality records with missing_required_fields > 0", "§4.2"),
            Column("error_records", .integer, "records", "quality records with error_count > 0", "§4.2"),
            Column("stale_records", .integer, "records", "open quality records last updated on or before E − stale_days", "§4.2"),
            Column("docs_total", .integer, "documents", "procedural documents issued in [go_live, E]", "§4.2"),
            Column("docs_signed", .integer, "documents", "of those, digitally signed", "§4.2"),
            Column("docs_electronic", .integer, "documents", "of those, electronic", "§4.2"),
            Column("signature_rate", .rate, "fraction", "docs_signed / docs_total", "§4.2"),
            Column("e_record_rate", .rate, "fraction", "docs_electronic / docs_total", "§4.2"),
            Column("qlahs_trainings", .integer, "sessions", "QLAHS sessions held in [period_start, E]", "§4.2"),
            Column("ai_trainings", .integer, "sessions", "AI sessions held in [period_start, E]", "§4.2"),
            Column("qlahs_training_met", .boolean, "", "≥ 1 QLAHS class or seminar, or ≥ 2 hands-on rounds (III.1.1)", "§4.2"),
            Column("ai_training_met", .boolean, "", "≥ 1 AI class or seminar (III.2.1)", "§4.2"),
            Column("qlahs_initiatives", .integer, "initiatives", "QLAHS initiatives recognized in [period_start, E]", "§4.2"),
            Column("ai_products", .integer, "initiatives", "AI initiatives recognized in [period_start, E] and in regular use", "§4.2"),
            Column("level5_staff", .integer, "people", "active staff whose latest LuyenAI level on or before min(E, luyenai_cutoff) ≥ 5", "§4.2"),
            Column("level5_rate", .rate, "fraction", "level5_staff / headcount (biên chế, not staff rows); may exceed 1 when the warehouse counts more level-5 staff than biên chế: such a unit is listed in anomalies.csv (level5_above_headcount) and gets no level5_rank", "§4.2").range(0, nil),
            Column("participation_rate", .rate, "fraction", "active staff who studied (minutes > 0) on a day ≤ E / active staff", "§4.2"),
            Column("proficiency_rate", .rate, "fraction", "leaders and prosecutors with ≥ proficiency_min_actions actions in the 30 days ending at E / all of them", "§4.2"),
            Column("composite_score", .score, "points 0–100", "Σ weight × part (rates capped at 1), weights from the plan file", "§4.4"),
            Column("e2e_rank", .integer, "", "standard competition rank of e2e_rate in the bloc; empty for an empty rate", "§4.3"),
            Column("retro_rank", .integer, "", "rank of retro_rate", "§4.3"),
            Column("quality_rank", .integer, "", "rank of quality_rate", "§4.3"),
            Column("signature_rank", .integer, "", "rank of signature_rate", "§4.3"),
            Column("level5_rank", .integer, "", "rank of level5_rate; empty when the rate is impossible (level5_staff above headcount; so for any rate above 1)", "§4.3"),
            Column("composite_rank", .integer, "", "rank of composite_score (compared on its 4-decimal value)", "§4.3"),
            Column("active_staff", .integer, "people", "active staff of the measured scope", "§4.1"),
            Column("period_final", .boolean, "", "D is after period_end: the standing is final", "§2"),
            Column("participating_staff", .integer, "people", "active staff who studied (minutes > 0) on a day ≤ E: participation_rate = participating_staff / active_staff", "§4.2"),
            Column("proficient_staff", .integer, "people", "leaders and prosecutors with ≥ proficiency_min_actions actions in the 30 days ending at E: proficiency_rate's numerator", "§4.2"),
            Column("leaders_and_prosecutors", .integer, "people", "active leaders and prosecutors of the measured scope: proficiency_rate's denominator", "§4.2"),
            Column("parent_id", .text, "", "the unit's parent in the warehouse (a sub-unit's province); empty for SPP units and provinces", "§3"),
            Column("province_id", .text, "", "the province the unit belongs to (a province: itself); empty for SPP units", "§4.1"),
        ] + LegacyCompositePart.allCases.map {
            Column("points_\($0.rawValue)", .score, "points", "weight × part for \($0.rawValue) (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001", "§4.4")
        } + [
            Column("e2e_to_priority", .integer, "records", "what it takes: records still to process end-to-end for e2e_rate ≥ e2e_priority_rate, ⌈line × e2e_total⌉ − e2e_done, exact (0 when on or above the line; after the period, by how much the final standing missed); empty when e2e_total is 0", "§4.2"),
            Column("retro_to_full", .integer, "records", "retro records still to enter for retro_rate = 100%: retro_total − retro_entered; empty when retro_total is 0", "§4.2"),
            Column("participation_to_full", .integer, "people", "active staff still to study on LuyenAI for participation_rate = 100%: active_staff − participating_staff; empty when active_staff is 0", "§4.2"),
        ] + RankedCriterion.allCases.filter { $0 != .composite }.map { c in
            Column("\(c.rawValue)_to_first", .integer, c == .signature ? "documents" : (c == .level5 ? "people" : "records"),
                   "what it takes to equal the bloc's first place in \(c.rawValue)_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible", "§4.3")
        })

    public static let staffMetrics = DataTable(
        id: "staff_metrics", rows: "one row per active staff member", primaryKey: ["staff_id"],
        columns: [
            asOf,
            Column("bloc", .text, "", "`staff:<unit_id>` of the SPP unit or of the province", "§4.5").pattern(staffBloc),
            Column("unit_id", .text, "", "the person's own unit", "§3"),
            Column("staff_id", .text, "", "the person", "§3"),
            Column("full_name", .text, "", "name (personal data: see docs/security.md)", "§3"),
            Column("role", .text, "", "leader, prosecutor, inspector, it, other; any other text is the warehouse's own, kept as it is and listed in anomalies.csv as unknown_role", "§3"),
            Column("direct_worker", .boolean, "", "người lao động trực tiếp", "§3"),
            Column("cases_total", .integer, "records", "as prosecutor, accepted in [go_live, E]", "§4.5"),
            Column("cases_e2e", .integer, "records", "of those, end-to-end", "§4.5"),
            Column("stale_records", .integer, "records", "as prosecutor, stale quality records", "§4.5"),
            Column("error_records", .integer, "records", "as prosecutor, quality records with errors", "§4.5"),
            Column("level_now", .integer, "level", "latest LuyenAI level on or before E", "§4.5").range(0, nil),
            Column("level_cutoff", .integer, "level", "latest level on or before min(E, luyenai_cutoff)", "§4.5"),
            Column("study_minutes", .integer, "minutes", "Σ minutes (> 0) in [period_start, E]", "§4.5"),
            Column("active_weeks", .integer, "weeks", "7-day weeks from period_start with study", "§4.5"),
            Column("weeks_in_period", .integer, "weeks", "⌈days in [period_start, E] / 7⌉", "§4.5"),
            Column("trainings_led", .integer, "sessions", "distinct sessions in [period_start, E] with this person as trainer", "§4.5"),
            Column("core_group_member", .boolean, "", "member of a core group established ≤ E", "§4.5"),
            Column("initiatives_recognized", .integer, "initiatives", "authored, recognized in [period_start, E]", "§4.5"),
            Column("disciplined", .boolean, "", "a discipline row (disciplined or under review) overlapping the period", "§4.5"),
            Column("score", .score, "points 0–100", "individual score, weights from the plan file", "§4.5"),
            Column("rank", .integer, "", "standard competition rank of score in the bloc", "§4.5"),
        ])

    public static let milestones = DataTable(
        id: "milestones", rows: "one row per bloc × unit × milestone (7 per bloc member)", primaryKey: ["bloc", "unit_id", "milestone"],
        columns: [
            asOf,
            Column("bloc", .text, "", "the bloc", "§4.1").pattern(unitBloc),
            Column("unit_id", .text, "", "the unit", "§3"),
            Column("milestone", .text, "", "infra_ready, retro_entry, e2e_full, proficiency, luyenai_participation, qlahs_training, ai_training", "§4.6").values(LegacyMilestoneKind.allCases.map(\.rawValue)),
            Column("deadline", .date, "", "the last day on time, from the plan file", "§4.6"),
            Column("status", .text, "", "met, met_late, missed, pending, at_risk, not_applicable, no_data", "§4.6").values(MilestoneStatus.allCases.map(\.rawValue)),
            Column("value", .integer, "count", "what is done: infra_ready items ready at D; every other milestone the numerator of the §4.2 metric it restates, on the window ending at E (retro_entered, e2e_done, proficient, participating, sessions held in [period_start, E])", "§4.6"),
            Column("target", .integer, "count", "what is required: the items, or the denominator of the restated metric (1 for the trainings)", "§4.6"),
            Column("completed_on", .date, "", "the day it was completed, where known", "§4.6"),
            Column("projected_on", .date, "", "D + ⌈remaining × 14 / items done in [D−13, D]⌉, where a pace exists", "§4.6"),
            Column("clause", .text, "", "the plan's clause that sets the milestone (e.g. II.1, III.1.1), from the plan file", "§4.6"),
        ])

    public static let awardShortlist = DataTable(
        id: "award_shortlist", rows: "one row per nominee (staff blocs first, then unit blocs)", primaryKey: ["bloc", "nominee_kind", "nominee_id"],
        columns: [
            asOf,
            Column("bloc", .text, "", "`spp`, `provincial`, `sub:<id>` for units; `staff:<id>` for staff", "§4.7").pattern(anyBloc),
            Column("nominee_kind", .text, "", "unit or staff", "§4.7").values(NomineeKind.allCases.map(\.rawValue)),
            Column("nominee_id", .text, "", "unit_id or staff_id", "§4.7"),
            Column("nominee_name", .text, "", "name", "§4.7"),
            Column("quota", .integer, "nominees", "the bloc's quota (IV.5)", "§4.7"),
            Column("position", .integer, "", "order among the eligible; empty when excluded", "§4.7").range(1, nil),
            Column("status", .text, "", "proposed, reserve, excluded", "§4.7").values(Nomination.Status.allCases.map(\.rawValue)),
            Column("reason", .text, "", "why excluded: `discipline` (never what the record says)", "§4.7").values(["discipline"]),
        ])

    public static let dossiers = DataTable(
        id: "dossiers", rows: "one row per dossier", primaryKey: ["dossier_id"],
        columns: [
            asOf,
            Column("dossier_id", .text, "", "the dossier", "§3"),
            Column("nominee_kind", .text, "", "unit or staff", "§3"),
            Column("nominee_id", .text, "", "unit_id or staff_id", "§3"),
            Column("award_level", .text, "", "bang_khen or giay_khen", "§3"),
            Column("submitted_on", .date, "", "submission day, empty when not submitted as of D", "§4.8"),
            Column("status", .text, "", "accepted, incomplete, late_rejected, pending, missing, unit_level", "§4.8").values(DossierStatus.Status.allCases.map(\.rawValue)),
            Column("missing_parts", .text, "", "`;`-separated: proposal;minutes;achievement_report;impact_confirmation", "§4.8").pattern(listOf(Dossiers.parts)),
            Column("days_left", .integer, "days", "deadline − D for pending dossiers", "§4.8"),
        ])

    public static let qualityRecords = DataTable(
        id: "data_quality_records", rows: "one row per record a unit must fix", primaryKey: ["case_id"],
        columns: [
            asOf,
            Column("unit_id", .text, "", "the unit that holds the record", "§3"),
            Column("case_id", .text, "", "the record", "§3"),
            Column("prosecutor_id", .text, "", "its prosecutor, if any", "§3"),
            Column("accepted_on", .date, "", "thụ lý day", "§3"),
            Column("problem", .text, "", "`;`-separated: missing_fields, errors, stale, not_entered", "§5").pattern(listOf(QualityProblem.codes)),
            Column("missing_required_fields", .integer, "fields", "as in the warehouse (a negative value is also listed in anomalies.csv: negative_count)", "§3").range(nil, nil),
            Column("error_count", .integer, "errors", "as in the warehouse (a negative value is also listed in anomalies.csv: negative_count)", "§3").range(nil, nil),
            Column("last_updated_on", .date, "", "as in the warehouse", "§3"),
        ])

    public static let anomalies = DataTable(
        id: "anomalies", rows: "one row per contract-breaking row", primaryKey: [],
        columns: [
            asOf,
            Column("relation", .text, "", "the relation holding the row", "§3"),
            Column("key", .text, "", "its key (`a/b` for composite keys; `*` for a count of rows beyond the first 1,000 listed)", "§3"),
            Column("problem", .text, "", "unknown_kind, unknown_role, unknown_unit, unknown_status, unknown_topic, unknown_format, unknown_item, negative_count, date_out_of_range, headcount_missing, headcount_not_positive, parent_not_provincial, unexpected_parent, level5_above_headcount, rate_above_one, null_value, duplicate_key, value_out_of_range, headcount_out_of_range, name_too_long, control_characters", "§3"),
            Column("detail", .text, "", "the offending values", "§3"),
        ])
}
