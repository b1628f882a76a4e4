import Foundation
import Testing
import TestSupport
import ThiDuaCore
import ThiDuaPublish

/// A small warehouse for publishing tests: two SPP units, a province with one regional unit.
let smallFixture: String = {
    var s = Fx.unit("A", "spp_unit") + Fx.unit("B", "spp_unit") + Fx.unit("P", "provincial") + Fx.unit("P-r1", "regional", parent: "P")
    for u in ["A", "B", "P", "P-r1"] {
        s += Fx.staff("\(u)-s1", unit: u) + Fx.staff("\(u)-s2", unit: u, role: "leader")
        s += Fx.cases(u, "\(u)-c", count: 40, accepted: "2026-02-01", e2e: 30, missing: 1, status: "open", updated: "2026-01-01", prosecutor: "\(u)-s1")
    }
    return s
}()

/// `latest` points at a run whose manifest lists every file with its true SHA-256.
func verifyLatest(_ out: String, expect day: String? = nil) throws {
    let target = try FileManager.default.destinationOfSymbolicLink(atPath: "\(out)/latest")
    if let day { #expect(target == day) }
    let dir = "\(out)/\(target)"
    let data = try #require(FileManager.default.contents(atPath: "\(dir)/manifest.json"), "latest has no manifest")
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let files = try #require(manifest["files"] as? [[String: Any]])
    var listed: Set<String> = []
    for f in files {
        let path = try #require(f["path"] as? String)
        listed.insert(path)
        let content = try #require(FileManager.default.contents(atPath: "\(dir)/\(path)"), "\(path) is missing")
        #expect(SHA256.hex(content) == f["sha256"] as? String, "checksum of \(path)")
    }
    let enumerator = FileManager.default.enumerator(atPath: dir)
    while let p = enumerator?.nextObject() as? String {
        var isDir: ObjCBool = false
        FileManager.default.fileExists(atPath: "\(dir)/\(p)", isDirectory: &isDir)
        if !isDir.boolValue && p != "manifest.json" { #expect(listed.contains(p), "\(p) is not in the manifest") }
    }
}

/// The small warehouse in a fresh database, with a scratch folder whose `out` is the output folder.
func smallWarehouse() throws -> (TestDatabase, ScratchFolder, String) {
    let db = try TestDatabase()
    try db.sql(smallFixture)
    let scratch = try ScratchFolder()
    return (db, scratch, scratch.path + "/out")
}

/// The small warehouse, and one run of 01/03/2026 published in its output folder.
func publishedSmallRun() throws -> (TestDatabase, ScratchFolder, String) {
    let (db, scratch, out) = try smallWarehouse()
    let first = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", out])
    #expect(first.status == 0, "\(first.all)")
    return (db, scratch, out)
}

func leftovers(_ out: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0.hasPrefix(".staging-") || $0.hasPrefix(".latest-") }
}

@Suite("publishing: whole runs or nothing", .serialized)
struct PublishingTests {
    @Test("SIGKILL at any point of publishing leaves latest on a complete run; the next run cleans up")
    func killedRuns() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let first = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", out])
        #expect(first.status == 0, "\(first.all)")
        for point in ["after-lock", "csv-written", "before-rename", "after-rename", "after-latest"] {
            let killed = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out],
                                       environment: ["THIDUA_FAULT": "kill:\(point)"])
            #expect(killed.status != 0, "the run should have been killed at \(point)")
            try verifyLatest(out)
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: "\(out)/latest")
            #expect(target == (point == "after-latest" ? "2026-03-15" : "2026-03-01"), "latest after a kill at \(point)")
            // Put latest back for the next point.
            if point == "after-latest" { break }
        }
        let again = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out])
        #expect(again.status == 0, "\(again.all)")
        try verifyLatest(out, expect: "2026-03-15")
        #expect(leftovers(out).isEmpty, "stale staging left: \(leftovers(out))")
    }

    @Test("a second run while one holds the lock exits 75 and touches nothing")
    func concurrentRuns() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let run = try pausedRun(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", out], at: "after-lock", seconds: 4)
        let slow = run.process
        #expect(run.paused())
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let second = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out])
        #expect(second.status == 75, "\(second.all)")
        #expect(second.stderr.contains("lock"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(slow.wait().status == 0)
        try verifyLatest(out, expect: "2026-03-01")
    }

    @Test("an output folder that cannot be written: exit 73, the previous run intact")
    func unwritable() throws {
        let (db, scratch, out) = try publishedSmallRun()
        defer { db.drop(); _ = scratch }
        // A file-size limit makes every write past 4 KiB fail, as a full disk would.
        let limited = try runProcess("/bin/bash", ["-c", "ulimit -f 4; exec \"$0\" run --db \"$1\" --as-of 2026-03-15 --out \"$2\"",
                                                   thiduaBinary, db.conninfo, out])
        #expect(limited.status == 73, "\(limited.all)")
        try verifyLatest(out, expect: "2026-03-01")
        #expect(!FileManager.default.fileExists(atPath: out + "/2026-03-15"))
        #expect(leftovers(out).isEmpty)
        // A path through a regular file.
        try "x".write(toFile: scratch.path + "/file", atomically: true, encoding: .utf8)
        let blocked = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path + "/file/out"])
        #expect(blocked.status == 73, "\(blocked.all)")
        #expect(blocked.stderr.split(separator: "\n").count == 1)
    }

    @Test("a rerun for the same day leaves one run; retention keeps exactly N")
    func rerunAndRetention() throws {
        let (db, scratch, out) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        for _ in 0..<2 { #expect(try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", out]).status == 0) }
        #expect(RunFolders.list(out) == [Day(iso: "2026-03-01")!])
        try verifyLatest(out, expect: "2026-03-01")
        for d in ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"] {
            let r = try runThidua(["run", "--db", db.conninfo, "--as-of", d, "--out", out], environment: ["THIDUA_RETENTION": "3"])
            #expect(r.status == 0, "\(r.all)")
        }
        #expect(RunFolders.list(out).map(\.description) == ["2026-03-05", "2026-03-04", "2026-03-03"])
        let archive = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(archive.contains("2026-03-05/index.html") && !archive.contains("2026-03-01/index.html"))
        // A replay of an older day does not move latest.
        #expect(try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-04", "--out", out]).status == 0)
        try verifyLatest(out, expect: "2026-03-05")
        #expect(leftovers(out).isEmpty)
    }

    @Test("the publishing gate keeps latest when the data collapse; --force publishes")
    func gate() throws {
        let (db, scratch, out) = try publishedSmallRun()
        defer { db.drop(); _ = scratch }
        // The units stay; the rows the plan's rates count (e2e_total and quality_total of A, B and P's
        // subtree: 4 × 40 records each) fall from 320 to 22 (A's 11 records A-c-1, A-c-10…A-c-19).
        try db.sql("DELETE FROM case_record WHERE case_id NOT LIKE 'A-c-1%';")
        let held = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out])
        #expect(held.status == 65, "\(held.all)")
        #expect(held.stderr.contains("rows_counted fell from 320"), "\(held.stderr)")
        try verifyLatest(out, expect: "2026-03-01")
        let parked = try String(contentsOfFile: out + "/unpublished-2026-03-15/manifest.json", encoding: .utf8)
        #expect(parked.contains("unpublished_reason"))
        let totals = (try JSONSerialization.jsonObject(with: Data(parked.utf8)) as? [String: Any])?["totals"] as? [String: Int]
        #expect(totals?["rows_counted"] == 22 && totals?["units"] == 4, "\(String(describing: totals))")
        let forced = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.all)")
        try verifyLatest(out, expect: "2026-03-15")
    }

    @Test("files and folders get the configured modes; nothing is world-readable")
    func modes() throws {
        let (db, scratch, out) = try publishedSmallRun()
        defer { db.drop(); _ = scratch }
        let dir = out + "/2026-03-01"
        func mode(_ p: String) throws -> Int { (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int) ?? -1 }
        #expect(try mode(dir) & 0o7777 == 0o2750)
        #expect(try mode(dir + "/csv") & 0o7777 == 0o2750)
        #expect(try mode(dir + "/csv/unit_metrics.csv") == 0o640)
        #expect(try mode(dir + "/index.html") == 0o640)
        #expect(try mode(dir + "/manifest.json") == 0o640)
    }

    @Test("the metrics file records success, and keeps the last success time after a failure")
    func metricsFile() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let metrics = scratch.path + "/thidua.prom"
        let ok = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-01", "--out", scratch.path + "/out"],
                               environment: ["THIDUA_METRICS_FILE": metrics])
        #expect(ok.status == 0)
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains("thidua_last_exit_code 0"))
        #expect(text.contains("thidua_rows{file=\"csv/unit_metrics.csv\"} 4"))
        let success = text.split(separator: "\n").first { $0.hasPrefix("thidua_last_success_timestamp_seconds ") }
        try db.sql("ALTER TABLE unit DROP COLUMN headcount;")
        let failed = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-02", "--out", scratch.path + "/out"],
                                   environment: ["THIDUA_METRICS_FILE": metrics])
        #expect(failed.status == 65)
        let after = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(after.contains("thidua_last_exit_code 65"))
        #expect(after.split(separator: "\n").first { $0.hasPrefix("thidua_last_success_timestamp_seconds ") } == success)
    }
}
