import Foundation

/// Logs on stderr, one line per event: human by default, JSON lines with `logging.format: json`.
/// Messages pass through the connection's redaction before they get here; none carries a password.
/// A plan's run logs through `naming(plan:)`: every line of it carries `plan=<name>` (issue 23).
public struct EventLog: Sendable {
    public var json = false
    /// Fields every line carries, after the line's own (e.g. the plan a run publishes).
    public var context: [(String, String)] = []

    public init(json: Bool = false) { self.json = json }

    /// This log with `plan=<plan>` on every line.
    public func naming(plan: String) -> EventLog {
        var log = self
        log.context.removeAll { $0.0 == "plan" }
        log.context.append(("plan", plan))
        return log
    }

    public func info(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("info", event, message, fields) }
    public func warn(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("warning", event, message, fields) }
    public func error(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("error", event, message, fields) }

    /// The run's final failure: `thidua: <message>` in human form, a JSON line with the exit code
    /// in JSON form.
    public func failure(_ message: String, exitCode: Int32) {
        if json {
            emit("error", "failed", message, [("exit_code", String(exitCode))])
        } else {
            let extra = context.map { " \($0.0)=\(Self.human($0.1))" }.joined()
            FileHandle.standardError.write(Data("thidua: \(message.replacingOccurrences(of: "\n", with: " "))\(extra)\n".utf8))
        }
    }

    /// A field's value in a human line: as is, or quoted when a space or a quote would make the
    /// `key=value` list ambiguous (a plan file's path).
    static func human(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "\t" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func emit(_ level: String, _ event: String, _ message: String, _ fields: [(String, String)]) {
        let line: String
        if json {
            var object: [String: String] = ["time": ISO8601DateFormatter().string(from: Date()), "level": level,
                                            "event": event, "message": message]
            for (k, v) in fields + context { object[k] = v }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            let extra = (fields + context).map { " \($0.0)=\(Self.human($0.1))" }.joined()
            line = "thidua: \(level == "info" ? "" : level + ": ")\(message)\(extra)"
        }
        FileHandle.standardError.write(Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }
}
