import Foundation
import Postgres
import Testing
import TestSupport

@Suite("libpq client against a real PostgreSQL")
struct ClientTests {
    @Test("NULLs, booleans, dates, numerics and Vietnamese text decode exactly")
    func decodingRoundTrips() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let nfc = "Nguyễn Thị Hương"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let row = try db.connection.query("""
            SELECT NULL::int, true, false, DATE '2025-12-31', 12345678901234.567890::numeric, \(nfc), \(nfd),
                   \(PostgresDate(year: 2026, month: 6, day: 30))::date, \(Decimal(string: "0.98")!)::numeric, 42::bigint
            """)[0]
        #expect(try row.decode(0, as: Int?.self) == nil)
        #expect(try row.decode(1, as: Bool.self) == true)
        #expect(try row.decode(2, as: Bool.self) == false)
        #expect(try row.decode(3, as: PostgresDate.self) == PostgresDate(year: 2025, month: 12, day: 31))
        #expect(try row.decode(4, as: Decimal.self) == Decimal(string: "12345678901234.56789")!)
        #expect(Array(try row.decode(5, as: String.self).utf8) == Array(nfc.utf8))
        #expect(Array(try row.decode(6, as: String.self).utf8) == Array(nfd.utf8))
        #expect(try row.decode(7, as: PostgresDate.self).description == "2026-06-30")
        #expect(try row.decode(8, as: Decimal.self) == Decimal(string: "0.98")!)
        #expect(try row.decode(9, as: Int.self) == 42)
    }

    @Test("a value that does not fit names the column, the value and the type")
    func decodeFailureIsNamed() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let row = try db.connection.query("SELECT 'abc'::text AS headcount, NULL::int AS level")[0]
        let e1 = #expect(throws: PostgresError.self) { try row.decode(0, as: Int.self) }
        #expect(e1?.description.contains("headcount") == true)
        #expect(e1?.description.contains("'abc'") == true)
        #expect(e1?.description.contains("integer") == true)
        let e2 = #expect(throws: PostgresError.self) { try row.decode(1, as: Int.self) }
        #expect(e2?.description.contains("level") == true)
        #expect(e2?.description.contains("NULL") == true)
    }

    @Test("bound parameters cannot change a statement")
    func parametersAreBound() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let hostile = "x'); DROP TABLE t; --"
        try db.connection.execute("CREATE TABLE t (v text)")
        try db.connection.query("INSERT INTO t VALUES (\(hostile))")
        let back = try db.connection.query("SELECT v FROM t")[0]
        #expect(try back.decode(0, as: String.self) == hostile)
    }

    @Test("server errors carry SQLSTATE, message and hint")
    func serverErrors() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let e = #expect(throws: PostgresError.self) { try db.connection.query("SELECT * FROM no_such_relation") }
        #expect(e?.sqlState == "42P01")
        #expect(e?.message.contains("no_such_relation") == true)
        #expect(e?.isTransient == false)
    }

    @Test("streaming a million rows keeps memory flat")
    func streamingIsFlat() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        var count = 0
        var atStart = 0
        var peak = 0
        try db.connection.stream("SELECT g, repeat('x', 60) || g FROM generate_series(1, 1000000) g") { row in
            count += 1
            _ = try row.decode(1, as: String.self)
            if count == 50_000 { atStart = residentBytes() }
            if count > 50_000 && count % 50_000 == 0 { peak = max(peak, residentBytes()) }
        }
        #expect(count == 1_000_000)
        let growth = peak - atStart
        // The whole result held by libpq would be ~100 MB; single-row mode holds one row at a time.
        #expect(growth < 16 << 20, "resident memory grew by \(growth >> 20) MiB while streaming")
    }

    @Test("a client deadline cancels a statement that runs too long")
    func clientDeadline() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let c = try Connection.connect(ConnectionSettings(conninfo: db.conninfo, clientDeadlineSeconds: 1))
        let started = Date()
        let e = #expect(throws: PostgresError.self) { try c.query("SELECT pg_sleep(30)") }
        #expect(e?.kind == .timeout)
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
