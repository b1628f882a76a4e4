import Foundation
import TestSupport
import ThiDuaCore
@testable import ThiDuaPlan

/// A fixture of Tests/fixtures/plan-language/.
func fixture(_ name: String) throws -> String { try readRepositoryFile("Tests/fixtures/plan-language/\(name)") }

/// The issues of a text that must not check clean.
func issues(_ text: String, file: String = "p.yaml") -> [PlanIssue] {
    switch PlanReader.check(text: text, file: file) {
    case .success: return []
    case .failure(let e): return e.issues
    }
}

/// The checked plan of a text that must check clean (nil with the errors printed otherwise).
func checked(_ text: String, file: String = "p.yaml") -> CheckedPlan? {
    switch PlanReader.check(text: text, file: file) {
    case .success(let p): return p
    case .failure(let e):
        print(e.description)
        return nil
    }
}
