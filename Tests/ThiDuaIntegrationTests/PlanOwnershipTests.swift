import Foundation
import Testing
import TestSupport

/// Issue 23: reports belong to their plan. Every output of a run of the second plan (pages, CSV
/// files, the workbook unzipped, datapackage.json, manifest.json) and its data dictionary (md, json,
/// sql) is searched for plan 251's traces, in Vietnamese and in English; every page, the workbook's
/// "Thông tin" sheet and the data package name the plan, its title and its period.
@Suite("reports belong to their plan (issue 23)")
struct PlanOwnershipTests {
    static let name = "KH-TĐ-6T-2026"
    static let title = "Kế hoạch thi đua 6 tháng cuối năm 2026"

    /// Plan 251's number, lines, levels, dates, movement, clauses and ids, written so that an
    /// ordinary figure cannot match (a count of 251 is not a leak).
    static let traces: [String] = {
        var t = ["251/KH", "KH-VKSTC", "plan 251", "kế hoạch 251", "98 %", "98%", "98,0%", "98.0%", "0.98)",
                 "đẳng 5", "Đẳng 5", "cấp độ 5", "level-5", "level 5", "level5",
                 "Bình dân học vụ số", "QLAHS", "Quản lý án hình sự", "criminal case management",
                 "I.1, II.1", "I.1, III.1.1", "III.1.1", "III.2.1", "IV.5", "e2e_priority", "retro_", "infra_", "luyenai_cutoff",
                 "go_live", "proficien", "thành thạo", "truy hồi"]
        // The end of plan 251's period; a page also prints when it was made, so not on that day.
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        if !["2026-06-29", "2026-06-30"].contains(today) { t += ["30/06/2026", "2026-06-30", "30/6/2026"] }
        return t
    }()

    /// Every text file under `folder`, the workbook's parts unzipped: path → text.
    static func outputs(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() {
            let path = "\(folder)/\(file)"
            if file.hasSuffix(".xlsx") {
                let parts = try ScratchFolder()
                let unzip = try runProcess("/usr/bin/env", ["unzip", "-q", "-o", path, "-d", parts.path])
                #expect(unzip.status == 0, "\(unzip.all)")
                for (part, text) in try outputs(parts.path) { out["\(file)!\(part)"] = text }
            } else if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                out[file] = text
            }
        }
        return out
    }

    static func expectNoTraces(_ files: [String: String], _ what: String) {
        for (file, text) in files {
            for trace in traces where text.contains(trace) {
                Issue.record("\(what) \(file) holds plan 251's \"\(trace)\"")
            }
        }
    }

    @Test("no trace of plan 251 in any output of the second plan, Vietnamese and English", arguments: ["vi", "en"])
    func noTraces(language: String) throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after], ["--lang", language])
        defer { db.drop() }
        let files = try Self.outputs(scratch.path)
        #expect(files.keys.contains { $0.hasSuffix("thidua.xlsx!xl/worksheets/sheet1.xml") })
        #expect(files.keys.filter { $0.hasSuffix(".html") }.count == 2 * 10 + 1, "two runs of nine unit pages and an index, the archive")
        #expect(files.count > 50)
        Self.expectNoTraces(files, language)
        // The same search over plan 251's outputs on the same warehouse finds its traces.
        let shipped = try ScratchFolder()
        let run = try runThidua(["run", "--db", db.conninfo, "--as-of", SecondPlan.after, "--out", shipped.path, "--lang", language])
        #expect(run.status == 0, "\(run.all)")
        let found = Set(try Self.outputs(shipped.path).values.flatMap { text in Self.traces.filter { text.contains($0) } })
        #expect(found.isSuperset(of: ["251/KH", "KH-VKSTC", "III.1.1", "e2e_priority", "level5", "30/06/2026"]), "\(found.sorted())")
    }

    @Test("no trace of plan 251 in the second plan's data dictionary (md, json, sql)")
    func dictionary() throws {
        var files: [String: String] = [:]
        for format in ["md", "json", "sql"] {
            let out = try runThidua(["dictionary", "--plan", SecondPlan.planFile, "--format", format])
            #expect(out.status == 0, "\(out.all)")
            files["dictionary.\(format)"] = out.stdout
        }
        #expect(files["dictionary.sql"]?.contains("thidua_report_kh_td_6t_2026.milestones") == true)
        #expect(files["dictionary.md"]?.contains("backlog_clearance: II.2; ai_classes: III.2") == true, "the clauses are the plan's")
        Self.expectNoTraces(files, "dictionary")
    }

    @Test("every page, the workbook and the data package name the plan, its title and its period", arguments: ["vi", "en"])
    func named(language: String) throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.after], ["--lang", language])
        defer { db.drop() }
        let files = try Self.outputs(scratch.path)
        let period = language == "vi" ? "01/07/2026 – 31/12/2026" : "2026-07-01 – 2026-12-31"
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count == 11, "the index, nine unit pages, the archive")
        for (file, html) in pages {
            for text in [Self.name, Self.title, period] {
                #expect(html.contains(text), "\(language) \(file) does not name \(text)")
            }
        }
        let run = "\(SecondPlan.after)/"
        // The workbook: its first sheet is "Thông tin", with the plan's name, title and period days.
        let book = try #require(files[run + "thidua.xlsx!xl/workbook.xml"])
        #expect(book.contains("<sheet name=\"Thông tin\" sheetId=\"1\""))
        let info = try #require(files[run + "thidua.xlsx!xl/worksheets/sheet1.xml"])
        for text in [Self.name, Self.title, "01/07/2026", "31/12/2026"] {
            #expect(info.contains(text), "Thông tin does not name \(text)")
        }
        // The data package: title, description and its `plan` property.
        let package = try #require(try JSONSerialization.jsonObject(with: Data((files[run + "datapackage.json"] ?? "").utf8)) as? [String: Any])
        #expect(package["title"] as? String == "thidua: \(Self.name), \(SecondPlan.after)")
        #expect((package["description"] as? String)?.hasPrefix("\(Self.title) (\(Self.name), period 2026-07-01 – 2026-12-31).") == true)
        let plan = package["plan"] as? [String: String]
        #expect(plan == ["name": Self.name, "title": Self.title, "period_start": "2026-07-01", "period_end": "2026-12-31"])
        // The manifest names the plan, its title and its period.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data((files[run + "manifest.json"] ?? "").utf8)) as? [String: Any])
        #expect(manifest["plan"] as? String == Self.name)
        #expect(manifest["plan_title"] as? String == Self.title)
        #expect(manifest["period_start"] as? String == "2026-07-01" && manifest["period_end"] as? String == "2026-12-31")
    }
}
