import Foundation
import Testing
import TestSupport
import ThiDuaConfig

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

    @Test("plan file: 78 naming the file and the key", arguments: [
        ("e2e_priority_rate: 0.98", "e2e_priority_rate: \(big).5", "e2e_priority_rate"),
        ("e2e_priority_rate: 0.98", "e2e_priority_rate: 0.9999999999999", "e2e_priority_rate"),
        ("e2e_priority_rate: 0.98", "e2e_priority_rate: 1.01", "e2e_priority_rate"),
        ("e2e_priority_rate: 0.98", "e2e_priority_rate: .98", "e2e_priority_rate"),
        ("stale_days: 30", "stale_days: \(big)", "stale_days"),
        ("stale_days: 30", "stale_days: 0", "stale_days"),
        ("proficiency_window_days: 30", "proficiency_window_days: 100000", "proficiency_window_days"),
        ("proficiency_min_actions: 1", "proficiency_min_actions: -3", "proficiency_min_actions"),
        ("luyenai_level_target: 5", "luyenai_level_target: 5.5", "luyenai_level_target"),
        ("level_scale_max: 10", "level_scale_max: 0", "level_scale_max"),
        ("individual_per_spp_unit: 1", "individual_per_spp_unit: \(big)", "quotas.individual_per_spp_unit"),
        ("collective_share: 0.10", "collective_share: 1e2", "quotas.collective_share"),
        ("- { max_headcount: 299, quota: 3 }", "- { max_headcount: \(big), quota: 3 }", "quotas.individual_provincial[0].max_headcount"),
        ("- { quota: 8 }", "- { quota: 100000 }", "quotas.individual_provincial[2].quota"),
        ("  e2e_rate: 30", "  e2e_rate: \(big)", "composite_weights.e2e_rate"),
        ("period_end: 2026-06-30", "period_end: 9999-12-31", "period_end"),
    ])
    func badPlanNumber(original: String, replacement: String, key: String) throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/plan.yaml"
        #expect(defaultPlanYAML.contains(original), "the shipped plan has \(original)")
        try defaultPlanYAML.replacingOccurrences(of: original, with: replacement).write(toFile: file, atomically: true, encoding: .utf8)
        let out = try runThidua(["run", "--plan", file, "--as-of", "2026-03-01", "--out", scratch.path + "/out"])
        #expect(out.status == 78, "\(key): \(out.all)")
        #expect(out.stderr.contains(file) && out.stderr.contains("'\(key)'"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
    }
}
