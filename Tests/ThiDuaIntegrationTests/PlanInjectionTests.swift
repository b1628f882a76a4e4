import Foundation
import Postgres
import Testing
import TestSupport

/// Hostile text in every string position of a plan file, as an attacker with write access to the
/// plan would type it (issue 22): it is refused with 78, or it checks and is bound as a parameter —
/// the run publishes, the warehouse is unchanged, `--explain` shows it only as a `$n` annotation and
/// the pages escape it.
@Suite(.serialized) struct PlanInjectionTests {
    /// Generated hostile texts: SQL metacharacters, placeholders, backslashes, YAML and HTML
    /// syntax, very long and non-Latin strings, each from a fixed seed.
    static func hostileTexts(seed: UInt64, count: Int) -> [String] {
        var g = SeededGenerator(seed: seed)
        let pieces = ["'", "''", "\"", ";", "--", "/*", "*/", "$1", "$$", "\\", "\\'", "%s", "{", "}", "[", "]", ":", "#", "&",
                      "<script>alert(1)</script>", "'); DROP TABLE thidua.unit; --", "UNION SELECT", "E'\\x00'", "\u{202E}",
                      "Viện kiểm sát", "中文", "ễ", " ", "\t", "0", "NULL", "true", "2026-01-01"]
        var out = ["x'; DROP TABLE thidua.case_record; --", "$1::text", "\\'; SELECT pg_sleep(10); --",
                   String(repeating: "Đ'; --", count: 1700)]
        while out.count < count {
            let n = Int.random(in: 1...12, using: &g)
            out.append((0..<n).map { _ in pieces.randomElement(using: &g) ?? "'" }.joined())
        }
        return out
    }

    /// A YAML double-quoted scalar holding exactly `s` (JSON's string syntax is valid YAML).
    static func quoted(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }

    /// Every relation's rows and the schema's relations, hashed: what must not change.
    static func fingerprint(_ db: TestDatabase) throws -> String {
        var parts: [String] = []
        let relations = try db.connection.query("""
            SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'thidua' ORDER BY 1
            """)
        for row in relations {
            let name: String = try row.decode(named: "name")
            parts.append(name)
            guard ["unit", "staff", "case_record", "procedural_document", "training_session"].contains(name) else { continue }
            let h = try db.connection.query(Query(sql: "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM thidua.\(name) t"))
            parts.append(try h[0].decode(named: "h"))
        }
        return parts.joined(separator: ";")
    }

    static let fixture = Fx.unit("S1", "spp_unit", headcount: 20) + Fx.unit("P1", "provincial", headcount: 40)
        + Fx.unit("P1-D1", "department", parent: "P1", headcount: 5)
        + Fx.cases("S1", "c", count: 6, accepted: "2026-02-01", e2e: 5, prosecutor: "k1")
        + Fx.cases("P1-D1", "d", count: 4, accepted: "2026-02-03", e2e: 4)
        + Fx.staff("k1", unit: "S1") + Fx.staff("k2", unit: "P1-D1", role: "leader")

    /// Where a hostile text goes in plan 251, and whether the plan must still check.
    enum Position: CaseIterable {
        case name, title, label, clause, doc, columnDoc, textLiteral, code, measureID, dayExpression, measureExpression

        var mustCheck: Bool { [.name, .title, .label, .clause, .doc, .columnDoc, .textLiteral].contains(self) }

        func apply(_ plan: String, _ h: String) -> String {
            // The quoted text goes into a regular-expression template: its `\` and `$` are escaped there.
            let q = NSRegularExpression.escapedTemplate(for: PlanInjectionTests.quoted(h))
            switch self {
            case .name: return replaceFirst(plan, #"(?m)^name: "251/KH-VKSTC""#, "name: \(q)")
            case .title: return replaceFirst(plan, #"(?m)^title: \{vi: "[^"]*","#, "title: {vi: \(q),")
            case .label: return replaceFirst(plan, #"label: \{vi: "Tỷ lệ ký số""#, "label: {vi: \(q)")
            case .clause: return replaceFirst(plan, #"clause: "II\.1""#, "clause: \(q)")
            case .doc: return replaceFirst(plan, #"doc: "[^"]*""#, "doc: \(q)")
            case .columnDoc: return replaceFirst(plan, #"(?m)^(\s+)e2e_rank: .*$"#, "$1e2e_rank: \(q)")
            case .textLiteral:
                // A text column compared with the hostile text: bound as a parameter, counts 0.
                return replaceFirst(plan, #"(?m)^measures:\n"#,
                                    "measures:\n  - {id: probe, count: case_record, where: {case_id: \(q)}}\n")
            case .code: return replaceFirst(plan, #"status: open"#, "status: \(q)")
            case .measureID: return replaceFirst(plan, #"\{id: e2e_total,"#, "{id: \(q),")
            case .dayExpression: return replaceFirst(plan, #"stale_cutoff: E - 30d"#, "stale_cutoff: \(q)")
            case .measureExpression: return replaceFirst(plan, #"expr: "qlahs_classes \+ qlahs_hands_on // 2""#, "expr: \(q)")
            }
        }
    }

    static func replaceFirst(_ s: String, _ pattern: String, _ template: String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)),
              let r = Range(m.range, in: s) else { Issue.record("pattern \(pattern) not in the plan"); return s }
        return s.replacingCharacters(in: r, with: re.replacementString(for: m, in: s, offset: 0, template: template))
    }

    @Test(arguments: Position.allCases)
    func hostileTextInEveryPosition(_ position: Position) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Self.fixture)
        let before = try Self.fingerprint(db)
        let scratch = try ScratchFolder()
        let base = try readRepositoryFile("plans/251-KH-VKSTC.yaml")
        let baseFile = "\(scratch.path)/base.yaml"
        try Position.textLiteral.apply(base, "x").write(toFile: baseFile, atomically: true, encoding: .utf8)
        let baseSQL = try runThidua(["plan", "check", baseFile, "--explain", "--as-of", "2026-03-15"]).stdout
        let texts = Self.hostileTexts(seed: 0x5EED_0022 &+ UInt64(Position.allCases.firstIndex(of: position) ?? 0), count: 6)
        for (i, hostile) in texts.enumerated() {
            let file = "\(scratch.path)/plan-\(i).yaml"
            try position.apply(base, hostile).write(toFile: file, atomically: true, encoding: .utf8)
            let check = try runThidua(["plan", "check", file, "--explain", "--as-of", "2026-03-15"])
            let out = "\(scratch.path)/out-\(i)"
            let run = try runThidua(["run", "--plan", file, "--as-of", "2026-03-15", "--out", out, "--db", db.conninfo])
            // A text that reads as no value at all (empty, `~`, `null` …) is value_type wherever a value
            // is expected (PLAN-LANGUAGE.md §1), labels and docs included: refused like the others.
            let noValue = ["", "~", "null", "Null", "NULL"].contains(hostile)
            if position.mustCheck && !noValue {
                #expect(check.status == 0, "\(position) \(hostile.prefix(60)): \(check.stderr.prefix(300))")
                #expect(run.status == 0, "\(position) \(hostile.prefix(60)): \(run.stderr.prefix(300))")
                // Outside comments, the SQL holds no piece of the text: every literal is a `$n`.
                // (The statements follow the table of days and windows, after the first blank line.)
                let statements = check.stdout.range(of: "\n\n").map { String(check.stdout[$0.upperBound...]) } ?? ""
                let sql = statements.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
                #expect(sql.contains("SELECT"), "\(position): no statement in --explain")
                let probe = hostile.trimmingCharacters(in: .whitespaces)
                // A probe the compiler writes itself (`$1::text`) proves nothing: only text foreign to the
                // statements of the plan without the probe is looked for.
                if position == .textLiteral, probe.count >= 3, !baseSQL.contains(probe) {
                    #expect(!sql.contains(probe), "\(position): the literal reached the SQL text")
                    #expect(check.stdout.contains("$"), "\(position): no parameter in --explain")
                }
                // Pages escape it: no raw element of it survives.
                if hostile.contains("<script>"), let index = try? String(contentsOfFile: "\(out)/2026-03-15/index.html", encoding: .utf8) {
                    #expect(!index.contains("<script>"), "\(position): a raw <script> on the index")
                }
            } else {
                #expect(check.status == 78, "\(position) \(hostile.prefix(60)): plan check exit \(check.status)")
                #expect(run.status == 78, "\(position) \(hostile.prefix(60)): run exit \(run.status)")
                #expect(check.stderr.contains("error["), "\(position): no error line")
                #expect(!FileManager.default.fileExists(atPath: "\(out)/2026-03-15"), "\(position): a refused plan wrote a run")
            }
            #expect(try Self.fingerprint(db) == before, "\(position) \(hostile.prefix(60)): the warehouse changed")
        }
    }
}
