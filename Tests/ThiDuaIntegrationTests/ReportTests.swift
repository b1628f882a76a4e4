import Foundation
import Testing
import TestSupport
import ThiDuaPlan
@testable import ThiDuaReport

/// Names a warehouse may hold, and a spreadsheet or a browser must not misread.
let hostileNames: [(id: String, name: String)] = [
    ("H1", "=HYPERLINK(\"http://evil.example/x\",\"bấm vào đây\")"),
    ("H2", "Phòng \"Kiểm sát\", số 1"),
    ("H3", "Dòng một\nDòng hai"),
    ("H4", "<script>alert('x')</script> & <b>đậm</b>"),
    ("H5", "+84 Đơn vị"),
    ("H6", "-1 Phòng"),
    ("H7", "@SUM(A1)"),
    ("H8", "Viện kiểm sát nhân dân khu vực".decomposedStringWithCanonicalMapping),
    ("H9", "Đơn vị 🚀 " + String(repeating: "dài ", count: 120)),
]

func python(_ script: String, _ args: [String]) throws -> ProcessOutcome {
    try runProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Tests/tools/\(script)"] + args)
}

@Suite("the report and the CSV files, read as their users read them", .serialized)
struct ReportTests {
    static func hostileRun() throws -> (TestDatabase, ScratchFolder, String) {
        var s = ""
        for h in hostileNames {
            s += Fx.unit(h.id, "spp_unit", name: h.name)
            s += Fx.staff("\(h.id)-s", unit: h.id, name: h.name)
            s += Fx.cases(h.id, "\(h.id)-c", count: 10, accepted: "2026-02-01", e2e: 9, missing: 1, prosecutor: "\(h.id)-s")
        }
        s += Fx.unit("P", "provincial") + Fx.unit("P-r1", "regional", parent: "P", name: "VKSND khu vực <1> & \"2\"")
        s += Fx.cases("P-r1", "pr", count: 5, accepted: "2026-02-01", e2e: 5)
        return try publishedRun(of: s, asOf: "2026-03-15")
    }

    @Test("CSV files read back through Python's csv module with every name intact (NFC, neutralised formulas)")
    func csvRoundTrip() throws {
        let (db, scratch, run) = try Self.hostileRun()
        defer { db.drop(); _ = scratch }
        for (file, idColumn, nameColumn) in [("unit_metrics.csv", "unit_id", "unit_name"), ("staff_metrics.csv", "unit_id", "full_name")] {
            let out = try python("read_csv.py", ["\(run)/csv/\(file)"])
            #expect(out.status == 0, "\(out.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: String]] ?? []
            for h in hostileNames {
                let nfc = h.name.precomposedStringWithCanonicalMapping
                let expected = ["=", "+", "-", "@"].contains(where: { nfc.hasPrefix($0) }) ? "'" + nfc : nfc
                let got = rows.first { $0[idColumn] == h.id }?[nameColumn]
                #expect(got == expected, "\(file) \(h.id)")
            }
        }
        let raw = try Data(contentsOf: URL(fileURLWithPath: "\(run)/csv/unit_metrics.csv"))
        #expect(raw.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark")
        #expect(String(decoding: raw, as: UTF8.self).contains("\r\n"))
    }

    @Test("pages parse, load nothing from outside, escape warehouse text, and have lang, title and table headers")
    func pagesAreSafe() throws {
        let (db, scratch, run) = try Self.hostileRun()
        defer { db.drop(); _ = scratch }
        let pages = ["\(run)/index.html", "\(run)/units/H4.html", "\(run)/units/P.html", "\(run)/units/P-r1.html"]
        let check = try python("check_html.py", pages)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let index = try String(contentsOfFile: pages[0], encoding: .utf8)
        #expect(!index.contains("<script>"))
        #expect(index.contains("&lt;script&gt;"))
        #expect(index.contains("Content-Security-Policy"))
        let text = try python("check_html.py", ["--text", pages[1]]).stdout
        #expect(text.contains("<script>alert('x')</script> & <b>đậm</b>"), "the name is shown as text")
        #expect(index.contains("lang=\"vi\""))
    }

    @Test("the numbers on the page equal those in the CSV files of the same run")
    func pageMatchesCSV() throws {
        let (db, scratch, run) = try Self.hostileRun()
        defer { db.drop(); _ = scratch }
        let tablesOut = try python("tables.py", ["\(run)/index.html"])
        #expect(tablesOut.status == 0, "\(tablesOut.stderr)")
        let tables = try JSONSerialization.jsonObject(with: Data(tablesOut.stdout.utf8)) as? [[String: Any]] ?? []
        let spp = try #require(tables.first { ($0["caption"] as? String) == "Khối các đơn vị thuộc VKSND tối cao" })
        let rows = spp["rows"] as? [[String]] ?? []
        let csv = try JSONSerialization.jsonObject(with: Data(try python("read_csv.py", ["\(run)/csv/unit_metrics.csv"]).stdout.utf8)) as? [[String: String]] ?? []
        var compared = 0
        for r in csv where r["bloc"] == "spp" {
            let name = r["unit_name"]!.hasPrefix("'") ? String(r["unit_name"]!.dropFirst()) : r["unit_name"]!
            func squash(_ t: String) -> String { t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            // A page shows at most 200 characters of a name (the CSV keeps it whole).
            let row = try #require(rows.first { squash($0[1]) == squash(pageText(name)) }, "no row for \(name)")
            // Composite: 4 decimals in the CSV, 2 with a decimal comma on the page.
            let score = Decimal(string: r["composite_score"]!)!
            var rounded = Decimal(), v = score
            NSDecimalRound(&rounded, &v, 2, .plain)
            let expectedScore = String(format: "%.2f", NSDecimalNumber(decimal: rounded).doubleValue).replacingOccurrences(of: ".", with: ",")
            #expect(row[2] == expectedScore, "composite of \(name)")
            #expect(row[0] == r["composite_rank"], "rank of \(name)")
            // End-to-end: done/total as a percentage with one decimal, half up, from the counts.
            let done = Int(r["e2e_done"]!)!, total = Int(r["e2e_total"]!)!
            let tenths = (done * 2000 + total) / (2 * total)
            #expect(row[4].hasPrefix("\(tenths / 10),\(tenths % 10)%"), "e2e of \(name): \(row[4])")
            compared += 1
        }
        #expect(compared == hostileNames.count)
    }

    @Test("English is a switch away, with the same numbers")
    func english() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let out = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path, "--lang", "en"])
        #expect(out.status == 0)
        let index = try String(contentsOfFile: scratch.path + "/2026-03-15/index.html", encoding: .utf8)
        #expect(index.contains("lang=\"en\""))
        #expect(index.contains("Units of the Supreme People&#39;s Procuracy") || index.contains("Units of the Supreme People's Procuracy"))
        #expect(index.contains("75.0%"), "rates with a dot decimal in English")
    }

    @Test("templates from a folder override the built-in ones; a broken one is exit 78")
    func templateOverride() throws {
        let (db, scratch, _) = try smallWarehouse()
        defer { db.drop(); _ = scratch }
        let dir = scratch.path + "/tpl"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "<!DOCTYPE html><html lang=\"{{lang}}\"><head><title>{{title}}</title></head><body><h1>VKSND tỉnh X – logo</h1></body></html>"
            .write(toFile: dir + "/plan_index.mustache", atomically: true, encoding: .utf8)
        let ok = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path + "/out", "--templates", dir])
        #expect(ok.status == 0, "\(ok.all)")
        #expect(try String(contentsOfFile: scratch.path + "/out/2026-03-15/index.html", encoding: .utf8).contains("VKSND tỉnh X – logo"))
        try "{{#broken}}".write(toFile: dir + "/plan_index.mustache", atomically: true, encoding: .utf8)
        let bad = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-16", "--out", scratch.path + "/out", "--templates", dir])
        #expect(bad.status == 78, "\(bad.all)")
        #expect(bad.stderr.contains("plan_index.mustache"))
    }

    @Test("the built-in templates are the files in templates/, partials included")
    func embeddedTemplates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/templates")
            .filter { $0.hasSuffix(".mustache") }
        #expect(Set(names).isSuperset(of: ["plan_index.mustache", "plan_unit.mustache", "plan_leaderboard.mustache", "style.mustache",
                                            "rate.mustache", "matrix.mustache", "head.mustache"]))
        let swift = try readRepositoryFile("Sources/ThiDuaReport/DefaultTemplates.swift")
        for name in names {
            let file = try readRepositoryFile("templates/\(name)")
            #expect(swift.contains(file), "templates/\(name) differs from the built-in copy: run make embed")
        }
    }

    @Test("the Vietnamese and English catalogues of the pages' engine words name the same labels, none empty")
    func labelCatalogues() {
        #expect(Set(PlanLabels.vi.keys) == Set(PlanLabels.en.keys),
                "only in vi: \(Set(PlanLabels.vi.keys).subtracting(PlanLabels.en.keys).sorted()); only in en: \(Set(PlanLabels.en.keys).subtracting(PlanLabels.vi.keys).sorted())")
        #expect(PlanLabels.vi.values.allSatisfy { !$0.isEmpty } && PlanLabels.en.values.allSatisfy { !$0.isEmpty })
    }
}

@Suite("data dictionary")
struct DataDictionaryTests {
    @Test("docs/csv.md and sql/reports.sql are generated from the shipped plan's dictionary, which writes the files")
    func dictionaryMatchesHeaders() throws {
        let dictionary = PlanDictionary(plan: try PlanReader.shipped().plan)
        let doc = try readRepositoryFile("docs/csv.md")
        let tables = try #require(doc.range(of: "\n## ")).lowerBound
        #expect(String(doc[doc.index(after: tables)...]) == dictionary.markdown(), "run make dictionary")
        #expect(try readRepositoryFile("sql/reports.sql") == dictionary.sql(), "run make dictionary")
        #expect(dictionary.sql().contains("CREATE SCHEMA IF NOT EXISTS thidua_report;"), "the shipped plan keeps its schema")
        // Every table has its columns once and its key among them (frictionless checks each row against them).
        #expect(Set(dictionary.tables.map(\.id)) == ["unit_metrics", "staff_metrics", "milestones", "award_shortlist", "dossiers",
                                                      "data_quality_records", "anomalies", "run"])
        for t in dictionary.tables {
            #expect(Set(t.header).count == t.header.count, "\(t.id) repeats a column")
            #expect(t.primaryKey.allSatisfy(t.header.contains), "\(t.id) key")
        }
    }
}
