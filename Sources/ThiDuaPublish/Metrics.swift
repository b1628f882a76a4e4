import Foundation

/// The node_exporter textfile collector file (`*.prom`), written atomically after every run,
/// successful or not. The last success time survives a failed run.
public enum RunMetrics {
    public static func write(path: String, exitCode: Int32, durationSeconds: Double, rows: [String: Int], now: Date = Date()) throws(PublishError) {
        var lastSuccess: Double?
        if exitCode == 0 {
            lastSuccess = now.timeIntervalSince1970.rounded()
        } else if let old = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in old.split(separator: "\n") where line.hasPrefix("thidua_last_success_timestamp_seconds ") {
                lastSuccess = Double(line.split(separator: " ").last ?? "")
            }
        }
        var text = ""
        text += "# HELP thidua_last_success_timestamp_seconds Unix time of the last run that published.\n"
        text += "# TYPE thidua_last_success_timestamp_seconds gauge\n"
        text += "thidua_last_success_timestamp_seconds \(Int(lastSuccess ?? 0))\n"
        text += "# HELP thidua_last_run_duration_seconds Wall time of the last run.\n"
        text += "# TYPE thidua_last_run_duration_seconds gauge\n"
        text += "thidua_last_run_duration_seconds \(String(format: "%.3f", durationSeconds))\n"
        text += "# HELP thidua_last_exit_code Exit code of the last run (sysexits).\n"
        text += "# TYPE thidua_last_exit_code gauge\n"
        text += "thidua_last_exit_code \(exitCode)\n"
        text += "# HELP thidua_rows Rows written per file by the last successful run.\n"
        text += "# TYPE thidua_rows gauge\n"
        for (file, n) in rows.sorted(by: { $0.key < $1.key }) {
            text += "thidua_rows{file=\"\(file)\"} \(n)\n"
        }
        try writeAtomically(Data(text.utf8), to: path, mode: 0o644)
    }
}
