import Foundation
import Testing
@testable import ThiDuaCore
@testable import ThiDuaReport

/// The rows of the output tables built by column name from the engine's figures (PLAN-LANGUAGE.md
/// §14 printing, §15 columns).
@Suite("plan tables: rows by column name")
struct PlanTablesTests {
    func line(_ cells: [CSVCell]) -> String { cells.map(CSVWriter.field).joined(separator: ",") }

    func tables(_ plan: Plan, asOf: String) -> PlanTables {
        PlanTables(dictionary: PlanDictionary(plan: plan), days: ResolvedDays(plan: plan, asOf: isoDay(asOf)))
    }

    /// A department of a province in the Part III plan: an empty rate, an impossible one (19 of 12),
    /// a priority line met, gaps, points.
    func member() -> MemberFigures {
        let unit = Unit(id: "P01-D2", name: "Phòng 2, VKS tỉnh A", kindText: "department", parentID: "P01", headcount: 12)
        // e2e_total, e2e_done, matter_total, matter_done, backlog_total, backlog_cleared, stale_records,
        // docs_total, docs_signed, ai_classes, level7_staff, active_staff, recent_learners
        var f = MemberFigures(bloc: .sub("P01"), unit: unit, headcount: 12, provinceID: "P01",
                              measures: [40, 39, 0, 0, 3, 1, 2, 7, 7, 1, 19, 15, 6], criteria: 8, parts: 7)
        // e2e, matter_e2e, backlog, stale_records, signature, level7, ai_classes, recent_participation
        f.rates = [Fraction(39, 40), nil, Fraction(1, 3), nil, Fraction(7, 7), Fraction(19, 12), nil, Fraction(6, 15)]
        f.impossible[5] = true
        f.flags[4] = true
        f.ranks = [2, nil, 3, nil, 1, nil, nil, nil]
        f.toFull[2] = 2
        f.toFull[7] = 9
        f.toPriority[4] = 0
        f.toFirst = [1, nil, 0, nil, 0, nil, nil, nil]
        f.composite = Decimal(string: "58.375")!
        f.compositeRank = 4
        f.points = ["24.375", "0", "5", "10", "15", "4", "0"].map { Decimal(string: $0)! }
        return f
    }

    @Test("a full unit_metrics row of the Part III plan, printed as §14 says")
    func unitMetricsRow() throws {
        let row = try tables(typedPlanPart3(), asOf: "2026-09-30").unitMetricsRow(member())
        #expect(line(row) == "2026-09-30,sub:P01,P01-D2,\"Phòng 2, VKS tỉnh A\",department,12,"
            + "40,39,0.975000,0,0,,3,1,0.333333,2,7,7,1.000000,true,19,1.583333,false,15,6,0.400000,"
            + "58.3750,2,,3,1,,4,false,P01,P01,"
            + "24.3750,0.0000,5.0000,10.0000,15.0000,4.0000,0.0000,"
            + "2,0,9,1,,0,0,")
    }

    @Test("plan 251 with its layout: every cell lands under its own column")
    func unitMetrics251ByName() throws {
        let plan = typedPlan251()
        let unit = Unit(id: "VKS-01", name: "Vụ 1", kindText: "spp_unit", parentID: nil, headcount: 50)
        var f = MemberFigures(bloc: .spp, unit: unit, headcount: 50, provinceID: nil,
                              measures: plan.measures.indices.map { 1000 + $0 }, criteria: plan.criteria.count, parts: plan.composite.count)
        for (i, c) in plan.criteria.enumerated() {
            f.ranks[i] = 100 + i
            f.toFirst[i] = 200 + i
            f.toFull[i] = 300 + i
            f.toPriority[i] = 400 + i
            if c.rate != nil { f.rates[i] = Fraction(i, 100) }
        }
        f.points = plan.composite.indices.map { Decimal($0) }
        let t = tables(plan, asOf: "2026-07-01")
        let header = t.dictionary.unitMetrics.header
        let cells = try t.unitMetricsRow(f).map(CSVWriter.field)
        #expect(cells.count == header.count)
        func cell(_ name: String) -> String { cells[header.firstIndex(of: name)!] }
        for (m, measure) in plan.measures.enumerated() where header.contains(measure.id) {
            #expect(cell(measure.id) == String(1000 + m), "\(measure.id)")
        }
        let level5 = plan.criteria.firstIndex { $0.id == "level5" }!
        #expect(cell("level5_rate") == Fraction(level5, 100)!.formatted(places: 6))
        #expect(cell("level5_rank") == String(100 + level5))
        #expect(cell("level5_to_first") == String(200 + level5))
        #expect(cell("e2e_to_priority") == "400")
        #expect(cell("participation_to_full") == String(300 + plan.criteria.firstIndex { $0.id == "participation" }!))
        #expect(cell("points_ai_products") == "7.0000")
        #expect(cell("period_final") == "true")
        #expect(cell("parent_id") == "" && cell("province_id") == "")
        #expect(cell("headcount") == "50")
    }

    @Test("a row with a missing cell or an extra cell is refused, naming the column")
    func refused() throws {
        let t = tables(typedPlanPart3(), asOf: "2026-09-30")
        var short = member()
        short.rates.removeLast()
        #expect(throws: PlanRowError(table: "unit_metrics", column: "recent_participation_rate", problem: .missingCell)) {
            try t.unitMetricsRow(short)
        }
        var cells = t.unitMetricsCells(member())
        cells["bogus"] = .int(1)
        #expect(throws: PlanRowError(table: "unit_metrics", column: "bogus", problem: .extraCell)) {
            try PlanTables.ordered(cells, by: t.dictionary.unitMetrics)
        }
        // A header without a column the plan writes: the row is refused, not shifted.
        let table = t.dictionary.unitMetrics
        let narrower = DataTable(id: table.id, rows: table.rows, primaryKey: table.primaryKey, columns: table.columns.filter { $0.name != "stale_records" })
        #expect(throws: PlanRowError(table: "unit_metrics", column: "stale_records", problem: .extraCell)) {
            try PlanTables.ordered(t.unitMetricsCells(self.member()), by: narrower)
        }
        let error = PlanRowError(table: "unit_metrics", column: "e2e_rate", problem: .missingCell)
        #expect(error.description.contains("e2e_rate"))
    }

    @Test("run.csv of plan 251: the priority line with 6 decimals, weights as scores with 4")
    func runRow() throws {
        let t = tables(typedPlan251(), asOf: "2026-03-15")
        let row = try t.runRow(runID: "2026-03-15@2026-03-16T01:00:00Z", generatedAt: "2026-03-16T01:00:00Z", version: "1.2.3")
        #expect(line(row) == "2026-03-15@2026-03-16T01:00:00Z,2026-03-15,2026-03-16T01:00:00Z,1.2.3,251/KH-VKSTC,"
            + "Phong trào thi đua triển khai nền tảng Quản lý án hình sự gắn với phong trào “Bình dân học vụ số”,"
            + "2025-12-12,2026-06-30,2026-03-15,false,0.980000,"
            + "30.0000,15.0000,15.0000,10.0000,15.0000,5.0000,5.0000,5.0000,"
            + "40.0000,20.0000,20.0000,10.0000,10.0000")
        #expect(Score.format(PlanTables.points(tenThousandths: 125_000)) == "12.5000")
        #expect(Score.format(PlanTables.points(tenThousandths: 1)) == "0.0001")
        #expect(CSVWriter.field(.score(Decimal(30))) == CSVWriter.field(.score(PlanTables.points(tenThousandths: 300_000))))
        let after = tables(typedPlan251(), asOf: "2026-07-01")
        let final = try after.runRow(runID: "r", generatedAt: "g", version: "v").map(CSVWriter.field)
        #expect(Array(final[6...9]) == ["2025-12-12", "2026-06-30", "2026-06-30", "true"])
    }

    @Test("staff_metrics: published metrics by type, score with 4 decimals, empty for none")
    func staffRow() throws {
        let plan = typedPlanPart3()
        let t = tables(plan, asOf: "2026-09-30")
        // cases_total, cases_e2e, stale_records, level_now, level_frozen, active_weeks, weeks_in_period,
        // studied_30d, trainings_led, initiatives_recognized, disciplined
        let values: [MetricValue] = [.int(12), .int(11), .int(0), .int(7), .int(nil), .int(10), .int(13), .bool(true), .int(1), .int(0), .bool(false)]
        let row = StaffRow(staffID: "S-9", fullName: "=Nguyễn Văn A", unitID: "P01-D2", roleText: "prosecutor", directWorker: true, values: values)
        let figures = StaffFigures(bloc: .staff("P01"), row: row, whenHolds: [false, true, false, false, true], score: Decimal(string: "87.69230")!, rank: 2)
        #expect(line(try t.staffMetricsRow(figures))
            == "2026-09-30,staff:P01,P01-D2,S-9,'=Nguyễn Văn A,prosecutor,true,12,11,0,7,,10,13,true,1,0,false,87.6923,2")
        var short = figures
        short.row.values.removeLast()
        #expect(throws: PlanRowError(table: "staff_metrics", column: "disciplined", problem: .missingCell)) { try t.staffMetricsRow(short) }
    }

    @Test("milestones, shortlist, dossiers, records and anomalies rows")
    func fixedTables() throws {
        let plan = typedPlanPart3()
        let t = tables(plan, asOf: "2026-09-30")
        let m = MilestoneFigure(bloc: .provincial, unitID: "P01", milestone: 0, deadline: isoDay("2026-12-15"), status: .atRisk,
                                value: 3, target: 10, completedOn: nil, projectedOn: isoDay("2027-01-20"))
        #expect(line(try t.milestoneRow(m)) == "2026-09-30,provincial,P01,backlog_clearance,2026-12-15,at_risk,3,10,,2027-01-20,II.2")
        var unknown = m
        unknown.milestone = 7
        #expect(throws: PlanRowError(table: "milestones", column: "milestone", problem: .missingCell)) { try t.milestoneRow(unknown) }
        let n = Nomination(bloc: .staff("P01"), nomineeKind: .staff, nomineeID: "S-9", nomineeName: "Nguyễn Văn A", quota: 3,
                           position: nil, status: .excluded, reason: "discipline")
        #expect(line(try t.nominationRow(n)) == "2026-09-30,staff:P01,staff,S-9,Nguyễn Văn A,3,,excluded,discipline")
        let d = DossierInput(dossierID: "D1", nomineeKind: "unit", nomineeID: "P01", awardLevel: "bang_khen", submittedOn: nil,
                             hasProposal: true, hasMinutes: false, hasAchievementReport: true, hasImpactConfirmation: false)
        let s = DossierStatus(status: .pending, missingParts: ["minutes", "impact_confirmation"], daysLeft: 101, submittedOn: nil)
        #expect(line(try t.dossierRow(d, s)) == "2026-09-30,D1,unit,P01,bang_khen,,pending,minutes;impact_confirmation,101")
        let q = try t.qualityRow(unitID: "P01", caseID: "C-1", prosecutorID: nil, acceptedOn: isoDay("2026-04-02"), problems: ["stale"],
                                 missingRequiredFields: -1, errorCount: 0, lastUpdatedOn: isoDay("2026-05-01"))
        #expect(line(q) == "2026-09-30,P01,C-1,,2026-04-02,stale,-1,0,2026-05-01")
        let a = Anomaly(relation: "unit", key: "P01-D2", problem: "rate_above_one", detail: "bloc=sub:P01 level7_rate=19/12")
        #expect(line(try t.anomalyRow(a)) == "2026-09-30,unit,P01-D2,rate_above_one,bloc=sub:P01 level7_rate=19/12")
    }
}
