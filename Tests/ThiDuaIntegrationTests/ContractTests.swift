import Foundation
import Testing
import TestSupport

@Suite("thidua check: the warehouse contract")
struct ContractTests {
    @Test("a complete warehouse passes with exit 0")
    func complete() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let out = try runThidua(["check", "--db", db.conninfo])
        #expect(out.status == 0, "\(out.all)")
    }

    @Test("a dropped column and a wrong type are named, exit 65; run writes nothing")
    func broken() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql("ALTER TABLE case_record DROP COLUMN entered_on; ALTER TABLE unit ALTER COLUMN headcount TYPE text; DROP TABLE discipline;")
        let out = try runThidua(["check", "--db", db.conninfo])
        #expect(out.status == 65)
        #expect(out.stdout.contains("case_record.entered_on: missing (expected date)"))
        #expect(out.stdout.contains("unit.headcount: is text (expected integer)"))
        #expect(out.stdout.contains("discipline: missing relation"))
        let scratch = try ScratchFolder()
        let run = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", scratch.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("case_record.entered_on: missing (expected date)"))
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(left.isEmpty, "nothing may be written when the contract is broken: \(left)")
    }

    @Test("a missing schema is named")
    func noSchema() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        let out = try runThidua(["check", "--db", db.conninfo])
        #expect(out.status == 65)
        #expect(out.stdout.contains("schema thidua: missing"))
    }
}
