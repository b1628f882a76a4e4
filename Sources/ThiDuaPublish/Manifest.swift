import Foundation
import ThiDuaCore

/// `manifest.json` (SPEC §5): written last; a run without a valid manifest is not complete.
public struct Manifest: Sendable {
    public var asOf: Day
    public var generatedAt: Date
    public var plan: String
    public var toolVersion: String
    /// Host, port, database and user: never a password.
    public var database: String
    public var durations: [(String, Double)]
    public var final: Bool
    public var files: [RunFile]

    public init(asOf: Day, generatedAt: Date, plan: String, toolVersion: String, database: String,
                durations: [(String, Double)], final: Bool, files: [RunFile]) {
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.plan = plan
        self.toolVersion = toolVersion
        self.database = database
        self.durations = durations
        self.final = final
        self.files = files
    }

    public func json() -> Data {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        var durationsObject: [String: Any] = [:]
        for (k, v) in durations { durationsObject[k] = (v * 1000).rounded() / 1000 }
        let object: [String: Any] = [
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
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    }
}
