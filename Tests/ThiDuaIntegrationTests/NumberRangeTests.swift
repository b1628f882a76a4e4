import Foundation
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore

/// Issue 13: every number of a plan or configuration file is checked for its form and its range,
/// so none can overflow or hang a run: exit 78, naming the file and the key.
@Suite("plan and configuration numbers: malformed and out of range")
struct NumberRangeTests {
    static let big = "9223372036854775807"

    @Test("configuration: 78 naming the file and the key", arguments: [
        ("database:\n  statement_timeout_seconds: \(big)\n", "database.statement_timeout_seconds"),
        ("database:\n  statement_timeout_seconds: 86401\n", "database.statement_timeout_seconds"),
        ("database:\n  connect_timeout_seconds: -5\n", "database.connect_timeout_seconds"),
        ("database:\n  connect_timeout_seconds: 1e3\n", "database.connect_timeout_seconds"),
        ("database:\n  retries: 0\n", "database.retries"),
        ("database:\n  retries: 99999999999999999999999\n", "database.retries"),
        ("database:\n  retry_backoff_seconds: 1e308\n", "database.retry_backoff_seconds"),
        ("database:\n  retry_backoff_seconds: 100000\n", "database.retry_backoff_seconds"),
        ("database:\n  client_deadline_seconds: 0.5.5\n", "database.client_deadline_seconds"),
        ("database:\n  client_deadline_seconds: \(big)\n", "database.client_deadline_seconds"),
        ("output:\n  retention: \(big)\n", "output.retention"),
        ("output:\n  retention: 3.5\n", "output.retention"),
        ("output:\n  gate_max_drop_share: 1.5\n", "output.gate_max_drop_share"),
        ("output:\n  gate_max_drop_share: -0.1\n", "output.gate_max_drop_share"),
        ("database:\n  conninfo: \"host=x sslmode\"\n", "database.conninfo"),
    ])
    func badConfigNumber(text: String, key: String) throws {
        try expectRefused(config: text, key: key, commands: [["run", "--as-of", "2026-03-01"], ["config"], ["check"]])
    }

    @Test("THIDUA_RETENTION out of range or malformed: 78")
    func badEnvironment() throws {
        for v in [Self.big, "0", "-1", "1e2", "7 days"] {
            let out = try runThidua(["config"], environment: ["THIDUA_RETENTION": v])
            #expect(out.status == 78, "\(v): \(out.all)")
            #expect(out.stderr.contains("THIDUA_RETENTION"))
        }
    }

    /// Plan 251 with one literal changed: `original` (in the shipped file once) becomes
    /// `replacement`; the error `code` is reported at `path`, positioned at `at` (the node the error
    /// names, PLAN-LANGUAGE.md §17: text inside the replacement, or else once in the edited file).
    struct PlanEdit: Sendable, CustomTestStringConvertible {
        var original: String
        var replacement: String
        var code: String
        var path: String
        var at: String
        var testDescription: String { "\(code) at \(path)" }
    }

    static let planEdits: [PlanEdit] = [
        // The priority line (was e2e_priority_rate): a decimal of at most 6 decimals, in 0…1.
        PlanEdit(original: "priority_at: 0.98", replacement: "priority_at: \(big).5", code: "value_type",
                 path: "criteria[0].priority_at", at: "\(big).5"),
        PlanEdit(original: "priority_at: 0.98", replacement: "priority_at: 0.9999999999999", code: "value_type",
                 path: "criteria[0].priority_at", at: "0.9999999999999"),
        PlanEdit(original: "priority_at: 0.98", replacement: "priority_at: 1.01", code: "rate_range",
                 path: "criteria[0].priority_at", at: "1.01"),
        PlanEdit(original: "priority_at: 0.98", replacement: "priority_at: 1.5", code: "rate_range",
                 path: "criteria[0].priority_at", at: "1.5"),
        PlanEdit(original: "priority_at: 0.98", replacement: "priority_at: .98", code: "value_type",
                 path: "criteria[0].priority_at", at: ".98"),
        // Day offsets (were stale_days, proficiency_window_days): at most 36 600 days.
        PlanEdit(original: "stale_cutoff: E - 30d", replacement: "stale_cutoff: E - \(big)d", code: "expression",
                 path: "dates.stale_cutoff", at: "E - \(big)d"),
        PlanEdit(original: "proficiency: [E - 29d, E]", replacement: "proficiency: [E - 99999d, E]", code: "expression",
                 path: "windows.proficiency[0]", at: "E - 99999d"),
        // Integer literals in conditions (were proficiency_min_actions, luyenai_level_target): whole
        // numbers within ±10^12.
        PlanEdit(original: "actions_30d: {gte: 1}", replacement: "actions_30d: {gte: 1000000000001}", code: "value_type",
                 path: "measures[25].where.actions_30d.gte", at: "1000000000001"),
        PlanEdit(original: "level_cutoff: {gte: 5}", replacement: "level_cutoff: {gte: 5.5}", code: "value_type",
                 path: "measures[21].where.level_cutoff.gte", at: "5.5"),
        // The level scale (was level_scale_max): an int ≥ 1.
        PlanEdit(original: "scaled: level_now, max: 10", replacement: "scaled: level_now, max: 0", code: "value_type",
                 path: "individuals.score[2].max", at: "0"),
        // Quotas.
        PlanEdit(original: "individual_per_spp_unit: 1 ", replacement: "individual_per_spp_unit: \(big) ", code: "value_type",
                 path: "quotas.individual_per_spp_unit", at: big),
        PlanEdit(original: "collective_share: 0.10", replacement: "collective_share: 1e2", code: "value_type",
                 path: "quotas.collective_share", at: "1e2"),
        PlanEdit(original: "collective_share: 0.10", replacement: "collective_share: 1.5", code: "rate_range",
                 path: "quotas.collective_share", at: "1.5"),
        PlanEdit(original: "{max_headcount: 299, quota: 3}", replacement: "{max_headcount: \(big), quota: 3}", code: "value_type",
                 path: "quotas.individual_provincial[0].max_headcount", at: big),
        PlanEdit(original: "{max_headcount: 299, quota: 3}", replacement: "{max_headcount: 600, quota: 3}", code: "quota_tiers",
                 path: "quotas.individual_provincial[1]", at: "{max_headcount: 500"),
        PlanEdit(original: "{quota: 8}", replacement: "{quota: 1000000000001}", code: "value_type",
                 path: "quotas.individual_provincial[2].quota", at: "1000000000001"),
        // Composite weights (were composite_weights.*): decimals ≥ 0 summing exactly to 100.
        PlanEdit(original: "{part: e2e_rate, weight: 30,", replacement: "{part: e2e_rate, weight: \(big),", code: "value_type",
                 path: "composite.parts[0].weight", at: big),
        PlanEdit(original: "{part: e2e_rate, weight: 30,", replacement: "{part: e2e_rate, weight: 31,", code: "weights_sum",
                 path: "composite.parts", at: "- {part: e2e_rate"),
        PlanEdit(original: "{part: e2e_rate, weight: 30,", replacement: "{part: e2e_rate, weight: -30,", code: "negative_weight",
                 path: "composite.parts[0].weight", at: "-30"),
        // Days (was period_end): 2000–2100.
        PlanEdit(original: "period_end: 2026-06-30", replacement: "period_end: 9999-12-31", code: "day_range",
                 path: "dates.period_end", at: "9999-12-31"),
    ]

    @Test("plan file: 78 before connecting, naming the file, the line, the code and the path", arguments: planEdits)
    func badPlanNumber(edit: PlanEdit) throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/plan.yaml"
        let text = editing(try shippedPlanText(), edit.original, edit.replacement)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        // Where the error must point: the first character of `at` (1-based line, column in scalars),
        // looked for inside the replacement when it is part of it, else in the whole file.
        let inside = edit.replacement.range(of: edit.at).map { String(edit.replacement[..<$0.lowerBound]) }
        let anchor = inside == nil ? edit.at : edit.replacement
        let pieces = text.components(separatedBy: anchor)
        #expect(pieces.count == 2, "'\(anchor)' is in the edited plan \(pieces.count - 1) times")
        let before = (pieces[0] + (inside ?? "")).split(separator: "\n", omittingEmptySubsequences: false)
        let position = "\(before.count):\((before.last?.unicodeScalars.count ?? 0) + 1)"
        // An unreachable warehouse: a plan error must stop the run before it connects (78, not 75).
        let out = try runThidua(["run", "--plan", file, "--db", "host=/nonexistent dbname=x connect_timeout=1",
                                 "--as-of", "2026-03-01", "--out", scratch.path + "/out"])
        #expect(out.status == 78, "\(edit.code): \(out.all)")
        let errors = out.stderr.split(separator: "\n").filter { $0.contains(": error[") }
        #expect(errors.count == 1, "\(out.stderr)")
        #expect(errors.first?.hasPrefix("\(file):\(position): error[\(edit.code)] at \(edit.path): ") == true,
                "expected \(file):\(position): error[\(edit.code)] at \(edit.path), got \(out.stderr)")
        #expect(!out.stderr.contains("connect"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
    }
}
