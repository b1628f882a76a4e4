import Foundation
@testable import ThiDuaCore

/// Plan 251 as PLAN-LANGUAGE.md §19 lists it, typed by hand (without the `doc:` lines and
/// `output.column_docs` the shipped file adds, decided 4).
func typedPlan251(layout: Bool = true) -> Plan {
    var b = PlanBuilder()
    for (id, text) in [("period_start", "2025-12-12"), ("period_end", "2026-06-30"), ("infra_deadline", "2025-12-19"),
                       ("go_live", "2026-01-01"), ("retro_from", "2025-10-01"), ("retro_to", "2025-12-31"),
                       ("retro_deadline", "2026-01-01"), ("proficiency_deadline", "2026-01-01"), ("luyenai_cutoff", "2025-12-31"),
                       ("dossier_deadline", "2026-06-29"), ("level_day", "min(E, luyenai_cutoff)"), ("stale_cutoff", "E - 30d")] {
        b.day(id, text)
    }
    b.window("e2e", "go_live", "E")
    b.window("retro", "retro_from", "min(retro_to, E)")
    b.window("quality", "retro_from", "E")
    b.window("period", "period_start", "E")
    b.window("proficiency", "E - 29d", "E")
    b.window("ever", "contract_start", "E")

    let e2e = cond("accepted_on", .within(b.win("e2e")))
    let retro = cond("accepted_on", .within(b.win("retro")))
    let quality = cond("accepted_on", .within(b.win("quality")))
    let enteredByE = cond("entered_on", .onOrBefore(.windowEnd))
    let period = b.win("period")
    b.rows("e2e_total", "case_record", whereAll(e2e))
    b.rows("e2e_done", "case_record", whereAll(e2e, cond("end_to_end", .eq(.bool(true)))))
    b.rows("retro_total", "case_record", whereAll(retro))
    b.rows("retro_entered", "case_record", whereAll(retro, enteredByE))
    b.rows("retro_not_entered", "case_record", whereAll(retro, cond("entered_on", .notBy(.windowEnd))))
    b.rows("quality_total", "case_record", whereAll(quality, enteredByE))
    b.rows("quality_clean", "case_record", whereAll(quality, enteredByE, cond("missing_required_fields", .lte(.literal(0))),
                                               cond("error_count", .lte(.literal(0)))))
    b.rows("missing_field_records", "case_record", whereAll(quality, enteredByE, cond("missing_required_fields", .gt(.literal(0)))))
    b.rows("error_records", "case_record", whereAll(quality, enteredByE, cond("error_count", .gt(.literal(0)))))
    b.rows("stale_records", "case_record", whereAll(quality, enteredByE, cond("status", .eq(.text("open"))),
                                               cond("last_updated_on", .onOrBefore(b.d("stale_cutoff")))))
    let issued = cond("issued_on", .within(b.win("e2e")))
    b.rows("docs_total", "procedural_document", whereAll(issued))
    b.rows("docs_signed", "procedural_document", whereAll(issued, cond("digitally_signed", .eq(.bool(true)))))
    b.rows("docs_electronic", "procedural_document", whereAll(issued, cond("electronic", .eq(.bool(true)))))
    let held = cond("held_on", .within(period))
    let qlahs = cond("topic", .eq(.text("qlahs"))), ai = cond("topic", .eq(.text("ai")))
    let classes = cond("format", .isIn([.text("class"), .text("seminar")]))
    b.rows("qlahs_trainings", "training_session", whereAll(qlahs, held))
    b.rows("ai_trainings", "training_session", whereAll(ai, held))
    b.rows("qlahs_classes", "training_session", whereAll(qlahs, classes, held))
    b.rows("qlahs_hands_on", "training_session", whereAll(qlahs, cond("format", .eq(.text("hands_on"))), held))
    b.expression("qlahs_training_value", "qlahs_classes + qlahs_hands_on // 2", unit: "sessions")
    b.rows("ai_classes", "training_session", whereAll(ai, classes, held))
    let recognized = cond("recognized_on", .within(period))
    b.rows("qlahs_initiatives", "initiative", whereAll(qlahs, recognized))
    b.rows("ai_products", "initiative", whereAll(ai, cond("in_regular_use", .eq(.bool(true))), recognized))

    // Staff metrics come before the staff counts that test them.
    let ever = b.win("ever")
    b.metric("cases_total", .count(relation: "case_record", where: whereAll(e2e)))
    b.metric("cases_e2e", .count(relation: "case_record", where: whereAll(e2e, cond("end_to_end", .eq(.bool(true))))))
    b.metric("stale_records", .count(relation: "case_record", where: whereAll(quality, enteredByE, cond("status", .eq(.text("open"))),
                                                                         cond("last_updated_on", .onOrBefore(b.d("stale_cutoff"))))))
    b.metric("error_records", .count(relation: "case_record", where: whereAll(quality, enteredByE, cond("error_count", .gt(.literal(0))))))
    b.metric("level_now", .latest(relation: "luyenai_daily", column: "level", onOrBefore: .windowEnd, where: .always))
    b.metric("level_cutoff", .latest(relation: "luyenai_daily", column: "level", onOrBefore: b.d("level_day"), where: .always))
    b.metric("study_minutes", .sum(relation: "luyenai_daily", column: "minutes", where: whereAll(cond("day", .within(period)))))
    b.metric("active_weeks", .distinctWeeks(relation: "luyenai_daily", window: period, where: whereAll(cond("minutes", .gt(.literal(0))))))
    b.metric("weeks_in_period", .weeksIn(period))
    b.metric("trainings_led", .count(relation: "training_session", where: whereAll(linkCond("role", .eq(.text("trainer"))), held)))
    b.metric("core_group_member", .exists(relation: "core_group", where: whereAll(cond("established_on", .onOrBefore(.windowEnd)))))
    b.metric("initiatives_recognized", .count(relation: "initiative", where: whereAll(recognized)))
    b.metric("disciplined", .exists(relation: "discipline", where: whereAll(cond("from_on", .onOrBefore(.windowEnd)),
        whereAny(whereAll(cond("to_on", .isNull(true))), whereAll(cond("to_on", .onOrAfter(b.d("period_start"))))))))
    b.metric("first_study", .firstDay(relation: "luyenai_daily", where: whereAll(cond("minutes", .gt(.literal(0))), cond("day", .within(ever)))),
             publish: false)
    b.metric("actions_30d", .sum(relation: "platform_usage", column: "actions", where: whereAll(cond("day", .within(b.win("proficiency"))))),
             publish: false)

    let leadersAndProsecutors = staffCond("role", .isIn([.text("leader"), .text("prosecutor")]))
    b.staff("level5_staff", whereAll(b.usesMetric("level_cutoff", .gte(.literal(5)))))
    b.staff("active_staff")
    b.staff("participating_staff", whereAll(b.usesMetric("first_study", .isNull(false))))
    b.staff("leaders_and_prosecutors", whereAll(leadersAndProsecutors))
    b.staff("proficient_staff", whereAll(leadersAndProsecutors, b.usesMetric("actions_30d", .gte(.literal(1)))))
    b.rows("infra_items", "infrastructure")
    b.rows("infra_ready_items", "infrastructure", whereAll(cond("ready", .gte(.column("required"))),
        whereAny(whereAll(cond("completed_on", .isNull(true))), whereAll(cond("completed_on", .onOrBefore(.asOf))))))

    b.rate("e2e", "e2e_done", "e2e_total", rank: true, priorityAt: Fraction(98, 100), clause: "I.1, III.1.1")
    b.rate("retro", "retro_entered", "retro_total", rank: true, toFull: true, clause: "II.1")
    b.rate("quality", "quality_clean", "quality_total", rank: true, clause: "II.1")
    b.count("missing_field_records", clause: "II.1")
    b.count("error_records", clause: "II.1")
    b.count("stale_records", clause: "II.1")
    b.rate("signature", "docs_signed", "docs_total", rank: true, clause: "II.1")
    b.rate("e_record", "docs_electronic", "docs_total", clause: "II.1")
    b.count("qlahs_trainings", clause: "III.1.1")
    b.count("ai_trainings", clause: "III.2.1")
    b.atLeast("qlahs_training", "qlahs_training_value", k: 1, clause: "III.1.1")
    b.atLeast("ai_training", "ai_classes", k: 1, clause: "III.2.1")
    b.count("qlahs_initiatives", clause: "III.1.1")
    b.count("ai_products", clause: "III.2.1")
    b.rate("level5", "level5_staff", "headcount", rank: true, impossible: "level5_above_headcount", bounded: false, clause: "III.2.1")
    b.rate("participation", "participating_staff", "active_staff", toFull: true, clause: "II.2")
    b.rate("proficiency", "proficient_staff", "leaders_and_prosecutors", clause: "II.1")

    for (part, w) in [("e2e_rate", 30), ("retro_rate", 15), ("quality_rate", 15), ("signature_rate", 10), ("level5_rate", 15),
                      ("qlahs_training_met", 5), ("ai_training_met", 5)] {
        b.part(part, w)
    }
    b.part("ai_products", 5, atLeast: 1)

    b.scorePart("cases_e2e", 40, .shareOfBlocMax(metric: b.metric("cases_e2e")))
    b.scorePart("clean_record", 20, .when(whereAll(b.usesMetric("cases_total", .gt(.literal(0))), b.usesMetric("stale_records", .eq(.int(0))),
                                              b.usesMetric("error_records", .eq(.int(0))))))
    b.scorePart("level", 20, .scaled(metric: b.metric("level_now"), max: 10))
    b.scorePart("trainer_or_core", 10, .when(whereAll(whereAny(whereAll(b.usesMetric("trainings_led", .gte(.literal(1)))),
                                                     whereAll(b.usesMetric("core_group_member", .eq(.bool(true))))))))
    b.scorePart("initiative", 10, .when(whereAll(b.usesMetric("initiatives_recognized", .gte(.literal(1))))))

    func measure(_ id: String) -> Int { b.measures.firstIndex { $0.id == id }! }
    b.milestone("infra_ready", .allDone(value: measure("infra_ready_items"), target: measure("infra_items"), doneOn: .column("completed_on"),
                                        whenEmpty: .noData, paceDays: 14), deadline: "infra_deadline", clause: "II.1")
    b.milestone("retro_entry", .allDone(value: measure("retro_entered"), target: measure("retro_total"), doneOn: .column("entered_on"),
                                        whenEmpty: .notApplicable, paceDays: 14), deadline: "retro_deadline", clause: "II.1")
    b.milestone("e2e_full", .stateFrom(value: b.m("e2e_done"), target: b.m("e2e_total"), whenEmpty: .noData),
                deadline: "go_live", clause: "I.1, II.1")
    b.milestone("proficiency", .restates(criterion: b.c("proficiency"), whenEmpty: .notApplicable),
                deadline: "proficiency_deadline", clause: "II.1")
    b.milestone("luyenai_participation", .allDone(value: measure("participating_staff"), target: measure("active_staff"),
                                                  doneOn: .metric(b.metric("first_study")), whenEmpty: .notApplicable, paceDays: 14),
                deadline: "period_end", clause: "II.2")
    b.milestone("qlahs_training", .firstReached(measure: measure("qlahs_training_value"), k: 1), deadline: "period_end", clause: "III.1.1")
    b.milestone("ai_training", .firstReached(measure: measure("ai_classes"), k: 1), deadline: "period_end", clause: "III.2.1")

    let columns = """
        e2e_total, e2e_done, e2e_rate, e2e_priority, retro_total, retro_entered, retro_rate,
        quality_total, quality_clean, quality_rate, missing_field_records, error_records, stale_records,
        docs_total, docs_signed, docs_electronic, signature_rate, e_record_rate, qlahs_trainings, ai_trainings,
        qlahs_training_met, ai_training_met, qlahs_initiatives, ai_products, level5_staff, level5_rate,
        participation_rate, proficiency_rate, composite_score, e2e_rank, retro_rank, quality_rank, signature_rank,
        level5_rank, composite_rank, active_staff, period_final, participating_staff, proficient_staff,
        leaders_and_prosecutors, parent_id, province_id, points_e2e_rate, points_retro_rate, points_quality_rate,
        points_signature_rate, points_level5_rate, points_qlahs_training_met, points_ai_training_met,
        points_ai_products, e2e_to_priority, retro_to_full, participation_to_full, e2e_to_first, retro_to_first,
        quality_to_first, signature_to_first, level5_to_first
        """
    return b.plan(name: "251/KH-VKSTC",
                  title: "Phong trào thi đua triển khai nền tảng Quản lý án hình sự gắn với phong trào “Bình dân học vụ số”",
                  unitOrder: [.priority(criterion: b.c("e2e")), .composite],
                  eligibility: [EligibilityRule(reason: "discipline", staffFlag: b.metric("disciplined"), excludesStaff: true, excludesUnits: true, label: nil)],
                  dossierDeadline: "dossier_deadline",
                  recordsToFix: [("missing_fields", "missing_field_records"), ("errors", "error_records"), ("stale", "stale_records"),
                                 ("not_entered", "retro_not_entered")],
                  collectiveShare: "0.10",
                  layout: layout ? columns.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " }).map(String.init) : nil)
}
