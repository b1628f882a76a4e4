import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaPlan

/// Hostile text in every string position never crashes the checker: labels, docs, clauses and
/// names check clean; ids are `value_type`, codes `unknown_code`, expressions `expression`.
@Suite struct FuzzTests {
    /// A small deterministic generator (the test must not depend on the run).
    struct LCG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let pieces = ["'", "\"", ";", "--", "$1", "\\", "\\\\", "' OR 1=1 --", "\"; DROP TABLE unit; --", "$$", "/*", "*/",
                         "%s", "{", "}", "[", "]", ":", "#", "&a", "*a", "!", "|", ">", "\n", "\t", "\u{0}", "\u{1}", "\u{7F}",
                         "Đơn vị", "检察院", "مرحبا", "🙂", "\u{202E}", "e\u{301}", "E - 1d", "min(", "a // 0", "0 * a"]

    static let hostile: [String] = {
        var rng = LCG(state: 42)
        var out = pieces.filter { !$0.isEmpty }
        out.append(String(repeating: "Đ", count: 10_000))
        out.append(String(repeating: "a", count: 9_999) + ";")
        out.append(String(repeating: "'\"\\;", count: 2_500))
        for _ in 0..<60 {
            let n = Int.random(in: 1...6, using: &rng)
            out.append((0..<n).map { _ in pieces.randomElement(using: &rng) ?? ";" }.joined())
        }
        // Every string holds a character that no id, code or expression may contain.
        return out.map { s in s.unicodeScalars.contains { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") } ? s : s + ";" }
    }()

    func plan(_ old: String, _ new: String) -> String {
        precondition(basePlan.contains(old))
        return basePlan.replacingOccurrences(of: old, with: new)
    }

    /// The one error code the hostile text gives in a position, or "clean".
    func outcome(_ text: String) -> String {
        switch PlanReader.check(text: text, file: "fuzz.yaml") {
        case .success: return "clean"
        case .failure(let e): return Set(e.codes).sorted().joined(separator: ",")
        }
    }

    @Test func hostileTextInEveryStringPosition() {
        for h in Self.hostile {
            let s = PlanConvert.q(h)
            let cases: [(String, String, String)] = [
                ("name: \"T\"", "name: \(s)", "clean"),
                ("name: \"T\"", "name: \"T\"\ntitle: \(s)", "clean"),
                ("label: {vi: \"a\", en: \"b\"}", "label: {vi: \(s), en: \(s)}", "clean"),
                ("clause: \"I\", label: {vi: \"a\"", "clause: \(s), label: {vi: \"a\"", "clean"),
                ("  - {id: staff_n, count: staff}", "  - {id: staff_n, count: staff, doc: \(s)}", "clean"),
                ("  - {id: staff_n, count: staff}", "  - {id: staff_n, count: staff}\n  - {id: \(s), count: staff}", "value_type"),
                ("{id: total, count: case_record, where: {", "{id: total, count: case_record, where: {kind: \(s), ", "unknown_code"),
                ("deadline: 2026-03-31", "deadline: \(s)", (try? ExpressionParser.day(h)) == nil ? "expression" : "dynamic_deadline"),
                ("  - {id: staff_n, count: staff}", "  - {id: staff_n, expr: \(s)}", "expression"),
                ("{reason: discipline,", "{reason: discipline, label: {vi: \(s), en: \(s)},", "clean"),
            ]
            for (old, new, expected) in cases {
                let got = outcome(plan(old, new))
                #expect(got == expected, "\(new.prefix(120)) gave \(got)")
            }
        }
    }

    @Test func hostileWholeFilesNeverCrash() {
        var rng = LCG(state: 7)
        for _ in 0..<300 {
            var text = basePlan
            // Cut, splice and garble the base plan at random places.
            let chars = Array(text)
            let a = Int.random(in: 0..<chars.count, using: &rng)
            let b = min(chars.count, a + Int.random(in: 0...40, using: &rng))
            text = String(chars[..<a]) + (Self.pieces.randomElement(using: &rng) ?? "") + String(chars[b...])
            _ = PlanReader.check(text: text, file: "fuzz.yaml")
        }
        _ = PlanReader.check(text: String(repeating: "[", count: 5_000), file: "deep.yaml")
        _ = PlanReader.check(text: String(repeating: "- ", count: 2_000) + "x", file: "deep.yaml")
    }
}
