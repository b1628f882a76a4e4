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
}
