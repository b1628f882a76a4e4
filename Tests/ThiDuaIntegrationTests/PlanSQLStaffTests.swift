import Foundation
import Postgres
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaWarehouse

/// The compiled staff statement (PLAN-LANGUAGE.md §16.3) against the real PostgreSQL.
@Suite("PlanSQL staff statement")
struct PlanSQLStaffTests {
    static let warehouse = """
        INSERT INTO staff VALUES ('p1', 'A', 'U1', 'prosecutor', true, true), ('p2', 'B', 'U2', 'leader', false, true),
          ('p3', 'C', 'U9', 'it', true, true), ('p4', 'D', 'U1', 'other', true, false);
        INSERT INTO training_session VALUES ('s1', 'U1', 'ai', '2026-01-05', 't', 'class', 50),
          ('s2', 'U1', 'ai', '2026-02-01', 't', 'class', 200000), ('s3', 'U1', 'ai', '2026-03-05', 't', 'class', 7);
        INSERT INTO training_role VALUES ('s1', 'p1', 'trainer'), ('s1', 'p1', 'organizer'), ('s2', 'p1', 'attendee'),
          ('s3', 'p1', 'trainer'), ('s1', 'p2', 'attendee'), ('s2', 'p2', 'trainer');
        ALTER TABLE luyenai_daily DROP CONSTRAINT luyenai_daily_pkey;
        ALTER TABLE luyenai_daily ALTER COLUMN level DROP NOT NULL;
        INSERT INTO luyenai_daily VALUES
          ('p1', '2026-01-01', 3, 30), ('p1', '2026-01-02', 1, 5), ('p1', '2026-01-05', 5, -5), ('p1', '2026-01-08', 2, 2000),
          ('p1', '2026-01-20', NULL, 0), ('p1', '2026-03-05', 9, 100), ('p1', '1999-06-01', 8, 10),
          ('p2', '2026-01-07', 6, 10), ('p2', '2026-01-07', 4, 10),
          ('p3', '-infinity', 5, 10), ('p3', 'infinity', 5, 10);
        INSERT INTO platform_usage VALUES ('p1', '2026-01-01', 200000), ('p1', '2026-01-02', 5), ('p2', '2026-04-01', 9);
        INSERT INTO case_record VALUES
          ('k1', 'U1', 'p1', 'case', '2026-01-10', NULL, true, 0, 0, 'open', '2026-01-10'),
          ('k2', 'U1', 'p1', 'matter', '2026-01-10', NULL, true, 0, 0, 'open', '2026-01-10'),
          ('k3', 'U1', 'p2', 'case', '2026-03-05', NULL, true, 0, 0, 'open', '2026-03-05');
        INSERT INTO discipline VALUES ('p1', 'disciplined', '2025-06-01', '2025-12-01'), ('p2', 'under_review', '2026-02-01', NULL),
          ('p3', 'disciplined', '2026-03-05', NULL);
        INSERT INTO core_group VALUES ('g1', 'U1', 'core_learners', '2026-01-10'), ('g2', 'U1', 'tech_support', '2026-04-01');
        INSERT INTO core_group_member VALUES ('g1', 'p2'), ('g2', 'p1');
        INSERT INTO initiative VALUES ('i1', 'U1', 'ai', 't', '2026-02-01', true), ('i2', 'U1', 'ai', 't', NULL, true);
        INSERT INTO initiative_author VALUES ('i1', 'p1'), ('i1', 'p1'), ('i2', 'p1');
        """

    @Test("every metric kind, link relations, clamped sums, latest, first_day, weeks, the X guard, one bloc at a time")
    func metrics() throws {
        let db = try TestDatabase()
        try db.sql(Self.warehouse)
        var p = PlanSketch()
        typealias S = PSQL
        let period = S.window(.named(0), .windowEnd)
        let january = S.window("2026-01-01", "2026-01-31")
        let ts = "training_session"
        p.metric("led", .count(relation: ts, where: S.link("role", .eq(.text("trainer")))))
        p.metric("sessions", .count(relation: ts, where: .always))
        p.metric("led_attendees", .sum(relation: ts, column: "attendee_count", where: S.link("role", .isIn([.text("trainer"), .text("organizer")]))))
        p.metric("attendees", .sum(relation: ts, column: "attendee_count", where: .always))
        p.metric("organizer", .exists(relation: ts, where: S.link("role", .eq(.text("organizer")))))
        p.metric("level_now", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .windowEnd, where: .always))
        p.metric("level_cut", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .date(S.day("2026-01-06")), where: .always))
        p.metric("minutes", .sum(relation: "luyenai_daily", column: "minutes", where: S.col("day", .within(period))))
        p.metric("first_study", .firstDay(relation: "luyenai_daily", where: S.col("minutes", .gt(.literal(0)))))
        p.metric("weeks", .distinctWeeks(relation: "luyenai_daily", window: january, where: S.col("minutes", .gt(.literal(0)))))
        p.metric("weeks_in", .weeksIn(january))
        p.metric("weeks_in_empty", .weeksIn(S.window(.offset(.windowEnd, days: 1), .windowEnd)))
        p.metric("cases", .count(relation: "case_record", where: S.col("kind", .eq(.text("case")))))
        p.metric("disciplined", .exists(relation: "discipline", where: S.all(
            S.col("from_on", .onOrBefore(.windowEnd)),
            S.any(S.col("to_on", .isNull(true)), S.col("to_on", .onOrAfter(.named(0)))))))
        p.metric("core", .exists(relation: "core_group", where: .always))
        p.metric("initiatives", .count(relation: "initiative", where: S.col("recognized_on", .within(period))))
        p.metric("actions", .sum(relation: "platform_usage", column: "actions", where: .always))
        p.metric("long_weeks", .distinctWeeks(relation: "luyenai_daily", window: S.window("2025-01-01", "2026-12-31"),
                                              where: S.col("minutes", .gt(.literal(0)))))
        let run = try Compiled(db, p.plan, asOf: "2026-03-01")
        defer { run.finish() }
        let (rows, blocs) = try run.staff(owners: ["U1": "U1", "U2": "P1"])
        #expect(blocs == ["P1", "U1", nil])
        #expect(Set(rows.keys) == ["p1", "p2", "p3"])
        let expected: [String: [MetricValue]] = [
            "p1": [.int(1), .int(2), .int(50), .int(100_050), .bool(true), .int(2), .int(5), .int(1475),
                   .date(S.day("2026-01-01")), .int(2), .int(5), .int(0), .int(1), .bool(false), .bool(false), .int(1), .int(100_005), .int(2)],
            // p2's two LuyenAI rows of one day are one key: the first in byte order (level 4) is read.
            "p2": [.int(1), .int(2), .int(100_000), .int(100_050), .bool(false), .int(4), .int(nil), .int(10),
                   .date(S.day("2026-01-07")), .int(1), .int(5), .int(0), .int(0), .bool(true), .bool(true), .int(0), .int(0), .int(1)],
            "p3": [.int(0), .int(0), .int(0), .int(0), .bool(false), .int(nil), .int(nil), .int(0),
                   .date(nil), .int(0), .int(5), .int(0), .int(0), .bool(false), .bool(false), .int(0), .int(0), .int(0)],
        ]
        for (id, values) in expected {
            let row = try #require(rows[id])
            for (i, v) in values.enumerated() {
                #expect(row.values[i] == v, "\(id) \(p.metrics[i].id): \(row.values[i]) ≠ \(v)")
            }
            #expect(row.overflowed == [])
        }
        #expect(rows["p1"]?.roleText == "prosecutor" && rows["p2"]?.directWorker == false && rows["p1"]?.unitID == "U1")
    }

    @Test("a sum that does not fit 64 bits is empty and listed, never a trap")
    func overflow() throws {
        let db = try TestDatabase()
        var p = PlanSketch()
        p.metric("minutes", .sum(relation: "luyenai_daily", column: "minutes", where: .always))
        p.metric("weeks", .distinctWeeks(relation: "luyenai_daily", window: PSQL.window("2026-01-01", "2026-01-31"), where: .always))
        let statement = try StaffStatement.compile(p.plan, ResolvedDays(plan: p.plan, asOf: PSQL.day("2026-03-01")),
                                                   KeyedSources(repeated: [], anomalies: []))
        // The shape the statement returns, with a numeric sum beyond Int64 as PostgreSQL computes it.
        let rows = try db.connection.query("""
            SELECT 'p1' AS staff_id, 'A' AS full_name, 'U1' AS unit_id, 'it' AS role, true AS direct_worker, NULL AS owner,
                   sum(x)::numeric AS v0, 9223372036854775807::bigint AS v1
            FROM (VALUES (9223372036854775807::numeric), (9223372036854775807::numeric)) t(x)
            """)
        let row = try statement.decode(rows[0], try StaffColumns(rows[0], metrics: 2))
        #expect(row.values == [.int(nil), .int(Int.max)])
        #expect(row.overflowed == [0])
        let (value, overflowed) = try ExactInt.decode(rows[0], "v0")
        #expect(value == nil && overflowed)
    }
}
