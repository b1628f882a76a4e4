import Foundation
import Testing
import TestSupport
import ThiDuaCore

@Suite("e2e metrics on a hand-built fixture")
struct EndToEndMetricTests {
    /// Units A (49/50), B (98/100), C (10/10), E (no records) in the spp bloc; province P1 with
    /// its own rows, a department D1 and a regional unit R1. D = E = 2026-03-15.
    static let fixture: String = {
        var s = Fx.unit("A", "spp_unit") + Fx.unit("B", "spp_unit") + Fx.unit("C", "spp_unit") + Fx.unit("E", "spp_unit")
        s += Fx.unit("P1", "provincial") + Fx.unit("D1", "department", parent: "P1") + Fx.unit("R1", "regional", parent: "P1")
        // A: 48 inside, plus one on go_live and one on E: 50 records, 49 end-to-end.
        s += Fx.cases("A", "a-in", count: 48, accepted: "2026-02-01", e2e: 47)
        s += Fx.cases("A", "a-first", count: 1, accepted: "2026-01-01", e2e: 1)
        s += Fx.cases("A", "a-last", count: 1, accepted: "2026-03-15", e2e: 1)
        // Outside the window: the day before go_live, and the day after D (does not exist yet).
        s += Fx.cases("A", "a-before", count: 5, accepted: "2025-12-31", e2e: 0)
        s += Fx.cases("A", "a-after", count: 5, accepted: "2026-03-16", e2e: 0)
        s += Fx.cases("B", "b", count: 100, accepted: "2026-02-10", e2e: 98)
        s += Fx.cases("C", "c", count: 10, accepted: "2026-02-10", e2e: 10)
        s += Fx.cases("P1", "p", count: 10, accepted: "2026-02-10", e2e: 5)
        s += Fx.cases("D1", "d", count: 10, accepted: "2026-02-10", e2e: 10)
        s += Fx.cases("R1", "r", count: 10, accepted: "2026-02-10", e2e: 0)
        return s
    }()

    @Test("window edges, exact tie (49/50 = 98/100), priority at exactly 98%, empty rate unranked")
    func edgesAndTies() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try db.sql(Self.fixture)
        let c = try compute(db, asOf: "2026-03-15")
        let a = try #require(c.standing("spp", "A"))
        #expect(a.int("e2e_total") == 50)
        #expect(a.int("e2e_done") == 49)
        let b = try #require(c.standing("spp", "B"))
        #expect(a.rate("e2e") != nil)
        #expect(a.rate("e2e") == b.rate("e2e"))
        #expect(c.standing("spp", "C")?.rank("e2e") == 1)
        #expect(a.rank("e2e") == 2)
        #expect(b.rank("e2e") == 2)
        #expect(a.flag("e2e") && b.flag("e2e"))
        let e = try #require(c.standing("spp", "E"))
        #expect(e.rate("e2e") == nil)
        #expect(e.rank("e2e") == nil)
        // Provincial scope is the whole subtree; sub-units are measured on their own rows.
        let p = try #require(c.standing("provincial", "P1"))
        #expect(p.int("e2e_total") == 30)
        #expect(p.int("e2e_done") == 15)
        #expect(c.standing("sub:P1", "D1")?.rank("e2e") == 1)
        #expect(c.standing("sub:P1", "R1")?.rank("e2e") == 2)
        #expect(c.standing("sub:P1", "P1") == nil)
    }

    @Test("the run writes unit_metrics.csv with the e2e columns for every bloc")
    func csvFile() throws {
        let (db, scratch, dir) = try publishedRun(of: Self.fixture, asOf: "2026-03-15")
        defer { db.drop(); _ = scratch }
        let rows = try csvRows("\(dir)/csv/unit_metrics.csv")
        let a = try #require(rows.first { $0["bloc"] == "spp" && $0["unit_id"] == "A" })
        #expect(a["e2e_total"] == "50")
        #expect(a["e2e_done"] == "49")
        #expect(a["e2e_rate"] == "0.980000")
        #expect(a["e2e_rank"] == "2")
        #expect(a["e2e_priority"] == "true")
        let e = try #require(rows.first { $0["unit_id"] == "E" })
        #expect(e["e2e_rate"] == "")
        #expect(e["e2e_rank"] == "")
        #expect(Set(rows.compactMap { $0["bloc"] }) == ["spp", "provincial", "sub:P1"])
        #expect(rows.last { $0["bloc"] == "spp" }?["unit_id"] == "E", "an unranked unit is listed last")
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: "\(scratch.path)/latest")
        #expect(latest == "2026-03-15")
    }
}
