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

    func write(_ cells: [CSVCell]) throws {
        try csv.write(cells)
        try sheet.write(cells)
    }
}

/// Writes the tables of one run into its staging folder: each as `csv/<table>.csv` and as a sheet
/// of `thidua.xlsx`, then `datapackage.json` describing the CSVs (issue 16).
struct RunWriter {
    static let workbookPath = "thidua.xlsx"
    static let dataPackagePath = "datapackage.json"

    let staging: Staging
    let window: Window
    let byteOrderMark: Bool
    let runID: String
    let generatedAt: String
    let workbook: Workbook
    /// Every table's sheet, made up front so the sheets follow the data dictionary's order.
    let sheets: [String: Sheet]

    /// Creates the workbook with its first sheet, "Thông tin" (the run and the plan), and run.csv.
    init(staging: Staging, window: Window, byteOrderMark: Bool, started: Date) throws {
        self.staging = staging
        self.window = window
        self.byteOrderMark = byteOrderMark
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        generatedAt = iso.string(from: started)
        runID = "\(window.asOf)@\(generatedAt)"
        let path = staging.file(RunWriter.workbookPath)
        let dir = staging.path
        workbook = try staging.creating { try Workbook(path: path, tmpdir: dir) }
        try workbook.textSheet(name: "Thông tin", header: ["Mục (item)", "Giá trị (value)"], rows: RunWriter.information(
            runID: runID, generatedAt: generatedAt, window: window), types: [.text, .text])
        var sheets: [String: Sheet] = [:]
        for t in DataDictionary.all { sheets[t.id] = try workbook.sheet(for: t) }
        self.sheets = sheets
        try all(DataDictionary.run, [Tables.runRow(runID: runID, generatedAt: generatedAt, version: thiduaVersion, window: window)])
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
    func qualityRecords(_ reader: WarehouseReader) throws -> QualitySummary {
        let out = try open(DataDictionary.qualityRecords)
        var summary = QualitySummary()
        var unitWriter: (unit: String, path: String, writer: CSVWriter)?
        try reader.streamQualityRecords { r in
            let cells = Tables.qualityRow(r.unitID, r.caseID, r.prosecutorID, r.acceptedOn, r.problems, r.missingRequiredFields,
                                          r.errorCount, r.lastUpdatedOn, window: window)
            try out.write(cells)
            if unitWriter?.unit != r.unitID {
                if let u = unitWriter { try closeCSV(u.path, u.writer) }
                let path = "units/\(unitFileName(r.unitID)).records.csv"
                unitWriter = (r.unitID, path, try openCSV(path, Tables.qualityRecords))
            }
            try unitWriter?.writer.write(cells)
            summary.add(unit: r.unitID, problems: r.problems,
                        shown: QualitySummary.Shown(caseID: r.caseID, prosecutorID: r.prosecutorID ?? "", acceptedOn: r.acceptedOn,
                                                    problems: r.problems, lastUpdatedOn: r.lastUpdatedOn))
        }
        if let u = unitWriter { try closeCSV(u.path, u.writer) }
        try close(out)
        return summary
    }

    /// Adds the data dictionary sheet, writes the workbook and `datapackage.json`. Call when every
    /// table is closed.
    func finish() throws {
        let dictionary = DataDictionary.all.flatMap { t in
            t.columns.map { c -> [CSVCell] in
                [.text(t.id), .text(c.name), .text(c.type.rawValue), .string(c.unit.isEmpty ? nil : c.unit),
                 .text(c.meaning + (c.values.map { " (one of: " + $0.joined(separator: ", ") + ")" } ?? "")), .text(c.spec)]
            }
        }
        try workbook.textSheet(name: "Từ điển dữ liệu", header: ["table", "column", "type", "unit", "meaning", "SPEC"],
                               rows: dictionary, types: Array(repeating: .text, count: 6))
        try staging.creating { try workbook.close() }
        try staging.record(RunWriter.workbookPath, rows: nil, sha256: try SHA256.file(staging.file(RunWriter.workbookPath)))
        let rows = Dictionary(staging.files.compactMap { f in f.rows.map { (f.path, $0) } }, uniquingKeysWith: { a, _ in a })
        try staging.write(RunWriter.dataPackagePath, data: DataDictionary.dataPackage(
            runID: runID, asOf: window.asOf, generatedAt: generatedAt, version: thiduaVersion, plan: window.plan,
            byteOrderMark: byteOrderMark, rows: rows))
    }

    /// The first sheet of the workbook: the run, the plan's dates and weights, what the sheets hold.
    static func information(runID: String, generatedAt: String, window: Window) -> [[CSVCell]] {
        let p = window.plan
        func row(_ label: String, _ value: String) -> [CSVCell] { [.text(label), .text(value)] }
        func day(_ label: String, _ d: Day) -> [CSVCell] { row(label, d.vietnamese) }
        var rows: [[CSVCell]] = [
            row("Kế hoạch (plan)", p.name),
            row("Tên kế hoạch (title)", p.title),
            day("Ngày số liệu, D (as of)", window.asOf),
            day("Ngày cuối tính số liệu, E = min(D, kết thúc kỳ)", window.end),
            row("Kết quả cuối cùng (final standing)", window.isFinal ? "Có (yes): kỳ thi đua đã kết thúc" : "Chưa (not yet)"),
            row("Mã lần chạy (run_id)", runID),
            row("Thời điểm tạo, UTC (generated_at)", generatedAt),
            row("Phiên bản thidua (version)", thiduaVersion),
            day("Bắt đầu kỳ (period_start)", p.periodStart),
            day("Kết thúc kỳ (period_end)", p.periodEnd),
            day("Hạ tầng xong (infra_deadline)", p.infraDeadline),
            day("Vận hành chính thức (go_live)", p.goLive),
            row("Nhập liệu truy hồi: vụ án thụ lý (retro_from – retro_to)", "\(p.retroFrom.vietnamese) – \(p.retroTo.vietnamese)"),
            day("Hạn nhập liệu truy hồi (retro_deadline)", p.retroDeadline),
            day("Hạn sử dụng thành thạo (proficiency_deadline)", p.proficiencyDeadline),
            day("Mốc tính đẳng LuyenAI (luyenai_cutoff)", p.luyenaiCutoff),
            day("Hạn nộp hồ sơ (dossier_deadline)", p.dossierDeadline),
            row("Ngưỡng ưu tiên toàn trình (e2e_priority_rate)", p.e2ePriorityRate.formatted(places: 2)),
        ]
        for part in LegacyCompositePart.allCases {
            rows.append(row("Trọng số \(part.rawValue) (weight)", Score.format(p.compositeWeights[part] ?? 0)))
        }
        rows.append(row("Các trang tính (sheets)",
                        "Mỗi bảng CSV một trang tính, cùng cột; từ điển dữ liệu ở trang cuối (one sheet per CSV, same columns; data dictionary last)"))
        return rows
    }
}
