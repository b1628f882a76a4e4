import Foundation
import Testing
import TestSupport
import ThiDuaPlan
import ThiDuaReport
import ThiDuaWorkbook

/// The Statistics department's side of a run (issue 16): the workbook, the data package and the SQL
/// tables, each read by the tool that department uses.
@Suite("the workbook, the data package and the SQL load, as the Statistics department uses them", .serialized)
struct StatisticsTests {
    /// One demo run (scale 0.1) shared by the tests of this suite.
    nonisolated(unsafe) static let demo: Result<(TestDatabase, ScratchFolder, String), Error> = Result {
        let db = try demoDatabase()
        let scratch = try ScratchFolder()
        let run = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path])
        guard run.status == 0 else { throw TestSetupError("demo run failed: \(run.all)") }
        return (db, scratch, "\(scratch.path)/2026-03-15")
    }

    /// The shipped plan's tables: the ones every run of the demo writes.
    static func tables() throws -> [DataTable] { PlanDictionary(plan: try PlanReader.shipped().plan).tables }

    static func summary(_ out: ProcessOutcome) -> [String: Any] {
        let line = out.stdout.split(separator: "\n").last.map(String.init) ?? "{}"
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("openpyxl reads the demo's thidua.xlsx: the CSVs' headers and values, typed cells, no formula")
    func workbookEqualsCSV() throws {
        let (_, _, run) = try Self.demo.get()
        let out = try python("check_workbook.py", [run])
        #expect(out.status == 0, "\(out.all.prefix(3000))")
        let s = Self.summary(out)
        #expect((s["formulas"] as? Int) == 0)
        #expect((s["numeric"] as? Int ?? 0) > 10_000, "\(s)")
        #expect((s["dates"] as? Int ?? 0) > 1_000, "\(s)")
        #expect((s["booleans"] as? Int ?? 0) > 1_000, "\(s)")
        #expect((s["sheets"] as? [String])?.first == "Thông tin")
    }

    @Test("formula-like, quoted, multi-line and long names are text cells equal to the warehouse's text")
    func workbookHostileNames() throws {
        let (db, scratch, run) = try ReportTests.hostileRun()
        defer { db.drop(); _ = scratch }
        let out = try python("check_workbook.py", [run])
        #expect(out.status == 0, "\(out.all.prefix(3000))")
        #expect((Self.summary(out)["formulas"] as? Int) == 0)
    }

    @Test("a table longer than a sheet continues on the next sheet, header repeated, nothing lost")
    func sheetOverflow() throws {
        let scratch = try ScratchFolder()
        let path = "\(scratch.path)/t.xlsx"
        let book = try Workbook(path: path, tmpdir: scratch.path, maxRows: 5)
        let table = try #require(PlanDictionary(plan: try PlanReader.shipped().plan).table("anomalies"))
        let sheet = try book.sheet(for: table)
        for i in 0..<12 { try sheet.write([.number("2026-03-15"), .text("unit"), .text("k\(i)"), .text("=p"), .text("d")]) }
        sheet.finish()
        try book.close()
        let out = try runProcess("/usr/bin/env", ["python3", "-c", """
            import openpyxl, json, sys
            b = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({n: [[c.value for c in r] for r in b[n].iter_rows()] for n in b.sheetnames}, default=str))
            """, path])
        #expect(out.status == 0, "\(out.all)")
        let sheets = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: [[Any?]]] ?? [:]
        #expect(Set(sheets.keys) == ["anomalies", "anomalies (2)", "anomalies (3)"])
        let keys = ["anomalies", "anomalies (2)", "anomalies (3)"].flatMap { name in
            (sheets[name] ?? []).dropFirst().map { $0[2] as? String ?? "" }
        }
        #expect(keys == (0..<12).map { "k\($0)" })
        #expect(sheets.values.allSatisfy { ($0.first?.first as? String) == "as_of" })
        #expect(sheets["anomalies"]?[1][3] as? String == "=p")
    }

    @Test("frictionless validate passes on the demo run and fails on a deliberately broken value")
    func dataPackageValidates() throws {
        let (_, _, run) = try Self.demo.get()
        let ok = try runProcess("/usr/bin/env", ["frictionless", "validate", "--json", "\(run)/datapackage.json"])
        #expect(ok.status == 0, "\(ok.all.prefix(3000))")
        let report = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any]
        #expect(report?["valid"] as? Bool == true)
        #expect((report?["tasks"] as? [Any])?.count == (try Self.tables()).count)

        // Break one value in a copy: a rate above 1 where no rate may be (e2e_done ⊆ e2e_total).
        for (column, bad, check) in [("e2e_rate", "1.500000", "constraint-error"), ("headcount", "many", "type-error"),
                                     ("e2e_priority", "yes", "type-error")] {
            let copy = try ScratchFolder()
            _ = try runProcess("/bin/cp", ["-a", "\(run)/.", copy.path])
            let file = "\(copy.path)/csv/unit_metrics.csv"
            var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\r\n")
            let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false)
            let i = try #require(header.firstIndex(of: Substring(column)))
            var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[i] = bad
            lines[1] = cells.joined(separator: ",")
            try lines.joined(separator: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
            let broken = try runProcess("/usr/bin/env", ["frictionless", "validate", "--json", "\(copy.path)/datapackage.json"])
            #expect(broken.status != 0, "\(column)=\(bad) passed")
            #expect(broken.stdout.contains(check) && broken.stdout.contains(column), "\(column): \(broken.stdout.prefix(2000))")
        }
    }

    @Test("sql/reports.sql and the documented one-line \\copy load every CSV of the demo run")
    func sqlLoad() throws {
        let (db, _, run) = try Self.demo.get()
        let create = try runProcess("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.name,
                                                     "-f", "\(repositoryRoot)/sql/reports.sql"])
        #expect(create.status == 0, "\(create.all)")
        // The line exactly as docs/csv.md documents it, with RUN pointing at this run.
        let doc = try readRepositoryFile("docs/csv.md")
        let line = try #require(doc.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("(set -e; RUN=") })
        let command = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "RUN=/srv/thidua/out/latest", with: "RUN='\(run)'")
        let load = try runProcess("/bin/bash", ["-c", "set -o pipefail; " + command + " && echo loaded"],
                                  environment: ["PGDATABASE": db.name])
        #expect(load.status == 0 && load.stdout.contains("loaded"), "\(load.all)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(run)/manifest.json"))) as? [String: Any]
        let files = manifest?["files"] as? [[String: Any]] ?? []
        for t in try Self.tables() {
            let rows = files.first { $0["path"] as? String == t.file }?["rows"] as? Int
            let count = try runProcess("/usr/bin/env", ["psql", "-X", "-At", "-d", db.name, "-c", "SELECT count(*) FROM thidua_report.\(t.id)"])
            let n = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(rows != nil && rows == n, "\(t.id): \(n ?? -1) loaded, manifest says \(rows ?? -1)")
        }
        // Loading the day twice stops at the key; forget() makes room for a rerun.
        let again = try runProcess("/bin/bash", ["-c", command], environment: ["PGDATABASE": db.name])
        #expect(again.status != 0 && again.stderr.contains("duplicate key"), "\(again.all)")
        try db.sql("SELECT thidua_report.forget('2026-03-15')")
        let reload = try runProcess("/bin/bash", ["-c", command], environment: ["PGDATABASE": db.name])
        #expect(reload.status == 0, "\(reload.all)")
        // Types survive: rates are numeric, the as-of a date.
        let e2e = try db.connection.query("SELECT sum(e2e_done)::bigint, count(*) FILTER (WHERE e2e_rate > 1) FROM thidua_report.unit_metrics")
        #expect(try e2e[0].decode(0, as: Int.self) > 0)
        #expect(try e2e[0].decode(1, as: Int.self) == 0)
    }
}
