import Foundation
@testable import ThiDuaCore

/// The second plan, PLAN-LANGUAGE.md §21 ("Kế hoạch thi đua 6 tháng cuối năm 2026"), typed by hand:
/// no `output.unit_metrics`, so its columns follow §15's default order.
func typedPlanPart3() -> Plan {
    var b = PlanBuilder()
    for (id, text) in [("period_start", "2026-07-01"), ("period_end", "2026-12-31"), ("backlog_before", "2026-05-31"),
                       ("backlog_deadline", "2026-12-15"), ("ai_class_deadline", "2026-10-31"), ("dossier_deadline", "2027-01-09"),
                       ("level_freeze", "2026-12-31"), ("level_day", "min(E, level_freeze)"), ("stale_cutoff", "E - 30d")] {
        b.day(id, text)
    }
    b.window("period", "period_start", "E")
    b.window("last30", "E - 29d", "E")
    let period = b.win("period")
    let accepted = cond("accepted_on", .within(period))
    let e2e = cond("end_to_end", .eq(.bool(true)))
    let enteredByE = cond("entered_on", .onOrBefore(.windowEnd))
    let backlog = [cond("accepted_on", .onOrBefore(b.d("backlog_before"))), enteredByE,
                   whereAny(whereAll(cond("status", .eq(.text("open")))), whereAll(cond("last_updated_on", .within(period))))]
    let stale = whereAll(cond("accepted_on", .onOrBefore(.windowEnd)), enteredByE, cond("status", .eq(.text("open"))),
                    cond("last_updated_on", .onOrBefore(b.d("stale_cutoff"))))

    b.metric("cases_total", .count(relation: "case_record", where: whereAll(accepted)))
    b.metric("cases_e2e", .count(relation: "case_record", where: whereAll(accepted, e2e)))
    b.metric("stale_records", .count(relation: "case_record", where: stale))
    b.metric("level_now", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .windowEnd, where: .always))
    b.metric("level_frozen", .latest(relation: "luyenai_daily", column: "level", onOrBefore: b.d("level_day"), where: .always))
    b.metric("active_weeks", .distinctWeeks(relation: "luyenai_daily", window: period, where: whereAll(cond("minutes", .gt(.literal(0))))))
    b.metric("weeks_in_period", .weeksIn(period))
    b.metric("studied_30d", .exists(relation: "luyenai_daily", where: whereAll(cond("minutes", .gt(.literal(0))), cond("day", .within(b.win("last30"))))))
    b.metric("trainings_led", .count(relation: "training_session", where: whereAll(linkCond("role", .eq(.text("trainer"))), cond("held_on", .within(period)))))
    b.metric("initiatives_recognized", .count(relation: "initiative", where: whereAll(cond("recognized_on", .within(period)))))
    b.metric("disciplined", .exists(relation: "discipline", where: whereAll(cond("from_on", .onOrBefore(.windowEnd)),
        whereAny(whereAll(cond("to_on", .isNull(true))), whereAll(cond("to_on", .onOrAfter(b.d("period_start"))))))))

    b.rows("e2e_total", "case_record", whereAll(cond("kind", .eq(.text("case"))), accepted))
    b.rows("e2e_done", "case_record", whereAll(cond("kind", .eq(.text("case"))), accepted, e2e))
    b.rows("matter_total", "case_record", whereAll(cond("kind", .eq(.text("matter"))), accepted))
    b.rows("matter_done", "case_record", whereAll(cond("kind", .eq(.text("matter"))), accepted, e2e))
    b.rows("backlog_total", "case_record", .all(backlog))
    b.rows("backlog_cleared", "case_record", .all(backlog + [cond("status", .eq(.text("closed"))), cond("last_updated_on", .within(period))]))
    b.rows("stale_records", "case_record", stale)
    b.rows("docs_total", "procedural_document", whereAll(cond("issued_on", .within(period))))
    b.rows("docs_signed", "procedural_document", whereAll(cond("issued_on", .within(period)), cond("digitally_signed", .eq(.bool(true)))))
    b.rows("ai_classes", "training_session", whereAll(cond("topic", .eq(.text("ai"))), cond("format", .eq(.text("class"))), cond("held_on", .within(period))))
    b.staff("level7_staff", whereAll(b.usesMetric("level_frozen", .gte(.literal(7)))))
    b.staff("active_staff")
    b.staff("recent_learners", whereAll(b.usesMetric("studied_30d", .eq(.bool(true)))))

    b.rate("e2e", "e2e_done", "e2e_total", rank: true, clause: "II.1.a")
    b.rate("matter_e2e", "matter_done", "matter_total", rank: true, clause: "II.1.b")
    b.rate("backlog", "backlog_cleared", "backlog_total", rank: true, toFull: true, clause: "II.2")
    b.count("stale_records", clause: "II.2")
    b.rate("signature", "docs_signed", "docs_total", rank: true, priorityAt: Fraction(95, 100), clause: "II.3")
    b.rate("level7", "level7_staff", "headcount", rank: true, bounded: false, clause: "III.1")
    b.atLeast("ai_classes", "ai_classes", k: 2, clause: "III.2")
    b.rate("recent_participation", "recent_learners", "active_staff", toFull: true, clause: "III.3")

    for (part, w) in [("e2e_rate", 25), ("matter_e2e_rate", 15), ("backlog_rate", 15), ("signature_rate", 10), ("level7_rate", 15),
                      ("recent_participation_rate", 10), ("ai_classes_met", 10)] {
        b.part(part, w)
    }
    b.scorePart("cases_e2e", 30, .shareOfBlocMax(metric: b.metric("cases_e2e")))
    b.scorePart("no_backlog", 20, .when(whereAll(b.usesMetric("cases_total", .gt(.literal(0))), b.usesMetric("stale_records", .eq(.int(0))))))
    b.scorePart("level", 20, .scaled(metric: b.metric("level_now"), max: 10))
    b.scorePart("regular_study", 20, .ratio(metric: b.metric("active_weeks"), over: b.metric("weeks_in_period")))
    b.scorePart("contribution", 10, .when(whereAll(whereAny(whereAll(b.usesMetric("trainings_led", .gte(.literal(1)))),
                                                  whereAll(b.usesMetric("initiatives_recognized", .gte(.literal(1))))))))

    func measure(_ id: String) -> Int { b.measures.firstIndex { $0.id == id }! }
    b.milestone("backlog_clearance", .allDone(value: measure("backlog_cleared"), target: measure("backlog_total"),
                                              doneOn: .column("last_updated_on"), whenEmpty: .notApplicable, paceDays: 14),
                deadline: "backlog_deadline", clause: "II.2")
    b.milestone("ai_classes", .firstReached(measure: measure("ai_classes"), k: 2), deadline: "ai_class_deadline", clause: "III.2")

    return b.plan(name: "KH-TĐ-6T-2026", title: "Kế hoạch thi đua 6 tháng cuối năm 2026",
                  unitOrder: [.priority(criterion: b.c("signature")), .composite],
                  eligibility: [EligibilityRule(reason: "discipline", staffFlag: b.metric("disciplined"), excludesStaff: true, excludesUnits: true, label: nil)],
                  dossierDeadline: "dossier_deadline", recordsToFix: [("stale", "stale_records")], collectiveShare: "0.15", layout: nil)
}
