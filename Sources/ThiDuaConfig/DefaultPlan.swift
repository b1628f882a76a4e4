/// The shipped default plan, identical to `plans/251-KH-VKSTC.yaml` (a test keeps them in step;
/// `make embed-plan` regenerates this file), so that an installed binary works without the file.
public let defaultPlanYAML = #"""
# Kế hoạch 251/KH-VKSTC ngày 12/12/2025 (plan 251): the rules of the emulation movement as data.
# Every date is the LAST day that counts as on time: "trước ngày X" (before X) is X − 1,
# "đến (hết) ngày X" (by, through X) is X. Change a line here, not the code, if the council reads
# the plan otherwise. Next year's plan is a new file: thidua run --plan FILE.
name: "251/KH-VKSTC"
title: "Phong trào thi đua triển khai nền tảng Quản lý án hình sự gắn với phong trào “Bình dân học vụ số”"

period_start: 2025-12-12          # từ ngày ban hành
period_end: 2026-06-30            # II.2 đến hết ngày 30/6/2026
infra_deadline: 2025-12-19        # II.1 xong trước ngày 20/12/2025
go_live: 2026-01-01               # I.1 vận hành chính thức từ ngày 01/01/2026
retro_from: 2025-10-01            # II.1 vụ án thụ lý từ 01/10/2025
retro_to: 2025-12-31
retro_deadline: 2026-01-01        # II.1 đến 01/01/2026 hoàn thành nhập liệu truy hồi
proficiency_deadline: 2026-01-01  # II.1 100% Lãnh đạo, Kiểm sát viên sử dụng thành thạo
luyenai_cutoff: 2025-12-31        # III.2.1 tính đến ngày 31/12/2025
dossier_deadline: 2026-06-29      # V.3 trước ngày 30/6/2026; hồ sơ chậm không tiếp nhận

luyenai_level_target: 5           # III.2.1 cấp độ 5 trở lên (đẳng 5)
e2e_priority_rate: 0.98           # III.1.1 ưu tiên đơn vị đạt từ 98% trở lên
stale_days: 30                    # operational: an open record not updated for this many days
proficiency_window_days: 30       # operational: "uses the platform" = at least
proficiency_min_actions: 1        #   this many actions in the last window days
level_scale_max: 10               # individual score: level counted up to this

quotas:
  collective_share: 0.10          # IV.5.1 10% tổng số đơn vị của khối
  collective_rounding: down       # down | nearest | up
  individual_per_spp_unit: 1      # IV.5.2 mỗi đơn vị thuộc VKSND tối cao 01 cá nhân
  individual_provincial:          # IV.5.2 by the province's biên chế (whole subtree)
    - { max_headcount: 299, quota: 3 }   # dưới 300 biên chế
    - { max_headcount: 500, quota: 5 }   # từ 300 - 500 biên chế
    - { quota: 8 }                       # trên 500 biên chế

milestone_clauses:                # the clause of the plan that sets each milestone (milestones.csv)
  infra_ready: "II.1"
  retro_entry: "II.1"
  e2e_full: "I.1, II.1"
  proficiency: "II.1"
  luyenai_participation: "II.2"
  qlahs_training: "III.1.1"
  ai_training: "III.2.1"

composite_weights:                # điểm tổng hợp, 0–100 (the council may change them)
  e2e_rate: 30
  retro_rate: 15
  quality_rate: 15
  signature_rate: 10
  level5_rate: 15
  qlahs_training_met: 5
  ai_training_met: 5
  ai_products: 5                  # at least one AI product in regular use

individual_weights:               # individual score, 0–100
  cases_e2e: 40                   # × cases_e2e / bloc max
  clean_record: 20                # cases_total > 0, no stale and no error record
  level: 20                       # × min(level_now, level_scale_max) / level_scale_max
  trainer_or_core: 10             # led a training or member of a core group
  initiative: 10                  # at least one recognized initiative

"""#
