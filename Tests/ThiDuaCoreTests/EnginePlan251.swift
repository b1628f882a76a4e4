import Foundation
@testable import ThiDuaCore

/// Plan 251 as a typed plan, by hand, after the §19 listing (PLAN-LANGUAGE.md Part II). Row-count
/// conditions are left out (`where: {}`): the SQL applies them and the engine never reads them;
/// staff-count conditions, the score's `when` parts and every index are as listed.
enum Plan251 {
    // Measures, in listing order.
    static let measureIDs = ["e2e_total", "e2e_done", "retro_total", "retro_entered", "retro_not_entered", "quality_total",
                             "quality_clean", "missing_field_records", "error_records", "stale_records", "docs_total", "docs_signed",
                             "docs_electronic", "qlahs_trainings", "ai_trainings", "qlahs_classes", "qlahs_hands_on",
                             "qlahs_training_value", "ai_classes", "qlahs_initiatives", "ai_products", "level5_staff", "active_staff",
                             "participating_staff", "leaders_and_prosecutors", "proficient_staff", "infra_items", "infra_ready_items"]
    static func m(_ id: String) -> Int { measureIDs.firstIndex(of: id)! }
    static func ref(_ id: String) -> MeasureRef { .measure(m(id)) }

    // Staff metrics, in listing order.
    static let metricIDs = ["cases_total", "cases_e2e", "stale_records", "error_records", "level_now", "level_cutoff", "study_minutes",
                            "active_weeks", "weeks_in_period", "trainings_led", "core_group_member", "initiatives_recognized",
                            "disciplined", "first_study", "actions_30d"]
    static func k(_ id: String) -> Int { metricIDs.firstIndex(of: id)! }

    static let leaderOrProsecutor = TP.test(.staffColumn("role"), .isIn([.text("leader"), .text("prosecutor")]))

    static func measures() -> [Measure] {
        measureIDs.map { id -> Measure in
            let relation = id.hasPrefix("docs") ? "procedural_document" : id.hasSuffix("initiatives") || id == "ai_products" ? "initiative"
                : id.hasPrefix("infra") ? "infrastructure" : id.contains("training") || id.contains("classes") || id.contains("hands_on")
                ? "training_session" : "case_record"
            switch id {
            case "qlahs_training_value": return TP.expr(id, [.plain(ref("qlahs_classes")), .floorDiv(ref("qlahs_hands_on"), 2)])
            case "level5_staff": return TP.staff(id, TP.test(.metric(k("level_cutoff")), .gte(.literal(5))))
            case "active_staff": return TP.staff(id)
            case "participating_staff": return TP.staff(id, TP.test(.metric(k("first_study")), .isNull(false)))
            case "leaders_and_prosecutors": return TP.staff(id, leaderOrProsecutor)
            case "proficient_staff": return TP.staff(id, .all([leaderOrProsecutor, TP.test(.metric(k("actions_30d")), .gte(.literal(1)))]))
            default: return TP.rows(id, relation)
            }
        }
    }

    static func criteria() -> [Criterion] {
        func count(_ id: String) -> Criterion {
            Criterion(id: id, kind: .count(measure: ref(id)), label: Label(id: id), clause: "II.1", doc: nil)
        }
        return [
            TP.rate("e2e", ref("e2e_done"), ref("e2e_total"), priorityAt: "0.98"),
            TP.rate("retro", ref("retro_entered"), ref("retro_total"), toFull: true),
            TP.rate("quality", ref("quality_clean"), ref("quality_total")),
            count("missing_field_records"), count("error_records"), count("stale_records"),
            TP.rate("signature", ref("docs_signed"), ref("docs_total")),
            TP.rate("e_record", ref("docs_electronic"), ref("docs_total"), rank: false),
            count("qlahs_trainings"), count("ai_trainings"),
            TP.atLeast("qlahs_training", ref("qlahs_training_value"), 1), TP.atLeast("ai_training", ref("ai_classes"), 1),
            count("qlahs_initiatives"), count("ai_products"),
            TP.rate("level5", ref("level5_staff"), .headcount, problem: "level5_above_headcount"),
            TP.rate("participation", ref("participating_staff"), ref("active_staff"), rank: false, toFull: true),
            TP.rate("proficiency", ref("proficient_staff"), ref("leaders_and_prosecutors"), rank: false),
        ]
    }

    static func metrics() -> [StaffMetric] {
        metricIDs.map { id in
            switch id {
            case "level_now", "level_cutoff": return TP.latestMetric(id)
            case "core_group_member", "disciplined": return TP.boolMetric(id)
            case "first_study": return TP.dateMetric(id)
            default: return TP.intMetric(id)
            }
        }
    }

    static func plan() -> Plan {
        let criteria = criteria()
        func c(_ id: String) -> Int { criteria.firstIndex { $0.id == id }! }
        func metric(_ id: String) -> Operand { .metric(k(id)) }
        let extra = [("infra_deadline", "2025-12-19"), ("go_live", "2026-01-01"), ("retro_from", "2025-10-01"), ("retro_to", "2025-12-31"),
                     ("retro_deadline", "2026-01-01"), ("proficiency_deadline", "2026-01-01"), ("luyenai_cutoff", "2025-12-31"),
                     ("dossier_deadline", "2026-06-29")].map { NamedDay(id: $0.0, expr: .date(TP.iso($0.1)), text: $0.1, isStatic: true) }
        var p = TP.plan(
            measures: measures(), criteria: criteria,
            composite: [TP.part("e2e_rate", .rate(criterion: c("e2e")), "30"), TP.part("retro_rate", .rate(criterion: c("retro")), "15"),
                        TP.part("quality_rate", .rate(criterion: c("quality")), "15"),
                        TP.part("signature_rate", .rate(criterion: c("signature")), "10"),
                        TP.part("level5_rate", .rate(criterion: c("level5")), "15"),
                        TP.part("qlahs_training_met", .met(criterion: c("qlahs_training")), "5"),
                        TP.part("ai_training_met", .met(criterion: c("ai_training")), "5"),
                        TP.part("ai_products", .atLeast(ref("ai_products"), k: 1), "5")],
            metrics: metrics(),
            score: [TP.scorePart("cases_e2e", "40", .shareOfBlocMax(metric: k("cases_e2e"))),
                    TP.scorePart("clean_record", "20", .when(.all([TP.test(metric("cases_total"), .gt(.literal(0))),
                                                                   TP.test(metric("stale_records"), .eq(.int(0))),
                                                                   TP.test(metric("error_records"), .eq(.int(0)))]))),
                    TP.scorePart("level", "20", .scaled(metric: k("level_now"), max: 10)),
                    TP.scorePart("trainer_or_core", "10", .when(.any([TP.test(metric("trainings_led"), .gte(.literal(1))),
                                                                      TP.test(metric("core_group_member"), .eq(.bool(true)))]))),
                    TP.scorePart("initiative", "10", .when(TP.test(metric("initiatives_recognized"), .gte(.literal(1)))))],
            milestones: [
                TP.milestone("infra_ready", .allDone(value: m("infra_ready_items"), target: m("infra_items"), doneOn: .column("completed_on"),
                                                     whenEmpty: .noData, paceDays: 14), deadline: "2025-12-19"),
                TP.milestone("retro_entry", .allDone(value: m("retro_entered"), target: m("retro_total"), doneOn: .column("entered_on"),
                                                     whenEmpty: .notApplicable, paceDays: 14), deadline: "2026-01-01"),
                TP.milestone("e2e_full", .stateFrom(value: ref("e2e_done"), target: ref("e2e_total"), whenEmpty: .noData), deadline: "2026-01-01"),
                TP.milestone("proficiency", .restates(criterion: c("proficiency"), whenEmpty: .notApplicable), deadline: "2026-01-01"),
                TP.milestone("luyenai_participation", .allDone(value: m("participating_staff"), target: m("active_staff"),
                                                               doneOn: .metric(k("first_study")), whenEmpty: .notApplicable, paceDays: 14),
                             deadline: "2026-06-30"),
                TP.milestone("qlahs_training", .firstReached(measure: m("qlahs_training_value"), k: 1), deadline: "2026-06-30"),
                TP.milestone("ai_training", .firstReached(measure: m("ai_classes"), k: 1), deadline: "2026-06-30"),
            ],
            unitOrder: [.priority(criterion: c("e2e")), .composite], staffOrder: [.directWorker, .score],
            eligibility: [EligibilityRule(reason: "discipline", staffFlag: k("disciplined"), excludesStaff: true, excludesUnits: true, label: nil)],
            days: extra)
        p.name = "251/KH-VKSTC"
        p.days[0] = NamedDay(id: "period_start", expr: .date(TP.iso("2025-12-12")), text: "2025-12-12", isStatic: true)
        return p
    }
}
