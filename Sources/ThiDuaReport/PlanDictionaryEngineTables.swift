import Foundation
import ThiDuaCore

// The tables whose columns the engine fixes (milestones, award_shortlist, dossiers,
// data_quality_records, anomalies: csv.md); the plan gives their value lists, counts and texts
// (PLAN-LANGUAGE.md §11, §12, §15).

extension PlanDictionary {
    /// The contract checks' problem codes (SPEC §3) that come before the plan's own.
    static let contractProblemsBefore = [
        "unknown_kind", "unknown_role", "unknown_unit", "unknown_status", "unknown_topic", "unknown_format", "unknown_item",
        "negative_count", "date_out_of_range", "headcount_missing", "headcount_not_positive", "parent_not_provincial",
        "unexpected_parent",
    ]
    static let contractProblemsAfter = [
        "null_value", "duplicate_key", "value_out_of_range", "headcount_out_of_range", "name_too_long", "control_characters",
    ]

    /// Every problem code anomalies.csv may hold: the contract's; each rate's own `impossible_problem`
    /// (declaration order, once each), then the default `rate_above_one` when a rate keeps it; then
    /// `integer_overflow` (§8, §14).
    public static func anomalyProblems(_ plan: Plan) -> [String] {
        let fallback = "rate_above_one"
        var plans: [String] = []
        var usesFallback = false
        for c in plan.criteria {
            guard let p = c.rate?.impossibleProblem else { continue }
            if p == fallback { usesFallback = true; continue }
            if !plans.contains(p), !contractProblemsBefore.contains(p), !contractProblemsAfter.contains(p) { plans.append(p) }
        }
        if usesFallback { plans.append(fallback) }
        if !plans.contains("integer_overflow") { plans.append("integer_overflow") }
        return contractProblemsBefore + plans + contractProblemsAfter
    }

    /// milestones.csv: one row per bloc member × milestone; `milestone` takes the plan's ids.
    static func milestonesTable(_ plan: Plan) -> DataTable {
        let ids = plan.milestones.map(\.id)
        let count = ids.isEmpty ? "none: the plan has no milestone" : "\(ids.count) per bloc member"
        var milestone = Column("milestone", .text, "", ids.isEmpty ? "none (the plan declares no milestone)" : ids.joined(separator: ", "), "§4.6")
        if !ids.isEmpty { milestone = milestone.values(ids) }
        return DataTable(
            id: "milestones", rows: "one row per bloc × unit × milestone (\(count))", primaryKey: ["bloc", "unit_id", "milestone"],
            columns: [
                DataDictionary.asOf,
                Column("bloc", .text, "", "the bloc", "§4.1").pattern(unitBloc),
                Column("unit_id", .text, "", "the unit", "§3"),
                milestone,
                Column("deadline", .date, "", "the last day on time, from the plan file", "§4.6"),
                Column("status", .text, "", "met, met_late, missed, pending, at_risk, not_applicable, no_data", "§4.6").values(MilestoneStatus.allCases.map(\.rawValue)),
                integer("value", "count", "what is done, on the member's scope: " + milestoneSides(plan, value: true), "§4.6"),
                integer("target", "count", "what is required: " + milestoneSides(plan, value: false), "§4.6"),
                Column("completed_on", .date, "", "the day it was completed, where known", "§4.6"),
                Column("projected_on", .date, "", projectedText(plan), "§4.6"),
                Column("clause", .text, "", "the plan's clause that sets the milestone, from the plan file: " + milestoneClauses(plan), "§4.6"),
            ])
    }

    /// "id: clause" per milestone, in declaration order ("none" without milestones).
    static func milestoneClauses(_ plan: Plan) -> String {
        plan.milestones.isEmpty ? "none" : plan.milestones.map { "\($0.id): \($0.clause)" }.joined(separator: "; ")
    }

    /// "id: measure" per milestone, for the value or the target column.
    static func milestoneSides(_ plan: Plan, value: Bool) -> String {
        guard !plan.milestones.isEmpty else { return "none" }
        return plan.milestones.map { m -> String in
            let side: String
            switch m.kind {
            case .allDone(let v, let t, _, _, _): side = plan.measures[value ? v : t].id
            case .stateFrom(let v, let t, _): side = PlanTexts.name(value ? v : t, plan)
            case .restates(let c, _):
                let r = plan.criteria[c].rate
                side = r.map { PlanTexts.name(value ? $0.numerator : $0.denominator, plan) } ?? "?"
            case .firstReached(let measure, let k): side = value ? plan.measures[measure].id : String(k)
            }
            return "\(m.id): \(side)"
        }.joined(separator: "; ")
    }

    /// The projection's rule, with the plan's pace (§11 all_done).
    static func projectedText(_ plan: Plan) -> String {
        var paces: [(String, Int)] = []
        for m in plan.milestones {
            if case .allDone(_, _, _, _, let p) = m.kind { paces.append((m.id, p)) }
        }
        guard let first = paces.first else { return "empty: the plan has no paced (all_done) milestone" }
        if paces.allSatisfy({ $0.1 == first.1 }) {
            return "D + ⌈remaining × \(first.1) / items done in [D−\(first.1 - 1), D]⌉, where a pace exists"
        }
        return "D + ⌈remaining × pace / items done in the pace's last days up to D⌉, where a pace exists ("
            + paces.map { "\($0.0): \($0.1) days" }.joined(separator: ", ") + ")"
    }

    /// award_shortlist.csv; `reason` takes the eligibility rules' reasons.
    static func awardShortlistTable(_ plan: Plan) -> DataTable {
        var reasons: [String] = []
        for r in plan.eligibility where !reasons.contains(r.reason) { reasons.append(r.reason) }
        var reason = Column("reason", .text, "", reasons.isEmpty
            ? "why excluded: never (the plan has no eligibility rule)"
            : "why excluded: " + reasons.map { "`\($0)`" }.joined(separator: ", ") + " (never what the record says)", "§4.7")
        if !reasons.isEmpty { reason = reason.values(reasons) }
        return DataTable(
            id: "award_shortlist", rows: "one row per nominee (staff blocs first, then unit blocs)", primaryKey: ["bloc", "nominee_kind", "nominee_id"],
            columns: [
                DataDictionary.asOf,
                Column("bloc", .text, "", "`spp`, `provincial`, `sub:<id>` for units; `staff:<id>` for staff", "§4.7").pattern(anyBloc),
                Column("nominee_kind", .text, "", "unit or staff", "§4.7").values(NomineeKind.allCases.map(\.rawValue)),
                Column("nominee_id", .text, "", "unit_id or staff_id", "§4.7"),
                Column("nominee_name", .text, "", "name", "§4.7"),
                integer("quota", "nominees", "the bloc's quota, from the plan file", "§4.7"),
                rank("position", "order among the eligible; empty when excluded", "§4.7"),
                Column("status", .text, "", "proposed, reserve, excluded", "§4.7").values(Nomination.Status.allCases.map(\.rawValue)),
                reason,
            ])
    }

    /// dossiers.csv; `missing_parts` lists the plan's parts.
    static func dossiersTable(_ plan: Plan) -> DataTable {
        let parts = plan.dossiers.parts
        var missing = Column("missing_parts", .text, "", parts.isEmpty
            ? "always empty (the plan requires no part)" : "`;`-separated: " + parts.joined(separator: ";"), "§4.8")
        if !parts.isEmpty { missing = missing.pattern(listOf(parts)) }
        return DataTable(
            id: "dossiers", rows: "one row per dossier", primaryKey: ["dossier_id"],
            columns: [
                DataDictionary.asOf,
                Column("dossier_id", .text, "", "the dossier", "§3"),
                Column("nominee_kind", .text, "", "unit or staff", "§3"),
                Column("nominee_id", .text, "", "unit_id or staff_id", "§3"),
                Column("award_level", .text, "", "bang_khen or giay_khen", "§3"),
                Column("submitted_on", .date, "", "submission day, empty when not submitted as of D", "§4.8"),
                Column("status", .text, "", "accepted, incomplete, late_rejected, pending, missing, unit_level", "§4.8").values(DossierStatus.Status.allCases.map(\.rawValue)),
                missing,
                integer("days_left", "days", "deadline − D for pending dossiers", "§4.8"),
            ])
    }

    /// data_quality_records.csv; `problem` takes the codes of `records_to_fix`, in declaration order.
    static func qualityRecordsTable(_ plan: Plan) -> DataTable {
        let codes = plan.recordsToFix.map(\.problem)
        var problem = Column("problem", .text, "", codes.isEmpty
            ? "none (the plan lists no records to fix: the file has its header only)" : "`;`-separated: " + codes.joined(separator: ", "), "§5")
        if !codes.isEmpty { problem = problem.pattern(listOf(codes)) }
        return DataTable(
            id: "data_quality_records", rows: "one row per record a unit must fix", primaryKey: ["case_id"],
            columns: [
                DataDictionary.asOf,
                Column("unit_id", .text, "", "the unit that holds the record", "§3"),
                Column("case_id", .text, "", "the record", "§3"),
                Column("prosecutor_id", .text, "", "its prosecutor, if any", "§3"),
                Column("accepted_on", .date, "", "thụ lý day", "§3"),
                problem,
                Column("missing_required_fields", .integer, "fields", "as in the warehouse (a negative value is also listed in anomalies.csv: negative_count)", "§3").range(nil, nil),
                Column("error_count", .integer, "errors", "as in the warehouse (a negative value is also listed in anomalies.csv: negative_count)", "§3").range(nil, nil),
                Column("last_updated_on", .date, "", "as in the warehouse", "§3"),
            ])
    }

    /// anomalies.csv; `problem` lists the contract's codes and the plan's.
    static func anomaliesTable(_ plan: Plan) -> DataTable {
        DataTable(
            id: "anomalies", rows: "one row per contract-breaking row", primaryKey: [],
            columns: [
                DataDictionary.asOf,
                Column("relation", .text, "", "the relation holding the row", "§3"),
                Column("key", .text, "", "its key (`a/b` for composite keys; `*` for a count of rows beyond the first 1,000 listed)", "§3"),
                Column("problem", .text, "", anomalyProblems(plan).joined(separator: ", "), "§3"),
                Column("detail", .text, "", "the offending values", "§3"),
            ])
    }
}
