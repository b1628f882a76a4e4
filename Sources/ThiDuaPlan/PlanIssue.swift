import ThiDuaCore

/// One finding of `thidua plan check` (PLAN-LANGUAGE.md §17): an error, or the warning `unused`.
/// FILE, LINE, COL, code and PATH are the contract; the message is not.
public struct PlanIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    /// A code of §17's table (`syntax`, `unknown_key` …) or `unused` for the warning.
    public var code: String
    /// 0-based indexes, `.`-joined keys, non-plain keys bracketed and quoted; "" for the whole file.
    public var path: String
    public var message: String
    public var isWarning: Bool

    public init(file: String, line: Int, column: Int, code: String, path: String, message: String, isWarning: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.path = path
        self.message = message
        self.isWarning = isWarning
    }

    /// `FILE:LINE:COL: error[code] at PATH: message` (warnings: `warning[unused]`).
    public var description: String {
        "\(file):\(line):\(column): \(isWarning ? "warning" : "error")[\(code)] at \(path.isEmpty ? "(top)" : path): \(message)"
    }

    /// Errors and warnings in one list, in §17's order (as `plan check` prints them).
    public static func merged(_ errors: [PlanIssue], _ warnings: [PlanIssue]) -> [PlanIssue] { sorted(errors + warnings) }

    /// §17's order: LINE, COL, code, PATH.
    static func sorted(_ issues: [PlanIssue]) -> [PlanIssue] {
        issues.sorted { a, b in
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if a.code != b.code { return a.code < b.code }
            return a.path < b.path
        }
    }
}

/// Every error of one plan file, sorted by LINE, COL, code, PATH (§17); exit 78 in the CLI.
public struct PlanErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [PlanIssue]
    /// Warnings found alongside the errors (printed too).
    public var warnings: [PlanIssue]

    public init(issues: [PlanIssue], warnings: [PlanIssue] = []) {
        self.issues = PlanIssue.sorted(issues)
        self.warnings = PlanIssue.sorted(warnings)
    }

    public var codes: [String] { issues.map(\.code) }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Why `PlanReader.load` gave no plan.
public enum PlanLoadError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be read (missing, a directory, no permission): exit 66.
    case unreadable(path: String, reason: String)
    /// The file was read and has errors: exit 78.
    case invalid(PlanErrors)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
        case .invalid(let errors): return errors.description
        }
    }
}

/// A plan that checked clean (§17), with its warnings and the SHA-256 of the file's bytes (manifest.json).
public struct CheckedPlan: Sendable {
    public var plan: Plan
    public var warnings: [PlanIssue]
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(plan: Plan, warnings: [PlanIssue], sha256: String) {
        self.plan = plan
        self.warnings = warnings
        self.sha256 = sha256
    }
}
