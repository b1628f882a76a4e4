import Foundation
import ThiDuaCore

/// `manifest.json` (SPEC §5): written last; a run without a valid manifest is not complete.
public struct Manifest: Sendable {
    public var asOf: Day
    public var generatedAt: Date
    public var plan: String
    /// The plan file's language version and the SHA-256 of its bytes (PLAN-LANGUAGE.md §15): which
    /// declarations these figures were computed from.
    public var planLanguage: Int?
    public var planSHA256: String?
    /// The plan's title (Vietnamese) and its period, so a manifest says which plan it was computed from.
    public var planTitle: String?
    public var periodStart: Day?
    public var periodEnd: Day?
    public var toolVersion: String
    /// Host, port, database and user: never a password.
    public var database: String
    public var durations: [(String, Double)]
    public var final: Bool
    public var files: [RunFile]
    /// Figures the publishing gate compares between runs (units, rows the plan's rates count).
    public var totals: [String: Int] = [:]
    /// Set when the gate kept this run from `latest`.
    public var unpublishedReason: String?

    public init(asOf: Day, generatedAt: Date, plan: String, toolVersion: String, database: String,
                durations: [(String, Double)], final: Bool, files: [RunFile]) {
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.plan = plan
        self.toolVersion = toolVersion
        self.database = database
        self.durations = durations
        self.final = final
        // By path: the pages and the workbook are recorded by two threads in no fixed order.
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    public func json() -> Data {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        var durationsObject: [String: Any] = [:]
        for (k, v) in durations { durationsObject[k] = (v * 1000).rounded() / 1000 }
        var object: [String: Any] = [
            "as_of": asOf.description,
            "generated_at": iso.string(from: generatedAt),
            "plan": plan,
            "tool_version": toolVersion,
            "database": database,
            "period_final": final,
            "durations_seconds": durationsObject,
            "files": files.map { f -> [String: Any] in
                var o: [String: Any] = ["path": f.path, "sha256": f.sha256, "bytes": f.bytes]
                if let r = f.rows { o["rows"] = r }
                return o
            },
            "totals": totals,
        ]
        if let unpublishedReason { object["unpublished_reason"] = unpublishedReason }
        if let planLanguage { object["plan_language"] = planLanguage }
        if let planSHA256 { object["plan_sha256"] = planSHA256 }
        if let planTitle { object["plan_title"] = planTitle }
        if let periodStart { object["period_start"] = periodStart.description }
        if let periodEnd { object["period_end"] = periodEnd.description }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    }
}

/// The publishing gate (issue 6): before `latest` moves, the new run is compared with the one
/// `latest` points at; data that look broken keep the old `latest`.
public enum PublishGate {
    /// A reason to hold the run back, or nil when it may be published.
    public static func check(outDir: String, totals: [String: Int], maxDropShare: Decimal) -> String? {
        let units = totals["units"] ?? 0
        if units == 0 { return "the warehouse holds no units" }
        guard let day = RunFolders.latest(outDir),
              let data = FileManager.default.contents(atPath: "\(outDir)/\(day)/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let previous = object["totals"] as? [String: Int] else { return nil }
        // A figure is compared only when both runs wrote it (0.4.0 wrote `records_in_window`, the
        // plan engine writes `rows_counted`).
        for key in ["units", "records_in_window", "rows_counted"] {
            guard let before = previous[key], before > 0, let now = totals[key] else { continue }
            if Decimal(now) < Decimal(before) * (1 - maxDropShare) {
                return "\(key) fell from \(before) (run of \(day)) to \(now), more than the allowed share \(maxDropShare)"
            }
        }
        return nil
    }
}
