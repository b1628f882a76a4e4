import ThiDuaCore

/// The engine's words on the plan-driven pages (PLAN-LANGUAGE.md §15 "HTML", "Texts"): column heads,
/// statuses, blocs, sentences with {placeholders}. Nothing here names a plan's criterion, date or
/// threshold: those come from the plan file's labels (issue 23).
public struct PlanLabels: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    public subscript(_ key: String) -> String {
        (language == .vi ? PlanLabels.vi : PlanLabels.en)[key] ?? key
    }

    /// Every key, for the `l` dictionary of a page.
    var all: [String: String] { language == .vi ? PlanLabels.vi : PlanLabels.en }

    /// A label with its {placeholders} filled, in one pass over the label: a value is never read
    /// again for placeholders, and a placeholder with no value stays as written.
    func fill(_ key: String, _ values: [String: String]) -> String {
        let text = self[key]
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}") else { break }
            let name = String(rest[after..<close])
            if let value = values[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// §15 "Texts": a measure's dictionary unit as a page prints it. The seven default units have
    /// a Vietnamese word; in English, and for any other unit, the unit prints as written.
    public func unitWord(_ unit: String) -> String {
        guard language == .vi else { return unit }
        return PlanLabels.unitWords[unit] ?? unit
    }

    /// A unit word after a count: English says "1 person", "1 record" for the default units.
    public func counted(_ noun: String, _ n: Int?) -> String {
        guard language == .en, n == 1 else { return noun }
        return PlanLabels.singulars[noun] ?? noun
    }

    static let singulars: [String: String] = [
        "records": "record", "documents": "document", "sessions": "session", "initiatives": "initiative",
        "groups": "group", "items": "item", "people": "person",
    ]

    static let unitWords: [String: String] = [
        "records": "vụ", "documents": "văn bản", "sessions": "buổi", "initiatives": "sáng kiến",
        "groups": "nhóm", "items": "hạng mục", "people": "người",
    ]

    static let vi: [String: String] = [
        "subtitle": "Bảng xếp hạng, tiến độ các mốc và danh sách đề nghị khen thưởng",
        "plan": "Kế hoạch", "as_of": "Số liệu đến hết ngày", "generated": "Lập lúc", "period": "Kỳ thi đua",
        "final": "Kỳ thi đua đã kết thúc ngày {end}: đây là kết quả chung cuộc.",
        "in_progress": "Kỳ thi đua đang diễn ra (đến hết ngày {end}): kết quả tạm tính.",
        "rank": "Hạng", "unit": "Đơn vị", "composite": "Điểm tổng hợp", "movement": "So với kỳ trước",
        "trend": "Xu hướng", "leaderboards": "Bảng xếp hạng",
        "priority_note": "✓ {label}: đạt từ {line} trở lên ({clause}).",
        "bloc_spp": "Khối các đơn vị thuộc VKSND tối cao", "bloc_provincial": "Khối VKSND tỉnh, thành phố",
        "bloc_sub": "Khối phòng, VKSND khu vực thuộc", "bloc_staff": "Cá nhân thuộc",
        "milestones": "Tiến độ các mốc", "milestone": "Mốc", "deadline": "Hạn", "status": "Tình trạng",
        "value": "Giá trị", "done_target": "Đạt / mục tiêu", "completed_on": "Ngày hoàn thành",
        "projected_on": "Dự kiến hoàn thành", "remaining": "Còn lại",
        "shortlist": "Danh sách đề nghị khen thưởng", "quota": "Chỉ tiêu",
        "position": "Thứ tự", "nominee": "Tập thể / cá nhân", "reason": "Lý do",
        "proposed": "Đề nghị", "reserve": "Dự bị", "excluded": "Không đủ điều kiện",
        "units_proposed": "Tập thể được đề nghị", "staff_proposed": "Cá nhân được đề nghị",
        "dossiers": "Hồ sơ đề nghị khen thưởng", "dossier": "Hồ sơ", "submitted_on": "Ngày gửi",
        "missing_parts": "Thành phần còn thiếu", "days_left": "Còn lại (ngày)", "award_level": "Hình thức",
        "bang_khen": "Bằng khen", "giay_khen": "Giấy khen",
        "dossier_accepted": "Đủ, đúng hạn", "dossier_incomplete": "Thiếu thành phần",
        "dossier_late_rejected": "Gửi muộn – không tiếp nhận", "dossier_pending": "Chưa gửi",
        "dossier_missing": "Không gửi", "dossier_unit_level": "Đơn vị quyết định",
        "part_proposal": "Tờ trình", "part_minutes": "Biên bản họp Hội đồng",
        "part_achievement_report": "Báo cáo thành tích", "part_impact_confirmation": "Xác nhận phạm vi ảnh hưởng",
        "quality": "Chất lượng dữ liệu", "records_to_fix": "Hồ sơ cần khắc phục",
        "worst_units": "Đơn vị có nhiều hồ sơ cần khắc phục nhất",
        "download_csv": "Tải danh sách (CSV)", "case_id": "Mã hồ sơ", "accepted_on": "Ngày thụ lý", "problem": "Vấn đề",
        "last_updated_on": "Cập nhật lần cuối", "prosecutor": "Kiểm sát viên", "more_rows": "Còn {n} dòng nữa trong tệp CSV.",
        "anomalies": "Dữ liệu bất thường trong kho dữ liệu", "relation": "Bảng", "key": "Khóa", "detail": "Chi tiết",
        "anomalies_none": "Không có dữ liệu bất thường.", "count": "Số lượng",
        "plan_used": "Mốc thời gian, ngưỡng và trọng số của kế hoạch", "weight": "Trọng số", "criterion": "Tiêu chí",
        "date": "Ngày", "key_dates": "Mốc thời gian", "priority_lines": "Ngưỡng ưu tiên", "line": "Ngưỡng",
        "composite_weights": "Trọng số điểm tổng hợp", "individual_weights": "Trọng số điểm cá nhân",
        "s_met": "Đạt", "s_met_late": "Đạt muộn", "s_missed": "Không đạt", "s_pending": "Đang thực hiện",
        "s_at_risk": "Có nguy cơ trễ", "s_not_applicable": "Không áp dụng", "s_no_data": "Chưa có số liệu",
        "met": "Đạt", "not_met": "Chưa đạt", "legend": "Chú thích",
        "metric": "Tiêu chí", "bloc_rank": "Hạng trong khối", "in_bloc": "Trong khối", "of": "trên",
        "median": "trung vị {v}", "members_meeting": "{n}/{total} đơn vị đạt",
        "back": "← Trang tổng hợp", "score": "Điểm", "staff": "Cán bộ", "leaders": "Cá nhân tiêu biểu",
        "yes": "Có", "no": "Không", "new": "mới", "none": "Không có", "headcount": "Biên chế",
        "archive": "Các kỳ báo cáo", "newest": "Báo cáo mới nhất", "all_units": "Tất cả đơn vị",
        "sub_leaderboard": "Bảng xếp hạng khối phòng, VKSND khu vực",
        "impossible": "bất thường", "needed": "Còn thiếu để đạt ngưỡng", "still_short": "Còn thiếu",
        "need_line": "cần thêm {n} {noun} để đạt {line}", "missed_line": "hụt {n} {noun} so với {line}",
        "reached_line": "đã đạt {line}", "need_first": "cần thêm {n} {noun} để ngang hạng 1",
        "missed_first": "kém hạng 1: {n} {noun}", "first_place": "đứng đầu khối",
        "compact_need": "{n} {noun} · {metric} {line}",
        "spark_range": "Trục xu hướng của bảng: từ {lo} đến {hi}.",
        "spark_range_line": "Trục xu hướng của bảng: từ {lo} đến {hi}; vạch đỏ: {line}.",
        "impossible_note": "Số liệu bất thường: tử số lớn hơn mẫu số. Giá trị được giữ nguyên để kiểm tra, không được xếp hạng, tính tối đa 100% vào điểm tổng hợp và được liệt kê trong mục bất thường.",
    ]

    static let en: [String: String] = [
        "subtitle": "Leaderboards, milestone progress and award shortlists",
        "plan": "Plan", "as_of": "Data through", "generated": "Generated", "period": "Emulation period",
        "final": "The emulation period ended on {end}: this is the final standing.",
        "in_progress": "The emulation period is under way (until {end}): provisional standing.",
        "rank": "Rank", "unit": "Unit", "composite": "Composite score", "movement": "Since last run",
        "trend": "Trend", "leaderboards": "Leaderboards",
        "priority_note": "✓ {label}: {line} or more ({clause}).",
        "bloc_spp": "Units of the Supreme People's Procuracy", "bloc_provincial": "Provincial procuracies",
        "bloc_sub": "Departments and regional procuracies of", "bloc_staff": "Staff of",
        "milestones": "Milestones", "milestone": "Milestone", "deadline": "Deadline", "status": "Status",
        "value": "Value", "done_target": "Done / target", "completed_on": "Completed",
        "projected_on": "Projected", "remaining": "Remaining",
        "shortlist": "Award shortlist", "quota": "Quota",
        "position": "Position", "nominee": "Nominee", "reason": "Reason",
        "proposed": "Proposed", "reserve": "Reserve", "excluded": "Not eligible",
        "units_proposed": "Units proposed", "staff_proposed": "Staff proposed",
        "dossiers": "Award dossiers", "dossier": "Dossier", "submitted_on": "Submitted",
        "missing_parts": "Missing parts", "days_left": "Days left", "award_level": "Award",
        "bang_khen": "Certificate of merit", "giay_khen": "Unit certificate",
        "dossier_accepted": "Complete, on time", "dossier_incomplete": "Parts missing",
        "dossier_late_rejected": "Late – refused", "dossier_pending": "Not yet submitted",
        "dossier_missing": "Never submitted", "dossier_unit_level": "Decided by the unit",
        "part_proposal": "Proposal", "part_minutes": "Council minutes",
        "part_achievement_report": "Achievement report", "part_impact_confirmation": "Impact confirmation",
        "quality": "Data quality", "records_to_fix": "Records to fix",
        "worst_units": "Units with the most records to fix",
        "download_csv": "Download the list (CSV)", "case_id": "Record", "accepted_on": "Accepted", "problem": "Problem",
        "last_updated_on": "Last updated", "prosecutor": "Prosecutor", "more_rows": "{n} more rows in the CSV file.",
        "anomalies": "Anomalies in the warehouse", "relation": "Relation", "key": "Key", "detail": "Detail",
        "anomalies_none": "No anomalies.", "count": "Count",
        "plan_used": "The plan's dates, lines and weights", "weight": "Weight", "criterion": "Criterion",
        "date": "Date", "key_dates": "Key dates", "priority_lines": "Priority lines", "line": "Line",
        "composite_weights": "Composite weights", "individual_weights": "Individual score weights",
        "s_met": "Met", "s_met_late": "Met late", "s_missed": "Missed", "s_pending": "In progress",
        "s_at_risk": "At risk", "s_not_applicable": "Not applicable", "s_no_data": "No data",
        "met": "Met", "not_met": "Not met", "legend": "Legend",
        "metric": "Criterion", "bloc_rank": "Rank in bloc", "in_bloc": "In the bloc", "of": "of",
        "median": "median {v}", "members_meeting": "{n} of {total} units meet it",
        "back": "← Summary", "score": "Score", "staff": "Staff", "leaders": "Leading staff",
        "yes": "Yes", "no": "No", "new": "new", "none": "None", "headcount": "Headcount",
        "archive": "Report archive", "newest": "Newest report", "all_units": "All units",
        "sub_leaderboard": "Leaderboard of departments and regional procuracies",
        "impossible": "impossible", "needed": "Short of the line", "still_short": "Still short",
        "need_line": "{n} more {noun} for {line}", "missed_line": "missed {line} by {n} {noun}",
        "reached_line": "{line} reached", "need_first": "{n} more {noun} to equal first place",
        "missed_first": "{n} {noun} behind first place", "first_place": "first in the bloc",
        "compact_need": "{n} {noun} · {metric} {line}",
        "spark_range": "Trend axis of this table: {lo} to {hi}.",
        "spark_range_line": "Trend axis of this table: {lo} to {hi}; red line: {line}.",
        "impossible_note": "Impossible value: the numerator is above the denominator. Shown as computed for checking, not ranked, counted as at most 100% in the composite, and listed among the anomalies.",
    ]
}
