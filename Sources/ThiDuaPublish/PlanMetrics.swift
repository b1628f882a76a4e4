import Foundation

/// One plan's figures in the metrics file of a configuration with `plans:` (issue 23).
public struct PlanRunRecord: Sendable, Equatable {
    /// The plan's name (its `name:`), or its file when the file could not be loaded.
    public var plan: String
    /// The plan's output folder as configured: what identifies the plan from night to night.
    public var out: String
    public var exitCode: Int32
    public var durationSeconds: Double
    /// Rows per CSV file of this run (empty when it did not publish).
    public var rows: [String: Int]
    /// Unix time of the plan's last run that published.
    public var lastSuccess: Int?

    public init(plan: String, out: String, exitCode: Int32, durationSeconds: Double, rows: [String: Int], lastSuccess: Int? = nil) {
        self.plan = plan
        self.out = out
        self.exitCode = exitCode
        self.durationSeconds = durationSeconds
        self.rows = rows
        self.lastSuccess = lastSuccess
    }
}

/// The node_exporter textfile of a configuration with `plans:`: `RunMetrics`'s metrics, one line per
/// plan each, labelled `plan="<name>",out="<folder>"` (`thidua_rows` adds `file`). It is rewritten
/// atomically after each plan's run, whole: the plans run so far with their new figures, the others
/// with what the file held for them (the folder is the key), so the file is always valid Prometheus
/// text and a stop between plans leaves the last figures of every plan.
public enum PlanMetrics {
    /// `finished`: the plans run by this invocation so far; `order`: every configured output folder,
    /// in the configuration's order (a folder no longer configured is dropped from the file).
    public static func write(path: String, finished: [PlanRunRecord], order: [String], now: Date = Date()) throws(PublishError) {
        let old = read(path: path)
        var records: [PlanRunRecord] = []
        for out in order {
            let before = old[out]
            guard var r = finished.last(where: { $0.out == out }) else {
                if let before { records.append(before) }
                continue
            }
            if r.exitCode == 0 {
                r.lastSuccess = Int(now.timeIntervalSince1970.rounded())
            } else {
                r.lastSuccess = before?.lastSuccess
                if r.rows.isEmpty { r.rows = before?.rows ?? [:] }
            }
            records.append(r)
        }
        try writeAtomically(Data(text(records).utf8), to: path, mode: 0o644)
    }

    /// The file's text: each metric's HELP and TYPE once, then its line for every plan.
    static func text(_ records: [PlanRunRecord]) -> String {
        func labels(_ r: PlanRunRecord) -> String { "plan=\"\(escape(r.plan))\",out=\"\(escape(r.out))\"" }
        var t = "# HELP thidua_last_success_timestamp_seconds Unix time of the plan's last run that published.\n"
        t += "# TYPE thidua_last_success_timestamp_seconds gauge\n"
        for r in records { t += "thidua_last_success_timestamp_seconds{\(labels(r))} \(r.lastSuccess ?? 0)\n" }
        t += "# HELP thidua_last_run_duration_seconds Wall time of the plan's last run.\n"
        t += "# TYPE thidua_last_run_duration_seconds gauge\n"
        for r in records { t += "thidua_last_run_duration_seconds{\(labels(r))} \(String(format: "%.3f", r.durationSeconds))\n" }
        t += "# HELP thidua_last_exit_code Exit code of the plan's last run (sysexits).\n"
        t += "# TYPE thidua_last_exit_code gauge\n"
        for r in records { t += "thidua_last_exit_code{\(labels(r))} \(r.exitCode)\n" }
        t += "# HELP thidua_rows Rows written per file by the plan's last successful run.\n"
        t += "# TYPE thidua_rows gauge\n"
        for r in records {
            for (file, n) in r.rows.sorted(by: { $0.key < $1.key }) { t += "thidua_rows{\(labels(r)),file=\"\(escape(file))\"} \(n)\n" }
        }
        return t
    }

    /// A label value as the text format writes it: backslash, double quote and line feed escaped.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The plans an earlier file held, by output folder; lines without an `out` label (the one-plan
    /// file) or that do not parse are ignored.
    static func read(path: String) -> [String: PlanRunRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var records: [String: PlanRunRecord] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let sample = Sample(line), let out = sample.labels["out"] else { continue }
            var r = records[out] ?? PlanRunRecord(plan: sample.labels["plan"] ?? out, out: out, exitCode: 0, durationSeconds: 0, rows: [:])
            switch sample.name {
            case "thidua_last_success_timestamp_seconds": r.lastSuccess = Int(exactly: sample.value.rounded()) ?? r.lastSuccess
            case "thidua_last_run_duration_seconds": r.durationSeconds = sample.value
            case "thidua_last_exit_code": r.exitCode = Int32(exactly: sample.value) ?? r.exitCode
            case "thidua_rows": if let f = sample.labels["file"], let n = Int(exactly: sample.value) { r.rows[f] = n }
            default: continue
            }
            records[out] = r
        }
        return records
    }

    /// One line of the text format: `name{k="v",…} value`.
    struct Sample {
        var name: String
        var labels: [String: String] = [:]
        var value: Double

        init?(_ line: Substring) {
            guard let brace = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"), brace < close else { return nil }
            name = String(line[..<brace])
            guard let v = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
            value = v
            var rest = line[line.index(after: brace)..<close]
            while !rest.allSatisfy({ $0 == "," || $0 == " " }) {
                guard let eq = rest.firstIndex(of: "="), rest[rest.index(after: eq)...].first == "\"" else { return nil }
                let key = rest[..<eq].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
                var value = ""
                var i = rest.index(eq, offsetBy: 2)
                var closed = false
                while i < rest.endIndex {
                    let c = rest[i]
                    if c == "\\", rest.index(after: i) < rest.endIndex {
                        i = rest.index(after: i)
                        value.append(rest[i] == "n" ? "\n" : rest[i])
                    } else if c == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(c)
                    }
                    i = rest.index(after: i)
                }
                guard closed else { return nil }
                labels[key] = value
                rest = rest[rest.index(after: i)...]
            }
        }
    }
}
