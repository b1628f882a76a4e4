import Foundation

/// Logs on stderr, one line per event: human by default, JSON lines with `logging.format: json`.
/// Messages pass through the connection's redaction before they get here; none carries a password.
public struct EventLog: Sendable {
    public var json = false

    public init(json: Bool = false) { self.json = json }

    public func info(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("info", event, message, fields) }
    public func warn(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("warning", event, message, fields) }
    public func error(_ event: String, _ message: String, _ fields: [(String, String)] = []) { emit("error", event, message, fields) }

    /// The run's final failure: `thidua: <message>` in human form, a JSON line with the exit code
    /// in JSON form.
    public func failure(_ message: String, exitCode: Int32) {
        if json {
            emit("error", "failed", message, [("exit_code", String(exitCode))])
        } else {
            FileHandle.standardError.write(Data("thidua: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
        }
    }

    private func emit(_ level: String, _ event: String, _ message: String, _ fields: [(String, String)]) {
        let line: String
        if json {
            var object: [String: String] = ["time": ISO8601DateFormatter().string(from: Date()), "level": level,
                                            "event": event, "message": message]
            for (k, v) in fields { object[k] = v }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            let extra = fields.map { " \($0.0)=\($0.1)" }.joined()
            line = "thidua: \(level == "info" ? "" : level + ": ")\(message)\(extra)"
        }
        FileHandle.standardError.write(Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }
}
