import Foundation
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPublish
import ThiDuaReport

/// Issue 14: a whole nightly run in-process, through the job library, without the binary.
@Suite("the job as a library", .serialized)
struct JobTests {
    static func settings(_ db: TestDatabase, out: String) -> Settings {
        var s = Settings()
        s.conninfo = db.conninfo
        s.outDir = out
        s.retries = 1
        return s
    }

    @Test("NightlyRun publishes a whole run in-process, and its CSV matches the in-process computation")
    func inProcess() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let job = NightlyRun(settings: Self.settings(db, out: out), plan: PlanFile.shipped(), asOf: Day(iso: "2026-03-15")!,
                             log: EventLog(), progress: RunProgress())
        let result = try job.run { _ in 1 }
        #expect(result.runDirectory == out + "/2026-03-15")
        try verifyLatest(out, expect: "2026-03-15")
        let rows = CSVReader.rows(try String(contentsOfFile: result.runDirectory + "/csv/unit_metrics.csv", encoding: .utf8))
        #expect(result.rows["csv/unit_metrics.csv"] == rows.count)
        let computed = try compute(db, asOf: "2026-03-15")
        #expect(rows.count == computed.standings.count)
        for s in computed.standings {
            let row = rows.first { $0["bloc"] == s.bloc.description && $0["unit_id"] == s.unit.id }
            #expect(row?["composite_score"] == Score.format(s.composite), "\(s.bloc) \(s.unit.id)")
        }
    }

    @Test("a broken contract is a typed data error, and nothing is written")
    func typedErrors() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        try db.sql("ALTER TABLE case_record DROP COLUMN entered_on")
        let job = NightlyRun(settings: Self.settings(db, out: out), plan: PlanFile.shipped(), asOf: Day(iso: "2026-03-15")!,
                             log: EventLog(), progress: RunProgress())
        let broken = Self.failure(of: job)
        if case .data? = broken {} else { Issue.record("expected a data error: \(String(describing: broken))") }
        #expect(broken?.message.contains("breaks the contract") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
        var unreachable = Self.settings(db, out: out)
        unreachable.conninfo = "host=127.0.0.1 port=1 dbname=x"
        let down = Self.failure(of: NightlyRun(settings: unreachable, plan: PlanFile.shipped(), asOf: Day(iso: "2026-03-15")!,
                                               log: EventLog(), progress: RunProgress()))
        if case .temporary? = down {} else { Issue.record("expected a temporary error: \(String(describing: down))") }
    }

    /// The job's error, or nil when it published.
    static func failure(of job: NightlyRun) -> JobError? {
        let outcome: Result<NightlyRun.Result, JobError> = Result { () throws(JobError) in try job.run { _ in 1 } }
        if case .failure(let e) = outcome { return e }
        return nil
    }

    @Test("two sessions, one snapshot: a write committed after the first session's snapshot and before the second's start is seen by neither")
    func oneSnapshotOnTwoSessions() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let p = try Spawned(thiduaBinary, ["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out],
                            environment: ["THIDUA_FAULT": "pause:after-export:2"])
        // Wait until the first session holds its snapshot (its staging folder exists, the statement
        // that exported it is done), then commit a staff member (read by the staff session) and
        // cases (read by the first session).
        #expect(waitUntil { !leftovers(out).isEmpty })
        Thread.sleep(forTimeInterval: 0.5)
        try db.sql(Fx.staff("late-s", unit: "A") + Fx.cases("A", "late-c", count: 7, accepted: "2026-02-02", prosecutor: "late-s"))
        let done = p.wait()
        #expect(done.status == 0, "\(done.all)")
        let staff = try csvRows(out + "/2026-03-15/csv/staff_metrics.csv")
        #expect(!staff.contains { $0["staff_id"] == "late-s" }, "the staff session saw a later write")
        #expect(staff.count == 8)
        let units = try csvRows(out + "/2026-03-15/csv/unit_metrics.csv")
        #expect(units.first { $0["unit_id"] == "A" }?["e2e_total"] == "40", "the first session saw a later write")
        // A run after the write sees it: the test can fail.
        let again = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-16", "--out", out])
        #expect(again.status == 0, "\(again.all)")
        #expect(try csvRows(out + "/2026-03-16/csv/staff_metrics.csv").contains { $0["staff_id"] == "late-s" })
        #expect(try csvRows(out + "/2026-03-16/csv/unit_metrics.csv").first { $0["unit_id"] == "A" }?["e2e_total"] == "47")
    }
}
