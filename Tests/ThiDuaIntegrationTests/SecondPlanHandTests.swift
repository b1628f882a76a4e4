import Foundation
import Testing
import TestSupport

/// Issue 23: the second plan (PLAN-LANGUAGE.md §21) checked by hand. Every figure below was worked
/// out from plans/KH-TD-6T-2026.yaml and PLAN-LANGUAGE.md on the fixture of `SecondPlan` (the
/// arithmetic is in the comments), then compared with what the binary writes.
/// Windows: period = [01/07, E]; last30 = [E − 29, E]; stale_cutoff = E − 30; level_day = E.
/// D1 = 20/10/2026: last30 = [21/09, 20/10], stale_cutoff = 20/09. D2 = 20/12/2026: last30 =
/// [21/11, 20/12], stale_cutoff = 20/11. Composite weights 25/15/15/10/15/10/10.
@Suite("the second plan, checked by hand: criteria and composite (PLAN-LANGUAGE.md §21)")
struct SecondPlanHandTests {
    /// Compares a CSV row with the hand figures, naming each column that differs.
    static func expect(_ row: [String: String], _ expected: KeyValuePairs<String, String>, _ who: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        for (column, value) in expected {
            #expect(row[column] == value, "\(who).\(column): hand \(value), run \(row[column] ?? "no column")",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("before the deadlines (D1 = 20/10/2026): the SPP bloc")
    func sppBefore() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before])
        defer { db.drop() }
        let units = try SecondPlanCSV(scratch, SecondPlan.before, "unit_metrics")
        Self.expect(units.row(["bloc": "spp", "unit_id": "A"]), [
            "headcount": "10",
            "e2e_total": "4", "e2e_done": "3",          // cases accepted 01/07–20/10: a-c1…a-c4 (a-c5 is 05/11); done a-c1…a-c3
            "e2e_rate": "0.750000",                     // 3/4
            "matter_total": "2", "matter_done": "1", "matter_e2e_rate": "0.500000",   // a-m1 done, a-m2 not: 1/2
            "backlog_total": "2", "backlog_cleared": "2",  // accepted ≤ 31/05 and (open or touched in the period):
            "backlog_rate": "1.000000",                 //   a-bk1 (closed 15/07), a-bk2 (31/05, closed 30/09); a-pre closed 20/06: out
            "stale_records": "1",                       // a-open: open, last touched 02/07 ≤ 20/09 (accepted 10/06: not backlog)
            "docs_total": "9", "docs_signed": "9",      // a-d1…a-d9 on 10/08; a-d10 (01/11) not yet, a-d0 (20/06) before
            "signature_rate": "1.000000", "signature_priority": "true",   // 9/9 ≥ 0.95
            "level7_staff": "2", "level7_rate": "0.200000",  // a1 level 8, a2 level 7 (05/10); a3 no row yet; a4 inactive: 2/10
            "ai_classes_met": "true",                   // classes 05/08, 10/09 (the seminar and the qlahs class do not count): 2 ≥ 2
            "active_staff": "3", "recent_learners": "1",    // a1 studied 14/10; a2's 05/10 row has 0 minutes
            "recent_participation_rate": "0.333333",    // 1/3
            // 25×3/4 + 15×1/2 + 15×1 + 10×1 + 15×1/5 + 10×1/3 + 10×1 = 18.75 + 7.5 + 15 + 10 + 3 + 3.3333… + 10
            "composite_score": "67.5833",
            "points_e2e_rate": "18.7500", "points_matter_e2e_rate": "7.5000", "points_backlog_rate": "15.0000",
            "points_signature_rate": "10.0000", "points_level7_rate": "3.0000",
            "points_recent_participation_rate": "3.3333", "points_ai_classes_met": "10.0000",
            "e2e_rank": "2", "matter_e2e_rank": "1", "backlog_rank": "1", "signature_rank": "1", "level7_rank": "1",
            "composite_rank": "1",
            "backlog_to_full": "0",                     // ⌈1 × 2⌉ − 2
            "signature_to_priority": "0",               // ⌈0.95 × 9⌉ − 9 = 9 − 9
            "recent_participation_to_full": "2",        // ⌈1 × 3⌉ − 1
            "e2e_to_first": "1",                        // first is B at 1: ⌈1 × 4⌉ − 3
            "level7_to_first": "0",                     // first is 1/5 (A, C): ⌈10/5⌉ − 2
            "period_final": "false",
        ], "A@D1")
        Self.expect(units.row(["bloc": "spp", "unit_id": "B"]), [
            "e2e_total": "2", "e2e_done": "2", "e2e_rate": "1.000000",    // b-c1, b-c2 on 01/09, both end-to-end
            "matter_total": "0", "matter_e2e_rate": "",                    // no matter: empty, 0 in the composite
            "backlog_total": "3", "backlog_cleared": "2",  // b-bk1 (closed 01/08), b-bk2 (10/10), b-bk4 (open); b-bk3 closed
            "backlog_rate": "0.666667",                 //   10/12 is neither open nor touched by 20/10; b-bk6 never entered: 2/3
            "stale_records": "1",                       // b-bk4: open since 01/04 (b-bk6 has no entered_on)
            "docs_total": "20", "docs_signed": "19", "signature_rate": "0.950000",
            "signature_priority": "true",               // 19/20 = 0.95 exactly, compared exactly
            "level7_staff": "0", "level7_rate": "0.000000",  // b1 is at level 6 on 10/10: 0/8
            "ai_classes_met": "false",                  // one class (15/09) by 20/10
            "active_staff": "2", "recent_learners": "1", "recent_participation_rate": "0.500000",  // b1 studied 10/10
            // 25×1 + 15×0 + 15×2/3 + 10×0.95 + 15×0 + 10×1/2 + 0 = 25 + 10 + 9.5 + 5
            "composite_score": "49.5000",
            "points_matter_e2e_rate": "0.0000", "points_backlog_rate": "10.0000", "points_signature_rate": "9.5000",
            "e2e_rank": "1", "matter_e2e_rank": "", "backlog_rank": "3", "signature_rank": "2", "level7_rank": "3",
            "composite_rank": "2",
            "backlog_to_full": "1",                     // ⌈3⌉ − 2
            "signature_to_priority": "0",               // ⌈0.95 × 20⌉ − 19 = 19 − 19
            "signature_to_first": "1",                  // first is A at 1: ⌈20⌉ − 19
            "level7_to_first": "2",                     // ⌈(1/5) × 8⌉ − 0 = ⌈1.6⌉
        ], "B@D1")
        Self.expect(units.row(["bloc": "spp", "unit_id": "C"]), [
            "e2e_total": "1", "e2e_done": "0", "e2e_rate": "0.000000",    // c-c1, not end-to-end: a rate of 0 is ranked
            "backlog_total": "1", "backlog_cleared": "1", "backlog_rate": "1.000000",   // c-bk1 (20/08); c-bk2 closes 18/12
            "stale_records": "1",                       // c-c1: open, last touched 20/07 ≤ 20/09
            "signature_rate": "0.500000", "signature_priority": "false",  // 2/4
            "signature_to_priority": "2",               // ⌈0.95 × 4⌉ − 2 = 4 − 2
            "level7_staff": "1", "level7_rate": "0.200000",   // c1 level 7: 1/5
            "ai_classes_met": "false",                  // c-t1 (01/08) only; c-t0 (20/06) is before the period
            "recent_participation_rate": "0.500000",    // c2 studied 19/10 (disciplined, still active): 1/2
            "composite_score": "28.0000",               // 0 + 0 + 15 + 10×0.5 + 15×0.2 + 10×0.5 + 0 = 15 + 5 + 3 + 5
            "e2e_rank": "3", "backlog_rank": "1", "signature_rank": "3", "level7_rank": "1", "composite_rank": "3",
            "e2e_to_first": "1",                        // ⌈1 × 1⌉ − 0
        ], "C@D1")
        for f in ["F1", "F2", "F3", "F4"] {                // no rows, no staff: every rate empty but level7 (0/4)
            Self.expect(units.row(["bloc": "spp", "unit_id": f]), [
                "e2e_rate": "", "backlog_rate": "", "signature_rate": "", "signature_priority": "false",
                "level7_rate": "0.000000", "active_staff": "0", "recent_participation_rate": "",
                "composite_score": "0.0000", "composite_rank": "4", "level7_rank": "3", "e2e_rank": "",
                "backlog_to_full": "", "signature_to_priority": "", "level7_to_first": "1",   // ⌈(1/5) × 4⌉ − 0
            ], "\(f)@D1")
        }
    }

    @Test("after the deadlines (D2 = 20/12/2026): the SPP bloc")
    func sppAfter() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.after])
        defer { db.drop() }
        let units = try SecondPlanCSV(scratch, SecondPlan.after, "unit_metrics")
        Self.expect(units.row(["bloc": "spp", "unit_id": "A"]), [
            "e2e_total": "5", "e2e_done": "4", "e2e_rate": "0.800000",    // a-c5 (05/11, end-to-end) now counts: 4/5
            "matter_e2e_rate": "0.500000", "backlog_rate": "1.000000", "stale_records": "1",
            "docs_total": "10", "docs_signed": "9", "signature_rate": "0.900000",   // a-d10 (01/11, unsigned): 9/10
            "signature_priority": "false",              // 0.9 < 0.95
            "level7_staff": "3", "level7_rate": "0.300000",  // a3 reached level 9 on 01/12: 3/10
            "recent_learners": "1", "recent_participation_rate": "0.333333",  // a3 (01/12); a1's last study 14/10
            // 25×0.8 + 15×0.5 + 15×1 + 10×0.9 + 15×0.3 + 10×1/3 + 10×1 = 20 + 7.5 + 15 + 9 + 4.5 + 3.3333… + 10
            "composite_score": "69.3333",
            "points_e2e_rate": "20.0000", "points_signature_rate": "9.0000", "points_level7_rate": "4.5000",
            "e2e_rank": "2", "signature_rank": "2", "level7_rank": "1", "composite_rank": "1",
            "signature_to_priority": "1",               // ⌈0.95 × 10⌉ − 9 = 10 − 9
            "signature_to_first": "1",                  // first is B at 19/20: ⌈0.95 × 10⌉ − 9
            "e2e_to_first": "1",                        // ⌈1 × 5⌉ − 4
        ], "A@D2")
        Self.expect(units.row(["bloc": "spp", "unit_id": "B"]), [
            "backlog_total": "4", "backlog_cleared": "3",  // b-bk3 (closed 10/12) is now touched in the period
            "backlog_rate": "0.750000",                 // 3/4
            "level7_staff": "1", "level7_rate": "0.125000",  // b1 level 7 on 15/12: 1/8
            "ai_classes_met": "true",                   // second class 10/11
            "recent_participation_rate": "0.500000",    // b1 studied 15/12
            // 25×1 + 0 + 15×3/4 + 10×0.95 + 15×1/8 + 10×1/2 + 10×1 = 25 + 11.25 + 9.5 + 1.875 + 5 + 10
            "composite_score": "62.6250",
            "points_backlog_rate": "11.2500", "points_level7_rate": "1.8750", "points_ai_classes_met": "10.0000",
            "signature_rank": "1", "backlog_rank": "3", "level7_rank": "3", "composite_rank": "2",
            "backlog_to_full": "1",                     // ⌈4⌉ − 3
            "level7_to_first": "2",                     // first is A at 3/10: ⌈0.3 × 8⌉ − 1 = 3 − 1
        ], "B@D2")
        Self.expect(units.row(["bloc": "spp", "unit_id": "C"]), [
            "backlog_total": "2", "backlog_cleared": "2", "backlog_rate": "1.000000",   // c-bk2 closed 18/12
            "stale_records": "1",                       // c-c1 (20/07 ≤ 20/11)
            "recent_learners": "0", "recent_participation_rate": "0.000000",  // c2's 19/10 is before 21/11
            "recent_participation_to_full": "2",        // ⌈2⌉ − 0
            "ai_classes_met": "false",
            "composite_score": "23.0000",               // 15 + 10×0.5 + 15×0.2 = 15 + 5 + 3
            "level7_rank": "2", "composite_rank": "3",
            "level7_to_first": "1",                     // ⌈0.3 × 5⌉ − 1 = 2 − 1
        ], "C@D2")
        Self.expect(units.row(["bloc": "spp", "unit_id": "F1"]), [
            "composite_score": "0.0000", "composite_rank": "4", "level7_rank": "4",
            "level7_to_first": "2",                     // ⌈0.3 × 4⌉ − 0 = ⌈1.2⌉
        ], "F1@D2")
    }

    @Test("the province on its whole subtree and its department on its own rows, both days")
    func province() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after])
        defer { db.drop() }
        for (day, recent, composite) in [(SecondPlan.before, "0.500000", "50.0484"), (SecondPlan.after, "0.000000", "45.0484")] {
            let units = try SecondPlanCSV(scratch, day, "unit_metrics")
            Self.expect(units.row(["bloc": "provincial", "unit_id": "P"]), [
                "headcount": "310",                     // 250 + 60
                "e2e_total": "2", "e2e_done": "1", "e2e_rate": "0.500000",   // p-c1 done, d-c1 not
                "matter_total": "1", "matter_e2e_rate": "1.000000",          // d-m1
                "backlog_total": "0", "backlog_rate": "", "backlog_to_full": "",
                "docs_total": "4", "docs_signed": "3", "signature_rate": "0.750000",   // P 2/2, PD 1/2
                "signature_to_priority": "1",           // ⌈0.95 × 4⌉ − 3 = 4 − 3
                "level7_staff": "1", "level7_rate": "0.003226",   // p1 level 10: 1/310 = 0.0032258…
                "ai_classes_met": "true",               // P 15/07 + PD 01/10: 2 on the whole scope
                "active_staff": "2",
                "recent_participation_rate": recent,    // p1 studied 30/09: in [21/09, 20/10], not in [21/11, 20/12]
                // 25×1/2 + 15×1 + 0 + 10×3/4 + 15×1/310 + 10×recent + 10 = 12.5 + 15 + 7.5 + 0.048387… + (5 | 0) + 10
                "composite_score": composite,
                "points_level7_rate": "0.0484",         // 15/310 = 0.048387…
                "composite_rank": "1", "e2e_rank": "1", "backlog_rank": "",
                "parent_id": "", "province_id": "P",
            ], "P@\(day)")
            Self.expect(units.row(["bloc": "sub:P", "unit_id": "PD"]), [
                "headcount": "60", "e2e_rate": "0.000000", "matter_e2e_rate": "1.000000", "signature_rate": "0.500000",
                "level7_rate": "0.000000", "ai_classes_met": "false", "recent_participation_rate": "0.000000",
                "composite_score": "20.0000",           // 0 + 15×1 + 0 + 10×0.5 + 0 + 0 + 0
                "parent_id": "P", "province_id": "P",
            ], "PD@\(day)")
        }
    }

    @Test("run.csv names the plan, its period, the 95 % line and both weight tables")
    func runFile() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.after])
        defer { db.drop() }
        let run = try SecondPlanCSV(scratch, SecondPlan.after, "run").row([:])
        Self.expect(run, [
            "plan_name": "KH-TĐ-6T-2026", "plan_title": "Kế hoạch thi đua 6 tháng cuối năm 2026",
            "period_start": "2026-07-01", "period_end": "2026-12-31", "window_end": "2026-12-20", "period_final": "false",
            "signature_priority_rate": "0.950000",
            "weight_e2e_rate": "25.0000", "weight_matter_e2e_rate": "15.0000", "weight_backlog_rate": "15.0000",
            "weight_signature_rate": "10.0000", "weight_level7_rate": "15.0000",
            "weight_recent_participation_rate": "10.0000", "weight_ai_classes_met": "10.0000",
            "individual_weight_cases_e2e": "30.0000", "individual_weight_no_backlog": "20.0000",
            "individual_weight_level": "20.0000", "individual_weight_regular_study": "20.0000",
            "individual_weight_contribution": "10.0000",
        ], "run")
        #expect(try SecondPlanCSV(scratch, SecondPlan.after, "anomalies").rows.isEmpty, "the fixture keeps the contract")
    }
}
