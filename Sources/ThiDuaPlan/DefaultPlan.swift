/// The shipped default plan, identical to `plans/251-KH-VKSTC.yaml` (a test keeps them in step;
/// `make embed` regenerates this file), so that an installed binary works without the file.
let shippedPlanYAML = #"""
# yaml-language-server: $schema=plan-language-1.schema.json
# Kế hoạch 251/KH-VKSTC ngày 12/12/2025 (plan 251) in the plan language, version 1
# (docs: PLAN-LANGUAGE.md; this is its §19 listing with the dictionary's wording kept in `doc:`
# lines and `output.column_docs`, and today's page texts in labels and `output.key_dates`).
# Every date is the LAST day that counts as on time: "trước ngày X" (before X) is X − 1,
# "đến (hết) ngày X" (by, through X) is X. Change a line here, not the code, if the council reads
# the plan otherwise. Check a change with: thidua plan check FILE.
language: 1
name: "251/KH-VKSTC"
title: {vi: "Phong trào thi đua triển khai nền tảng Quản lý án hình sự gắn với phong trào “Bình dân học vụ số”",
        en: "Emulation movement deploying the criminal case platform QLAHS with “Digital literacy for all”"}

dates:                              # the LAST day that counts as on time (SPEC §2)
  period_start: 2025-12-12          # từ ngày ban hành
  period_end: 2026-06-30            # II.2 đến hết ngày 30/6/2026
  infra_deadline: 2025-12-19        # II.1 xong trước ngày 20/12/2025
  go_live: 2026-01-01               # I.1 vận hành chính thức từ 01/01/2026
  retro_from: 2025-10-01            # II.1 vụ án thụ lý từ 01/10/2025
  retro_to: 2025-12-31
  retro_deadline: 2026-01-01        # II.1 đến 01/01/2026 hoàn thành nhập liệu truy hồi
  proficiency_deadline: 2026-01-01  # II.1 100% Lãnh đạo, Kiểm sát viên sử dụng thành thạo
  luyenai_cutoff: 2025-12-31        # III.2.1 tính đến ngày 31/12/2025
  dossier_deadline: 2026-06-29      # V.3 trước ngày 30/6/2026; hồ sơ chậm không tiếp nhận
  level_day: min(E, luyenai_cutoff)
  stale_cutoff: E - 30d             # stale_days = 30 (operational: an open record not updated for 30 days)

windows:
  e2e: [go_live, E]
  retro: [retro_from, "min(retro_to, E)"]
  quality: [retro_from, E]
  period: [period_start, E]
  proficiency: [E - 29d, E]         # proficiency_window_days = 30 (operational)
  ever: [contract_start, E]

measures:
  - {id: e2e_total, count: case_record, where: {accepted_on: {within: e2e}},
     doc: "records accepted in [go_live, E]"}
  - {id: e2e_done, count: case_record, where: {accepted_on: {within: e2e}, end_to_end: true},
     doc: "of those, processed end-to-end"}
  - {id: retro_total, count: case_record, where: {accepted_on: {within: retro}},
     doc: "records accepted in [retro_from, min(retro_to, E)]"}
  - {id: retro_entered, count: case_record, where: {accepted_on: {within: retro}, entered_on: {on_or_before: E}},
     doc: "of those, entered on or before E"}
  - {id: retro_not_entered, count: case_record, where: {accepted_on: {within: retro}, entered_on: {not_by: E}},
     doc: "records accepted in [retro_from, min(retro_to, E)] not entered by E (data_quality_records.csv: not_entered)"}
  - {id: quality_total, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E}},
     doc: "records accepted in [retro_from, E] and entered by E"}
  - {id: quality_clean, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     missing_required_fields: {lte: 0}, error_count: {lte: 0}},
     doc: "of those, no missing required field and no error"}
  - {id: missing_field_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                             missing_required_fields: {gt: 0}},
     doc: "quality records with missing_required_fields > 0"}
  - {id: error_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     error_count: {gt: 0}},
     doc: "quality records with error_count > 0"}
  - {id: stale_records, count: case_record, where: {accepted_on: {within: quality}, entered_on: {on_or_before: E},
                                                     status: open, last_updated_on: {on_or_before: stale_cutoff}},
     doc: "open quality records last updated on or before E − stale_days"}
  - {id: docs_total, count: procedural_document, where: {issued_on: {within: e2e}},
     doc: "procedural documents issued in [go_live, E]"}
  - {id: docs_signed, count: procedural_document, where: {issued_on: {within: e2e}, digitally_signed: true},
     doc: "of those, digitally signed"}
  - {id: docs_electronic, count: procedural_document, where: {issued_on: {within: e2e}, electronic: true},
     doc: "of those, electronic"}
  - {id: qlahs_trainings, count: training_session, where: {topic: qlahs, held_on: {within: period}},
     doc: "QLAHS sessions held in [period_start, E]"}
  - {id: ai_trainings, count: training_session, where: {topic: ai, held_on: {within: period}},
     doc: "AI sessions held in [period_start, E]"}
  - {id: qlahs_classes, count: training_session, where: {topic: qlahs, format: {in: [class, seminar]}, held_on: {within: period}},
     doc: "QLAHS classes and seminars held in [period_start, E]"}
  - {id: qlahs_hands_on, count: training_session, where: {topic: qlahs, format: hands_on, held_on: {within: period}},
     doc: "QLAHS hands-on rounds held in [period_start, E]"}
  - {id: qlahs_training_value, expr: "qlahs_classes + qlahs_hands_on // 2", unit: sessions,   # III.1.1
     label: {vi: "Lớp, chuyên đề QLAHS (2 đợt cầm tay chỉ việc tính 1)", en: "QLAHS classes (two hands-on rounds count one)"},
     doc: "QLAHS classes and seminars, plus one per two hands-on rounds (III.1.1)"}
  - {id: ai_classes, count: training_session, where: {topic: ai, format: {in: [class, seminar]}, held_on: {within: period}},
     label: {vi: "Lớp, chuyên đề AI", en: "AI classes and seminars"},
     doc: "AI classes and seminars held in [period_start, E] (III.2.1)"}
  - {id: qlahs_initiatives, count: initiative, where: {topic: qlahs, recognized_on: {within: period}},
     doc: "QLAHS initiatives recognized in [period_start, E]"}
  - {id: ai_products, count: initiative, where: {topic: ai, in_regular_use: true, recognized_on: {within: period}},
     doc: "AI initiatives recognized in [period_start, E] and in regular use"}
  - {id: level5_staff, count: staff, where: {level_cutoff: {gte: 5}},      # III.2.1 luyenai_level_target = 5 (đẳng 5)
     doc: "active staff whose latest LuyenAI level on or before min(E, luyenai_cutoff) ≥ 5"}
  - {id: active_staff, count: staff, doc: "active staff of the measured scope"}
  - {id: participating_staff, count: staff, where: {first_study: {is_null: false}},
     doc: "active staff who studied (minutes > 0) on a day ≤ E: participation_rate = participating_staff / active_staff"}
  - {id: leaders_and_prosecutors, count: staff, where: {role: {in: [leader, prosecutor]}},
     doc: "active leaders and prosecutors of the measured scope: proficiency_rate's denominator"}
  - {id: proficient_staff, count: staff, where: {role: {in: [leader, prosecutor]}, actions_30d: {gte: 1}},  # proficiency_min_actions = 1
     doc: "leaders and prosecutors with ≥ proficiency_min_actions actions in the 30 days ending at E: proficiency_rate's numerator"}
  - {id: infra_items, count: infrastructure, doc: "infrastructure items the unit must have (II.1)"}
  - {id: infra_ready_items, count: infrastructure, where: {ready: {gte: {column: required}},
        any: [{completed_on: {is_null: true}}, {completed_on: {on_or_before: D}}]},
     doc: "infrastructure items ready at D (ready ≥ required, completed on or before D)"}

criteria:
  - {id: e2e, kind: rate, numerator: e2e_done, denominator: e2e_total, rank: true, priority_at: 0.98,   # III.1.1 ưu tiên từ 98%
     clause: "I.1, III.1.1", label: {vi: "Tỷ lệ án xử lý toàn trình", en: "End-to-end rate"},
     doc: "e2e_done / e2e_total"}
  - {id: retro, kind: rate, numerator: retro_entered, denominator: retro_total, rank: true, to_full: true,
     clause: "II.1", label: {vi: "Tỷ lệ nhập liệu truy hồi", en: "Retrospective entry rate"},
     doc: "retro_entered / retro_total"}
  - {id: quality, kind: rate, numerator: quality_clean, denominator: quality_total, rank: true,
     clause: "II.1", label: {vi: "Dữ liệu đúng, đủ, sạch", en: "Clean records rate"},
     doc: "quality_clean / quality_total"}
  - {id: missing_field_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ thiếu trường", en: "Records missing fields"},
     doc: "quality records with missing_required_fields > 0"}
  - {id: error_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ có lỗi", en: "Records with errors"},
     doc: "quality records with error_count > 0"}
  - {id: stale_records, kind: count, clause: "II.1", label: {vi: "Hồ sơ tồn đọng", en: "Stale records"},
     doc: "open quality records last updated on or before E − stale_days"}
  - {id: signature, kind: rate, numerator: docs_signed, denominator: docs_total, rank: true,
     clause: "II.1", label: {vi: "Tỷ lệ ký số", en: "Digital signature rate"},
     doc: "docs_signed / docs_total"}
  - {id: e_record, kind: rate, numerator: docs_electronic, denominator: docs_total,
     clause: "II.1", label: {vi: "Tỷ lệ hồ sơ điện tử", en: "Electronic record rate"},
     doc: "docs_electronic / docs_total"}
  - {id: qlahs_trainings, kind: count, clause: "III.1.1", label: {vi: "Buổi tập huấn QLAHS", en: "QLAHS sessions"},
     doc: "QLAHS sessions held in [period_start, E]"}
  - {id: ai_trainings, kind: count, clause: "III.2.1", label: {vi: "Buổi tập huấn AI", en: "AI sessions"},
     doc: "AI sessions held in [period_start, E]"}
  - {id: qlahs_training, kind: at_least, measure: qlahs_training_value, k: 1,
     clause: "III.1.1", label: {vi: "Đạt yêu cầu tập huấn QLAHS", en: "QLAHS training met"},
     doc: "≥ 1 QLAHS class or seminar, or ≥ 2 hands-on rounds (III.1.1)"}
  - {id: ai_training, kind: at_least, measure: ai_classes, k: 1,
     clause: "III.2.1", label: {vi: "Đạt yêu cầu tập huấn AI", en: "AI training met"},
     doc: "≥ 1 AI class or seminar (III.2.1)"}
  - {id: qlahs_initiatives, kind: count, clause: "III.1.1", label: {vi: "Sáng kiến QLAHS", en: "QLAHS initiatives"},
     doc: "QLAHS initiatives recognized in [period_start, E]"}
  - {id: ai_products, kind: count, clause: "III.2.1", label: {vi: "Sản phẩm AI được sử dụng", en: "AI products in use"},
     doc: "AI initiatives recognized in [period_start, E] and in regular use"}
  - {id: level5, kind: rate, numerator: level5_staff, denominator: headcount, rank: true,
     impossible_problem: level5_above_headcount,
     clause: "III.2.1", label: {vi: "Tỷ lệ đạt cấp độ 5 LuyenAI", en: "LuyenAI level-5 rate"},
     doc: "level5_staff / headcount (biên chế, not staff rows); may exceed 1 when the warehouse counts more level-5 staff than biên chế: such a unit is listed in anomalies.csv (level5_above_headcount) and gets no level5_rank"}
  - {id: participation, kind: rate, numerator: participating_staff, denominator: active_staff, to_full: true,
     clause: "II.2", label: {vi: "Tỷ lệ tham gia LuyenAI", en: "LuyenAI participation"},
     doc: "active staff who studied (minutes > 0) on a day ≤ E / active staff"}
  - {id: proficiency, kind: rate, numerator: proficient_staff, denominator: leaders_and_prosecutors,
     clause: "II.1", label: {vi: "Lãnh đạo, KSV sử dụng nền tảng", en: "Leaders and prosecutors using QLAHS"},
     doc: "leaders and prosecutors with ≥ proficiency_min_actions actions in the 30 days ending at E / all of them"}

composite:                          # điểm tổng hợp, 0–100 (the council may change the weights)
  parts:
    - {part: e2e_rate, weight: 30, label: {vi: "Tỷ lệ toàn trình", en: "End-to-end rate"}}
    - {part: retro_rate, weight: 15, label: {vi: "Nhập liệu truy hồi", en: "Retrospective entry"}}
    - {part: quality_rate, weight: 15, label: {vi: "Dữ liệu sạch", en: "Clean data"}}
    - {part: signature_rate, weight: 10, label: {vi: "Ký số", en: "Digitally signed"}}
    - {part: level5_rate, weight: 15, label: {vi: "Đẳng 5 trên biên chế", en: "Level 5 over headcount"}}
    - {part: qlahs_training_met, weight: 5, label: {vi: "Tập huấn QLAHS", en: "QLAHS training"}}
    - {part: ai_training_met, weight: 5, label: {vi: "Tập huấn AI", en: "AI training"}}
    - {part: ai_products, weight: 5, at_least: 1,              # at least one AI product in regular use
       label: {vi: "Có sản phẩm AI áp dụng thường xuyên", en: "An AI product in regular use"}}

individuals:
  metrics:
    - {id: cases_total, count: case_record, publish: true, where: {accepted_on: {within: e2e}},
       doc: "as prosecutor, accepted in [go_live, E]"}
    - {id: cases_e2e, count: case_record, publish: true, label: {vi: "Án toàn trình", en: "End-to-end cases"}, where: {accepted_on: {within: e2e}, end_to_end: true},
       doc: "of those, end-to-end"}
    - {id: stale_records, count: case_record, publish: true, where: {accepted_on: {within: quality},
         entered_on: {on_or_before: E}, status: open, last_updated_on: {on_or_before: stale_cutoff}},
       doc: "as prosecutor, stale quality records"}
    - {id: error_records, count: case_record, publish: true, where: {accepted_on: {within: quality},
         entered_on: {on_or_before: E}, error_count: {gt: 0}},
       doc: "as prosecutor, quality records with errors"}
    - {id: level_now, latest: luyenai_daily.level, on_or_before: E, publish: true, label: {vi: "Đẳng hiện tại", en: "Level now"},
       doc: "latest LuyenAI level on or before E"}
    - {id: level_cutoff, latest: luyenai_daily.level, on_or_before: level_day, publish: true,
       doc: "latest level on or before min(E, luyenai_cutoff)"}
    - {id: study_minutes, sum: luyenai_daily.minutes, publish: true, label: {vi: "Phút luyện tập", en: "Minutes studied"}, where: {day: {within: period}},
       doc: "Σ minutes (> 0) in [period_start, E]"}
    - {id: active_weeks, distinct_weeks: luyenai_daily, window: period, publish: true, label: {vi: "Số tuần duy trì", en: "Active weeks"}, where: {minutes: {gt: 0}},
       doc: "7-day weeks from period_start with study"}
    - {id: weeks_in_period, weeks_in: period, publish: true, doc: "⌈days in [period_start, E] / 7⌉"}
    - {id: trainings_led, count: training_session, publish: true,
       where: {training_role.role: trainer, held_on: {within: period}},
       doc: "distinct sessions in [period_start, E] with this person as trainer"}
    - {id: core_group_member, exists: core_group, publish: true, where: {established_on: {on_or_before: E}},
       doc: "member of a core group established ≤ E"}
    - {id: initiatives_recognized, count: initiative, publish: true, where: {recognized_on: {within: period}},
       doc: "authored, recognized in [period_start, E]"}
    - {id: disciplined, exists: discipline, publish: true, where: {from_on: {on_or_before: E},   # IV.4, any status
         any: [{to_on: {is_null: true}}, {to_on: {on_or_after: period_start}}]},
       doc: "a discipline row (disciplined or under review) overlapping the period"}
    - {id: first_study, first_day: luyenai_daily, where: {minutes: {gt: 0}, day: {within: ever}},
       doc: "the first day on or before E with LuyenAI study (minutes > 0)"}
    - {id: actions_30d, sum: platform_usage.actions, where: {day: {within: proficiency}},
       doc: "QLAHS platform actions in the 30 days ending at E"}
  score:                            # III.1.2, III.2.2 (individual score, 0–100)
    - {part: cases_e2e, weight: 40, share_of_bloc_max: cases_e2e, label: {vi: "Án toàn trình so với người cao nhất khối", en: "End-to-end cases over the bloc's best"}}   # × cases_e2e / bloc max
    - {part: clean_record, weight: 20, when: {cases_total: {gt: 0}, stale_records: 0, error_records: 0},
       label: {vi: "Không tồn đọng, sai sót", en: "No backlog or errors"}}
    - {part: level, weight: 20, scaled: level_now, max: 10, label: {vi: "Đẳng LuyenAI (tối đa 10)", en: "LuyenAI level (up to 10)"}}          # level_scale_max = 10
    - {part: trainer_or_core, weight: 10, when: {any: [{trainings_led: {gte: 1}}, {core_group_member: true}]},
       label: {vi: "Giảng viên hoặc thành viên nhóm nòng cốt", en: "Trainer or core group member"}}
    - {part: initiative, weight: 10, when: {initiatives_recognized: {gte: 1}},
       label: {vi: "Có sáng kiến được công nhận", en: "A recognized initiative"}}

milestones:                         # the plan's hard dates (milestones.csv; clause = the plan's clause)
  - {id: infra_ready, kind: all_done, deadline: infra_deadline, value: infra_ready_items, target: infra_items,
     done_on: completed_on, when_empty: no_data, clause: "II.1", label: {vi: "Hạ tầng sẵn sàng", en: "Infrastructure ready"}}
  - {id: retro_entry, kind: all_done, deadline: retro_deadline, value: retro_entered, target: retro_total,
     done_on: entered_on, when_empty: not_applicable, clause: "II.1", label: {vi: "Nhập liệu truy hồi", en: "Retrospective entry"}}
  - {id: e2e_full, kind: state_from, deadline: go_live, value: e2e_done, target: e2e_total,
     when_empty: no_data, clause: "I.1, II.1", label: {vi: "100% án toàn trình", en: "100% end-to-end"}}
  - {id: proficiency, kind: restates, deadline: proficiency_deadline, criterion: proficiency,
     when_empty: not_applicable, clause: "II.1", label: {vi: "Lãnh đạo, KSV sử dụng", en: "Leaders and prosecutors use it"}}
  - {id: luyenai_participation, kind: all_done, deadline: period_end, value: participating_staff, target: active_staff,
     done_on: first_study, when_empty: not_applicable, clause: "II.2", label: {vi: "100% luyện tập LuyenAI", en: "100% on LuyenAI"}}
  - {id: qlahs_training, kind: first_reached, deadline: period_end, measure: qlahs_training_value, k: 1,
     clause: "III.1.1", label: {vi: "Tập huấn QLAHS", en: "QLAHS training"}}
  - {id: ai_training, kind: first_reached, deadline: period_end, measure: ai_classes, k: 1,
     clause: "III.2.1", label: {vi: "Tập huấn AI", en: "AI training"}}

quotas:
  collective_share: 0.10            # IV.5.1 10% tổng số đơn vị của khối
  collective_rounding: down         # down | nearest | up
  individual_per_spp_unit: 1        # IV.5.2 mỗi đơn vị thuộc VKSND tối cao 01 cá nhân
  individual_provincial:            # IV.5.2 by the province's biên chế (whole subtree)
    - {max_headcount: 299, quota: 3}   # dưới 300 biên chế
    - {max_headcount: 500, quota: 5}   # từ 300 - 500 biên chế
    - {quota: 8}                       # trên 500 biên chế

shortlist:
  units: {order: [{priority: e2e}, composite]}      # III.1.1 ưu tiên đơn vị đạt từ 98% trở lên
  staff: {order: [direct_worker, score]}            # "người lao động trực tiếp" first
eligibility:                                        # IV.4
  - {reason: discipline, staff_flag: disciplined, excludes: [staff, units],
     label: {vi: "Có cán bộ bị kỷ luật hoặc đang xem xét kỷ luật (mục IV.4)", en: "Staff disciplined or under disciplinary review (IV.4)"}}
dossiers:
  deadline: dossier_deadline                        # V.3
  parts: [proposal, minutes, achievement_report, impact_confirmation]
  decided_at_unit: [giay_khen]                      # V.2
records_to_fix:                                     # data_quality_records.csv
  - {problem: missing_fields, measure: missing_field_records, label: {vi: "Thiếu trường bắt buộc", en: "Missing required fields"}}
  - {problem: errors, measure: error_records, label: {vi: "Có sai sót", en: "Errors"}}
  - {problem: stale, measure: stale_records, label: {vi: "Tồn đọng, chưa cập nhật", en: "Stale (not updated)"}}
  - {problem: not_entered, measure: retro_not_entered, label: {vi: "Chưa nhập liệu truy hồi", en: "Not entered retrospectively"}}

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
    - {id: qlahs, label: {vi: "Cá nhân tiêu biểu – QLAHS (mục III.1.2)", en: "Leading staff – QLAHS (III.1.2)"},
       order: [cases_e2e, clean_record]}
    - {id: ai, label: {vi: "Cá nhân tiêu biểu – LuyenAI (mục III.2.2)", en: "Leading staff – LuyenAI (III.2.2)"},
       order: [level_now, study_minutes, active_weeks]}
  key_dates:                        # the "Mốc thời gian" table of the pages and of "Thông tin"
    - {day: period_start, label: {vi: "Bắt đầu kỳ thi đua", en: "Period starts"}}
    - {day: infra_deadline, label: {vi: "Hạ tầng (LAN, WAN, máy scan, token)", en: "Infrastructure (LAN, WAN, scanners, tokens)"}}
    - {day: go_live, label: {vi: "Vận hành chính thức QLAHS", en: "QLAHS go-live"}}
    - {day: retro_deadline, label: {vi: "Hoàn thành nhập liệu truy hồi", en: "Retrospective entry complete"}}
    - {day: proficiency_deadline, label: {vi: "100% lãnh đạo, KSV sử dụng thành thạo", en: "All leaders and prosecutors proficient"}}
    - {day: luyenai_cutoff, label: {vi: "Chốt xếp hạng đẳng 5 LuyenAI", en: "LuyenAI level-5 cutoff"}}
    - {day: dossier_deadline, label: {vi: "Hạn cuối gửi hồ sơ khen thưởng", en: "Last day for award dossiers"}}
    - {day: period_end, label: {vi: "Kết thúc kỳ thi đua", en: "Period ends"}}
  column_docs:                      # the data dictionary's meanings of the derived columns (docs/csv.md)
    e2e_priority: "e2e_rate ≥ e2e_priority_rate (0.98), compared exactly"
    e2e_rank: "standard competition rank of e2e_rate in the bloc; empty for an empty rate"
    retro_rank: "rank of retro_rate"
    quality_rank: "rank of quality_rate"
    signature_rank: "rank of signature_rate"
    level5_rank: "rank of level5_rate; empty when the rate is impossible (level5_staff above headcount; so for any rate above 1)"
    points_e2e_rate: "weight × part for e2e_rate (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_retro_rate: "weight × part for retro_rate (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_quality_rate: "weight × part for quality_rate (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_signature_rate: "weight × part for signature_rate (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_level5_rate: "weight × part for level5_rate (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_qlahs_training_met: "weight × part for qlahs_training_met (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_ai_training_met: "weight × part for ai_training_met (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    points_ai_products: "weight × part for ai_products (rates capped at 1, a threshold 1 when met), 4 decimals; composite_score rounds the exact sum, so the rounded parts may differ from it by a few 0.0001"
    e2e_to_priority: "what it takes: records still to process end-to-end for e2e_rate ≥ e2e_priority_rate, ⌈line × e2e_total⌉ − e2e_done, exact (0 when on or above the line; after the period, by how much the final standing missed); empty when e2e_total is 0"
    retro_to_full: "retro records still to enter for retro_rate = 100%: retro_total − retro_entered; empty when retro_total is 0"
    participation_to_full: "active staff still to study on LuyenAI for participation_rate = 100%: active_staff − participating_staff; empty when active_staff is 0"
    e2e_to_first: "what it takes to equal the bloc's first place in e2e_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible"
    retro_to_first: "what it takes to equal the bloc's first place in retro_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible"
    quality_to_first: "what it takes to equal the bloc's first place in quality_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible"
    signature_to_first: "what it takes to equal the bloc's first place in signature_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible"
    level5_to_first: "what it takes to equal the bloc's first place in level5_rate: ⌈leader's rate × denominator⌉ − numerator, exact (0 for the leader and the units tied with it); empty when the rate is empty or impossible"
    e2e_priority_rate: "the priority line for e2e_rate (III.1.1)"
    weight_e2e_rate: "weight of e2e_rate in composite_score, from the plan file"
    weight_retro_rate: "weight of retro_rate in composite_score, from the plan file"
    weight_quality_rate: "weight of quality_rate in composite_score, from the plan file"
    weight_signature_rate: "weight of signature_rate in composite_score, from the plan file"
    weight_level5_rate: "weight of level5_rate in composite_score, from the plan file"
    weight_qlahs_training_met: "weight of qlahs_training_met in composite_score, from the plan file"
    weight_ai_training_met: "weight of ai_training_met in composite_score, from the plan file"
    weight_ai_products: "weight of ai_products in composite_score, from the plan file"

"""#
