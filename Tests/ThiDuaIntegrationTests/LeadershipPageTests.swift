import Foundation
import Testing
import TestSupport

/// The leadership report on a phone and on a desktop, what each unit still needs, and trends that
/// show change (issue 17).
@Suite("the report on a phone, what it takes, trends", .serialized)
struct LeadershipPageTests {
    /// A: 49/50 end-to-end (on the 98% line), B: 48/50 (one short), C: no record (nothing to count),
    /// D: 47/50 in February, then 50/50 more in March (94% → 97%).
    static let fixture = Fx.unit("A", "spp_unit", name: "Đơn vị A") + Fx.unit("B", "spp_unit", name: "Đơn vị B")
        + Fx.unit("C", "spp_unit", name: "Đơn vị C") + Fx.unit("D", "spp_unit", name: "Đơn vị D")
        + Fx.cases("A", "a", count: 50, accepted: "2026-01-10", e2e: 49)
        + Fx.cases("B", "b", count: 50, accepted: "2026-01-10", e2e: 48)
        + Fx.cases("D", "d", count: 50, accepted: "2026-01-10", e2e: 47)
        + Fx.cases("D", "d2", count: 50, accepted: "2026-03-01", e2e: 50)

    func page(_ run: String, _ unit: String) throws -> String {
        try String(contentsOfFile: "\(run)/units/\(unit).html", encoding: .utf8)
    }

    @Test("what it takes: on the line 0, one record short 1, an empty denominator nothing, the leader nothing to stay first; exact (49/50 is 98%)")
    func whatItTakes() throws {
        let (db, scratch, run) = try publishedRun(of: Self.fixture, asOf: "2026-03-15")
        defer { db.drop(); _ = scratch }
        let rows = Dictionary(uniqueKeysWithValues: try csvRows("\(run)/csv/unit_metrics.csv").map { ($0["unit_id"] ?? "", $0) })
        #expect(rows["A"]?["e2e_to_priority"] == "0")
        #expect(rows["B"]?["e2e_to_priority"] == "1")
        #expect(rows["C"]?["e2e_to_priority"] == "")
        #expect(rows["D"]?["e2e_to_priority"] == "1", "97/100 needs one more for 98%")
        #expect(rows["A"]?["e2e_to_first"] == "0")
        #expect(rows["B"]?["e2e_to_first"] == "1")
        #expect(rows["C"]?["e2e_to_first"] == "")
        #expect(rows["D"]?["e2e_to_first"] == "1", "⌈49/50 × 100⌉ − 97")
        #expect(rows["A"]?["retro_to_full"] == "", "no retro record")

        #expect(try page(run, "A").contains("đã đạt 98,0%"))
        #expect(try page(run, "A").contains("đứng đầu khối"))
        #expect(try page(run, "B").contains("cần thêm 1 vụ để đạt 98,0%"))
        #expect(try page(run, "B").contains("cần thêm 1 vụ để ngang hạng 1"))
        #expect(!(try page(run, "C").contains("cần thêm")))
        let index = try String(contentsOfFile: "\(run)/index.html", encoding: .utf8)
        // The compact form names the criterion by the plan's label (0.4.0 wrote "1 vụ · toàn trình 98,0%").
        #expect(index.contains("1 vụ · Tỷ lệ án xử lý toàn trình 98,0%"), "the compact form in the index row")
    }

    @Test("in English a count of one is singular: '1 more record', 'records' otherwise")
    func englishSingular() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Self.fixture + Fx.unit("E", "spp_unit", name: "Đơn vị E") + Fx.cases("E", "e", count: 50, accepted: "2026-01-10", e2e: 45))
        let scratch = try ScratchFolder()
        let r = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path, "--lang", "en"])
        #expect(r.status == 0, "\(r.all)")
        let run = "\(scratch.path)/2026-03-15"
        #expect(try page(run, "B").contains("1 more record for 98.0%"), "B is one record short")
        #expect(try page(run, "E").contains("4 more records for 98.0%"), "E, 45/50, needs four: ⌈0.98 × 50⌉ − 45")
        #expect(!(try page(run, "B").contains("1 more records")))
    }

    @Test("after the period the same figures say by how much the final standing missed")
    func afterThePeriod() throws {
        let (db, scratch, run) = try publishedRun(of: Self.fixture, asOf: "2026-07-15")
        defer { db.drop(); _ = scratch }
        #expect(try page(run, "B").contains("hụt 1 vụ so với 98,0%"))
        #expect(try page(run, "B").contains("kém hạng 1: 1 vụ"))
        let rows = try csvRows("\(run)/csv/unit_metrics.csv")
        #expect(rows.first { $0["unit_id"] == "B" }?["e2e_to_priority"] == "1")
    }

    @Test("a unit going from 94% to 97% draws a rising line on its table's range, with the 98% line and its text")
    func sparklineShowsChange() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Self.fixture)
        let scratch = try ScratchFolder()
        for day in ["2026-02-15", "2026-03-01", "2026-03-15"] {
            let r = try runThidua(["run", "--db", db.conninfo, "--as-of", day, "--out", scratch.path])
            #expect(r.status == 0, "\(r.all)")
        }
        let index = try String(contentsOfFile: "\(scratch.path)/2026-03-15/index.html", encoding: .utf8)
        let row = try #require(index.components(separatedBy: "<tr>").first { $0.contains(">Đơn vị D</a>") })
        #expect(row.contains("94,0% → 97,0%"), "text equivalent")
        let points = try #require(row.range(of: "points=\"").map { row[$0.upperBound...].prefix { $0 != "\"" } })
        let ys = points.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
        #expect(ys.count == 3)
        // On a 0–100% axis 94% → 97% moved 0.4 px; on the table's own range it spans the height.
        #expect((ys.first ?? 0) - (ys.last ?? 0) > 8, "\(ys)")
        #expect(row.contains("class=\"mark\"") || !row.contains("<svg"), "the 98% line where it falls inside")
    }

    @Test("index, province and sub-unit pages at 390 px and 1400 px: no sideways scrolling, chart text ≥ 12 px, axe-core finds nothing serious")
    func phoneAndDesktop() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let scratch = try ScratchFolder()
        for day in ["2026-03-01", "2026-03-15"] {
            let r = try runThidua(["run", "--db", db.conninfo, "--as-of", day, "--out", scratch.path])
            #expect(r.status == 0, "\(r.all)")
        }
        _ = try checkLayout("\(scratch.path)/2026-03-15")
    }

    /// check_layout.py on the index, a province page and a sub-unit page of a run, at both widths:
    /// its verdict must be clean; returns the six page summaries.
    func checkLayout(_ run: String) throws -> [[String: Any]] {
        let out = try python("check_layout.py", ["\(run)/index.html", "\(run)/units/p01.html", "\(run)/units/p01-r01.html"])
        #expect(out.status == 0, "\(out.all.prefix(4000))")
        let summary = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let pages = summary?["pages"] as? [[String: Any]] ?? []
        #expect(pages.count == 6)
        #expect(pages.allSatisfy { ($0["axe_passes"] as? Int ?? 0) > 20 }, "axe ran its rules: \(pages)")
        return pages
    }

    @Test("the second plan's demo report (29/11/2026) at 390 px and 1400 px: no sideways scrolling, axe-core finds no violation at all")
    func secondPlanPhoneAndDesktop() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let scratch = try ScratchFolder()
        let r = try runThidua(["run", "--db", db.conninfo, "--plan", "\(repositoryRoot)/plans/KH-TD-6T-2026.yaml",
                               "--as-of", "2026-11-29", "--out", scratch.path])
        #expect(r.status == 0, "\(r.all)")
        let pages = try checkLayout("\(scratch.path)/2026-11-29")
        #expect(pages.allSatisfy { ($0["axe_violations"] as? [Any])?.isEmpty == true }, "axe-core violations: \(pages)")
    }
}
