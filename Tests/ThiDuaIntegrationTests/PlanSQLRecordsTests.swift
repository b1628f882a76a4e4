import Foundation
import Postgres
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaWarehouse

/// Records to fix (§12), hostile literals and `--explain` (§16) of the compiled plan.
@Suite("PlanSQL records, literals and explain")
struct PlanSQLRecordsTests {
    @Test("records to fix: rows counted by a problem's measure, by unit, day and id, codes in declaration order")
    func recordsToFix() throws {
        let db = try TestDatabase()
        try dropNotNull(db, ["case_record"])
        try db.sql("""
            INSERT INTO case_record VALUES
              ('r1', 'U2', NULL, 'case', '2026-01-05', NULL, true, 1, 0, 'closed', '2026-01-05'),
              ('r2', 'U1', 'p1', 'case', '2026-01-09', NULL, true, 0, 3, 'open', '2026-01-01'),
              ('r3', 'U1', NULL, 'case', '2026-01-09', NULL, true, 2, 1, 'closed', '2026-01-09'),
              ('r0', 'U1', NULL, 'case', '2026-01-02', NULL, true, 0, 0, 'closed', '2026-01-02'),
              ('r4', 'U1', NULL, 'case', '2026-03-05', NULL, true, 5, 5, 'open', '2026-03-05'),
              ('r5', NULL, NULL, 'case', '2026-01-05', NULL, true, 5, 5, 'open', '2026-01-05'),
              ('r8', 'U1', NULL, 'case', NULL, NULL, true, 5, 5, 'open', '2026-01-05'),
              (NULL, 'U1', NULL, 'case', '2026-01-05', NULL, true, 5, 5, 'open', '2026-01-05'),
              ('r6', 'U1', NULL, 'case', '2026-01-02', NULL, true, 1, NULL, 'closed', '1999-01-01'),
              ('r7', 'U3', NULL, 'case', '-infinity', NULL, true, 1, 0, 'closed', '2026-01-01');
            """)
        var p = PlanSketch()
        let errors = p.count("error_records", "case_record", PSQL.col("error_count", .gt(.literal(0))))
        let missing = p.count("missing_records", "case_record", PSQL.col("missing_required_fields", .gt(.literal(0))))
        let stale = p.count("open_records", "case_record", PSQL.col("status", .eq(.text("open"))))
        p.problem("errors", errors)
        p.problem("missing", missing)
        p.problem("stale", stale)
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let records = try run.records()
        #expect(records.map(\.caseID) == ["r6", "r2", "r3", "r1", "r7"])
        #expect(records.map(\.problems) == [["missing"], ["errors", "stale"], ["errors", "missing"], ["missing"], ["missing"]])
        #expect(records.map(\.unitID) == ["U1", "U1", "U1", "U2", "U3"])
        #expect(records[0].lastUpdatedOn == nil && records[0].errorCount == 0 && records[0].missingRequiredFields == 1)
        #expect(records[1].prosecutorID == "p1" && records[1].acceptedOn == PSQL.day("2026-01-09"))
        #expect(records[1].lastUpdatedOn == PSQL.day("2026-01-01"))

        var none = PlanSketch()
        none.count("all", "case_record")
        let empty = try Compiled(db, none.plan, asOf: "2026-03-01")
        defer { empty.finish() }
        #expect(try empty.records().isEmpty)
        #expect(empty.statements.statements.count == 2)
    }

    static let hostile = [
        "'; DROP TABLE thidua.case_record; --", "' OR '1'='1", "$1", "$2::text", "back\\slash", "q\"uote", "a,b", "{x}", "NULL",
        "line\nbreak -- DROP", "tab\there", String(repeating: "x", count: 10_000),
        "Viện kiểm sát nhân dân tối cao 检察院 🚀", "E'\\x41'",
    ]

    @Test("hostile text literals are bound as parameters: matched exactly, the warehouse unchanged")
    func hostileLiterals() throws {
        let db = try TestDatabase()
        for (i, h) in Self.hostile.enumerated() {
            try db.connection.query("""
                INSERT INTO thidua.case_record VALUES (\("h\(i)"), 'U1', NULL, \(h), '2026-01-01', NULL, true, 0, 0, 'open', '2026-01-01')
                """)
        }
        func fingerprint() throws -> String {
            try db.connection.query("""
                SELECT (SELECT string_agg(case_id || ':' || kind, '|' ORDER BY case_id) FROM thidua.case_record)
                       || (SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'thidua') AS f
                """)[0].decode(named: "f")
        }
        let before = try fingerprint()
        var p = PlanSketch()
        for h in Self.hostile { p.count("m", "case_record", PSQL.col("kind", .eq(.text(h)))) }
        let list = Self.hostile.map(Literal.text)
        p.count("in", "case_record", PSQL.col("kind", .isIn(list)))
        p.count("not_in", "case_record", PSQL.col("kind", .notIn(list)))
        p.count("ne", "case_record", PSQL.col("kind", .ne(.text(Self.hostile[0]))))
        p.metric("hostile", .count(relation: "case_record", where: PSQL.col("status", .isIn(list))))
        let n = Self.hostile.count
        do {
            let run = try Compiled(db, p.plan, asOf: "2026-03-01")
            defer { run.finish() }
            let u1 = try #require(try run.unitFacts()["U1"])
            #expect(u1.counts == Array(repeating: 1, count: n) + [n, 0, n - 1])
            _ = try run.staff()
            for s in run.statements.statements {
                // (`$1`, `NULL` … are also the statement's own words: only the unmistakable ones.)
                for h in Self.hostile where h.count > 5 && !h.hasPrefix("$") { #expect(!s.sql.contains(h)) }
                #expect(!s.sql.contains("DROP") && !s.sql.contains("检察院"))
            }
            let explain = run.statements.explain()
            for line in explain.split(separator: "\n") where line.contains("DROP") || line.contains("检察院") {
                #expect(line.hasPrefix("--"), "\(line)")
            }
            #expect(!explain.contains(String(repeating: "x", count: 100)))
        }
        #expect(try fingerprint() == before)
    }

    @Test("explain prints each statement with every literal and day as an annotated $n (plan check prints the days above it)")
    func explain() throws {
        var p = PlanSketch()
        p.days.append(NamedDay(id: "go_live", expr: .date(PSQL.day("2026-01-01")), text: "2026-01-01", isStatic: true))
        p.windows.append(NamedWindow(id: "e2e", window: WindowExpr(from: .named(2), to: .windowEnd, name: "e2e",
                                                                    fromText: "go_live", toText: "E")))
        let e2e = p.windows[0].window
        let total = p.count("e2e_total", "case_record", PSQL.col("accepted_on", .within(e2e)))
        let done = p.count("e2e_done", "case_record", PSQL.col("accepted_on", .within(e2e)), PSQL.col("end_to_end", .eq(.bool(true))))
        p.count("kind_4242", "case_record", PSQL.col("kind", .eq(.text("matter"))), PSQL.col("error_count", .gt(.literal(4242))))
        p.count("docs", "procedural_document", PSQL.parent("status", .isIn([.text("open")])))
        p.milestone("all", .allDone(value: done, target: total, doneOn: .column("entered_on"), whenEmpty: .noData, paceDays: 14))
        p.metric("lvl", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .offset(.windowEnd, days: -3), where: .always))
        p.problem("not_e2e", total)
        let statements = try PlanStatements(plan: p.plan, days: ResolvedDays(plan: p.plan, asOf: PSQL.day("2026-03-15")),
                                            sources: KeyedSources(repeated: [], anomalies: []))
        let text = statements.explain()
        #expect(text.contains("= 2026-01-01 go_live"))
        #expect(text.contains("= 2026-03-15 E"))
        #expect(text.contains("= 2026-03-12 E - 3d"))
        #expect(text.contains("= 'matter'") && text.contains("= 4242") && text.contains("= ['open']") && text.contains("= true"))
        #expect(text.contains("m1 = e2e_done"))
        #expect(statements.statements.map(\.title) == ["case_record (3 measures)", "procedural_document (1 measure)",
                                                       "staff (1 metric)", "case_record (records to fix)"])
        for s in statements.statements {
            for bad in ["2026", "matter", "4242", "'open'", "e2e_total", "true,", "go_live"] { #expect(!s.sql.contains(bad), "\(bad) in \(s.sql)") }
            for n in s.parameters.indices { #expect(s.sql.contains("$\(n + 1)::"), "$\(n + 1) unused in \(s.title)") }
            #expect(!s.sql.contains("$\(s.parameters.count + 1)"))
        }
    }
}
