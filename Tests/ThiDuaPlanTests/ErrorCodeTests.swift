import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaPlan

/// A small plan that checks clean; every case below breaks it in one place.
let basePlan = """
language: 1
name: "T"
dates:
  period_start: 2026-01-01
  period_end: 2026-06-30
  deadline: 2026-03-31
windows:
  period: [period_start, E]
measures:
  - {id: total, count: case_record, where: {accepted_on: {within: period}}}
  - {id: done, count: case_record, where: {accepted_on: {within: period}, end_to_end: true}}
  - {id: staff_n, count: staff}
criteria:
  - {id: e2e, kind: rate, numerator: done, denominator: total, rank: true, priority_at: 0.9, clause: "I", label: {vi: "a", en: "b"}}
  - {id: staff_n, kind: count, clause: "I", label: {vi: "c", en: "d"}}
composite:
  parts:
    - {part: e2e_rate, weight: 100}
individuals:
  metrics:
    - {id: cases, count: case_record, publish: true, where: {accepted_on: {within: period}}}
    - {id: flagged, exists: discipline, where: {from_on: {on_or_before: E}}}
  score:
    - {part: cases, weight: 100, share_of_bloc_max: cases}
milestones:
  - {id: m1, kind: all_done, deadline: deadline, value: done, target: total, done_on: entered_on, when_empty: no_data, clause: "I", label: {vi: "x", en: "y"}}
quotas:
  collective_share: 0.10
  collective_rounding: down
  individual_per_spp_unit: 1
  individual_provincial: [{max_headcount: 299, quota: 3}, {quota: 8}]
shortlist:
  units: {order: [{priority: e2e}, composite]}
  staff: {order: [direct_worker, score]}
eligibility:
  - {reason: discipline, staff_flag: flagged, excludes: [staff, units]}
dossiers:
  deadline: deadline
  parts: [proposal, minutes]
  decided_at_unit: [giay_khen]

"""

/// One bad plan: `old` replaced by `new` in the base plan, and the one issue it must give.
struct BadPlan: CustomTestStringConvertible, Sendable {
    var code: String
    var old: String
    var new: String
    var line: Int
    var column: Int
    var path: String
    var testDescription: String { "\(code) \(path)" }

    var text: String { basePlan.replacingOccurrences(of: old, with: new) }
}

let badPlans: [BadPlan] = [
    BadPlan(code: "syntax", old: "  deadline: 2026-03-31", new: "\tdeadline: 2026-03-31", line: 6, column: 1, path: ""),
    BadPlan(code: "duplicate_key", old: "  deadline: 2026-03-31", new: "  deadline: 2026-03-31\n  deadline: 2026-04-01", line: 6, column: 3, path: "dates.deadline"),
    BadPlan(code: "yaml_feature", old: "name: \"T\"", new: "name: !!int \"T\"", line: 2, column: 7, path: "name"),
    BadPlan(code: "language_version", old: "language: 1", new: "language: 2", line: 1, column: 11, path: "language"),
    BadPlan(code: "unknown_key", old: "rank: true", new: "rnak: true", line: 14, column: 64, path: "criteria[0].rnak"),
    BadPlan(code: "missing_key", old: "kind: count, clause: \"I\", ", new: "kind: count, ", line: 15, column: 5, path: "criteria[1].clause"),
    BadPlan(code: "value_type", old: "individual_per_spp_unit: 1", new: "individual_per_spp_unit: one", line: 30, column: 28, path: "quotas.individual_per_spp_unit"),
    BadPlan(code: "expression", old: "deadline: 2026-03-31", new: "deadline: E - 3x", line: 6, column: 13, path: "dates.deadline"),
    BadPlan(code: "duplicate_id", old: "    - {part: e2e_rate, weight: 100}", new: "    - {part: e2e_rate, weight: 100}\n    - {part: e2e_rate, weight: 0}", line: 19, column: 14, path: "composite.parts[1].part"),
    BadPlan(code: "reserved_name", old: "  deadline: 2026-03-31", new: "  deadline: 2026-03-31\n  E: 2026-01-01", line: 7, column: 3, path: "dates.E"),
    BadPlan(code: "unknown_relation", old: "id: total, count: case_record", new: "id: total, count: case_recrod", line: 10, column: 24, path: "measures[0].count"),
    BadPlan(code: "unknown_column", old: "{id: total, count: case_record, where: {accepted_on:", new: "{id: total, count: case_record, where: {accepted:", line: 10, column: 55, path: "measures[0].where.accepted"),
    BadPlan(code: "unknown_link", old: "  - {id: staff_n, count: staff}", new: "  - {id: staff_n, count: staff}\n  - {id: led, count: training_session, publish: true, where: {training_role.role: trainer}}", line: 13, column: 83, path: "measures[3].where[\"training_role.role\"]"),
    BadPlan(code: "operator_type", old: "end_to_end: true}", new: "end_to_end: {gt: 1}}", line: 11, column: 92, path: "measures[1].where.end_to_end.gt"),
    BadPlan(code: "unknown_code", old: "{id: total, count: case_record, where: {", new: "{id: total, count: case_record, where: {kind: mater, ", line: 10, column: 51, path: "measures[0].where.kind"),
    BadPlan(code: "not_summable", old: "{id: cases, count: case_record, publish: true, where: {accepted_on: {within: period}}}", new: "{id: cases, sum: luyenai_daily.level, publish: true}", line: 21, column: 24, path: "individuals.metrics[0].sum"),
    BadPlan(code: "unknown_day", old: "deadline: 2026-03-31", new: "deadline: go_live", line: 6, column: 13, path: "dates.deadline"),
    BadPlan(code: "unknown_window", old: "publish: true, where: {accepted_on: {within: period}}", new: "publish: true, where: {accepted_on: {within: perod}}", line: 21, column: 84, path: "individuals.metrics[0].where.accepted_on.within"),
    BadPlan(code: "unknown_measure", old: "numerator: done", new: "numerator: dnoe", line: 14, column: 38, path: "criteria[0].numerator"),
    BadPlan(code: "unknown_metric", old: "share_of_bloc_max: cases}", new: "share_of_bloc_max: casez}", line: 24, column: 53, path: "individuals.score[0].share_of_bloc_max"),
    BadPlan(code: "unknown_criterion", old: "{priority: e2e}", new: "{priority: e3e}", line: 33, column: 30, path: "shortlist.units.order[0].priority"),
    BadPlan(code: "unknown_column_ref", old: "{part: e2e_rate, weight: 100}", new: "{part: e2e_rte, weight: 100}", line: 18, column: 14, path: "composite.parts[0].part"),
    BadPlan(code: "cycle", old: "  deadline: 2026-03-31", new: "  deadline: 2026-03-31\n  a: b + 1d\n  b: a", line: 7, column: 3, path: "dates.a"),
    BadPlan(code: "day_range", old: "deadline: 2026-03-31", new: "deadline: 1999-12-31", line: 6, column: 13, path: "dates.deadline"),
    BadPlan(code: "window_order", old: "  period: [period_start, E]", new: "  period: [period_start, E]\n  w: [2026-02-01, 2026-01-01]", line: 9, column: 6, path: "windows.w"),
    BadPlan(code: "dynamic_deadline", old: "kind: all_done, deadline: deadline", new: "kind: all_done, deadline: E", line: 26, column: 40, path: "milestones[0].deadline"),
    BadPlan(code: "replay_unsafe", old: "end_to_end: true}", new: "end_to_end: true, entered_on: {is_null: false}}", line: 11, column: 115, path: "measures[1].where.entered_on.is_null"),
    BadPlan(code: "weights_sum", old: "{part: e2e_rate, weight: 100}", new: "{part: e2e_rate, weight: 99.5}", line: 18, column: 5, path: "composite.parts"),
    BadPlan(code: "negative_weight", old: "{part: e2e_rate, weight: 100}", new: "{part: e2e_rate, weight: -100}", line: 18, column: 32, path: "composite.parts[0].weight"),
    BadPlan(code: "kind_mismatch", old: "  decided_at_unit: [giay_khen]\n", new: "  decided_at_unit: [giay_khen]\noutput:\n  chart: staff_n\n", line: 42, column: 10, path: "output.chart"),
    BadPlan(code: "milestone_items", old: "target: total, done_on", new: "target: staff_n, done_on", line: 26, column: 57, path: "milestones[0].value"),
    BadPlan(code: "quota_tiers", old: "[{max_headcount: 299, quota: 3}, {quota: 8}]", new: "[{quota: 3}, {quota: 8}]", line: 31, column: 27, path: "quotas.individual_provincial[0]"),
    BadPlan(code: "rate_range", old: "priority_at: 0.9", new: "priority_at: 1.5", line: 14, column: 89, path: "criteria[0].priority_at"),
    BadPlan(code: "duplicate_column", old: "  - {id: staff_n, count: staff}", new: "  - {id: staff_n, count: staff}\n  - {id: e2e_rate, count: staff, publish: true}", line: 13, column: 10, path: "measures[3].id"),
    BadPlan(code: "unused", old: "  - {id: staff_n, count: staff}", new: "  - {id: staff_n, count: staff}\n  - {id: spare, count: staff}", line: 13, column: 10, path: "measures[3].id"),
    BadPlan(code: "layout", old: "  decided_at_unit: [giay_khen]\n", new: "  decided_at_unit: [giay_khen]\noutput:\n  unit_metrics: [total, done, e2e_rate]\n", line: 42, column: 17, path: "output.unit_metrics"),
]

@Suite struct ErrorCodeTests {
    @Test func baseChecksClean() throws {
        let plan = try #require(checked(basePlan))
        #expect(plan.warnings.isEmpty)
    }

    @Test(arguments: badPlans) func oneErrorPerBadPlan(_ bad: BadPlan) {
        #expect(bad.text != basePlan, "the replacement did not apply")
        // `unused` is the one warning: the plan checks clean and carries it.
        let found = bad.code == "unused" ? (checked(bad.text)?.warnings ?? []) : issues(bad.text)
        #expect(found.count == 1, "\(found.map(\.description))")
        guard let issue = found.first else { return }
        #expect(issue.code == bad.code, "\(issue)")
        #expect(issue.path == bad.path, "\(issue)")
        #expect(issue.line == bad.line && issue.column == bad.column, "\(issue)")
    }
}
