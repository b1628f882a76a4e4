import Foundation
import Postgres
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaWarehouse

/// The compiled unit statements (PLAN-LANGUAGE.md §16.2) against the real PostgreSQL.
@Suite("PlanSQL unit statements")
struct PlanSQLUnitTests {
    /// Unit U1: row a (every column set), rows b and c (NULLs), row late (after D), row nox (no
    /// accepted_on): the last two are never read (§13).
    static let caseRows = """
        INSERT INTO case_record VALUES
          ('a', 'U1', 'p1', 'case', '2026-01-10', '2026-01-15', true, 2, 0, 'open', '2026-01-20'),
          ('b', 'U1', NULL, 'matter', '2026-02-10', NULL, NULL, NULL, NULL, NULL, NULL),
          ('c', 'U1', NULL, NULL, '2026-02-20', NULL, NULL, NULL, NULL, NULL, NULL),
          ('late', 'U1', 'p1', 'case', '2026-03-02', '2026-01-15', true, 2, 0, 'open', '2026-01-20'),
          ('nox', 'U1', 'p1', 'case', NULL, '2026-01-15', true, 2, 0, 'open', '2026-01-20'),
          ('nounit', NULL, 'p1', 'case', '2026-01-10', '2026-01-15', true, 2, 0, 'open', '2026-01-20');
        """

    @Test("every operator on every column type; a test on NULL is false except is_null true and not_by")
    func operators() throws {
        let db = try TestDatabase()
        try dropNotNull(db, ["case_record"])
        try db.sql(Self.caseRows)
        var p = PlanSketch()
        typealias S = PSQL
        let cases: [(Condition, Int)] = [
            (S.all(), 3),
            (S.col("kind", .eq(.text("case"))), 1),
            (S.col("kind", .ne(.text("case"))), 1),
            (S.col("kind", .isIn([.text("case"), .text("matter")])), 2),
            (S.col("kind", .notIn([.text("case")])), 1),
            (S.col("prosecutor_id", .eq(.text("p1"))), 1),
            (S.col("prosecutor_id", .ne(.text("p1"))), 0),
            (S.col("prosecutor_id", .ne(.text("zz"))), 1),
            (S.col("prosecutor_id", .isNull(true)), 2),
            (S.col("prosecutor_id", .isNull(false)), 1),
            (S.col("missing_required_fields", .gt(.literal(1))), 1),
            (S.col("missing_required_fields", .gte(.literal(2))), 1),
            (S.col("missing_required_fields", .lt(.literal(3))), 1),
            (S.col("missing_required_fields", .lte(.literal(2))), 1),
            (S.col("missing_required_fields", .lte(.literal(1))), 0),
            (S.col("missing_required_fields", .eq(.int(2))), 1),
            (S.col("missing_required_fields", .ne(.int(5))), 1),
            (S.col("missing_required_fields", .isIn([.int(2), .int(3)])), 1),
            (S.col("missing_required_fields", .notIn([.int(7)])), 1),
            (S.col("missing_required_fields", .gt(.column("error_count"))), 1),
            (S.col("error_count", .gte(.column("missing_required_fields"))), 0),
            (S.col("end_to_end", .eq(.bool(true))), 1),
            (S.col("end_to_end", .ne(.bool(false))), 1),
            (S.col("end_to_end", .ne(.bool(true))), 0),
            (S.col("entered_on", .within(S.window("2026-01-01", "2026-01-31"))), 1),
            (S.col("entered_on", .onOrBefore(.date(S.day("2026-01-15")))), 1),
            (S.col("entered_on", .before(.date(S.day("2026-01-15")))), 0),
            (S.col("entered_on", .onOrAfter(.date(S.day("2026-01-15")))), 1),
            (S.col("entered_on", .after(.date(S.day("2026-01-14")))), 1),
            (S.col("entered_on", .notBy(.date(S.day("2026-01-14")))), 3),
            (S.col("entered_on", .notBy(.date(S.day("2026-01-15")))), 2),
            (S.col("entered_on", .isNull(true)), 2),
            (S.col("accepted_on", .within(S.window("2026-02-01", "2026-02-28"))), 2),
            (S.col("status", .eq(.text("open"))), 1),
            (S.col("status", .notIn([.text("closed")])), 1),
            (S.col("last_updated_on", .onOrBefore(.date(S.day("2026-01-20")))), 1),
            (S.col("missing_required_fields", .gte(.literal(1)), .lte(.literal(1))), 0),
            (S.any(S.col("kind", .eq(.text("case"))), S.col("kind", .eq(.text("matter")))), 2),
            (S.all(S.col("kind", .eq(.text("case"))), S.col("status", .eq(.text("open")))), 1),
            (S.any(S.col("prosecutor_id", .isNull(true)), S.col("end_to_end", .eq(.bool(true)))), 3),
            // `any` never sees SQL's unknown: NOT-like tests on NULL rows stay false inside it.
            (S.any(S.col("status", .ne(.text("open"))), S.col("end_to_end", .ne(.bool(true)))), 0),
            // A window empty at run time counts 0; days far outside PostgreSQL's range still bind.
            (S.col("accepted_on", .within(S.window(.offset(.asOf, days: 1), .asOf))), 0),
            (S.col("accepted_on", .within(S.window(.offset(.asOf, days: -3_000_000), .offset(.asOf, days: 3_000_000)))), 3),
            (S.col("accepted_on", .after(.offset(.asOf, days: 3_000_000))), 0),
        ]
        for (i, c) in cases.enumerated() { p.count("m\(i)", "case_record", c.0) }
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let facts = try run.unitFacts()
        #expect(Set(facts.keys) == ["U1"])
        let u1 = try #require(facts["U1"])
        for (i, c) in cases.enumerated() {
            #expect(u1.counts[i] == c.1, "measure \(i): \(c.0)")
        }
        #expect(run.statements.statements[0].sql.contains("WHERE r.accepted_on <= $"))
    }

    @Test("a parent lookup joins the parent as of D: a missing or later parent makes every parent test false")
    func parentLookup() throws {
        let db = try TestDatabase()
        try dropNotNull(db, ["case_record"])
        try db.sql(Self.caseRows + """
            INSERT INTO procedural_document VALUES
              ('d1', 'a', 'U1', '2026-02-01', true, true),
              ('d2', 'missing', 'U1', '2026-02-01', true, false),
              ('d3', 'late', 'U1', '2026-02-01', false, true),
              ('d4', 'b', 'U1', '2026-02-01', false, false),
              ('d5', 'a', 'U1', '2026-03-05', true, true);
            """)
        var p = PlanSketch()
        typealias S = PSQL
        let cases: [(Condition, Int)] = [
            (S.all(), 4),
            (S.parent("entered_on", .isNull(true)), 1),
            (S.parent("entered_on", .isNull(false)), 1),
            (S.parent("entered_on", .notBy(.date(S.day("2026-01-14")))), 2),
            (S.parent("kind", .eq(.text("case"))), 1),
            (S.parent("kind", .ne(.text("case"))), 1),
            (S.all(S.parent("end_to_end", .eq(.bool(true))), S.col("digitally_signed", .eq(.bool(true)))), 1),
            (S.any(S.parent("kind", .eq(.text("case"))), S.col("electronic", .eq(.bool(true)))), 2),
        ]
        for (i, c) in cases.enumerated() { p.count("m\(i)", "procedural_document", c.0) }
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let u1 = try #require(try run.unitFacts()["U1"])
        for (i, c) in cases.enumerated() { #expect(u1.counts[i] == c.1, "measure \(i): \(c.0)") }
        #expect(run.statements.statements[0].sql.contains("LEFT JOIN"))
    }

    @Test("a relation whose key repeats (no key in the warehouse) is counted once per key")
    func repeatedKeys() throws {
        let db = try TestDatabase()
        try db.sql("""
            ALTER TABLE training_session DROP CONSTRAINT training_session_pkey;
            INSERT INTO training_session VALUES
              ('s1', 'U1', 'ai', '2026-01-05', 't', 'class', 10), ('s1', 'U1', 'ai', '2026-01-05', 't', 'class', 10),
              ('s1', 'U1', 'ai', '2026-01-05', 't', 'seminar', 10), ('s2', 'U2', 'qlahs', '2026-01-06', 't', 'class', 1);
            """)
        var p = PlanSketch()
        p.count("all", "training_session")
        p.count("ai", "training_session", PSQL.col("topic", .eq(.text("ai"))))
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let facts = try run.unitFacts()
        #expect(facts["U1"]?.counts == [1, 1])
        #expect(facts["U2"]?.counts == [1, 0])
        #expect(run.statements.statements[0].sql.contains("DISTINCT ON"))
    }

    @Test("all_done: latest done day within 2000–2100 and on or before D, and the pace count")
    func allDone() throws {
        let db = try TestDatabase()
        try dropNotNull(db, ["case_record"])
        try db.sql("""
            INSERT INTO case_record VALUES
              ('a', 'U1', NULL, 'case', '2025-10-02', '2026-01-15', true, 0, 0, 'open', '2026-01-20'),
              ('b', 'U1', NULL, 'case', '2025-10-03', '2026-02-25', true, 0, 0, 'open', '2026-01-20'),
              ('c', 'U1', NULL, 'case', '2025-10-04', '2026-02-27', true, 0, 0, 'open', '2026-01-20'),
              ('d', 'U1', NULL, 'case', '2025-10-05', NULL, true, 0, 0, 'open', '2026-01-20'),
              ('e', 'U1', NULL, 'case', '2025-10-05', '2026-03-05', true, 0, 0, 'open', '2026-01-20'),
              ('f', 'U2', NULL, 'case', '2025-10-05', '1999-05-05', true, 0, 0, 'open', '2026-01-20'),
              ('g', 'U3', NULL, 'case', '2025-10-05', NULL, true, 0, 0, 'open', '2026-01-20');
            """)
        var p = PlanSketch()
        let total = p.count("retro_total", "case_record", PSQL.col("accepted_on", .within(PSQL.window("2025-10-01", "2025-12-31"))))
        let entered = p.count("retro_entered", "case_record", PSQL.col("accepted_on", .within(PSQL.window("2025-10-01", "2025-12-31"))),
                              PSQL.col("entered_on", .onOrBefore(.windowEnd)))
        p.milestone("retro", .allDone(value: entered, target: total, doneOn: .column("entered_on"), whenEmpty: .notApplicable,
                                      paceDays: 14))
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let facts = try run.unitFacts()
        #expect(facts["U1"]?.counts == [5, 3])
        #expect(facts["U1"]?.latestDone == [PSQL.day("2026-02-27")])
        #expect(facts["U1"]?.recentDone == [2])
        #expect(facts["U2"]?.counts == [1, 1])
        #expect(facts["U2"]?.latestDone == [nil])
        #expect(facts["U2"]?.recentDone == [0])
        #expect(facts["U3"]?.latestDone == [nil])
    }

    @Test("first_reached: the first k × (// divisors) days of each leaf, ascending")
    func firstReached() throws {
        let db = try TestDatabase()
        try db.sql("""
            INSERT INTO training_session VALUES
              ('h1', 'U1', 'qlahs', '2026-01-10', 't', 'hands_on', 1), ('h2', 'U1', 'qlahs', '2026-01-05', 't', 'hands_on', 1),
              ('h3', 'U1', 'qlahs', '2026-02-01', 't', 'hands_on', 1), ('h4', 'U1', 'qlahs', '2025-12-01', 't', 'hands_on', 1),
              ('h5', 'U1', 'qlahs', '2026-03-09', 't', 'hands_on', 1),
              ('c1', 'U1', 'qlahs', '2026-01-20', 't', 'class', 1), ('c2', 'U1', 'qlahs', '2026-01-15', 't', 'seminar', 1),
              ('c3', 'U2', 'qlahs', '2026-02-15', 't', 'class', 1);
            """)
        var p = PlanSketch()
        let period = PSQL.window(.named(0), .windowEnd)
        let classes = p.count("classes", "training_session", PSQL.col("format", .isIn([.text("class"), .text("seminar")])),
                              PSQL.col("held_on", .within(period)))
        let handsOn = p.count("hands_on", "training_session", PSQL.col("format", .eq(.text("hands_on"))),
                              PSQL.col("held_on", .within(period)))
        let value = p.expr("value", [.plain(.measure(classes)), .floorDiv(.measure(handsOn), 2)])
        p.milestone("training", .firstReached(measure: value, k: 1))
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let facts = try run.unitFacts()
        #expect(facts["U1"]?.firstDays[classes] == [PSQL.day("2026-01-15")])
        #expect(facts["U1"]?.firstDays[handsOn] == [PSQL.day("2026-01-05"), PSQL.day("2026-01-10")])
        #expect(facts["U1"]?.counts[handsOn] == 3)
        #expect(facts["U2"]?.firstDays[handsOn] == [])
        #expect(UnitStatement.firstReachedLimits(p.plan) == [classes: 1, handsOn: 2])
    }

    @Test("both sessions of the exported snapshot read the same facts")
    func twoSessions() throws {
        let db = try TestDatabase()
        try dropNotNull(db, ["case_record"])
        try db.sql(Self.caseRows)
        var p = PlanSketch()
        p.count("all", "case_record")
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let snapshot = try run.reader.exportSnapshot()
        // A row committed after the snapshot was taken is seen by neither session.
        let writer = try Connection.connect(ConnectionSettings(conninfo: db.conninfo, applicationName: "thidua-test"))
        try writer.execute("""
            INSERT INTO thidua.case_record VALUES ('new', 'U1', NULL, 'case', '2026-01-01', NULL, true, 0, 0, 'open', '2026-01-01')
            """)
        let second = try Connection.connect(ConnectionSettings(conninfo: db.conninfo, applicationName: "thidua-test"))
        let joined = try WarehouseReader.join(second, snapshot: snapshot, like: run.reader)
        defer { joined.finish() }
        #expect(try joined.readUnitFacts(run.statements) == run.unitFacts())
        #expect(try joined.readUnitFacts(run.statements)["U1"]?.counts == [3])
    }
}
