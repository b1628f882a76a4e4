import Foundation
import Testing
import TestSupport
import ThiDuaCLI
import ThiDuaPublish

/// Issue 23: several plans in one configuration, each published into its own folder by one
/// `thidua run`; a plan that fails does not stop the others, the exit code is the worst one.
@Suite("several plans in one configuration", .serialized)
struct MultiPlanTests {
    static let plan251 = repositoryRoot + "/plans/251-KH-VKSTC.yaml"
    static let planSecond = repositoryRoot + "/plans/KH-TD-6T-2026.yaml"

    /// A configuration listing `plans` (file, out) on the test database, with a metrics file.
    static func config(_ db: TestDatabase, _ scratch: ScratchFolder, _ plans: [(String, String)], json: Bool = false) throws -> String {
        let list = plans.map { "  - {file: \"\($0.0)\", out: \"\($0.1)\"}\n" }.joined()
        let text = "database:\n  conninfo: \"\(db.conninfo)\"\n  retries: 1\nplans:\n\(list)logging:\n  metrics_file: \(scratch.path)/thidua.prom\n"
            + (json ? "  format: json\n" : "")
        let file = scratch.path + "/thidua.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The plan a published run's manifest names.
    static func manifestPlan(_ run: String) throws -> String? {
        let data = try #require(FileManager.default.contents(atPath: run + "/manifest.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["plan"] as? String
    }

    /// The metrics file's samples of one metric, by their `out` label.
    static func samples(_ text: String, _ metric: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(metric + "{") {
            guard let r = line.range(of: "out=\""), let end = line[r.upperBound...].firstIndex(of: "\"") else { continue }
            found[String(line[r.upperBound..<end])] = line.split(separator: " ").last.map(String.init)
        }
        return found
    }

    /// Valid Prometheus text: each family's HELP and TYPE once, before its samples, which follow one another.
    static func expectValidExposition(_ text: String) {
        var seen: [String] = []
        for line in text.split(separator: "\n") {
            let name: String
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                name = String(line.dropFirst(7).split(separator: " ")[0])
            } else {
                #expect(line.wholeMatch(of: /[a-z_]+\{([a-z_]+="(?:[^"\\]|\\.)*",?)+\} -?[0-9.]+/) != nil, "not a sample: \(line)")
                name = String(line.prefix { $0 != "{" })
            }
            if seen.last != name {
                #expect(!seen.contains(name), "\(name) comes in two places")
                seen.append(name)
            }
        }
        #expect(seen.count == 4)
    }

    @Test("one run publishes both plans, each into its folder, every log line naming its plan, a metrics line per plan")
    func bothPublish() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop() }
        let (a, b) = (scratch.path + "/251", scratch.path + "/6t")
        let config = try Self.config(db, scratch, [(Self.plan251, a), (Self.planSecond, b)])
        let run = try runThidua(["run", "--config", config, "--as-of", "2026-03-15"])
        #expect(run.status == 0, "\(run.all)")
        #expect(run.stdout == "\(a)/2026-03-15/index.html\n\(b)/2026-03-15/index.html\n")
        #expect(try Self.manifestPlan(a + "/2026-03-15") == "251/KH-VKSTC")
        #expect(try Self.manifestPlan(b + "/2026-03-15") == "KH-TĐ-6T-2026")
        try verifyLatest(a, expect: "2026-03-15")
        try verifyLatest(b, expect: "2026-03-15")
        for line in run.stderr.split(separator: "\n") {
            #expect(line.hasSuffix(" plan=251/KH-VKSTC") || line.hasSuffix(" plan=KH-TĐ-6T-2026"), "\(line)")
        }
        #expect(run.stderr.contains("published \(b)/2026-03-15"))
        let metrics = try String(contentsOfFile: scratch.path + "/thidua.prom", encoding: .utf8)
        Self.expectValidExposition(metrics)
        #expect(Self.samples(metrics, "thidua_last_exit_code") == [a: "0", b: "0"])
        #expect(Self.samples(metrics, "thidua_last_success_timestamp_seconds").count == 2)
        #expect(metrics.contains("thidua_last_exit_code{plan=\"KH-TĐ-6T-2026\",out=\"\(b)\"} 0"))
        #expect(metrics.contains("thidua_rows{plan=\"251/KH-VKSTC\",out=\"\(a)\",file=\"csv/unit_metrics.csv\"} 4"))
    }

    @Test("a broken plan file does not stop the next plan: it publishes, the log names the broken file, exit 78")
    func brokenPlan() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop() }
        let broken = scratch.path + "/broken plan.yaml"
        try (try String(contentsOfFile: Self.planSecond, encoding: .utf8)).replacingOccurrences(of: "\ntitle:", with: "\ntitel:")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let (a, b) = (scratch.path + "/broken", scratch.path + "/251")
        let config = try Self.config(db, scratch, [(broken, a), (Self.plan251, b)])
        // A first night where both were fine leaves a last success for the folder of the broken plan.
        try PlanMetrics.write(path: scratch.path + "/thidua.prom",
                              finished: [PlanRunRecord(plan: "KH-TĐ-6T-2026", out: a, exitCode: 0, durationSeconds: 1, rows: ["csv/run.csv": 1])],
                              order: [a, b], now: Date(timeIntervalSince1970: 1_780_000_000))
        let run = try runThidua(["run", "--config", config, "--as-of", "2026-03-15"])
        #expect(run.status == 78, "\(run.all)")
        #expect(run.stdout == "\(b)/2026-03-15/index.html\n")
        #expect(try Self.manifestPlan(b + "/2026-03-15") == "251/KH-VKSTC")
        #expect(!FileManager.default.fileExists(atPath: a))
        #expect(run.stderr.contains("\(broken):"), "the plan's errors name the file: \(run.stderr)")
        #expect(run.stderr.contains("exit_code=78 plan=\"\(broken)\""), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("thidua: 1 of 2 plan(s) did not publish (see the lines above); exit 78\n"), "\(run.stderr)")
        let metrics = try String(contentsOfFile: scratch.path + "/thidua.prom", encoding: .utf8)
        Self.expectValidExposition(metrics)
        #expect(Self.samples(metrics, "thidua_last_exit_code") == [a: "78", b: "0"])
        #expect(Self.samples(metrics, "thidua_last_success_timestamp_seconds")[a] == "1780000000", "the last success survives")
        #expect(metrics.contains("thidua_rows{plan=\"\(broken)\",out=\"\(a)\",file=\"csv/run.csv\"} 1"))
    }

    @Test("a plan whose folder is locked by another run exits 75 without stopping the other; JSON lines name the plan")
    func lockedFolder() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop() }
        let (a, b) = (scratch.path + "/a", scratch.path + "/b")
        let config = try Self.config(db, scratch, [(Self.plan251, a), (Self.planSecond, b)], json: true)
        let held = try #require(try RunLock(outDir: a))
        let run = try runThidua(["run", "--config", config, "--as-of", "2026-03-15"])
        withExtendedLifetime(held) {}
        #expect(run.status == 75, "\(run.all)")
        #expect(run.stdout == "\(b)/2026-03-15/index.html\n")
        let lines = run.stderr.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
        #expect(lines.count == run.stderr.split(separator: "\n").count, "every line is JSON: \(run.stderr)")
        let failed = lines.first { $0["event"] == "plan_failed" }
        #expect(failed?["plan"] == "251/KH-VKSTC" && failed?["exit_code"] == "75", "\(run.stderr)")
        #expect(lines.contains { $0["event"] == "published" && $0["plan"] == "KH-TĐ-6T-2026" })
        #expect(lines.last?["event"] == "failed" && lines.last?["exit_code"] == "75")
    }

    @Test("--plan runs only that listed plan; --plan with --out runs one plan outside the list; metrics keep the other plan")
    func choosing() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop() }
        let (a, b) = (scratch.path + "/a", scratch.path + "/b")
        let config = try Self.config(db, scratch, [(Self.plan251, a), (Self.planSecond, b)])
        let one = try runThidua(["run", "--config", config, "--as-of", "2026-03-15", "--plan", Self.planSecond])
        #expect(one.status == 0, "\(one.all)")
        #expect(one.stdout == "\(b)/2026-03-15/index.html\n")
        #expect(!FileManager.default.fileExists(atPath: a))
        let byFolder = try runThidua(["run", "--config", config, "--as-of", "2026-03-15"], environment: ["THIDUA_OUT": a + "/"])
        #expect(byFolder.status == 0, "\(byFolder.all)")
        #expect(byFolder.stdout == "\(a)/2026-03-15/index.html\n")
        let metrics = try String(contentsOfFile: scratch.path + "/thidua.prom", encoding: .utf8)
        #expect(Self.samples(metrics, "thidua_last_exit_code") == [a: "0", b: "0"], "\(metrics)")
        let outside = scratch.path + "/c"
        let other = try runThidua(["run", "--config", config, "--as-of", "2026-03-16", "--plan", Self.planSecond, "--out", outside])
        #expect(other.status == 0, "\(other.all)")
        #expect(try Self.manifestPlan(outside + "/2026-03-16") == "KH-TĐ-6T-2026")
        #expect(!FileManager.default.fileExists(atPath: b + "/2026-03-16"))
        let unknown = try runThidua(["run", "--config", config, "--plan", scratch.path + "/nope.yaml"])
        #expect(unknown.status == 78)
        #expect(unknown.stderr.split(separator: "\n").count == 1 && unknown.stderr.contains("is not a file of the configuration's plans: list"),
                "\(unknown.stderr)")
    }

    @Test("SIGTERM while the first plan publishes: it completes, the next plan does not start, exit 75")
    func stopWhilePublishing() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop() }
        let (a, b) = (scratch.path + "/a", scratch.path + "/b")
        let config = try Self.config(db, scratch, [(Self.plan251, a), (Self.planSecond, b)])
        let p = try Spawned(thiduaBinary, ["run", "--config", config, "--as-of", "2026-03-15"],
                            environment: ["THIDUA_FAULT": "pause:after-rename:3"])
        #expect(waitUntil { FileManager.default.fileExists(atPath: a + "/2026-03-15") }, "the first plan did not reach its rename")
        p.signal(SIGTERM)
        let done = p.wait()
        #expect(done.status == 75, "\(done.all)")
        try verifyLatest(a, expect: "2026-03-15")
        #expect(!FileManager.default.fileExists(atPath: b), "the second plan started after the stop")
        #expect(done.stderr.contains("the run is complete and published plan=251/KH-VKSTC"), "\(done.stderr)")
        #expect(done.stderr.contains("not run: the job was stopped by a signal exit_code=75 plan=\(Self.planSecond)"), "\(done.stderr)")
        let metrics = try String(contentsOfFile: scratch.path + "/thidua.prom", encoding: .utf8)
        #expect(Self.samples(metrics, "thidua_last_exit_code") == [a: "0"])
    }

    @Test("the worst exit code: 0 < 75 < 65 < 69 < 73 < 78", arguments: [
        ([], 0), ([0, 0], 0), ([0, 75], 75), ([75, 65, 0], 65), ([65, 78], 78), ([78, 73], 78), ([69, 75], 69), ([73, 65], 73),
    ] as [([Int32], Int32)])
    func worst(codes: [Int32], expected: Int32) {
        #expect(ExitStatus.worst(codes) == expected)
        #expect(ExitStatus.worst(codes.reversed()) == expected)
    }

    @Test("the metrics file: a failed plan keeps its last success and rows, a plan not run keeps its lines, an unlisted folder goes")
    func metricsMerge() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path + "/m.prom"
        let night1 = Date(timeIntervalSince1970: 1_780_000_000)
        try PlanMetrics.write(path: path, finished: [
            PlanRunRecord(plan: "P \"1\"", out: "/o/1", exitCode: 0, durationSeconds: 2, rows: ["csv/a.csv": 3]),
            PlanRunRecord(plan: "P2", out: "/o/2", exitCode: 0, durationSeconds: 4, rows: ["csv/a.csv": 5]),
            PlanRunRecord(plan: "P3", out: "/o/3", exitCode: 0, durationSeconds: 1, rows: [:]),
        ], order: ["/o/1", "/o/2", "/o/3"], now: night1)
        try PlanMetrics.write(path: path, finished: [
            PlanRunRecord(plan: "P \"1\"", out: "/o/1", exitCode: 65, durationSeconds: 7, rows: [:]),
        ], order: ["/o/1", "/o/2"], now: night1.addingTimeInterval(86_400))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        Self.expectValidExposition(text)
        #expect(text.contains(#"thidua_last_exit_code{plan="P \"1\"",out="/o/1"} 65"#))
        #expect(text.contains(#"thidua_last_success_timestamp_seconds{plan="P \"1\"",out="/o/1"} 1780000000"#))
        #expect(text.contains(#"thidua_rows{plan="P \"1\"",out="/o/1",file="csv/a.csv"} 3"#))
        #expect(text.contains(#"thidua_last_run_duration_seconds{plan="P2",out="/o/2"} 4.000"#))
        #expect(!text.contains("/o/3"))
    }
}
