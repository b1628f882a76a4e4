import Foundation
import ThiDuaConfig
import ThiDuaCore

/// `thidua plan convert OLD` (PLAN-LANGUAGE.md §22, decided 3): a value-only plan file of thidua 0.4
/// becomes the language-1 plan 251 (the §19 listing) with the old file's dates, thresholds,
/// weights, quotas and milestone clauses substituted. A missing milestone clause takes plan 251's.
public enum PlanConvert {
    /// Plan 251's clauses, for the milestones the old file does not name.
    static let clauses: [LegacyMilestoneKind: String] = [
        .infraReady: "II.1", .retroEntry: "II.1", .e2eFull: "I.1, II.1", .proficiency: "II.1",
        .luyenaiParticipation: "II.2", .qlahsTraining: "III.1.1", .aiTraining: "III.2.1",
    ]

    /// The language-1 text of a value-only plan.
    public static func languageOne(from old: LegacyPlan) -> String {
        func clause(_ k: LegacyMilestoneKind) -> String { q(old.milestoneClauses[k] ?? clauses[k] ?? "") }
        func w(_ p: LegacyCompositePart) -> String { number(old.compositeWeights[p] ?? 0) }
        func i(_ p: IndividualPart) -> String { number(old.individualWeights[p] ?? 0) }
        return """
# Converted by `thidua plan convert` from a value-only plan file of thidua 0.4: plan 251's criteria
# (PLAN-LANGUAGE.md §19) with the old file's dates, thresholds, weights, quotas and clauses.
# Check it with: thidua plan check FILE
language: 1
name: \(q(old.name))
title: \(q(old.title))

dates:                              # the LAST day that counts as on time (SPEC §2)
  period_start: \(old.periodStart)          # từ ngày ban hành
  period_end: \(old.periodEnd)            # II.2 đến hết ngày 30/6/2026
  infra_deadline: \(old.infraDeadline)        # II.1 xong trước ngày 20/12/2025
  go_live: \(old.goLive)               # I.1 vận hành chính thức từ 01/01/2026
  retro_from: \(old.retroFrom)            # II.1 vụ án thụ lý từ 01/10/2025
  retro_to: \(old.retroTo)
  retro_deadline: \(old.retroDeadline)        # II.1 đến 01/01/2026
  proficiency_deadline: \(old.proficiencyDeadline)  # II.1 100% Lãnh đạo, KSV sử dụng thành thạo
  luyenai_cutoff: \(old.luyenaiCutoff)        # III.2.1 tính đến ngày 31/12/2025
  dossier_deadline: \(old.dossierDeadline)      # V.3 trước ngày 30/6/2026
  level_day: min(E, luyenai_cutoff)
  stale_cutoff: E - \(old.staleDays)d             # stale_days = \(old.staleDays) (operational)

windows:
  e2e: [go_live, E]
  retro: [retro_from, "min(retro_to, E)"]
  quality: [retro_from, E]
  period: [period_start, E]
  proficiency: [E - \(old.proficiencyWindowDays - 1)d, E]         # proficiency_window_days = \(old.proficiencyWindowDays) (operational)
  ever: [contract_start, E]

measures:
  - {id: e2e_total, count: case_record, where: {accepted_on: {within: e2e}}}
  - {id: e2e_done, count: case_record, where: {accepted_on: {within: e2e}, end_to_end: true}}
  - {id: retro_total, count: case_record, where: {accepted_on: {within: retro}}}
  - {id: retro_entered, count: case_record, where: {accepted_on: {within: retro}, entered_on: {on_or_before: E}}}
  - {id: retro_not_entered, count: case_record, where: {accepted_on: {within: retro}, entered_on: {not_by: E}}}
  - {id: quality_total, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E}}}
  - {id: quality_clean, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     missing_required_fields: {lte: 0}, error_count: {lte: 0}}}
  - {id: missing_field_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                             missing_required_fields: {gt: 0}}}
  - {id: error_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     error_count: {gt: 0}}}
  - {id: stale_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     status: open, last_updated_on: {on_or_before: stale_cutoff}}}
  - {id: docs_total, count: procedural_document, where: {issued_on: {within: e2e}}}
  - {id: docs_signed, count: procedural_document, where: {issued_on: {within: e2e}, digitally_signed: true}}
  - {id: docs_electronic, count: procedural_document, where: {issued_on: {within: e2e}, electronic: true}}
  - {id: qlahs_trainings, count: training_session, where: {topic: qlahs, held_on: {within: period}}}
  - {id: ai_trainings, count: training_session, where: {topic: ai, held_on: {within: period}}}
  - {id: qlahs_classes, count: training_session, where: {topic: qlahs, format: {in: [class, seminar]}, held_on: {within: period}}}
  - {id: qlahs_hands_on, count: training_session, where: {topic: qlahs, format: hands_on, held_on: {within: period}}}
  - {id: qlahs_training_value, expr: "qlahs_classes + qlahs_hands_on // 2", unit: sessions}   # III.1.1
  - {id: ai_classes, count: training_session, where: {topic: ai, format: {in: [class, seminar]}, held_on: {within: period}}}
  - {id: qlahs_initiatives, count: initiative, where: {topic: qlahs, recognized_on: {within: period}}}
  - {id: ai_products, count: initiative, where: {topic: ai, in_regular_use: true, recognized_on: {within: period}}}
  - {id: level5_staff, count: staff, where: {level_cutoff: {gte: \(old.luyenaiLevelTarget)}}}      # luyenai_level_target = \(old.luyenaiLevelTarget)
  - {id: active_staff, count: staff}
  - {id: participating_staff, count: staff, where: {first_study: {is_null: false}}}
  - {id: leaders_and_prosecutors, count: staff, where: {role: {in: [leader, prosecutor]}}}
  - {id: proficient_staff, count: staff, where: {role: {in: [leader, prosecutor]}, actions_30d: {gte: \(old.proficiencyMinActions)}}}  # min_actions = \(old.proficiencyMinActions)
  - {id: infra_items, count: infrastructure}
  - {id: infra_ready_items, count: infrastructure, where: {ready: {gte: {column: required}},
        any: [{completed_on: {is_null: true}}, {completed_on: {on_or_before: D}}]}}

criteria:
  - {id: e2e, kind: rate, numerator: e2e_done, denominator: e2e_total, rank: true, priority_at: \(decimal(old.e2ePriorityRate)),
     clause: "I.1, III.1.1", label: {vi: "Tỷ lệ án xử lý toàn trình", en: "End-to-end rate"}}
  - {id: retro, kind: rate, numerator: retro_entered, denominator: retro_total, rank: true, to_full: true,
     clause: "II.1", label: {vi: "Tỷ lệ nhập liệu truy hồi", en: "Retrospective entry rate"}}
  - {id: quality, kind: rate, numerator: quality_clean, denominator: quality_total, rank: true,
     clause: "II.1", label: {vi: "Dữ liệu đúng, đủ, sạch", en: "Clean records rate"}}
  - {id: missing_field_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ thiếu trường", en: "Records missing fields"}}
  - {id: error_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ có lỗi", en: "Records with errors"}}
  - {id: stale_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ tồn đọng", en: "Stale records"}}
  - {id: signature, kind: rate, numerator: docs_signed, denominator: docs_total, rank: true,
     clause: "II.1", label: {vi: "Tỷ lệ ký số", en: "Digital signature rate"}}
  - {id: e_record, kind: rate, numerator: docs_electronic, denominator: docs_total,
     clause: "II.1", label: {vi: "Tỷ lệ hồ sơ điện tử", en: "Electronic record rate"}}
  - {id: qlahs_trainings, kind: count, clause: "III.1.1", label: {vi: "Buổi tập huấn QLAHS", en: "QLAHS sessions"}}
  - {id: ai_trainings, kind: count, clause: "III.2.1", label: {vi: "Buổi tập huấn AI", en: "AI sessions"}}
  - {id: qlahs_training, kind: at_least, measure: qlahs_training_value, k: 1,
     clause: "III.1.1", label: {vi: "Đạt yêu cầu tập huấn QLAHS", en: "QLAHS training met"}}
  - {id: ai_training, kind: at_least, measure: ai_classes, k: 1,
     clause: "III.2.1", label: {vi: "Đạt yêu cầu tập huấn AI", en: "AI training met"}}
  - {id: qlahs_initiatives, kind: count, clause: "III.1.1", label: {vi: "Sáng kiến QLAHS", en: "QLAHS initiatives"}}
  - {id: ai_products, kind: count, clause: "III.2.1", label: {vi: "Sản phẩm AI được sử dụng", en: "AI products in use"}}
  - {id: level5, kind: rate, numerator: level5_staff, denominator: headcount, rank: true,
     impossible_problem: level5_above_headcount,
     clause: "III.2.1", label: {vi: "Tỷ lệ đạt cấp độ 5 LuyenAI", en: "LuyenAI level-5 rate"}}
  - {id: participation, kind: rate, numerator: participating_staff, denominator: active_staff, to_full: true,
     clause: "II.2", label: {vi: "Tỷ lệ tham gia LuyenAI", en: "LuyenAI participation"}}
  - {id: proficiency, kind: rate, numerator: proficient_staff, denominator: leaders_and_prosecutors,
     clause: "II.1", label: {vi: "Lãnh đạo, KSV sử dụng nền tảng", en: "Leaders and prosecutors using QLAHS"}}

composite:                          # điểm tổng hợp (the council may change the weights)
  parts:
    - {part: e2e_rate, weight: \(w(.e2eRate))}
    - {part: retro_rate, weight: \(w(.retroRate))}
    - {part: quality_rate, weight: \(w(.qualityRate))}
    - {part: signature_rate, weight: \(w(.signatureRate))}
    - {part: level5_rate, weight: \(w(.level5Rate))}
    - {part: qlahs_training_met, weight: \(w(.qlahsTrainingMet))}
    - {part: ai_training_met, weight: \(w(.aiTrainingMet))}
    - {part: ai_products, weight: \(w(.aiProducts)), at_least: 1}

individuals:
  metrics:
    - {id: cases_total, count: case_record, publish: true, where: {accepted_on: {within: e2e}}}
    - {id: cases_e2e, count: case_record, publish: true, where: {accepted_on: {within: e2e}, end_to_end: true}}
    - {id: stale_records, count: case_record, publish: true, where: {accepted_on: {within: quality},
         entered_on: {on_or_before: E}, status: open, last_updated_on: {on_or_before: stale_cutoff}}}
    - {id: error_records, count: case_record, publish: true, where: {accepted_on: {within: quality},
         entered_on: {on_or_before: E}, error_count: {gt: 0}}}
    - {id: level_now, latest: luyenai_daily.level, on_or_before: E, publish: true}
    - {id: level_cutoff, latest: luyenai_daily.level, on_or_before: level_day, publish: true}
    - {id: study_minutes, sum: luyenai_daily.minutes, publish: true, where: {day: {within: period}}}
    - {id: active_weeks, distinct_weeks: luyenai_daily, window: period, publish: true, where: {minutes: {gt: 0}}}
    - {id: weeks_in_period, weeks_in: period, publish: true}
    - {id: trainings_led, count: training_session, publish: true,
       where: {training_role.role: trainer, held_on: {within: period}}}
    - {id: core_group_member, exists: core_group, publish: true, where: {established_on: {on_or_before: E}}}
    - {id: initiatives_recognized, count: initiative, publish: true, where: {recognized_on: {within: period}}}
    - {id: disciplined, exists: discipline, publish: true, where: {from_on: {on_or_before: E},   # IV.4, any status
         any: [{to_on: {is_null: true}}, {to_on: {on_or_after: period_start}}]}}
    - {id: first_study, first_day: luyenai_daily, where: {minutes: {gt: 0}, day: {within: ever}}}
    - {id: actions_30d, sum: platform_usage.actions, where: {day: {within: proficiency}}}
  score:                            # III.1.2, III.2.2
    - {part: cases_e2e, weight: \(i(.casesE2E)), share_of_bloc_max: cases_e2e}
    - {part: clean_record, weight: \(i(.cleanRecord)), when: {cases_total: {gt: 0}, stale_records: 0, error_records: 0}}
    - {part: level, weight: \(i(.level)), scaled: level_now, max: \(old.levelScaleMax)}          # level_scale_max = \(old.levelScaleMax)
    - {part: trainer_or_core, weight: \(i(.trainerOrCore)), when: {any: [{trainings_led: {gte: 1}}, {core_group_member: true}]}}
    - {part: initiative, weight: \(i(.initiative)), when: {initiatives_recognized: {gte: 1}}}

milestones:
  - {id: infra_ready, kind: all_done, deadline: infra_deadline, value: infra_ready_items, target: infra_items,
     done_on: completed_on, when_empty: no_data, clause: \(clause(.infraReady)), label: {vi: "Hạ tầng sẵn sàng", en: "Infrastructure ready"}}
  - {id: retro_entry, kind: all_done, deadline: retro_deadline, value: retro_entered, target: retro_total,
     done_on: entered_on, when_empty: not_applicable, clause: \(clause(.retroEntry)), label: {vi: "Nhập liệu truy hồi", en: "Retrospective entry"}}
  - {id: e2e_full, kind: state_from, deadline: go_live, value: e2e_done, target: e2e_total,
     when_empty: no_data, clause: \(clause(.e2eFull)), label: {vi: "100% án toàn trình", en: "All cases end-to-end"}}
  - {id: proficiency, kind: restates, deadline: proficiency_deadline, criterion: proficiency,
     when_empty: not_applicable, clause: \(clause(.proficiency)), label: {vi: "Sử dụng thành thạo", en: "Proficiency"}}
  - {id: luyenai_participation, kind: all_done, deadline: period_end, value: participating_staff, target: active_staff,
     done_on: first_study, when_empty: not_applicable, clause: \(clause(.luyenaiParticipation)), label: {vi: "100% học LuyenAI", en: "All staff on LuyenAI"}}
  - {id: qlahs_training, kind: first_reached, deadline: period_end, measure: qlahs_training_value, k: 1,
     clause: \(clause(.qlahsTraining)), label: {vi: "Tập huấn QLAHS", en: "QLAHS training"}}
  - {id: ai_training, kind: first_reached, deadline: period_end, measure: ai_classes, k: 1,
     clause: \(clause(.aiTraining)), label: {vi: "Tập huấn AI", en: "AI training"}}

quotas:
  collective_share: \(number(old.quotas.collectiveShare))            # IV.5.1
  collective_rounding: \(old.quotas.collectiveRounding.rawValue)
  individual_per_spp_unit: \(old.quotas.individualPerSPPUnit)        # IV.5.2
  individual_provincial: \(tiers(old.quotas))

shortlist:
  units: {order: [{priority: e2e}, composite]}
  staff: {order: [direct_worker, score]}            # "người lao động trực tiếp" first
eligibility:
  - {reason: discipline, staff_flag: disciplined, excludes: [staff, units]}
dossiers:
  deadline: dossier_deadline
  parts: [proposal, minutes, achievement_report, impact_confirmation]
  decided_at_unit: [giay_khen]                      # V.2
records_to_fix:
  - {problem: missing_fields, measure: missing_field_records}
  - {problem: errors, measure: error_records}
  - {problem: stale, measure: stale_records}
  - {problem: not_entered, measure: retro_not_entered}

output:
  chart: e2e
  unit_metrics: [e2e_total, e2e_done, e2e_rate, e2e_priority, retro_total, retro_entered, retro_rate,
    quality_total, quality_clean, quality_rate, missing_field_records, error_records, stale_records,
    docs_total, docs_signed, docs_electronic, signature_rate, e_record_rate, qlahs_trainings, ai_trainings,
    qlahs_training_met, ai_training_met, qlahs_initiatives, ai_products, level5_staff, level5_rate,
    participation_rate, proficiency_rate, composite_score, e2e_rank, retro_rank, quality_rank, signature_rank,
    level5_rank, composite_rank, active_staff, period_final, participating_staff, proficient_staff,
    leaders_and_prosecutors, parent_id, province_id, points_e2e_rate, points_retro_rate, points_quality_rate,
    points_signature_rate, points_level5_rate, points_qlahs_training_met, points_ai_training_met,
    points_ai_products, e2e_to_priority, retro_to_full, participation_to_full, e2e_to_first, retro_to_first,
    quality_to_first, signature_to_first, level5_to_first]
  leaders:
    - {id: qlahs, label: {vi: "Dẫn đầu QLAHS", en: "QLAHS leaders"}, order: [cases_e2e, clean_record]}
    - {id: ai, label: {vi: "Dẫn đầu LuyenAI", en: "LuyenAI leaders"}, order: [level_now, study_minutes, active_weeks]}

"""
    }

    /// A YAML double-quoted scalar.
    static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// An exact decimal as the old file wrote it (`0.98`, `12.5`).
    static func number(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    /// A fraction whose denominator is a power of ten, as a decimal (`98/100` → `0.98`).
    static func decimal(_ f: Fraction) -> String {
        var places = 0
        var den = f.denominator
        while den > 1 && den % 10 == 0 { den /= 10; places += 1 }
        guard den == 1 else { return f.formatted(places: 6) }
        var digits = String(f.numerator)
        while digits.count <= places { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -places)
        return places == 0 ? digits : digits[..<cut] + "." + digits[cut...]
    }

    static func tiers(_ quotas: Quotas) -> String {
        "[" + quotas.individualProvincialTiers.map { t in
            t.maxHeadcount.map { "{max_headcount: \($0), quota: \(t.quota)}" } ?? "{quota: \(t.quota)}"
        }.joined(separator: ", ") + "]"
    }
}
