import Foundation
import Testing
import TestSupport

/// The small warehouse on which every figure of the second plan (PLAN-LANGUAGE.md §21,
/// plans/KH-TD-6T-2026.yaml) is worked out by hand in SecondPlanHandTests and
/// SecondPlanStaffTests, and on which PlanOwnershipTests looks for plan 251 in the outputs.
///
/// Units: SPP units A (biên chế 10), B (8), C (5) and four empty ones F1–F4 (4 each): seven
/// members, so the spp collective quota is ⌊0.15 × 7⌋ = 1; province P (250) with its department
/// PD (60): the provincial member P is measured on {P, PD}, headcount 310.
/// Staff: a1 a2 (direct prosecutors), a3 (leader, not direct), a4 (inactive) in A; b1, b2 in B;
/// c1, c2 (disciplined from 01/09/2026) in C; p1 (leader, not direct) in P; d1 in PD.
/// The days: D1 = 2026-10-20 (before both deadlines: ai classes 31/10, backlog 15/12) and
/// D2 = 2026-12-20 (after both, inside the period: E = D).
enum SecondPlan {
    static let planFile = "\(repositoryRoot)/plans/KH-TD-6T-2026.yaml"
    static let before = "2026-10-20"
    static let after = "2026-12-20"

    static let fixture = units + cases + documents + trainings + luyenai + awards

    static let units = """
        INSERT INTO unit VALUES
          ('A','Vụ A','spp_unit',NULL,10), ('B','Vụ B','spp_unit',NULL,8), ('C','Vụ C','spp_unit',NULL,5),
          ('F1','Vụ F1','spp_unit',NULL,4), ('F2','Vụ F2','spp_unit',NULL,4), ('F3','Vụ F3','spp_unit',NULL,4),
          ('F4','Vụ F4','spp_unit',NULL,4),
          ('P','VKSND tỉnh P','provincial',NULL,250), ('PD','Phòng 1 – VKSND tỉnh P','department','P',60);
        INSERT INTO staff VALUES
          ('a1','Nguyễn Văn An','A','prosecutor',true,true), ('a2','Trần Thị Bình','A','prosecutor',true,true),
          ('a3','Lê Văn Cường','A','leader',false,true), ('a4','Phạm Thị Dung','A','prosecutor',true,false),
          ('b1','Hoàng Văn Em','B','prosecutor',true,true), ('b2','Vũ Thị Giang','B','inspector',true,true),
          ('c1','Đỗ Văn Hải','C','prosecutor',true,true), ('c2','Bùi Thị Hoa','C','prosecutor',true,true),
          ('p1','Ngô Văn Khoa','P','leader',false,true), ('d1','Đặng Thị Lan','PD','prosecutor',true,true);

        """

    /// case_record (case_id, unit_id, prosecutor_id, kind, accepted_on, entered_on, end_to_end,
    /// missing_required_fields, error_count, status, last_updated_on).
    static let cases = """
        INSERT INTO case_record VALUES
          ('a-c1','A','a1','case','2026-07-01','2026-07-01',true,0,0,'closed','2026-08-01'),
          ('a-c2','A','a1','case','2026-07-10','2026-07-10',true,0,0,'closed','2026-08-01'),
          ('a-c3','A','a2','case','2026-07-10','2026-07-10',true,0,0,'closed','2026-08-01'),
          ('a-c4','A','a2','case','2026-07-10','2026-07-10',false,0,0,'closed','2026-08-01'),
          ('a-c5','A','a2','case','2026-11-05','2026-11-05',true,0,0,'closed','2026-11-06'),
          ('a-m1','A','a1','matter','2026-08-01','2026-08-01',true,0,0,'closed','2026-08-02'),
          ('a-m2','A','a1','matter','2026-08-01','2026-08-01',false,0,0,'closed','2026-08-02'),
          ('a-bk1','A',NULL,'case','2026-03-01','2026-03-01',false,0,0,'closed','2026-07-15'),
          ('a-bk2','A',NULL,'case','2026-05-31','2026-05-31',false,0,0,'closed','2026-09-30'),
          ('a-pre','A',NULL,'case','2026-03-01','2026-03-01',false,0,0,'closed','2026-06-20'),
          ('a-open','A',NULL,'case','2026-06-10','2026-06-10',false,0,0,'open','2026-07-02'),
          ('b-c1','B','b1','case','2026-09-01','2026-09-01',true,0,0,'closed','2026-09-05'),
          ('b-c2','B','b1','case','2026-09-01','2026-09-01',true,0,0,'closed','2026-09-05'),
          ('b-bk1','B',NULL,'case','2026-02-01','2026-02-01',false,0,0,'closed','2026-08-01'),
          ('b-bk2','B',NULL,'case','2026-02-01','2026-02-01',false,0,0,'closed','2026-10-10'),
          ('b-bk3','B',NULL,'case','2026-02-01','2026-02-01',false,0,0,'closed','2026-12-10'),
          ('b-bk4','B','b1','case','2026-02-01','2026-02-01',false,0,0,'open','2026-04-01'),
          ('b-bk5','B',NULL,'case','2026-02-01','2026-02-01',false,0,0,'closed','2026-03-01'),
          ('b-bk6','B',NULL,'case','2026-01-15',NULL,false,0,0,'open','2026-05-01'),
          ('c-c1','C','c1','case','2026-07-20','2026-07-20',false,0,0,'open','2026-07-20'),
          ('c-bk1','C',NULL,'case','2026-04-15','2026-04-15',false,0,0,'closed','2026-08-20'),
          ('c-bk2','C',NULL,'case','2026-04-15','2026-04-15',false,0,0,'closed','2026-12-18'),
          ('p-c1','P','p1','case','2026-08-10','2026-08-10',true,0,0,'closed','2026-08-20'),
          ('d-c1','PD','d1','case','2026-08-12','2026-08-12',false,0,0,'closed','2026-08-20'),
          ('d-m1','PD','d1','matter','2026-08-15','2026-08-15',true,0,0,'closed','2026-08-20');

        """

    /// procedural_document (document_id, case_id, unit_id, issued_on, digitally_signed, electronic).
    static let documents = """
        INSERT INTO procedural_document
          SELECT 'a-d' || g, 'a-c1', 'A', DATE '2026-08-10', true, true FROM generate_series(1, 9) g;
        INSERT INTO procedural_document VALUES
          ('a-d10','a-c5','A','2026-11-01',false,true), ('a-d0','a-bk1','A','2026-06-20',false,true);
        INSERT INTO procedural_document
          SELECT 'b-d' || g, 'b-c1', 'B', DATE '2026-08-20', g <= 19, true FROM generate_series(1, 20) g;
        INSERT INTO procedural_document VALUES
          ('c-d1','c-c1','C','2026-07-20',true,true), ('c-d2','c-c1','C','2026-07-20',true,true),
          ('c-d3','c-c1','C','2026-07-20',false,true), ('c-d4','c-c1','C','2026-07-20',false,true),
          ('p-d1','p-c1','P','2026-08-10',true,true), ('p-d2','p-c1','P','2026-08-10',true,true),
          ('d-d1','d-c1','PD','2026-08-12',true,true), ('d-d2','d-c1','PD','2026-08-12',false,true);

        """

    /// training_session (session_id, unit_id, topic, held_on, title, format, attendee_count) and roles.
    static let trainings = """
        INSERT INTO training_session VALUES
          ('a-t1','A','ai','2026-08-05','Lớp AI 1','class',20), ('a-t2','A','ai','2026-09-10','Lớp AI 2','class',20),
          ('a-t3','A','ai','2026-08-20','Chuyên đề AI','seminar',20), ('a-t4','A','qlahs','2026-08-25','Lớp nền tảng','class',20),
          ('b-t1','B','ai','2026-09-15','Lớp AI 1','class',15), ('b-t2','B','ai','2026-11-10','Lớp AI 2','class',15),
          ('c-t0','C','ai','2026-06-20','Lớp AI trước kỳ','class',10), ('c-t1','C','ai','2026-08-01','Lớp AI 1','class',10),
          ('p-t1','P','ai','2026-07-15','Lớp AI tỉnh','class',40), ('d-t1','PD','ai','2026-10-01','Lớp AI phòng','class',12);
        INSERT INTO training_role VALUES ('a-t1','a1','trainer'), ('a-t2','a2','organizer'), ('b-t1','b2','attendee');

        """

    /// luyenai_daily (staff_id, day, level, minutes): a1 studies every 7th day from 01/07 to 14/10.
    static let luyenai = """
        INSERT INTO luyenai_daily
          SELECT 'a1', d::date, 8, 30 FROM generate_series(DATE '2026-07-01', DATE '2026-10-14', interval '7 days') d;
        INSERT INTO luyenai_daily VALUES
          ('a2','2026-07-02',5,20), ('a2','2026-10-05',7,0), ('a3','2026-12-01',9,45), ('a4','2026-08-01',9,60),
          ('b1','2026-06-15',4,30), ('b1','2026-10-10',6,30), ('b1','2026-12-15',7,30),
          ('c1','2026-08-01',7,10), ('c2','2026-10-19',3,15), ('p1','2026-09-30',10,50);

        """

    /// Initiatives, discipline and award dossiers.
    static let awards = """
        INSERT INTO initiative VALUES ('i-b2','B','ai','Trợ lý tra cứu','2026-08-10',true), ('i-a3','A','ai','Chưa công nhận',NULL,false);
        INSERT INTO initiative_author VALUES ('i-b2','b2'), ('i-a3','a3');
        INSERT INTO discipline VALUES ('c2','disciplined','2026-09-01',NULL), ('b1','disciplined','2026-01-01','2026-06-15');
        INSERT INTO award_dossier VALUES
          ('dA','unit','A','bang_khen','2026-12-01',true,true,true,true),
          ('dB','staff','b1','bang_khen','2026-10-01',true,false,true,false),
          ('dC','unit','C','giay_khen',NULL,false,false,false,false),
          ('dD','staff','a1','bang_khen',NULL,false,false,false,false);

        """

    /// A database holding the fixture and one run of the binary per day into one scratch folder
    /// (extra arguments, e.g. `--lang en`, are passed on); every run must publish.
    static func run(days: [String], _ extra: [String] = []) throws -> (TestDatabase, ScratchFolder) {
        let db = try TestDatabase()
        try db.sql(fixture)
        let scratch = try ScratchFolder()
        for d in days {
            let run = try runThidua(["run", "--db", db.conninfo, "--plan", planFile, "--as-of", d, "--out", scratch.path] + extra)
            #expect(run.status == 0, "\(run.all)")
        }
        return (db, scratch)
    }
}

/// One CSV of a run, read by key.
struct SecondPlanCSV {
    let rows: [[String: String]]

    init(_ scratch: ScratchFolder, _ day: String, _ file: String) throws {
        rows = try csvRows("\(scratch.path)/\(day)/csv/\(file).csv")
    }

    /// The row whose columns hold these values (`["bloc": "spp", "unit_id": "A"]`); records a
    /// failure and returns an empty row when there is none.
    func row(_ match: [String: String]) -> [String: String] {
        let found = rows.filter { r in match.allSatisfy { r[$0.key] == $0.value } }
        #expect(found.count == 1, "\(found.count) rows for \(match)")
        return found.first ?? [:]
    }
}
