import Foundation
@testable import ThiDuaCore

/// The self tests' hand-checked warehouse and plan (every expected figure is worked out by hand in
/// NaiveSelfTests). D = 2026-03-10; period 2026-01-01 … 2026-06-30, so E = D.
enum NaiveSelfFixture {
    static let asOf = PK.date("2026-03-10")

    /// Units: S1 (spp, 1), S2 (spp, 20), S3 (spp, 1 000 000), P1 (provincial, 100) with D1
    /// (department, 5) and R1 (regional, NULL). case_record is a view over a key-less table holding
    /// c3 twice (the kept row is the `f` one: `…,f,…` sorts before `…,t,…` in byte order).
    static let sql = """
        INSERT INTO unit VALUES ('S1','Đơn vị S1','spp_unit',NULL,1), ('S2','Đơn vị S2','spp_unit',NULL,20),
          ('S3','Đơn vị S3','spp_unit',NULL,1000000), ('P1','Tỉnh P1','provincial',NULL,100),
          ('D1','Phòng D1','department','P1',5), ('R1','Khu vực R1','regional','P1',NULL);
        INSERT INTO staff VALUES ('a1','A1','S1','prosecutor',true,true), ('a2','A2','S1','leader',false,true),
          ('a3','A3','S1','other',true,false), ('b1','B1','S2','prosecutor',true,true), ('p1','P1 người','P1','leader',true,true),
          ('d1','D1 người','D1','prosecutor',false,true), ('r1','R1 người','R1','it',true,true), ('r2','R2 người','R1','other',false,true);
        DROP TABLE case_record;
        CREATE TABLE case_record_raw (case_id text, unit_id text, prosecutor_id text, kind text, accepted_on date, entered_on date,
          end_to_end bool, missing_required_fields int, error_count int, status text, last_updated_on date);
        CREATE VIEW case_record AS SELECT * FROM case_record_raw;
        INSERT INTO case_record_raw VALUES
          ('c1','S1','a1','case','2026-01-05','2026-01-05',true,0,0,'closed','2026-01-05'),
          ('c2','S1','a1','case','2026-02-01','2026-02-01',true,0,0,'closed','2026-02-01'),
          ('c3','S1','a2','case','2026-02-10',NULL,true,0,0,'open','2026-02-10'),
          ('c3','S1','a2','case','2026-02-10',NULL,false,0,0,'open','2026-02-10'),
          ('c4','S1','a1','case','2026-03-20','2026-03-20',true,0,0,'closed','2026-03-20'),
          ('c5','S1',NULL,'case','2025-12-01','2025-12-01',true,0,0,'closed','2025-12-01'),
          ('c6','S2','b1','case','2026-01-10','2026-01-10',true,0,0,'closed','2026-01-10'),
          ('c7','S2',NULL,'case','2026-01-11','2026-01-11',true,0,0,'closed','2026-01-11'),
          ('c8','S2',NULL,'matter','2026-01-12','2026-01-12',true,0,0,'closed','2026-01-12'),
          ('c9','S2',NULL,'case','2026-01-13',NULL,false,2,1,'open','2026-01-13'),
          ('c10','P1','p1','case','2026-02-02','2026-02-02',true,0,0,'closed','2026-02-02'),
          ('c11','D1','d1','case','2026-02-03','2026-02-03',true,0,0,'closed','2026-02-03'),
          ('c12','D1',NULL,'case','2026-02-04',NULL,false,0,0,'open','2026-02-04');
        INSERT INTO training_session VALUES ('t1','S1','ai','2026-02-15','L1','class',10), ('t2','S2','qlahs','2025-12-01','L2','class',5),
          ('t3','D1','ai','2026-01-20','L3','hands_on',3), ('t4','P1','qlahs','2026-03-01','L4','seminar',8),
          ('t5','D1','qlahs','2026-02-25','L5','class',4);
        INSERT INTO luyenai_daily VALUES ('a1','2026-01-05',3,30), ('a1','2026-01-20',4,50), ('a2','2026-02-01',5,2000),
          ('a3','2026-02-01',5,100), ('b1','2026-03-11',9,100), ('b1','2026-01-02',2,-5), ('p1','2026-01-03',1,100),
          ('d1','2025-12-31',3,500), ('r1','2026-03-01',1,10);
        INSERT INTO infrastructure VALUES ('S1','lan',1,1,'2026-02-20'), ('S1','wan',1,1,'2026-03-05'), ('S1','scanner',1,1,'2026-03-15'),
          ('S2','lan',2,1,NULL), ('S2','wan',1,1,'2026-03-08'), ('S2','scanner',1,1,'2026-03-09'),
          ('P1','lan',1,0,NULL), ('D1','lan',1,1,'2026-01-15');
        INSERT INTO discipline VALUES ('a2','disciplined','2026-01-10',NULL), ('d1','under_review','2026-04-01',NULL);
        INSERT INTO award_dossier VALUES ('ds1','unit','S1','bang_khen','2026-03-01',true,true,false,false),
          ('ds2','unit','S2','bang_khen','2026-03-05',true,false,true,true), ('ds3','staff','a1','giay_khen',NULL,false,false,false,false),
          ('ds4','unit','P1','bang_khen','2026-04-01',false,true,true,true), ('ds5','unit','D1','bang_khen','1999-12-31',true,true,true,true);
        """

    static var plan: Plan {
        let period = PK.window(.named(0), .windowEnd, name: "period")
        let measures: [Measure] = [
            PK.rows("m_total", "case_record", PK.where_(PK.col("accepted_on", .within(period)))),                      // 0
            PK.rows("m_done", "case_record", PK.where_(PK.col("accepted_on", .within(period)),
                                                       PK.col("end_to_end", .eq(.bool(true))))),                       // 1
            PK.staff("m_staff", publish: true),                                                                       // 2
            PK.staff("m_trained", PK.where_(.test(.metric(0), [.gte(.literal(60))]))),                                 // 3
            PK.rows("m_sessions", "training_session", PK.where_(PK.col("held_on", .within(period)))),                  // 4
            PK.rows("m_infra", "infrastructure"),                                                                      // 5
            PK.rows("m_infra_ready", "infrastructure", PK.where_(PK.col("ready", .gte(.column("required"))))),         // 6
            PK.staff("m_started", PK.where_(.test(.metric(2), [.isNull(false)]))),                                     // 7
            PK.expr("m_fr", [.plain(.measure(4)), .floorDiv(.measure(1), 2)]),                                          // 8
            PK.expr("m_big", Array(repeating: .times(1_000_000_000_000, .headcount), count: 10)),                      // 9
            PK.expr("m_half", [.floorDiv(.measure(9), 2)]),                                                            // 10
            PK.rows("m_notdone", "case_record", PK.where_(PK.col("end_to_end", .eq(.bool(false))))),                    // 11
            PK.rows("m_old", "case_record", PK.where_(PK.col("accepted_on", .before(.named(0))))),                      // 12
        ]
        let metrics: [StaffMetric] = [
            PK.metric("s_minutes", .sum(relation: "luyenai_daily", column: "minutes", where: PK.where_(PK.col("day", .within(period))))),
            PK.metric("s_disc", .exists(relation: "discipline", where: PK.where_(PK.col("from_on", .onOrBefore(.windowEnd))))),
            PK.metric("s_first", .firstDay(relation: "luyenai_daily", where: PK.where_(PK.col("minutes", .gt(.literal(0)))))),
            PK.metric("s_cases", .count(relation: "case_record", where: PK.where_(PK.col("end_to_end", .eq(.bool(true)))))),
        ]
        return PK.plan(
            days: [PK.day("period_start", .date(PK.date("2026-01-01")), text: "2026-01-01", isStatic: true),
                   PK.day("period_end", .date(PK.date("2026-06-30")), text: "2026-06-30", isStatic: true)],
            measures: measures,
            criteria: [PK.rate("c_e2e", .measure(1), .measure(0), rank: true, priorityAt: Fraction(3, 4), toFull: true),
                       PK.atLeast("c_train", .measure(4), k: 1),
                       PK.rate("c_level", .measure(3), .headcount, rank: true),
                       PK.count("c_old", .measure(12))],
            composite: [PK.part("c_e2e_rate", .rate(criterion: 0), weight: 500_005),
                        PK.part("c_train_met", .met(criterion: 1), weight: 250_000),
                        PK.part("m_staff", .atLeast(.measure(2), k: 2), weight: 249_995)],
            metrics: metrics,
            score: [PK.scorePart("p_share", .shareOfBlocMax(metric: 0), weight: 500_000),
                    PK.scorePart("p_keen", .when(PK.where_(.test(.metric(0), [.gte(.literal(100))]))), weight: 500_000)],
            milestones: [
                PK.milestone("ms_infra", .allDone(value: 6, target: 5, doneOn: .column("completed_on"), whenEmpty: .noData, paceDays: 14),
                             deadline: PK.date("2026-03-01")),
                PK.milestone("ms_keen", .allDone(value: 7, target: 2, doneOn: .metric(2), whenEmpty: .notApplicable, paceDays: 60),
                             deadline: PK.date("2026-06-30")),
                PK.milestone("ms_state", .stateFrom(value: .measure(1), target: .measure(0), whenEmpty: .noData),
                             deadline: PK.date("2026-03-01")),
                PK.milestone("ms_rest", .restates(criterion: 0, whenEmpty: .notApplicable), deadline: PK.date("2026-12-31")),
                PK.milestone("ms_first", .firstReached(measure: 8, k: 2), deadline: PK.date("2026-02-20")),
            ],
            quotas: Quotas(collectiveShare: Decimal(string: "0.5")!, collectiveRounding: .nearest, individualPerSPPUnit: 1,
                           individualProvincialTiers: [(maxHeadcount: 100, quota: 2), (maxHeadcount: nil, quota: 4)]),
            unitOrder: [.priority(criterion: 0), .composite],
            staffOrder: [.directWorker, .score],
            eligibility: [EligibilityRule(reason: "discipline", staffFlag: 1, excludesStaff: true, excludesUnits: true, label: nil)],
            dossiers: DossierRules(deadline: PK.date("2026-06-29"), parts: ["proposal", "minutes"], decidedAtUnit: ["giay_khen"]),
            recordsToFix: [RecordProblem(problem: "not_e2e", measure: 11, label: nil), RecordProblem(problem: "old", measure: 12, label: nil)])
    }
}

/// A second hand-checked plan on the same warehouse, for conditions and metric kinds: parent
/// lookups (a parent after D does not exist), not_by, is_null, any, ne on NULL, `{column:}`, link
/// roles, latest, distinct_weeks, weeks_in, scaled and ratio parts.
enum NaiveConditionFixture {
    static let sql = """
        INSERT INTO procedural_document VALUES ('doc1','c1','S1','2026-02-01',true,true), ('doc2','c4','S1','2026-02-02',true,false),
          ('doc3','c3','S1','2026-02-03',false,true), ('doc4','c999','S2','2026-02-04',true,true);
        INSERT INTO training_role VALUES ('t1','a1','trainer'), ('t1','a2','attendee'), ('t5','d1','trainer'), ('t5','d1','trainer'),
          ('t3','d1','organizer');
        INSERT INTO platform_usage VALUES ('a1','2026-03-01',5), ('a1','2026-03-09',7), ('a1','2026-03-11',9), ('a1','2200-01-01',1);
        INSERT INTO luyenai_daily VALUES ('r2','-infinity',7,30);
        """

    static var plan: Plan {
        var p = NaiveSelfFixture.plan
        let sinceFebruary = PK.window(.date(PK.date("2026-02-01")), .windowEnd)
        let period = PK.window(.named(0), .windowEnd, name: "period")
        p.measures = [
            PK.rows("q0", "procedural_document", PK.where_(.test(.parent("entered_on"), [.onOrBefore(.windowEnd)]))),
            PK.rows("q1", "procedural_document", PK.where_(.test(.parent("entered_on"), [.notBy(.windowEnd)]))),
            PK.rows("q2", "procedural_document", PK.where_(.test(.parent("prosecutor_id"), [.isNull(false)]))),
            PK.rows("q3", "case_record", PK.where_(.any([PK.where_(PK.col("entered_on", .notBy(.windowEnd))),
                                                         PK.where_(PK.col("kind", .eq(.text("matter"))))]))),
            PK.rows("q4", "case_record", PK.where_(PK.col("prosecutor_id", .ne(.text("a1"))))),
            PK.rows("q5", "case_record", PK.where_(PK.col("kind", .notIn([.text("matter")])),
                                                   PK.col("missing_required_fields", .gt(.column("error_count"))))),
        ]
        p.metrics = [
            PK.metric("s_led", .count(relation: "training_session", where: PK.where_(.test(.link("role"), [.eq(.text("trainer"))])))),
            PK.metric("s_led_period", .count(relation: "training_session", where: PK.where_(
                .test(.link("role"), [.isIn([.text("trainer"), .text("organizer")])]), PK.col("held_on", .within(sinceFebruary))))),
            PK.metric("s_latest", .latest(relation: "platform_usage", column: "actions", onOrBefore: .asOf, where: .always)),
            PK.metric("s_weeks", .distinctWeeks(relation: "luyenai_daily", window: period, where: PK.where_(PK.col("minutes", .gt(.literal(0)))))),
            PK.metric("s_weeks_in", .weeksIn(period)),
            PK.metric("s_latest_level", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .date(PK.date("2026-01-31")),
                                                where: .always)),
        ]
        p.criteria = [PK.count("c_docs", .measure(0))]
        p.composite = [PK.part("c_docs", .atLeast(.measure(0), k: 1), weight: 1_000_000)]
        p.score = [PK.scorePart("p_scaled", .scaled(metric: 5, max: 3), weight: 500_000),
                   PK.scorePart("p_ratio", .ratio(metric: 3, over: 4), weight: 500_000)]
        p.milestones = []
        p.unitOrder = [.composite]
        p.eligibility = []
        p.recordsToFix = []
        return p
    }
}
