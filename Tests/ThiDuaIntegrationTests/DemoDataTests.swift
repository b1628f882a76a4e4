import Foundation
import Postgres
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore

/// The demo generator at a small scale, loaded with psql as `make demo` loads it.
func demoDatabase(scale: String = "0.1") throws -> TestDatabase {
    let db = try TestDatabase()
    let out = try runProcess("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "scale=\(scale)", "-d", db.name,
                                              "-f", "\(repositoryRoot)/sql/demo/generate.sql"])
    guard out.status == 0 else { throw TestSetupError("demo data did not load: \(out.stderr)") }
    return db
}

@Suite("demo data", .serialized)
struct DemoDataTests {
    @Test("the shortlist proposes exactly the plan's quotas, recomputed from the unit table")
    func quotasFromUnitTable() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let scratch = try ScratchFolder()
        let run = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-06-30", "--out", scratch.path])
        #expect(run.status == 0, "\(run.all)")
        let rows = try csvRows("\(scratch.path)/2026-06-30/csv/award_shortlist.csv")
        // Recompute from the unit table with SQL of the test's own.
        let units = try db.connection.query("""
            SELECT u.unit_id, u.kind,
                   (SELECT sum(headcount) FROM thidua.unit c WHERE c.unit_id = u.unit_id OR c.parent_id = u.unit_id)
            FROM thidua.unit u WHERE u.kind IN ('spp_unit', 'provincial')
            """)
        var checked = 0
        for u in units {
            let id: String = try u.decode(0)
            let kind: String = try u.decode(1)
            let h: Int = try u.decode(2)
            let expected = kind == "spp_unit" ? 1 : (h < 300 ? 3 : (h <= 500 ? 5 : 8))
            let bloc = rows.filter { $0["bloc"] == "staff:\(id)" }
            guard !bloc.isEmpty else { continue }
            let eligible = bloc.filter { $0["status"] != "excluded" }.count
            #expect(bloc.filter { $0["status"] == "proposed" }.count == min(expected, eligible), "bloc staff:\(id)")
            #expect(bloc.allSatisfy { $0["quota"] == String(expected) })
            checked += 1
        }
        #expect(checked > 50)
        let provinces = try db.connection.query("SELECT count(*) FROM thidua.unit WHERE kind = 'provincial'")[0].decode(0, as: Int.self)
        #expect(rows.filter { $0["bloc"] == "provincial" && $0["status"] == "proposed" }.count == provinces / 10)
        #expect(rows.filter { $0["bloc"] == "spp" }.first?["quota"] == "2")
        #expect(rows.contains { $0["status"] == "excluded" && $0["reason"] == "discipline" })
    }

    @Test("every anomaly planted in the demo data is listed")
    func plantedAnomalies() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let c = try compute(db, asOf: "2026-03-15")
        let found = Set(c.anomalies.map { "\($0.relation)/\($0.key)/\($0.problem)" })
        for planted in ["unit/x01/unknown_kind", "unit/x02/parent_not_provincial", "unit/x03/headcount_not_positive",
                        "unit/spp22/level5_above_headcount", "staff/x-s1/unknown_role", "staff/x-s2/unknown_unit",
                        "case_record/x-c1/unknown_kind", "case_record/x-c2/negative_count", "case_record/x-c3/date_out_of_range",
                        "training_session/x-t1/unknown_topic", "training_session/x-t2/negative_count",
                        "luyenai_daily/p05-s0001/2026-03-03/negative_count", "infrastructure/p06/printer/unknown_item",
                        "discipline/p07-s0001/2026-01-10/unknown_status"] {
            #expect(found.contains(planted), "planted anomaly \(planted) is not listed")
        }
    }

    @Test("on 15/03/2026 the demo data shows every milestone status")
    func everyMilestoneStatus() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let c = try compute(db, asOf: "2026-03-15")
        let seen = Set(c.report.milestones.map(\.status))
        for s in MilestoneStatus.allCases { #expect(seen.contains(s), "status \(s.rawValue) never appears") }
        #expect(c.plan.milestones.count == 7)
        #expect(c.report.milestones.count == c.report.members.count * 7)
    }
}
