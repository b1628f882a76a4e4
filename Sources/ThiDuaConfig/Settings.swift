import Foundation
import Postgres
import ThiDuaCore

/// How the job logs: one human line per event, or one JSON object per line.
public enum LogFormat: String, Sendable, CaseIterable {
    case human, json
}

/// The job's effective configuration: defaults, then the configuration file, then `THIDUA_*`
/// environment variables, then the command line (SPEC §6). The configuration file and THIDUA_DB
/// may not carry a password (libpq's `.pgpass` or service file holds it); a `--db` given on the
/// command line may, and is then held here only to be handed to libpq: `describe(redact:)` and every log
/// line leave it out.
public struct Settings: Sendable, Equatable {
    /// libpq conninfo or URI; nil: libpq's defaults (PG* variables, service file, .pgpass).
    public var conninfo: String?
    public var schema = "thidua"
    public var connectTimeoutSeconds = 10
    public var statementTimeoutSeconds = 900
    /// Attempts for transient failures (connection refused, 08xxx, 57P0x, 53300, 40001, 40P01).
    public var retries = 3
    public var retryBackoffSeconds = 2.0
    /// Client-side limit per statement; past it the statement is cancelled (a hung backend).
    /// nil: statement_timeout + 30 s.
    public var clientDeadlineSeconds: Double?
    public var outDir = "out"
    /// Runs kept in OUT (newest first); older ones are removed after a run is published.
    public var retention = 30
    public var fileMode: UInt16 = 0o640
    public var dirMode: UInt16 = 0o2750
    public var byteOrderMark = true
    public var language = Language.vi
    public var timeZone = "Asia/Ho_Chi_Minh"
    public var planFile: String?
    /// The configuration file's `plans:` (issue 23); empty: one plan, `planFile` into `outDir`.
    public var plans: [PlanOutput] = []
    /// With `plans:`: the plan file and the folder chosen by THIDUA_PLAN / THIDUA_OUT or
    /// --plan / --out (see `targets()`).
    public var chosenPlan: String?
    public var chosenOut: String?
    public var templatesDir: String?
    /// Publishing gate: refuse to move `latest` when records in the window fall by more than this share.
    public var gateMaxDropShare = Decimal(string: "0.5")!
    public var logFormat = LogFormat.human
    /// node_exporter textfile collector output; nil: none.
    public var metricsFile: String?

    public init() {}

    /// The ranges a configuration value must be in: beyond them it is a typo, and some would
    /// overflow (a timeout in milliseconds) or hang the job (a backoff of years).
    public enum Limits {
        public static let connectTimeout = 1...3600
        public static let statementTimeout = 1...86_400
        public static let retries = 1...20
        public static let backoff: ClosedRange<Decimal> = 0...600
        public static let clientDeadline: ClosedRange<Decimal> = 0...90_000
        public static let retention = 1...100_000
    }

    /// Reads a configuration file (YAML). Unknown keys are refused.
    public mutating func apply(file path: String) throws(ConfigError) {
        var r = try MappingReader.load(path: path)
        if r.has("database") {
            var m = try r.mapping("database")
            if let v = try m.optionalScalar("conninfo") { conninfo = try Settings.refusePassword(v, file: path, key: "database.conninfo") }
            if let v = try m.optionalScalar("schema") { schema = v }
            if m.has("connect_timeout_seconds") { connectTimeoutSeconds = try m.integer("connect_timeout_seconds", Limits.connectTimeout) }
            if m.has("statement_timeout_seconds") { statementTimeoutSeconds = try m.integer("statement_timeout_seconds", Limits.statementTimeout) }
            if m.has("retries") { retries = try m.integer("retries", Limits.retries) }
            if m.has("retry_backoff_seconds") {
                retryBackoffSeconds = NSDecimalNumber(decimal: try m.decimal("retry_backoff_seconds", Limits.backoff)).doubleValue
            }
            if m.has("client_deadline_seconds") {
                let v = NSDecimalNumber(decimal: try m.decimal("client_deadline_seconds", Limits.clientDeadline)).doubleValue
                guard v > 0 else { throw ConfigError(file: path, key: "database.client_deadline_seconds", message: "must be above 0") }
                clientDeadlineSeconds = v
            }
            try m.finish()
        }
        try applyPlans(&r, file: path)
        if r.has("output") {
            var m = try r.mapping("output")
            if !plans.isEmpty && m.has("dir") {
                throw ConfigError(file: path, key: "output.dir", message: "cannot be combined with 'plans:', where each plan names its folder ('out:')")
            }
            if let v = try m.optionalScalar("dir") { outDir = v }
            if m.has("retention") { retention = try m.integer("retention", Limits.retention) }
            if let v = try m.optionalScalar("file_mode") { fileMode = try Settings.mode(v, file: path, key: "output.file_mode") }
            if let v = try m.optionalScalar("dir_mode") { dirMode = try Settings.mode(v, file: path, key: "output.dir_mode") }
            if m.has("byte_order_mark") { byteOrderMark = try m.boolean("byte_order_mark") }
            if m.has("gate_max_drop_share") { gateMaxDropShare = try m.decimal("gate_max_drop_share", 0...1) }
            try m.finish()
        }
        if r.has("report") {
            var m = try r.mapping("report")
            if let v = try m.optionalScalar("language") { language = try Settings.choice(v, file: path, key: "report.language") }
            if let v = try m.optionalScalar("time_zone") {
                guard TimeZone(identifier: v) != nil else { throw ConfigError(file: path, key: "report.time_zone", message: "'\(v)' is not a time zone (expected e.g. Asia/Ho_Chi_Minh)") }
                timeZone = v
            }
            if let v = try m.optionalScalar("templates") { templatesDir = v }
            try m.finish()
        }
        if let v = try r.optionalScalar("plan") { planFile = v }
        if r.has("logging") {
            var m = try r.mapping("logging")
            if let v = try m.optionalScalar("format") { logFormat = try Settings.choice(v, file: path, key: "logging.format") }
            if let v = try m.optionalScalar("metrics_file") { metricsFile = v }
            try m.finish()
        }
        try r.finish()
    }

    /// `THIDUA_DB`, `THIDUA_SCHEMA`, `THIDUA_OUT`, `THIDUA_RETENTION`, `THIDUA_LANG`, `THIDUA_PLAN`,
    /// `THIDUA_LOG_FORMAT`, `THIDUA_METRICS_FILE`. With `plans:`, THIDUA_PLAN and THIDUA_OUT choose
    /// among the listed plans (`targets()`).
    public mutating func apply(environment env: [String: String]) throws(ConfigError) {
        let file = "environment"
        if let v = env["THIDUA_DB"], !v.isEmpty { conninfo = try Settings.refusePassword(v, file: file, key: "THIDUA_DB") }
        if let v = env["THIDUA_SCHEMA"], !v.isEmpty { schema = v }
        if let v = env["THIDUA_OUT"], !v.isEmpty { if plans.isEmpty { outDir = v } else { chosenOut = v } }
        if let v = env["THIDUA_RETENTION"], !v.isEmpty {
            guard let n = ConfigNumbers.integer(v), Limits.retention.contains(n) else {
                throw ConfigError(file: file, key: "THIDUA_RETENTION", message: "'\(v.prefix(40))' is not a whole number from \(Limits.retention.lowerBound) to \(Limits.retention.upperBound)")
            }
            retention = n
        }
        if let v = env["THIDUA_LANG"], !v.isEmpty { language = try Settings.choice(v, file: file, key: "THIDUA_LANG") }
        if let v = env["THIDUA_PLAN"], !v.isEmpty { if plans.isEmpty { planFile = v } else { chosenPlan = v } }
        if let v = env["THIDUA_LOG_FORMAT"], !v.isEmpty { logFormat = try Settings.choice(v, file: file, key: "THIDUA_LOG_FORMAT") }
        if let v = env["THIDUA_METRICS_FILE"], !v.isEmpty { metricsFile = v }
    }

    /// The effective configuration, one `key = value` a line, secrets redacted.
    public func describe(redact: (String) -> String) -> String {
        func octal(_ m: UInt16) -> String { "0" + String(m, radix: 8) }
        var lines: [(String, String)] = [
            ("database.conninfo", conninfo.map(redact) ?? "(libpq defaults: PG* variables, service file, .pgpass)"),
            ("database.schema", schema),
            ("database.connect_timeout_seconds", String(connectTimeoutSeconds)),
            ("database.statement_timeout_seconds", String(statementTimeoutSeconds)),
            ("database.retries", String(retries)),
            ("database.retry_backoff_seconds", String(retryBackoffSeconds)),
            ("database.client_deadline_seconds", clientDeadlineSeconds.map { String($0) } ?? "statement_timeout + 30"),
            ("output.retention", String(retention)),
            ("output.file_mode", octal(fileMode)), ("output.dir_mode", octal(dirMode)),
            ("output.byte_order_mark", String(byteOrderMark)),
            ("output.gate_max_drop_share", "\(gateMaxDropShare)"),
            ("report.language", language.rawValue), ("report.time_zone", timeZone),
            ("report.templates", templatesDir ?? "(built in)"),
            ("logging.format", logFormat.rawValue), ("logging.metrics_file", metricsFile ?? "(none)"),
        ]
        lines.insert(contentsOf: describePlans(), at: lines.firstIndex { $0.0 == "logging.format" } ?? lines.endIndex)
        return lines.map { "\($0.0) = \($0.1)" }.joined(separator: "\n")
    }

    /// A conninfo from a file or the environment: parsed by libpq itself; one that does not parse,
    /// or that carries a password in any form (`password=`, `?password=`, `user:pw@`), is refused
    /// without being echoed.
    public static func refusePassword(_ conninfo: String, file: String, key: String) throws(ConfigError) -> String {
        let parsed: ConnInfo
        do { parsed = try ConnInfo(parsing: conninfo) } catch {
            throw ConfigError(file: file, key: key, message: error.message)
        }
        if parsed.hasPassword {
            throw ConfigError(file: file, key: key, message: "holds a password; put it in ~/.pgpass or a service file (pg_service.conf) instead")
        }
        return conninfo
    }

    static func mode(_ text: String, file: String, key: String) throws(ConfigError) -> UInt16 {
        guard let v = UInt16(text.hasPrefix("0o") ? String(text.dropFirst(2)) : text, radix: 8), v <= 0o7777 else {
            throw ConfigError(file: file, key: key, message: "'\(text)' is not an octal mode (expected e.g. 0640)")
        }
        if v & 0o007 != 0 { throw ConfigError(file: file, key: key, message: "'\(text)' lets everyone read the outputs (staff names are personal data); expected no bits for others, e.g. 0640") }
        return v
    }

    /// One of an enumeration's values, or an error listing them.
    static func choice<T: RawRepresentable & CaseIterable>(_ v: String, file: String, key: String) throws(ConfigError) -> T
        where T.RawValue == String {
        guard let value = T(rawValue: v) else {
            throw ConfigError(file: file, key: key, message: "'\(v.prefix(40))' is not \(T.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        return value
    }
}
