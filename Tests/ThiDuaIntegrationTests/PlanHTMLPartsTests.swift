import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaReport

/// The parts of the plan-driven pages: history of the chart rate, unit words, a plan without chart.
@Suite("plan-driven pages: history, unit words, no chart")
struct PlanHTMLPartsTests {
    static func write(_ folder: String, _ day: String, metrics: String, plan: String?) throws {
        let dir = "\(folder)/\(day)/csv"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try metrics.write(toFile: "\(dir)/unit_metrics.csv", atomically: true, encoding: .utf8)
        if let plan { try "run_id,plan_name\r\nx,\(plan)\r\n".write(toFile: "\(dir)/run.csv", atomically: true, encoding: .utf8) }
    }

    @Test("history reads the chart rate's numerator and denominator columns; a run lacking one gives no point; another plan's run is skipped")
    func history() throws {
        let scratch = try ScratchFolder()
        let out = scratch.path
        try Self.write(out, "2027-02-01", metrics: "\u{FEFF}bloc,unit_id,docs_total,docs_scanned,composite_rank\r\nspp,S1,100,50,3\r\n", plan: "KH-SH-2027")
        try Self.write(out, "2027-02-15", metrics: "bloc,unit_id,docs_scanned,composite_rank\r\nspp,S1,60,2\r\n", plan: "KH-SH-2027")
        try Self.write(out, "2027-03-01", metrics: "bloc,unit_id,docs_total,docs_scanned,composite_rank\r\nspp,S1,10,1,9\r\n", plan: "251/KH-VKSTC")
        try Self.write(out, "2027-03-10", metrics: "bloc,unit_id,docs_total,docs_scanned,composite_rank\r\nspp,S1,100,70,1\r\nsub:P1,R,0,0,\r\n", plan: nil)
        try Self.write(out, "2027-03-20", metrics: "bloc,unit_id,docs_total,docs_scanned,composite_rank\r\nspp,S1,100,99,1\r\n", plan: "KH-SH-2027")
        let h = PlanHistory.read(outDir: out, before: PlanFixture.day("2027-03-15"), plan: PlanFixture.plan)
        #expect(h.runs.map(\.day.description) == ["2027-02-01", "2027-02-15", "2027-03-10"])
        #expect(h.trend(.spp, "S1") == [Fraction(50, 100), nil, Fraction(70, 100)])
        #expect(h.previous(.spp, "S1")??.compositeRank == 1)
        #expect(h.trend(.sub("P1"), "R") == [nil, nil, nil], "a zero denominator is no point")
        #expect(PlanHistory.chartColumns(PlanFixture.plan)! == ("docs_scanned", "docs_total"))
    }

    @Test("the seven default units print through the catalogue in Vietnamese, as written in English; any other as written")
    func unitWords() {
        let vi = PlanLabels(.vi), en = PlanLabels(.en)
        let expected = ["records": "vụ", "documents": "văn bản", "sessions": "buổi", "initiatives": "sáng kiến", "groups": "nhóm",
                        "items": "hạng mục", "people": "người"]
        for (unit, word) in expected {
            #expect(vi.unitWord(unit) == word)
            #expect(en.unitWord(unit) == unit)
        }
        #expect(vi.unitWord("weeks") == "weeks")
    }

    @Test("a plan without a chart draws no bars and no trend column; a chart rate without priority_at draws no line")
    func withoutChart() throws {
        var input = PlanFixture.input()
        input.plan.output.chart = nil
        let report = try PlanHTMLReport(language: .vi)
        var pages: [String: String] = [:]
        try report.pages(input) { pages[$0.path] = $0.html }
        #expect(!pages["index.html"]!.contains("figure class=\"bars\""))
        #expect(!pages["index.html"]!.contains("<svg"))
        input.plan.output.chart = 1
        try report.pages(input) { pages[$0.path] = $0.html }
        let index = pages["index.html"]!
        #expect(index.contains("figure class=\"bars\""))
        #expect(!index.contains("class=\"b-thr\""), "no line: the trained rate has no priority_at")
        #expect(index.contains("Tỷ lệ cán bộ được tập huấn – Khối các đơn vị thuộc VKSND tối cao"))
    }

    @Test("figures that do not match the plan (too few values, unknown milestone, staff without values) are shown empty, never a trap")
    func mismatchedFigures() throws {
        var input = PlanFixture.input()
        input.members.append(MemberFigures(bloc: .spp, unit: Unit(id: "Z", name: "Đơn vị Z", kindText: "spp_unit", parentID: nil, headcount: nil),
                                           headcount: nil, provinceID: nil, measures: [], criteria: 0, parts: 0))
        input.milestones.append(PlanFixture.milestone(.spp, "Z", 99, .met, 1, 1))
        var collector = PlanPageCollector(plan: PlanFixture.plan, dossierNominees: [])
        collector.add(bloc: .staff("Z"), staff: [StaffFigures(bloc: .staff("Z"), row: StaffRow(staffID: "z", fullName: "Z", unitID: "Z",
                                                 roleText: "it", directWorker: false, values: []), whenHolds: [], score: 0, rank: nil)])
        input.staff = collector
        var pages: [String: String] = [:]
        try PlanHTMLReport(language: .vi).pages(input) { pages[$0.path] = $0.html }
        let z = try #require(pages["units/Z.html"])
        #expect(z.contains("Đơn vị Z"))
        #expect(collector.leaders(ofUnit: "Z") == [[]], "no first key: not listed")
    }

    @Test("the archive page names the plan's title, escaped, and links each run")
    func archive() throws {
        let page = PlanArchivePage(language: .vi, title: Label(vi: "Kế hoạch <A> & B", en: "Plan"))
            .html(runs: [PlanFixture.day("2027-03-15"), PlanFixture.day("2027-03-14")], latest: PlanFixture.day("2027-03-15"))
        #expect(page.contains("<h1>Kế hoạch &lt;A&gt; &amp; B</h1>"))
        #expect(page.contains("<a href=\"2027-03-15/index.html\">15/03/2027</a> <strong>(Báo cáo mới nhất)</strong>"))
        #expect(page.contains("<a href=\"2027-03-14/index.html\">14/03/2027</a></li>"))
        for w in plan251Words { #expect(!page.contains(w)) }
        let scratch = try ScratchFolder()
        try page.write(toFile: scratch.path + "/index.html", atomically: true, encoding: .utf8)
        let check = try python("check_html.py", [scratch.path + "/index.html"])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("the plan's lines and weights print with the decimals they have")
    func linesAndWeights() throws {
        let r = try PlanHTMLReport(language: .vi)
        #expect(r.line(Fraction(98, 100)!) == "98,0%")
        #expect(r.line(Fraction(985, 1000)!) == "98,5%")
        #expect(r.line(Fraction(9875, 10000)!) == "98,75%")
        #expect(r.line(Fraction(1, 3)!) == "33,3333%")
        #expect(r.weight(300_000) == "30")
        #expect(r.weight(125_000) == "12,5")
        #expect(r.weight(1) == "0,0001")
        #expect(try PlanHTMLReport(language: .en).weight(125_000) == "12.5")
    }
}

@Suite("plan-driven pages in a browser")
struct PlanHTMLBrowserTests {
    @Test("index, an SPP unit, a province and its sub-unit at 390 px and 1400 px: no sideways scrolling, chart text ≥ 12 px, axe-core finds nothing serious")
    func phoneAndDesktop() throws {
        // THIDUA_PLAN_PAGES_DIR keeps the pages (for screenshots); otherwise a scratch folder.
        let scratch = try ScratchFolder()
        let folder = ProcessInfo.processInfo.environment["THIDUA_PLAN_PAGES_DIR"] ?? scratch.path
        let paths = try PlanFixture.render(.vi, into: folder)
        let pages = ["index.html", "units/S1.html", "units/P1.html", "units/P1-r1.html"].compactMap { paths[$0] }
        let out = try python("check_layout.py", pages)
        #expect(out.status == 0, "\(out.all.prefix(4000))")
        let summary = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let results = summary?["pages"] as? [[String: Any]] ?? []
        #expect(results.count == 8)
        #expect(results.allSatisfy { ($0["axe_passes"] as? Int ?? 0) > 20 }, "axe ran its rules: \(results)")
    }
}
