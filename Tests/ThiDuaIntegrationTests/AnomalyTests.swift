import Foundation
import Testing
import TestSupport

@Suite("anomalies: listed, never a crash, never dropped")
struct AnomalyTests {
    @Test("every anomaly kind of SPEC §3 is listed in anomalies.csv and the report is still produced")
    func everyKind() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        var s = Fx.unit("S", "spp_unit", headcount: 1) + Fx.unit("P", "provincial")
        s += Fx.unit("K", "phong_ban") + Fx.unit("BAD", "department", parent: "S") + Fx.unit("H0", "spp_unit", headcount: 0)
        s += Fx.staff("r1", unit: "S", role: "thu_ky") + Fx.staff("u1", unit: "NOWHERE")
        s += Fx.staff("l1", unit: "S") + Fx.staff("l2", unit: "S")
        s += """
            INSERT INTO luyenai_daily VALUES ('l1','2025-12-01',5,10), ('l2','2025-12-01',5,10), ('l2','2025-12-02',5,-5);
            INSERT INTO platform_usage VALUES ('l1','2026-01-05',-2);
            INSERT INTO case_record VALUES
              ('k1','S',NULL,'vu_an','2026-01-10','2026-01-10',true,0,0,'open','2026-01-10'),
              ('k2','S',NULL,'case','2026-01-10','2026-01-10',true,-1,0,'open','2026-01-10'),
              ('k3','S',NULL,'case','1999-12-31',NULL,false,0,0,'open','2026-01-10'),
              ('k4','S',NULL,'case','2026-01-10','2026-01-10',true,0,0,'pending','2026-01-10');
            INSERT INTO procedural_document VALUES ('v1','k1','S','2101-01-01',true,true);
            INSERT INTO training_session VALUES ('t1','S','excel','2026-01-05','x','class',3), ('t2','S','ai','2026-01-05','x','webinar',3),
              ('t3','S','ai','2026-01-05','x','class',-4);
            INSERT INTO training_role VALUES ('t2','l1','host');
            INSERT INTO initiative VALUES ('i1','S','blockchain','x','2026-01-05',true);
            INSERT INTO core_group VALUES ('g1','S','club','2026-01-05');
            INSERT INTO infrastructure VALUES ('S','printer',1,1,'2025-12-01'), ('S','lan',-1,0,NULL);
            INSERT INTO discipline VALUES ('l1','warning','2026-01-01',NULL);
            INSERT INTO award_dossier VALUES ('x1','team','S','bang_khen',NULL,true,true,true,true);
            """
        try db.sql(s)
        let scratch = try ScratchFolder()
        let out = try runThidua(["run", "--db", db.conninfo, "--as-of", "2026-03-15", "--out", scratch.path])
        #expect(out.status == 0, "\(out.all)")
        let rows = try csvRows("\(scratch.path)/2026-03-15/csv/anomalies.csv")
        let found = Set(rows.map { "\($0["relation"]!)/\($0["key"]!)/\($0["problem"]!)" })
        let expected: [String] = [
            "unit/K/unknown_kind", "unit/BAD/parent_not_provincial", "unit/H0/headcount_not_positive",
            "unit/S/level5_above_headcount", "staff/r1/unknown_role", "staff/u1/unknown_unit",
            "case_record/k1/unknown_kind", "case_record/k2/negative_count", "case_record/k3/date_out_of_range",
            "case_record/k4/unknown_status", "procedural_document/v1/date_out_of_range",
            "training_session/t1/unknown_topic", "training_session/t2/unknown_format", "training_session/t3/negative_count",
            "training_role/t2/l1/unknown_role", "luyenai_daily/l2/2025-12-02/negative_count",
            "platform_usage/l1/2026-01-05/negative_count", "initiative/i1/unknown_topic", "core_group/g1/unknown_kind",
            "infrastructure/S/printer/unknown_item", "infrastructure/S/lan/negative_count",
            "discipline/l1/2026-01-01/unknown_status", "award_dossier/x1/unknown_kind",
        ]
        for e in expected { #expect(found.contains(e), "missing anomaly \(e)") }
        let metrics = try csvRows("\(scratch.path)/2026-03-15/csv/unit_metrics.csv")
        #expect(metrics.contains { $0["unit_id"] == "S" && $0["level5_staff"] == "2" })
        #expect(FileManager.default.fileExists(atPath: "\(scratch.path)/2026-03-15/index.html"))
        #expect(FileManager.default.fileExists(atPath: "\(scratch.path)/2026-03-15/manifest.json"))
    }
}
