import Foundation
import TestSupport
import Testing
@testable import ThiDuaCore
@testable import ThiDuaReport

/// The data dictionary derived from the typed plan (PLAN-LANGUAGE.md §8, §9, §12, §15).
@Suite("plan dictionary: every table's columns from the plan")
struct PlanDictionaryTests {
    let p251 = PlanDictionary(plan: typedPlan251())
    let shipped = PlanDictionary(plan: S251.plan)
    let p3 = PlanDictionary(plan: typedPlanPart3())

    func column(_ d: PlanDictionary, _ table: String, _ name: String) -> Column? {
        d.table(table)?.columns.first { $0.name == name }
    }

    @Test("plan 251, shipped and typed by hand: every table's header is 0.4.0's; run.csv adds individual_weight_*")
    func headers251() {
        for d in [shipped, p251] {
            #expect(d.tables.map(\.id) == Dictionary040.tableIDs)
            for t in d.tables {
                #expect(t.header == (t.id == "run" ? Dictionary040.runHeader : Dictionary040.headers[t.id]), "\(d.plan.name) \(t.id)")
            }
            #expect(PlanDictionary.unitMetricsColumns(d.plan) == Dictionary040.headers["unit_metrics"])
        }
        // The frozen headers are docs/csv.md's columns of 0.4.0; keys and row descriptions are kept.
        #expect(Dictionary040.doc.map(\.id) == Dictionary040.tableIDs)
        for (mine, old) in zip(shipped.tables, Dictionary040.doc) {
            #expect(old.columns.map(\.name) == Dictionary040.headers[old.id], "\(old.id)")
            #expect(mine.primaryKey == old.primaryKey, "\(mine.id)")
            #expect(mine.rows == old.rows, "\(mine.id)")
        }
    }

    @Test("plan 251, shipped and typed by hand: every column keeps 0.4.0's type, unit, bounds, value list and pattern")
    func typesAndBounds251() {
        for d in [shipped, p251] {
            for t in d.tables {
                for c in t.columns {
                    let at = "\(d.plan.name) \(t.id).\(c.name)"
                    guard let old = Dictionary040.doc(t.id, c.name), let field = Dictionary040.fields[t.id]?[c.name] else {
                        #expect(c.name.hasPrefix("individual_weight_") && t.id == "run", "\(at)")
                        #expect(c.type == .score && c.unit == "points" && c.minimum == "0" && c.maximum == "100", "\(at)")
                        continue
                    }
                    #expect(c.type.rawValue == old.type, "\(at)")
                    #expect(c.unit == old.unit, "\(at)")
                    #expect(c.values == old.values, "\(at)")
                    #expect(c.values == field.values, "\(at)")
                    #expect(c.minimum == field.minimum && c.maximum == field.maximum,
                            "\(at): \(String(describing: c.minimum))…\(String(describing: c.maximum))")
                    #expect(c.pattern == field.pattern, "\(at)")
                }
            }
        }
    }

    @Test("the shipped plan 251 keeps 0.4.0's meaning of every column but five now generated from the plan (§15)")
    func meanings251() {
        let generated = [
            "milestones.value": "what is done, on the member's scope: infra_ready: infra_ready_items; retro_entry: retro_entered; "
                + "e2e_full: e2e_done; proficiency: proficient_staff; luyenai_participation: participating_staff; "
                + "qlahs_training: qlahs_training_value; ai_training: ai_classes",
            "milestones.target": "what is required: infra_ready: infra_items; retro_entry: retro_total; e2e_full: e2e_total; "
                + "proficiency: leaders_and_prosecutors; luyenai_participation: active_staff; qlahs_training: 1; ai_training: 1",
            "award_shortlist.quota": "the bloc's quota, from the plan file",
            "milestones.clause": "the plan's clause that sets the milestone, from the plan file: infra_ready: II.1; retro_entry: II.1; "
                + "e2e_full: I.1, II.1; proficiency: II.1; luyenai_participation: II.2; qlahs_training: III.1.1; ai_training: III.2.1",
            "anomalies.problem": Dictionary040.doc("anomalies", "problem")!.meaning
                .replacingOccurrences(of: "rate_above_one,", with: "rate_above_one, integer_overflow,"),
        ]
        for t in shipped.tables {
            for c in t.columns {
                guard let old = Dictionary040.doc(t.id, c.name) else { continue }
                #expect(c.meaning == generated["\(t.id).\(c.name)"] ?? old.meaning, "\(t.id).\(c.name)")
            }
        }
    }

    @Test("plan 251 without a layout: the same columns in §15's default order")
    func defaultOrder251() {
        let header = PlanDictionary(plan: typedPlan251(layout: false)).unitMetrics.header
        #expect(header.sorted() == Dictionary040.headers["unit_metrics"]!.sorted())
        #expect(Array(header[6..<13]) == ["e2e_total", "e2e_done", "e2e_rate", "e2e_priority", "retro_total", "retro_entered", "retro_rate"])
        // Published-only measures come after the criteria; ranks before composite_rank.
        #expect(header.firstIndex(of: "active_staff")! < header.firstIndex(of: "participation_rate")!)
        #expect(header.firstIndex(of: "level5_rank")! + 1 == header.firstIndex(of: "composite_rank")!)
        #expect(PlanDictionary.derivedUnitMetricsColumns(typedPlan251()) == Array(header.dropFirst(6)))
    }

    @Test("the Part III plan without a layout: unit_metrics exactly as §21 lists it")
    func headerPart3() {
        let points = ["e2e_rate", "matter_e2e_rate", "backlog_rate", "signature_rate", "level7_rate", "recent_participation_rate", "ai_classes_met"]
        var expected: [String] = ["as_of", "bloc", "unit_id", "unit_name", "unit_kind", "headcount",
                        "e2e_total", "e2e_done", "e2e_rate", "matter_total", "matter_done", "matter_e2e_rate", "backlog_total",
                        "backlog_cleared", "backlog_rate", "stale_records", "docs_total", "docs_signed", "signature_rate",
                        "signature_priority", "level7_staff", "level7_rate", "ai_classes_met", "active_staff", "recent_learners",
                        "recent_participation_rate", "composite_score", "e2e_rank", "matter_e2e_rank", "backlog_rank", "signature_rank",
                        "level7_rank", "composite_rank", "period_final", "parent_id", "province_id"]
        expected += points.map { "points_" + $0 }
        expected += ["backlog_to_full", "signature_to_priority", "recent_participation_to_full"]
        expected += ["e2e", "matter_e2e", "backlog", "signature", "level7"].map { $0 + "_to_first" }
        #expect(p3.unitMetrics.header == expected)
        let weights: [String] = points.map { "weight_" + $0 }
        let individual: [String] = ["cases_e2e", "no_backlog", "level", "regular_study", "contribution"].map { "individual_weight_" + $0 }
        #expect(Array(p3.run.header.suffix(13)) == ["signature_priority_rate"] + weights + individual)
        let metrics: [String] = ["cases_total", "cases_e2e", "stale_records", "level_now", "level_frozen",
            "active_weeks", "weeks_in_period", "studied_30d", "trainings_led", "initiatives_recognized", "disciplined"]
        #expect(Array(p3.staffMetrics.header.dropFirst(7).dropLast(2)) == metrics)
        #expect(p3.milestones.columns.first { $0.name == "milestone" }?.values == ["backlog_clearance", "ai_classes"])
        #expect(p3.milestones.rows == "one row per bloc × unit × milestone (2 per bloc member)")
    }

    @Test("generated meanings: measures, criteria columns, staff metrics, run.csv", arguments: [
        ("unit_metrics", "e2e_total", "case_record rows with accepted_on in [go_live, E]"),
        ("unit_metrics", "retro_total", "case_record rows with accepted_on in [retro_from, min(retro_to, E)]"),
        ("unit_metrics", "stale_records", "case_record rows with accepted_on in [retro_from, E] and entered_on ≤ E and status = open and last_updated_on ≤ stale_cutoff"),
        ("unit_metrics", "quality_clean", "case_record rows with accepted_on in [retro_from, E] and entered_on ≤ E and missing_required_fields ≤ 0 and error_count ≤ 0"),
        ("unit_metrics", "leaders_and_prosecutors", "active staff with role in {leader, prosecutor}"),
        ("unit_metrics", "proficient_staff", "active staff with role in {leader, prosecutor} and actions_30d ≥ 1"),
        ("unit_metrics", "participating_staff", "active staff with first_study not empty"),
        ("unit_metrics", "active_staff", "active staff"),
        ("unit_metrics", "level5_staff", "active staff with level_cutoff ≥ 5"),
        ("unit_metrics", "e2e_rate", "e2e_done / e2e_total"),
        ("unit_metrics", "level5_rate", "level5_staff / headcount"),
        ("unit_metrics", "e2e_priority", "e2e_rate ≥ 0.98, compared exactly"),
        ("unit_metrics", "qlahs_training_met", "qlahs_training_value ≥ 1"),
        ("unit_metrics", "e2e_rank", "standard competition rank of e2e_rate in the bloc; empty when the rate is empty or impossible"),
        ("unit_metrics", "e2e_to_priority", "⌈0.98 × e2e_total⌉ − e2e_done, at least 0; empty when e2e_total is empty or 0"),
        ("unit_metrics", "participation_to_full", "⌈1 × active_staff⌉ − participating_staff, at least 0; empty when active_staff is empty or 0"),
        ("staff_metrics", "cases_e2e", "case_record rows linked to the person with accepted_on in [go_live, E] and end_to_end = true"),
        ("staff_metrics", "level_cutoff", "level of the latest luyenai_daily row on or before level_day"),
        ("staff_metrics", "study_minutes", "Σ minutes (clamped 0–1440) over luyenai_daily rows with day in [period_start, E]"),
        ("staff_metrics", "active_weeks", "7-day weeks from period_start with a luyenai_daily row in [period_start, E] with minutes > 0"),
        ("staff_metrics", "weeks_in_period", "⌈days in [period_start, E] / 7⌉"),
        ("staff_metrics", "trainings_led", "training_session rows linked to the person with training_role.role = trainer and held_on in [period_start, E]"),
        ("staff_metrics", "core_group_member", "has a core_group row linked to the person with established_on ≤ E"),
        ("staff_metrics", "disciplined", "has a discipline row linked to the person with from_on ≤ E and (to_on empty or to_on ≥ period_start)"),
        ("run", "e2e_priority_rate", "the priority line for e2e_rate (I.1, III.1.1)"),
        ("run", "weight_ai_products", "weight of ai_products in composite_score, from the plan file"),
        ("run", "individual_weight_level", "weight of level in the individual score, from the plan file"),
    ])
    func generated251(table: String, name: String, meaning: String) {
        #expect(column(p251, table, name)?.meaning == meaning)
    }

    @Test("generated meanings of the Part III plan and of unpublished declarations")
    func generatedOthers() {
        let backlog = "case_record rows with accepted_on ≤ backlog_before and entered_on ≤ E and (status = open or last_updated_on in [period_start, E])"
        #expect(column(p3, "unit_metrics", "backlog_total")?.meaning == backlog)
        #expect(column(p3, "unit_metrics", "backlog_cleared")?.meaning == backlog + " and status = closed and last_updated_on in [period_start, E]")
        #expect(column(p3, "unit_metrics", "recent_learners")?.meaning == "active staff with studied_30d = true")
        #expect(column(p3, "unit_metrics", "ai_classes_met")?.meaning == "ai_classes ≥ 2")
        #expect(column(p3, "unit_metrics", "signature_priority")?.meaning == "signature_rate ≥ 0.95, compared exactly")
        #expect(column(p3, "staff_metrics", "studied_30d")?.meaning == "has a luyenai_daily row linked to the person with minutes > 0 and day in [E - 29d, E]")
        #expect(column(p3, "staff_metrics", "level_frozen")?.meaning == "level of the latest luyenai_daily row on or before level_day")
        let plan = typedPlan251()
        let measure = { (id: String) in PlanTexts.measure(plan.measures.first { $0.id == id }!, plan) }
        #expect(measure("retro_not_entered") == "case_record rows with accepted_on in [retro_from, min(retro_to, E)] and entered_on empty or after E")
        #expect(measure("infra_ready_items") == "infrastructure rows with ready ≥ required and (completed_on empty or completed_on ≤ D)")
        #expect(measure("infra_items") == "infrastructure rows")
        #expect(measure("qlahs_classes") == "training_session rows with topic = qlahs and format in {class, seminar} and held_on in [period_start, E]")
        #expect(measure("qlahs_training_value") == "qlahs_classes + qlahs_hands_on // 2")
        let metric = { (id: String) in PlanTexts.metric(plan.metrics.first { $0.id == id }!, plan) }
        #expect(metric("first_study") == "first day of luyenai_daily rows with minutes > 0 and day in [contract_start, E]")
        #expect(metric("actions_30d") == "Σ actions (clamped 0–100000) over platform_usage rows with day in [E - 29d, E]")
        // Days as written, whatever their form.
        #expect(PlanTexts.day(.offset(.min(.named(0), .asOf), days: 7), plan) == "min(period_start, D) + 7d")
        #expect(PlanTexts.day(.max(.date(isoDay("2026-01-02")), .contractEnd), plan) == "max(2026-01-02, contract_end)")
        // A parent column and an `all` combinator.
        let docs = Condition.all([.test(.parent("kind"), [.eq(.text("case"))]),
                                  .all([.any([.test(.column("electronic"), [.eq(.bool(true))])]), .test(.column("digitally_signed"), [.ne(.bool(false))])])])
        #expect(PlanTexts.condition(docs, relation: "procedural_document", plan)
            == "case_record.kind = case and (electronic = true and digitally_signed ≠ false)")
    }

    @Test("doc and column_docs come before the generated text; references are the criteria's clauses")
    func docsAndReferences() {
        var plan = typedPlan251()
        plan.output.columnDocs = ["e2e_rate": "from column_docs", "weight_e2e_rate": "the council's weight"]
        plan.criteria[plan.criteria.firstIndex { $0.id == "retro" }!].doc = "from the criterion"
        plan.measures[plan.measures.firstIndex { $0.id == "e2e_total" }!].doc = "from the measure"
        plan.metrics[plan.metrics.firstIndex { $0.id == "level_now" }!].doc = "from the metric"
        let d = PlanDictionary(plan: plan)
        #expect(column(d, "unit_metrics", "e2e_rate")?.meaning == "from column_docs")
        #expect(column(d, "run", "weight_e2e_rate")?.meaning == "the council's weight")
        #expect(column(d, "unit_metrics", "retro_rate")?.meaning == "from the criterion")
        #expect(column(d, "unit_metrics", "e2e_total")?.meaning == "from the measure")
        #expect(column(d, "staff_metrics", "level_now")?.meaning == "from the metric")
        // References: the clause of the criterion; a measure takes the first criterion that writes it;
        // a published-only measure has none; engine columns keep their SPEC section.
        #expect(column(p251, "unit_metrics", "e2e_rate")?.spec == "I.1, III.1.1")
        #expect(column(p251, "unit_metrics", "docs_total")?.spec == "II.1")
        #expect(column(p251, "unit_metrics", "level5_to_first")?.spec == "III.2.1")
        #expect(column(p251, "unit_metrics", "active_staff")?.spec == "II.2")
        #expect(column(p251, "unit_metrics", "composite_score")?.spec == "§4.4")
        #expect(column(p251, "unit_metrics", "headcount")?.spec == "§4.1")
        var published = typedPlan251(layout: false)
        published.measures[published.measures.firstIndex { $0.id == "infra_items" }!].publish = true
        let withPublished = PlanDictionary(plan: published)
        #expect(column(withPublished, "unit_metrics", "infra_items")?.spec == "")
        #expect(withPublished.unitMetrics.header.firstIndex(of: "infra_items") == withPublished.unitMetrics.header.firstIndex(of: "composite_score")! - 1)
    }

    @Test("bounds: integers from 0, ranks and position from 1, rates [0, 1] only when bounded by one, scores [0, 100]")
    func bounds() {
        func range(_ d: PlanDictionary, _ t: String, _ n: String) -> [String?] { [column(d, t, n)?.minimum, column(d, t, n)?.maximum] }
        #expect(range(p3, "unit_metrics", "e2e_rate") == ["0", "1"])
        #expect(range(p3, "unit_metrics", "level7_rate") == ["0", nil])
        #expect(range(p3, "unit_metrics", "backlog_rank") == ["1", nil])
        #expect(range(p3, "unit_metrics", "stale_records") == ["0", nil])
        #expect(range(p3, "unit_metrics", "backlog_to_full") == ["0", nil])
        #expect(range(p3, "unit_metrics", "points_e2e_rate") == ["0", "100"])
        #expect(range(p3, "unit_metrics", "composite_score") == ["0", "100"])
        #expect(range(p3, "staff_metrics", "level_now") == ["0", nil])
        #expect(range(p3, "staff_metrics", "studied_30d") == [nil, nil])
        #expect(range(p3, "staff_metrics", "rank") == ["1", nil])
        #expect(range(p3, "award_shortlist", "position") == ["1", nil])
        #expect(range(p3, "run", "signature_priority_rate") == ["0", "1"])
        #expect(range(p3, "run", "individual_weight_level") == ["0", "100"])
        #expect(column(p3, "unit_metrics", "signature_to_priority")?.unit == "documents")
        #expect(column(p3, "unit_metrics", "level7_to_first")?.unit == "people")
        #expect(column(p3, "staff_metrics", "active_weeks")?.unit == "weeks")
    }

    @Test("value lists come from the plan: milestones, reasons, record problems, dossier parts, anomaly problems")
    func valueLists() {
        #expect(column(p251, "data_quality_records", "problem")?.meaning == "`;`-separated: missing_fields, errors, stale, not_entered")
        #expect(column(p3, "data_quality_records", "problem")?.pattern == "(stale)(;(stale))*")
        #expect(column(p3, "award_shortlist", "reason")?.values == ["discipline"])
        #expect(column(p251, "dossiers", "missing_parts")?.meaning == "`;`-separated: proposal;minutes;achievement_report;impact_confirmation")
        let today = Dictionary040.doc("anomalies", "problem")!.meaning
        #expect(column(p251, "anomalies", "problem")?.meaning == today.replacingOccurrences(of: "rate_above_one,", with: "rate_above_one, integer_overflow,"))
        #expect(PlanDictionary.anomalyProblems(p3.plan).contains("level5_above_headcount") == false)
        #expect(PlanDictionary.anomalyProblems(p3.plan).filter { ["rate_above_one", "integer_overflow"].contains($0) } == ["rate_above_one", "integer_overflow"])
        #expect(column(p251, "milestones", "projected_on")?.meaning == Dictionary040.doc("milestones", "projected_on")!.meaning)
        #expect(column(p3, "milestones", "value")?.meaning == "what is done, on the member's scope: backlog_clearance: backlog_cleared; ai_classes: ai_classes")
        #expect(column(p3, "milestones", "target")?.meaning == "what is required: backlog_clearance: backlog_total; ai_classes: 2")
        var bare = typedPlanPart3()
        bare.milestones = []
        bare.eligibility = []
        bare.recordsToFix = []
        let d = PlanDictionary(plan: bare)
        #expect(column(d, "milestones", "milestone")?.values == nil)
        #expect(column(d, "award_shortlist", "reason")?.values == nil)
        #expect(column(d, "data_quality_records", "problem")?.pattern == nil)
    }

    @Test("the SQL schema: thidua_report for the shipped plan, thidua_report_<slug> for any other", arguments: [
        ("251/KH-VKSTC", "thidua_report"),
        ("KH-TĐ-6T-2026", "thidua_report_kh_td_6t_2026"),
        ("Kế hoạch thi đua 6 tháng cuối năm 2026", "thidua_report_ke_hoach_thi_dua_6_thang_cuoi_nam_2026"),
        ("ĐỢT THI ĐUA “Nước rút” — Quý IV/2026", "thidua_report_dot_thi_dua_nuoc_rut_quy_iv_2026"),
        ("  Ứng dụng   AI!! ", "thidua_report__ung_dung_ai_"),
        ("Phong trào thi đua triển khai nền tảng Quản lý án hình sự gắn với phong trào Bình dân học vụ số",
         "thidua_report_phong_trao_thi_dua_trien_khai_nen_tang_quan_ly_an"),
    ])
    func schema(name: String, expected: String) {
        var plan = typedPlanPart3()
        plan.name = name
        let schema = PlanDictionary.schemaName(for: plan)
        #expect(schema == expected)
        #expect(schema.utf8.count <= 63)
        #expect(PlanDictionary(plan: plan).sql().contains("CREATE SCHEMA IF NOT EXISTS \(expected);\n"))
    }

    @Test("docs/csv.md and sql/reports.sql are the shipped plan's dictionary (make dictionary)")
    func committedDictionary() throws {
        let csv = try readRepositoryFile("docs/csv.md")
        let sql = try readRepositoryFile("sql/reports.sql")
        #expect(csv.hasSuffix(shipped.markdown()), "run make dictionary")
        #expect(shipped.sql() == sql, "run make dictionary")
    }

    @Test("the three formats take a list of tables")
    func formats() throws {
        let markdown = shipped.markdown()
        #expect(markdown.hasPrefix("## run.csv — one row: the run\n\nKey: `run_id`.\n\n| column | type | unit | meaning | reference |\n"))
        #expect(DataDictionary.markdown(shipped.tables) == markdown)
        #expect(DataDictionary.sql(shipped.tables, schema: "thidua_report") == shipped.sql())
        #expect(shipped.sql().contains("CREATE TABLE IF NOT EXISTS thidua_report.unit_metrics (\n"))
        #expect(p251.markdown().contains("| e2e_rate | rate | fraction | e2e_done / e2e_total | I.1, III.1.1 |\n"))
        let p3sql = p3.sql()
        #expect(p3sql.contains("CREATE TABLE IF NOT EXISTS thidua_report_kh_td_6t_2026.unit_metrics (\n"))
        #expect(!p3sql.contains("thidua_report."))
        let json = p3.dataPackage(runID: "r", asOf: isoDay("2026-09-30"), generatedAt: "g", version: "v", byteOrderMark: true, rows: [:])
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let resources = try #require(object["resources"] as? [[String: Any]])
        #expect(resources.map { $0["name"] as? String } == p3.tables.map(\.id))
        let fields = ((resources[1]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])?.map { $0["name"] as? String }
        #expect(fields == p3.unitMetrics.header)
        #expect(object["title"] as? String == "thidua: KH-TĐ-6T-2026, 2026-09-30")
        let dictionary = try #require(try JSONSerialization.jsonObject(with: p3.json()) as? [String: Any])
        #expect(dictionary["name"] as? String == "thidua-kh_td_6t_2026")
        #expect((dictionary["resources"] as? [[String: Any]])?.count == 8)
        #expect(dictionary["id"] == nil)
    }
}
