import Foundation
import ThiDuaCore

/// Plan files of the plan language (PLAN-LANGUAGE.md §1, §17): the text of a file into the typed
/// `Plan`, or every error of the file at once.
public enum PlanReader {
    /// Checks a plan file's text. `file` names it in every issue.
    public static func check(text: String, file: String) -> Result<CheckedPlan, PlanErrors> {
        check(text: text, file: file, sha256: SHA256.hex(Data(text.utf8)))
    }

    /// Checks a plan file's bytes: text that is not UTF-8 is a `syntax` error at its first bad byte.
    public static func check(data: Data, file: String) -> Result<CheckedPlan, PlanErrors> {
        guard let text = String(validating: data, as: UTF8.self) else {
            let pos = firstInvalidUTF8(data)
            return .failure(PlanErrors(issues: [PlanIssue(file: file, line: pos.line, column: pos.column, code: "syntax", path: "",
                                                          message: "the file is not UTF-8 text")]))
        }
        return check(text: text, file: file, sha256: SHA256.hex(data))
    }

    /// Reads and checks a plan file from disk.
    public static func load(path: String) throws(PlanLoadError) -> CheckedPlan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: isDirectory.boolValue ? "a directory" : "not readable")
        }
        switch check(data: data, file: path) {
        case .success(let plan): return plan
        case .failure(let errors): throw .invalid(errors)
        }
    }

    private static func check(text: String, file: String, sha256: String) -> Result<CheckedPlan, PlanErrors> {
        let root: YNode?
        do {
            root = try YAMLReader.read(text)
        } catch {
            return .failure(PlanErrors(issues: [PlanIssue(file: file, line: error.pos.line, column: error.pos.column, code: error.code,
                                                          path: error.path.text, message: error.message)]))
        }
        let checker = PlanChecker(file: file)
        let plan = checker.check(root)
        if let plan, checker.errors.isEmpty {
            return .success(CheckedPlan(plan: plan, warnings: PlanIssue.sorted(checker.warnings), sha256: sha256))
        }
        if checker.errors.isEmpty {
            checker.error("internal", .start, .root, "the plan could not be assembled (a checker defect: please report it)")
        }
        return .failure(PlanErrors(issues: checker.errors, warnings: checker.warnings))
    }

    private static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return (line, column)
    }
}

extension PlanChecker {
    /// The typed plan from sections read without error.
    func assemble() -> Plan? {
        var days: [NamedDay] = []
        for (i, info) in dayInfos.enumerated() {
            guard let info, let id = dayNames.names.first(where: { dayNames.index[$0] == i }) else { return nil }
            days.append(NamedDay(id: id, expr: info.expr, text: info.text, isStatic: info.isStatic))
        }
        var windows: [NamedWindow] = []
        for (i, w) in windowInfos.enumerated() {
            guard let w, let id = windowNames.names.first(where: { windowNames.index[$0] == i }) else { return nil }
            windows.append(NamedWindow(id: id, window: w))
        }
        func all<T>(_ xs: [T?]) -> [T]? { xs.contains { $0 == nil } ? nil : xs.compactMap { $0 } }
        guard let name, let title, let start = dayNames.lookup("period_start"), let end = dayNames.lookup("period_end"),
              let measures = all(measures), let criteria = all(criteria), let composite = all(composite),
              let metrics = all(metrics), let score = all(score), let milestones = all(milestones), let quotas,
              let unitOrder, let staffOrder, let eligibility = all(eligibility), let dossiers,
              let recordsToFix = all(recordsToFix), let output, let subKinds else { return nil }
        var plan = Plan(name: name, title: title, days: days, windows: windows, periodStartDay: start, periodEndDay: end,
                        measures: measures, criteria: criteria, composite: composite, metrics: metrics, score: score,
                        milestones: milestones, quotas: quotas, unitOrder: unitOrder, staffOrder: staffOrder,
                        eligibility: eligibility, dossiers: dossiers, recordsToFix: recordsToFix, output: output)
        plan.subKinds = subKinds
        return plan
    }
}
