import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaReport

/// Words of plan 251 that must never reach another plan's pages (issue 23): they may come only from
/// that plan's own file.
let plan251Words = ["toàn trình", "Toàn trình", "98%", "98,0%", "98.0%", "đẳng 5", "Đẳng 5", "level 5", "Level 5", "level-5",
                    "30/06/2026", "2026-06-30", "LuyenAI", "QLAHS", "251", "Bình dân học vụ số", "IV.4", "III.1", "III.2"]

/// The leadership pages drawn from a plan's declarations (PLAN-LANGUAGE.md §15 "HTML").
@Suite("plan-driven leadership pages")
struct PlanHTMLTests {
    static func pages(_ language: Language, asOf: String = "2027-03-15") throws -> (ScratchFolder, [String: String], [String: String]) {
        let scratch = try ScratchFolder()
        let paths = try PlanFixture.render(language, into: scratch.path, asOf: asOf)
        var html: [String: String] = [:]
        for (k, p) in paths { html[k] = try String(contentsOfFile: p, encoding: .utf8) }
        return (scratch, paths, html)
    }

    /// The visible text of a page, as html5lib reads it.
    static func text(_ path: String) throws -> String {
        let out = try python("check_html.py", ["--text", path])
        return out.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("an index and a page per bloc member, in both languages")
    func pageSet() throws {
        for language in Language.allCases {
            let (scratch, paths, _) = try Self.pages(language)
            _ = scratch
            #expect(Set(paths.keys) == ["index.html", "units/S1.html", "units/S2.html", "units/S3.html", "units/P1.html", "units/P1-r1.html"])
        }
    }

    @Test("the plan's title, name, criteria, lines, milestones, leader list, reasons, problems and key dates appear, in vi and en")
    func planLabelsAppear() throws {
        let (s1, p, _) = try Self.pages(.vi)
        let index = try Self.text(p["index.html"]!)
        for t in ["Kế hoạch thi đua số hóa văn bản năm 2027", "KH-SH-2027", "Tỷ lệ văn bản được số hóa", "Tổ chức ít nhất 03 buổi tập huấn",
                  "Tỷ lệ văn bản được số hóa ≥ 90,0%", "Số hóa toàn bộ văn bản", "Buổi tập huấn đầu tiên", "Hạn số hóa hồ sơ cũ 31/03/2027",
                  "period_end 31/12/2027", "Chậm nộp báo cáo: 1", "Chưa số hóa", "Kèm cặp đồng nghiệp 30",
                  "Tỷ lệ cán bộ được tập huấn 25,5", "Tổ chức ít nhất 03 buổi tập huấn 14,5",
                  "5 văn bản · Tỷ lệ văn bản được số hóa 90,0%", "2 người · Tỷ lệ cán bộ được tập huấn 100,0%",
                  "Kỳ thi đua 01/01/2027 – 31/12/2027", "đang diễn ra (đến hết ngày 31/12/2027)", "↑1"] {
            #expect(index.contains(t), "index (vi) lacks \(t)")
        }
        // A ranked rate's value and the median of the bloc's possible rates (85% and 40%).
        let unit = try Self.text(p["units/S1.html"]!)
        for t in ["Tỷ lệ văn bản được số hóa (II.1) 85,0% 1 trên 3 trung vị 62,5% cần thêm 5 văn bản để đạt 90,0% đứng đầu khối",
                  "Tỷ lệ cán bộ được tập huấn (II.2) 80,0% — trung vị 90,0% cần thêm 2 người để đạt 100,0%",
                  "Tổ chức ít nhất 03 buổi tập huấn (II.3 · Buổi tập huấn đã tổ chức ≥ 3) ✓ Đạt — 2/3 đơn vị đạt",
                  "Hồ sơ chưa số hóa (II.4) 4 vụ — trung vị 2", "Cá nhân số hóa nhiều nhất", "Văn bản đã số hóa",
                  "Chưa số hóa 4", "Số hóa toàn bộ văn bản"] {
            #expect(unit.contains(t), "unit page (vi) lacks \(t)")
        }
        let (s2, e, _) = try Self.pages(.en)
        let indexEN = try Self.text(e["index.html"]!)
        for t in ["Document digitisation plan 2027", "Scanned documents rate ≥ 90.0%", "All documents scanned", "Old records scanned by 2027-03-31",
                  "5 documents · Scanned documents rate 90.0%", "Late reports: 1", "Not scanned"] {
            #expect(indexEN.contains(t), "index (en) lacks \(t)")
        }
        let unitEN = try Self.text(e["units/S1.html"]!)
        #expect(unitEN.contains("5 more documents for 90.0%"))
        #expect(unitEN.contains("Top scanners"))
        _ = (s1, s2)
    }

    @Test("no word of plan 251 appears on a page of another plan, nor in the engine catalogue of these pages")
    func noPlan251Words() throws {
        for language in Language.allCases {
            let (scratch, _, html) = try Self.pages(language)
            _ = scratch
            for (path, page) in html {
                for w in plan251Words { #expect(!page.contains(w), "\(language) \(path) contains \(w)") }
            }
        }
        for (key, value) in PlanLabels.vi.merging(PlanLabels.en, uniquingKeysWith: { a, b in a + " " + b }) {
            for w in plan251Words { #expect(!value.contains(w), "PlanLabels[\(key)] contains \(w)") }
        }
        #expect(Set(PlanLabels.vi.keys) == Set(PlanLabels.en.keys))
    }

    @Test("an impossible rate is shown as computed and flagged, with the note, and has no rank")
    func impossibleFlagged() throws {
        let (scratch, p, html) = try Self.pages(.vi)
        _ = scratch
        let row = try #require(html["index.html"]!.components(separatedBy: "<tr>").first { $0.contains(">Đơn vị C</a>") })
        #expect(row.contains("120,0% <span class=\"flag\">⚠ bất thường</span>"))
        let unit = try Self.text(p["units/S3.html"]!)
        #expect(unit.contains("Tỷ lệ văn bản được số hóa (II.1) 120,0% ⚠ bất thường — trung vị 62,5%"))
        #expect(unit.contains("tử số lớn hơn mẫu số"))
        // A possible rate is not flagged.
        let s1 = try #require(html["index.html"]!.components(separatedBy: "<tr>").first { $0.contains(">Vụ Số hóa A</a>") })
        #expect(!s1.contains("class=\"flag\""))
    }

    @Test("a hostile unit name is escaped everywhere and shown as text")
    func hostileEscaped() throws {
        let (scratch, p, html) = try Self.pages(.vi)
        _ = scratch
        for (path, page) in html {
            #expect(!page.contains("<script"), "\(path)")
            #expect(!page.contains("<b>đậm"), "\(path)")
        }
        #expect(html["index.html"]!.contains("&lt;script&gt;alert("))
        #expect(html["units/S2.html"]!.contains("&lt;/script&gt; &amp; "))
        #expect(try Self.text(p["units/S2.html"]!).contains(PlanFixture.hostile))
        #expect(try Self.text(p["index.html"]!).contains(PlanFixture.hostile))
    }

    @Test("every page parses without an html5lib error, has lang, title and table headers, and requests nothing")
    func pagesParseAndStayOffline() throws {
        for language in Language.allCases {
            for asOf in ["2027-03-15", "2028-01-10"] {
                let (scratch, p, html) = try Self.pages(language, asOf: asOf)
                _ = scratch
                let check = try python("check_html.py", p.values.sorted())
                #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
                for (path, page) in html {
                    let outside = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                        .replacingOccurrences(of: "<meta http-equiv=", with: "")
                    #expect(!outside.contains("http"), "\(path) names a URL")
                    #expect(!page.contains("<script"), "\(path) has a script")
                    #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src"), "\(path) keeps the policy")
                    #expect(page.contains("lang=\"\(language.rawValue)\""))
                }
            }
        }
    }

    @Test("after period_end the banner says final, naming the plan's end, and the lines say by how much they were missed")
    func finalStanding() throws {
        let (scratch, p, _) = try Self.pages(.vi, asOf: "2028-01-10")
        _ = scratch
        let index = try Self.text(p["index.html"]!)
        #expect(index.contains("Kỳ thi đua đã kết thúc ngày 31/12/2027: đây là kết quả chung cuộc."))
        let unit = try Self.text(p["units/S2.html"]!)
        #expect(unit.contains("hụt 25 văn bản so với 90,0%"))
        #expect(unit.contains("kém hạng 1: 23 văn bản"))
        #expect(unit.contains("đã đạt 100,0%"))
    }

    @Test("a leader list: first key > 0 for a count, each key highest first, then staff_id; at most 5; the unit's own staff")
    func leaderList() throws {
        let (scratch, p, _) = try Self.pages(.vi)
        _ = scratch
        let unit = try Self.text(p["units/S1.html"]!)
        #expect(unit.contains("Cán bộ Văn bản đã số hóa Kèm cặp đồng nghiệp Điểm Cán bộ k1 12 Không 70,00 Cán bộ k3 9 Có 82,50 "
                              + "Cán bộ k2 9 Không 52,50 Cán bộ k4 3 Không 17,50 Cán bộ k5 2 Không 11,67"), "\(unit)")
        #expect(!unit.contains("Cán bộ k7") && !unit.contains("Cán bộ k0"))
        let province = try Self.text(p["units/P1.html"]!)
        #expect(province.contains("Cá nhân số hóa nhiều nhất Không có"))
        // A province page carries its sub-bloc's leaderboard.
        #expect(province.contains("VKSND khu vực 1"))
        #expect(province.contains("6 văn bản · Tỷ lệ văn bản được số hóa 90,0%"))
    }
}
