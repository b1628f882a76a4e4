import Foundation
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPlan
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

    /// A job on the shipped plan 251.
    static func job(_ settings: Settings) throws -> NightlyRun {
        let checked = try PlanReader.shipped()
        return NightlyRun(settings: settings, plan: checked.plan, planSHA256: checked.sha256, asOf: Day(iso: "2026-03-15")!,
                          log: EventLog(), progress: RunProgress())
    }

    @Test("NightlyRun publishes a whole run in-process, and its CSV matches the in-process computation")
    func inProcess() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let result = try Self.job(Self.settings(db, out: out)).run { _ in 1 }
        #expect(result.runDirectory == out + "/2026-03-15")
        try verifyLatest(out, expect: "2026-03-15")
        let rows = CSVReader.rows(try String(contentsOfFile: result.runDirectory + "/csv/unit_metrics.csv", encoding: .utf8))
        #expect(result.rows["csv/unit_metrics.csv"] == rows.count)
        let computed = try compute(db, asOf: "2026-03-15")
        #expect(rows.count == computed.report.members.count)
        for s in computed.report.members {
            let row = rows.first { $0["bloc"] == s.bloc.description && $0["unit_id"] == s.unit.id }
            #expect(row?["composite_score"] == Score.format(s.composite), "\(s.bloc) \(s.unit.id)")
        }
        // The manifest names the plan's language and the SHA-256 of the plan file's bytes, and
        // totals the rows the rates count (the publishing gate's measure).
        let data = try #require(FileManager.default.contents(atPath: result.runDirectory + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["plan_language"] as? Int == 1)
        let file = try #require(FileManager.default.contents(atPath: repositoryRoot + "/plans/251-KH-VKSTC.yaml"))
        #expect(manifest["plan_sha256"] as? String == SHA256.hex(file))
        #expect(manifest["plan_sha256"] as? String == (try PlanReader.shipped().sha256))
        let totals = try #require(manifest["totals"] as? [String: Int])
        #expect(totals["units"] == 4)
        // Every rate denominator that counts rows, once per measure, over the spp and provincial
        // members: 40 e2e records per unit (A, B, and P's whole subtree of 80), each also a
        // quality record (entered on accepted_on); no retro records, documents or staff rows.
        let expected = computed.report.members.filter { $0.bloc == .spp || $0.bloc == .provincial }.reduce(0) { sum, m in
            let v = UnitView(plan: computed.plan, figures: m)
            return sum + (v.int("e2e_total") ?? 0) + (v.int("retro_total") ?? 0) + (v.int("quality_total") ?? 0)
                + (v.int("docs_total") ?? 0)
        }
        #expect(totals["rows_counted"] == expected)
        #expect(totals["rows_counted"] == (40 + 40 + 80) * 2)
        #expect(totals["records_in_window"] == nil)
    }

    @Test("a broken contract is a typed data error, and nothing is written")
    func typedErrors() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        try db.sql("ALTER TABLE case_record DROP COLUMN entered_on")
        let broken = Self.failure(of: try Self.job(Self.settings(db, out: out)))
        if case .data? = broken {} else { Issue.record("expected a data error: \(String(describing: broken))") }
        #expect(broken?.message.contains("breaks the contract") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
        var unreachable = Self.settings(db, out: out)
        unreachable.conninfo = "host=127.0.0.1 port=1 dbname=x"
        let down = Self.failure(of: try Self.job(unreachable))
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
        let run = try pausedRun(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out], at: "after-export", seconds: 2)
        let p = run.process
        // Wait until the first session has exported its snapshot (the pause right after it has
        // begun), then commit a staff member (read by the staff session) and cases (read by the
        // first session).
        #expect(run.paused())
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
