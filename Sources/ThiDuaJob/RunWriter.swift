import Foundation
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse
import ThiDuaWorkbook

/// One table being written: its CSV file and its sheet of the workbook, row by row.
final class TableOutput: @unchecked Sendable {
    let table: DataTable
    let csv: CSVWriter
    let sheet: Sheet

    init(table: DataTable, csv: CSVWriter, sheet: Sheet) {
        self.table = table
        self.csv = csv
        self.sheet = sheet
    }

    func write(_ cells: [CSVCell], normalized: Bool = false) throws {
        let cells = normalized ? cells : cells.map(\.normalized)
        try csv.write(cells, normalized: true)
        try sheet.write(cells, normalized: true)
    }
}

/// Writes the tables of one run into its staging folder: each as `csv/<table>.csv` and as a sheet
/// of `thidua.xlsx`, then `datapackage.json` describing the CSVs (issue 16). Every table's columns
/// come from the plan (`PlanDictionary`, PLAN-LANGUAGE.md §15).
struct RunWriter {
    static let workbookPath = "thidua.xlsx"
    static let dataPackagePath = "datapackage.json"

    let staging: Staging
    let tables: PlanTables
    let byteOrderMark: Bool
    let runID: String
    let generatedAt: String
    let workbook: Workbook
    /// Every table's sheet, made up front so the sheets follow the data dictionary's order.
    let sheets: [String: Sheet]

    var dictionary: PlanDictionary { tables.dictionary }
    var days: ResolvedDays { tables.days }

    /// Creates the workbook with its first sheet, "Thông tin" (the run and the plan), and run.csv.
    init(staging: Staging, tables: PlanTables, byteOrderMark: Bool, started: Date) throws {
        self.staging = staging
        self.tables = tables
        self.byteOrderMark = byteOrderMark
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        generatedAt = iso.string(from: started)
        runID = "\(tables.days.asOf)@\(generatedAt)"
        let path = staging.file(RunWriter.workbookPath)
        let dir = staging.path
        workbook = try staging.creating { try Workbook(path: path, tmpdir: dir) }
        try workbook.textSheet(name: "Thông tin", header: ["Mục (item)", "Giá trị (value)"], rows: RunWriter.information(
            runID: runID, generatedAt: generatedAt, plan: tables.plan, days: tables.days), types: [.text, .text])
        var sheets: [String: Sheet] = [:]
        for t in tables.dictionary.tables { sheets[t.id] = try workbook.sheet(for: t) }
        self.sheets = sheets
        try all(tables.dictionary.run, [try tables.runRow(runID: runID, generatedAt: generatedAt, version: thiduaVersion)])
    }

    func open(_ table: DataTable) throws -> TableOutput {
        TableOutput(table: table, csv: try openCSV(table.file, table.header), sheet: try sheets[table.id] ?? workbook.sheet(for: table))
    }

    func close(_ out: TableOutput) throws {
        out.sheet.finish()
        try closeCSV(out.table.file, out.csv)
    }

    func all(_ table: DataTable, _ rows: [[CSVCell]]) throws {
        let out = try open(table)
        for r in rows { try out.write(r) }
        try close(out)
    }

    private func openCSV(_ relative: String, _ header: [String]) throws -> CSVWriter {
        try staging.creating { try CSVWriter(path: staging.file(relative), header: header, byteOrderMark: byteOrderMark) }
    }

    private func closeCSV(_ relative: String, _ writer: CSVWriter) throws {
        try staging.record(relative, rows: writer.rows, sha256: try writer.close())
    }

    /// Streams the records to fix into the CSV and the workbook (never held in memory), and each
    /// unit's share into `units/<unit>.records.csv` for its page's download link (rows arrive ordered
    /// by unit); keeps per unit only the counts and the first rows the unit page lists.
    func qualityRecords(_ stream: ((QualityRecord) throws -> Void) throws -> Void) throws -> PlanQualitySummary {
        let out = try open(dictionary.qualityRecords)
        var summary = PlanQualitySummary(plan: tables.plan)
        var unitWriter: (unit: String, path: String, writer: CSVWriter)?
        try stream { r in
            let cells = try tables.qualityRow(unitID: r.unitID, caseID: r.caseID, prosecutorID: r.prosecutorID, acceptedOn: r.acceptedOn,
                                              problems: r.problems, missingRequiredFields: r.missingRequiredFields,
                                              errorCount: r.errorCount, lastUpdatedOn: r.lastUpdatedOn)
            let normalized = cells.map(\.normalized)
            try out.write(normalized, normalized: true)
            if unitWriter?.unit != r.unitID {
                if let u = unitWriter { try closeCSV(u.path, u.writer) }
                let path = "units/\(unitFileName(r.unitID)).records.csv"
                unitWriter = (r.unitID, path, try openCSV(path, dictionary.qualityRecords.header))
            }
            try unitWriter?.writer.write(normalized, normalized: true)
            let problems = summary.indices(of: r.problems)
            summary.add(unit: r.unitID, problems: problems,
                        shown: PlanQualitySummary.Shown(caseID: r.caseID, prosecutorID: r.prosecutorID ?? "", acceptedOn: r.acceptedOn,
                                                        problems: problems, lastUpdatedOn: r.lastUpdatedOn))
        }
        if let u = unitWriter { try closeCSV(u.path, u.writer) }
        try close(out)
        return summary
    }

    /// Adds the data dictionary sheet, writes the workbook and `datapackage.json`. Call when every
    /// table is closed.
    func finish() throws {
        let dictionaryRows = dictionary.tables.flatMap { t in
            t.columns.map { c -> [CSVCell] in
                [.text(t.id), .text(c.name), .text(c.type.rawValue), .string(c.unit.isEmpty ? nil : c.unit),
                 .text(c.meaning + (c.values.map { " (one of: " + $0.joined(separator: ", ") + ")" } ?? "")), .text(c.spec)]
            }
        }
        try workbook.textSheet(name: "Từ điển dữ liệu", header: ["table", "column", "type", "unit", "meaning", "reference"],
                               rows: dictionaryRows, types: Array(repeating: .text, count: 6))
        try staging.creating { try workbook.close() }
        try staging.record(RunWriter.workbookPath, rows: nil, sha256: try SHA256.file(staging.file(RunWriter.workbookPath)))
        let rows = Dictionary(staging.files.compactMap { f in f.rows.map { (f.path, $0) } }, uniquingKeysWith: { a, _ in a })
        try staging.write(RunWriter.dataPackagePath, data: dictionary.dataPackage(
            runID: runID, asOf: days.asOf, generatedAt: generatedAt, version: thiduaVersion, byteOrderMark: byteOrderMark, rows: rows))
    }

    /// The first sheet of the workbook: the run, the plan's key dates, priority lines and weights,
    /// what the sheets hold (PLAN-LANGUAGE.md §15 "Workbook").
    static func information(runID: String, generatedAt: String, plan: Plan, days: ResolvedDays) -> [[CSVCell]] {
        func row(_ label: String, _ value: String) -> [CSVCell] { [.text(label), .text(value)] }
        func day(_ label: String, _ d: Day) -> [CSVCell] { row(label, d.vietnamese) }
        var rows: [[CSVCell]] = [
            row("Kế hoạch (plan)", plan.name),
            row("Tên kế hoạch (title)", plan.title.vi),
            row("Kỳ thi đua (period)", "\(days.periodStart.vietnamese) – \(days.periodEnd.vietnamese)"),
            day("Ngày số liệu, D (as of)", days.asOf),
            day("Ngày cuối tính số liệu, E = min(D, kết thúc kỳ)", days.end),
            row("Kết quả cuối cùng (final standing)", days.isFinal ? "Có (yes): kỳ thi đua đã kết thúc" : "Chưa (not yet)"),
            row("Mã lần chạy (run_id)", runID),
            row("Thời điểm tạo, UTC (generated_at)", generatedAt),
            row("Phiên bản thidua (version)", thiduaVersion),
        ]
        for k in plan.output.keyDates where plan.days.indices.contains(k.day) {
            let id = plan.days[k.day].id
            rows.append(day("\(k.label?.vi ?? id) (\(id))", days.days[k.day]))
        }
        for c in plan.criteria {
            guard let line = c.rate?.priorityAt else { continue }
            rows.append(row("Ngưỡng ưu tiên: \(c.label.vi) (\(c.id)_priority_rate)", line.formatted(places: 2)))
        }
        for p in plan.composite {
            rows.append(row("Trọng số \(p.part) (weight)", Score.format(PlanTables.points(tenThousandths: p.weight))))
        }
        for p in plan.score {
            rows.append(row("Trọng số cá nhân \(p.id) (individual_weight)", Score.format(PlanTables.points(tenThousandths: p.weight))))
        }
        rows.append(row("Các trang tính (sheets)",
                        "Mỗi bảng CSV một trang tính, cùng cột; từ điển dữ liệu ở trang cuối (one sheet per CSV, same columns; data dictionary last)"))
        return rows
    }
}
