import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 13: stops that neither lie nor linger. SIGTERM at every phase of a run, and `kill -9`
/// followed by an immediate rerun.
@Suite("stops: SIGTERM at each phase, kill -9 and rerun", .serialized)
struct StopTests {
    /// Files a stopped run must never leave in OUT.
    static func debris(_ out: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter {
            $0.hasPrefix(".staging-") || $0.hasPrefix(".latest-") || ($0.hasPrefix(".index.html.") && $0.hasSuffix(".tmp"))
        }
    }

    @Test("SIGTERM while paused at a phase: before publishing 75 with the run removed; once publishing has begun the run completes (0)",
          arguments: [("after-lock", 75), ("after-queries", 75), ("csv-written", 75), ("during-pages", 75),
                      ("before-rename", 75), ("after-rename", 0), ("after-latest", 0)])
    func sigtermAtPhase(point: String, expected: Int32) throws {
        let (db, scratch, out) = try publishedSmallRun()
        defer { db.drop(); _ = scratch }
        let run = try pausedRun(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out, "--log-format", "json"],
                                at: point, seconds: 3)
        let p = run.process
        #expect(run.paused(), "the run did not reach \(point)")
        p.signal(SIGTERM)
        let done = p.wait()
        #expect(done.status == expected, "\(point): \(done.stderr.suffix(500))")
        #expect(Self.debris(out).isEmpty, "\(point): left \(Self.debris(out))")
        let lastLine = done.stderr.split(separator: "\n").last.map(String.init) ?? ""
        if expected == 75 {
            #expect(lastLine.contains("\"exit_code\":\"75\""), "\(point): the last line is a JSON line with the code: \(lastLine)")
            #expect(lastLine.contains("removed") || lastLine.contains("before anything was written"), "\(point): \(lastLine)")
            #expect(!FileManager.default.fileExists(atPath: out + "/2026-03-15"), "\(point): no half run")
            try verifyLatest(out, expect: "2026-03-01")
        } else {
            #expect(done.stderr.contains("the run is complete and published"), "\(point): \(done.stderr.suffix(300))")
            try verifyLatest(out, expect: "2026-03-15")
        }
        let next = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-16", "--out", out])
        #expect(next.status == 0, "\(point): the next run: \(next.all)")
    }

    @Test("SIGTERM right after start: 75, not the default 143")
    func sigtermAtStart() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        // "started": the first thing the process does once its stop handler is in place.
        for point in ["started", "after-lock"] {
            let run = try pausedRun(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out], at: point, seconds: 30)
            #expect(run.paused(), "the run did not reach \(point)")
            run.process.signal(SIGTERM)
            let done = run.process.wait()
            #expect(done.status == 75, "at \(point): \(done.all)")
            #expect(Self.debris(out).isEmpty)
        }
    }

    @Test("kill -9 while the job's statement waits on the server: the server ends its session, an immediate rerun succeeds")
    func killedWhileStatementRuns() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        // Hold a lock the job's first read of case_record must wait for: its statement then runs
        // on the server while the job is killed.
        let blocker = try Connection.connect(ConnectionSettings(conninfo: db.conninfo, applicationName: "thidua-test"))
        try blocker.execute("BEGIN; LOCK TABLE thidua.case_record IN ACCESS EXCLUSIVE MODE")
        let first = try Spawned(thiduaBinary, ["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out])
        var killedPID: Int32 = 0
        let waiting = try waitUntil(20) {
            let rows = try db.connection.query("""
                SELECT pid FROM pg_stat_activity
                WHERE application_name = 'thidua' AND datname = current_database() AND wait_event_type = 'Lock'
                """)
            if rows.count > 0 { killedPID = Int32(try rows[0].decode(0, as: Int.self)) }
            return rows.count > 0
        }
        #expect(waiting, "the job's statement should be waiting on the lock")
        first.signal(SIGKILL)
        _ = first.wait()
        let started = Date()
        let second = try Spawned(thiduaBinary, ["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out])
        // The rerun gets the advisory lock once the server has ended the killed job's session.
        let handedOver = try waitUntil(20) {
            let rows = try db.connection.query("""
                SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = 251122025 AND granted
                """)
            return try rows.count > 0 && Int32(try rows[0].decode(0, as: Int.self)) != killedPID
        }
        #expect(handedOver, "the killed job's session kept the advisory lock")
        blocker.rollback()
        let done = second.wait()
        #expect(done.status == 0, "\(done.all)")
        #expect(Date().timeIntervalSince(started) < 20)
        try verifyLatest(out, expect: "2026-03-15")
        #expect(Self.debris(out).isEmpty)
    }

    @Test("a run's staging files and folders have the configured modes from the start: a killed run leaves nothing world-readable")
    func stagingModes() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let run = try pausedRun(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out], at: "during-pages", seconds: 30)
        let p = run.process
        #expect(run.paused())
        let staging = out + "/" + (leftovers(out).first ?? "")
        var paths = [staging]
        if let e = FileManager.default.enumerator(atPath: staging) { while let f = e.nextObject() as? String { paths.append(staging + "/" + f) } }
        #expect(paths.count > 5, "the staging folder holds the CSV files and pages written so far")
        for path in paths {
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o777
            #expect(mode & 0o007 == 0, "\(path) is mode \(String(mode, radix: 8))")
        }
        p.signal(SIGKILL)
        _ = p.wait()
    }
}
