import Foundation
import Testing
import TestSupport

/// Issue 23: the second plan checked by hand (continued): individual scores, both milestones before
/// and after their deadlines, quotas and shortlists, dossiers and the records to fix. Fixture and
/// days as in `SecondPlan`; weeks_in_period = ⌈112/7⌉ = 16 at D1 (01/07–20/10) and ⌈173/7⌉ = 25 at
/// D2 (01/07–20/12). Score = 30 × cases_e2e / bloc max + 20 × (cases > 0, no stale) + 20 × level/10
/// + 20 × active_weeks / weeks + 10 × (trainer or initiative).
@Suite("the second plan, checked by hand: staff, milestones, awards (PLAN-LANGUAGE.md §21)")
struct SecondPlanStaffTests {
    static func expect(_ row: [String: String], _ expected: KeyValuePairs<String, String>, _ who: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        SecondPlanHandTests.expect(row, expected, who, sourceLocation: sourceLocation)
    }

    @Test("two individual scores (and the rest of their blocs) before and after")
    func scores() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after])
        defer { db.drop() }
        let d1 = try SecondPlanCSV(scratch, SecondPlan.before, "staff_metrics")
        let d2 = try SecondPlanCSV(scratch, SecondPlan.after, "staff_metrics")
        // a1: prosecutor of a-c1, a-c2 (end-to-end), a-m1 (end-to-end), a-m2; studies on 01/07 + 7k, k = 0…15 (week k).
        Self.expect(d1.row(["staff_id": "a1"]), [
            "bloc": "staff:A", "cases_total": "4", "cases_e2e": "3", "stale_records": "0",
            "level_now": "8", "level_frozen": "8", "active_weeks": "16", "weeks_in_period": "16", "studied_30d": "true",
            "trainings_led": "1",                       // trainer of a-t1 (05/08)
            "initiatives_recognized": "0", "disciplined": "false",
            "score": "96.0000",                         // 30 × 3/3 + 20 + 20 × 8/10 + 20 × 16/16 + 10 = 30 + 20 + 16 + 20 + 10
            "rank": "1",
        ], "a1@D1")
        Self.expect(d2.row(["staff_id": "a1"]), [
            "active_weeks": "16", "weeks_in_period": "25", "studied_30d": "false",   // last study 14/10
            "score": "88.8000",                         // 30 × 3/3 + 20 + 16 + 20 × 16/25 + 10 = 30 + 20 + 16 + 12.8 + 10
            "rank": "1",
        ], "a1@D2")
        // b1: b-c1, b-c2 (both end-to-end) and the stale backlog record b-bk4; LuyenAI 15/06 (before), 10/10, 15/12.
        Self.expect(d1.row(["staff_id": "b1"]), [
            "cases_total": "2", "cases_e2e": "2", "stale_records": "1", "level_now": "6", "active_weeks": "1",
            "disciplined": "false",                     // discipline ended 15/06, before the period
            "score": "43.2500",                         // 30 × 2/2 + 0 (a stale record) + 20 × 6/10 + 20 × 1/16 + 0 = 30 + 12 + 1.25
            "rank": "1",
        ], "b1@D1")
        Self.expect(d2.row(["staff_id": "b1"]), [
            "level_now": "7", "level_frozen": "7",
            "active_weeks": "2",                        // weeks ⌊101/7⌋ = 14 and ⌊167/7⌋ = 23
            "score": "45.6000",                         // 30 + 0 + 20 × 7/10 + 20 × 2/25 + 0 = 30 + 14 + 1.6
        ], "b1@D2")
        // The rest, score only.
        let others: [(String, String, String)] = [
            ("a2", "45.2500", "54.8000"),   // D1: 30 × 1/3 + 20 + 14 + 20/16 = 10 + 20 + 14 + 1.25; D2: 30 × 2/3 + 20 + 14 + 20/25
            ("a3", "0.0000", "18.8000"),    // no case, no level yet; D2: level 9 → 18, one week (⌊153/7⌋ = 21) → 0.8
            ("b2", "10.0000", "10.0000"),   // only the initiative recognized 10/08 (she attended a class, did not train)
            ("c1", "15.2500", "14.8000"),   // bloc max 0 → 0; stale c-c1 → 0; 20 × 7/10 = 14; one week 1.25 / 0.8
            ("c2", "7.2500", "6.8000"),     // 20 × 3/10 = 6; one week (⌊110/7⌋ = 15)
            ("p1", "71.2500", "70.8000"),   // 30 × 1/1 + 20 + 20 × 10/10 + one week
            ("d1", "50.0000", "50.0000"),   // 30 × 1/1 (d-m1; bloc max 1) + 20 (d-c1, d-m1, nothing stale)
        ]
        for (id, before, after) in others {
            #expect(d1.row(["staff_id": id])["score"] == before, "\(id)@D1")
            #expect(d2.row(["staff_id": id])["score"] == after, "\(id)@D2")
        }
        #expect(d1.row(["staff_id": "a2"])["level_now"] == "7", "a 0-minute row still carries the level")
        #expect(d1.row(["staff_id": "a2"])["trainings_led"] == "0", "an organizer is not a trainer")
        #expect(d1.row(["staff_id": "a3"])["level_now"] == "", "no row on or before E")
        #expect(d1.row(["staff_id": "c2"])["disciplined"] == "true")
        #expect(d1.row(["staff_id": "p1"])["bloc"] == "staff:P" && d1.row(["staff_id": "d1"])["bloc"] == "staff:P")
        #expect(!d1.rows.contains { $0["staff_id"] == "a4" }, "inactive staff are not listed")
    }

    @Test("both milestones, before and after their deadlines")
    func milestones() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after])
        defer { db.drop() }
        let d1 = try SecondPlanCSV(scratch, SecondPlan.before, "milestones")
        let d2 = try SecondPlanCSV(scratch, SecondPlan.after, "milestones")
        func m(_ csv: SecondPlanCSV, _ unit: String, _ id: String) -> [String: String] {
            csv.row(["unit_id": unit, "milestone": id])
        }
        // backlog_clearance: all_done, deadline 15/12, done_on last_updated_on, pace 14 days.
        Self.expect(m(d1, "A", "backlog_clearance"), ["deadline": "2026-12-15", "status": "met", "value": "2", "target": "2",
            "completed_on": "2026-09-30", "projected_on": "", "clause": "II.2"], "A@D1")   // latest close: a-bk2 30/09
        Self.expect(m(d2, "A", "backlog_clearance"), ["status": "met", "completed_on": "2026-09-30"], "A@D2")
        // B at D1: 2 of 3; one closed in [07/10, 20/10] (b-bk2, 10/10): 20/10 + ⌈1 × 14 / 1⌉ = 03/11 ≤ 15/12
        Self.expect(m(d1, "B", "backlog_clearance"), ["status": "pending", "value": "2", "target": "3",
            "completed_on": "", "projected_on": "2026-11-03"], "B@D1")
        // B at D2: 3 of 4, after the deadline; one closed in [07/12, 20/12] (b-bk3, 10/12): 20/12 + 14 = 03/01/2027
        Self.expect(m(d2, "B", "backlog_clearance"), ["status": "missed", "value": "3", "target": "4",
            "completed_on": "", "projected_on": "2027-01-03"], "B@D2")
        // C: at D1 only c-bk1 (closed 20/08) is in the backlog; at D2 c-bk2 closed 18/12 > 15/12
        Self.expect(m(d1, "C", "backlog_clearance"), ["status": "met", "value": "1", "target": "1", "completed_on": "2026-08-20"], "C@D1")
        Self.expect(m(d2, "C", "backlog_clearance"), ["status": "met_late", "value": "2", "target": "2", "completed_on": "2026-12-18"], "C@D2")
        for csv in [d1, d2] {                           // nothing to clear: when_empty
            Self.expect(m(csv, "F1", "backlog_clearance"), ["status": "not_applicable", "value": "0", "target": "0"], "F1")
            Self.expect(m(csv, "P", "backlog_clearance"), ["status": "not_applicable", "value": "0", "target": "0"], "P")
        }
        // ai_classes: first_reached k = 2, deadline 31/10; the day the second class was held, on the whole scope.
        Self.expect(m(d1, "A", "ai_classes"), ["deadline": "2026-10-31", "status": "met", "value": "2", "target": "2",
            "completed_on": "2026-09-10", "clause": "III.2"], "A@D1")
        Self.expect(m(d2, "A", "ai_classes"), ["status": "met", "completed_on": "2026-09-10"], "A@D2")
        Self.expect(m(d1, "B", "ai_classes"), ["status": "pending", "value": "1", "completed_on": ""], "B@D1")    // 15/09 only
        Self.expect(m(d2, "B", "ai_classes"), ["status": "met_late", "value": "2", "completed_on": "2026-11-10"], "B@D2")
        Self.expect(m(d1, "C", "ai_classes"), ["status": "pending", "value": "1"], "C@D1")
        Self.expect(m(d2, "C", "ai_classes"), ["status": "missed", "value": "1"], "C@D2")
        Self.expect(m(d1, "F1", "ai_classes"), ["status": "pending", "value": "0", "target": "2"], "F1@D1")
        Self.expect(m(d2, "F1", "ai_classes"), ["status": "missed", "value": "0"], "F1@D2")
        Self.expect(m(d1, "P", "ai_classes"), ["status": "met", "value": "2", "completed_on": "2026-10-01"], "P@D1")  // P 15/07, PD 01/10
        Self.expect(m(d2, "PD", "ai_classes"), ["status": "missed", "value": "1"], "PD@D2")
        #expect(d1.rows.count == 9 * 2, "two rows per bloc member")
    }

    @Test("quotas and shortlists: 15 % of seven, rounded down; the 95 % signature line before the composite")
    func shortlist() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after])
        defer { db.drop() }
        for day in [SecondPlan.before, SecondPlan.after] {
            let csv = try SecondPlanCSV(scratch, day, "award_shortlist")
            func n(_ id: String) -> [String: String] { csv.row(["nominee_id": id]) }
            // Collective: spp ⌊0.15 × 7⌋ = ⌊1.05⌋ = 1; provincial ⌊0.15 × 1⌋ = 0; sub:P ⌊0.15 × 1⌋ = 0.
            // Individual: 1 per SPP unit; P's staff bloc by H = 310: 300 ≤ H ≤ 500 → 5.
            for (id, quota) in [("A", "1"), ("P", "0"), ("PD", "0"), ("a1", "1"), ("b1", "1"), ("c1", "1"), ("p1", "5")] {
                #expect(n(id)["quota"] == quota, "\(id)@\(day) quota")
            }
            Self.expect(n("C"), ["position": "", "status": "excluded", "reason": "discipline"], "C@\(day)")   // c2 disciplined
            Self.expect(n("c2"), ["position": "", "status": "excluded", "reason": "discipline"], "c2@\(day)")
            Self.expect(n("c1"), ["position": "1", "status": "proposed"], "c1@\(day)")
            Self.expect(n("a1"), ["position": "1", "status": "proposed"], "a1@\(day)")
            Self.expect(n("a2"), ["position": "2", "status": "reserve"], "a2@\(day)")
            Self.expect(n("a3"), ["position": "3", "status": "reserve"], "a3@\(day)")     // not a direct worker: last
            Self.expect(n("b1"), ["position": "1", "status": "proposed"], "b1@\(day)")
            Self.expect(n("d1"), ["position": "1", "status": "proposed"], "d1@\(day)")    // direct worker first
            Self.expect(n("p1"), ["position": "2", "status": "proposed"], "p1@\(day)")    // 2 ≤ quota 5
            Self.expect(n("P"), ["position": "1", "status": "reserve"], "P@\(day)")
            Self.expect(n("F1"), ["position": "3", "status": "reserve"], "F1@\(day)")
            Self.expect(n("F4"), ["position": "6", "status": "reserve"], "F4@\(day)")
        }
        // D1: A (9/9 ≥ 95 %, 67.5833) and B (19/20, 49.5) both on the line: A first on the composite.
        let d1 = try SecondPlanCSV(scratch, SecondPlan.before, "award_shortlist")
        Self.expect(d1.row(["nominee_id": "A"]), ["position": "1", "status": "proposed"], "A@D1")
        Self.expect(d1.row(["nominee_id": "B"]), ["position": "2", "status": "reserve"], "B@D1")
        // D2: A falls to 9/10 < 95 %; B (62.625) on the line goes before A (69.3333).
        let d2 = try SecondPlanCSV(scratch, SecondPlan.after, "award_shortlist")
        Self.expect(d2.row(["nominee_id": "B"]), ["position": "1", "status": "proposed"], "B@D2")
        Self.expect(d2.row(["nominee_id": "A"]), ["position": "2", "status": "reserve"], "A@D2")
        #expect(d2.rows.map { $0["nominee_id"] ?? "" } == ["a1", "a2", "a3", "b1", "b2", "c1", "c2", "d1", "p1",
                                                          "B", "A", "F1", "F2", "F3", "F4", "C", "P", "PD"])
    }

    @Test("dossiers against 09/01/2027 and the stale records to fix")
    func dossiersAndRecords() throws {
        let (db, scratch) = try SecondPlan.run(days: [SecondPlan.before, SecondPlan.after])
        defer { db.drop() }
        let d1 = try SecondPlanCSV(scratch, SecondPlan.before, "dossiers")
        let d2 = try SecondPlanCSV(scratch, SecondPlan.after, "dossiers")
        // dA is submitted 01/12: not yet at D1 (09/01/2027 − 20/10/2026 = 11 + 30 + 31 + 9 = 81 days), accepted at D2.
        Self.expect(d1.row(["dossier_id": "dA"]), ["submitted_on": "", "status": "pending", "missing_parts": "", "days_left": "81"], "dA@D1")
        Self.expect(d2.row(["dossier_id": "dA"]), ["submitted_on": "2026-12-01", "status": "accepted", "days_left": ""], "dA@D2")
        for csv in [d1, d2] {
            Self.expect(csv.row(["dossier_id": "dB"]), ["status": "incomplete", "missing_parts": "minutes;impact_confirmation"], "dB")
            Self.expect(csv.row(["dossier_id": "dC"]), ["status": "unit_level", "missing_parts": ""], "dC")
        }
        // dD never submitted: pending, 20 days left at D2 (11 + 9).
        Self.expect(d2.row(["dossier_id": "dD"]), ["status": "pending", "days_left": "20",
            "missing_parts": "proposal;minutes;achievement_report;impact_confirmation"], "dD@D2")
        // Records to fix: stale_records only (open, last touched ≤ E − 30), by unit, accepted_on, case_id.
        for day in [SecondPlan.before, SecondPlan.after] {
            let records = try SecondPlanCSV(scratch, day, "data_quality_records").rows
            #expect(records.map { $0["case_id"] ?? "" } == ["a-open", "b-bk4", "c-c1"], "\(day)")
            #expect(records.allSatisfy { $0["problem"] == "stale" })
        }
    }
}
