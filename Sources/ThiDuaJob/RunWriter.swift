import Foundation
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse

/// Writes the CSV files of one run into its staging folder.
struct RunWriter {
    let staging: Staging
    let window: Window
    let byteOrderMark: Bool

    func open(_ relative: String, _ header: [String]) throws -> CSVWriter {
        try staging.creating { try CSVWriter(path: staging.file(relative), header: header, byteOrderMark: byteOrderMark) }
    }

    func close(_ relative: String, _ writer: CSVWriter) throws {
        try staging.record(relative, rows: writer.rows, sha256: try writer.close())
    }

    func all(_ relative: String, _ header: [String], _ rows: [[CSVCell]]) throws {
        let w = try open(relative, header)
        for r in rows { try w.write(r) }
        try close(relative, w)
    }

    /// Streams the records to fix into the CSV (never held in memory), and each unit's share into
    /// `units/<unit>.records.csv` for its page's download link (rows arrive ordered by unit); keeps
    /// per unit only the counts and the first rows the unit page lists.
    func qualityRecords(_ reader: WarehouseReader) throws -> QualitySummary {
        let w = try open("csv/data_quality_records.csv", Tables.qualityRecords)
        var summary = QualitySummary()
        var unitWriter: (unit: String, path: String, writer: CSVWriter)?
        try reader.streamQualityRecords { r in
            let cells = Tables.qualityRow(r.unitID, r.caseID, r.prosecutorID, r.acceptedOn, r.problems, r.missingRequiredFields,
                                          r.errorCount, r.lastUpdatedOn, window: window)
            try w.write(cells)
            if unitWriter?.unit != r.unitID {
                if let u = unitWriter { try close(u.path, u.writer) }
                let path = "units/\(unitFileName(r.unitID)).records.csv"
                unitWriter = (r.unitID, path, try open(path, Tables.qualityRecords))
            }
            try unitWriter?.writer.write(cells)
            summary.add(unit: r.unitID, problems: r.problems,
                        shown: QualitySummary.Shown(caseID: r.caseID, prosecutorID: r.prosecutorID ?? "", acceptedOn: r.acceptedOn,
                                                    problems: r.problems, lastUpdatedOn: r.lastUpdatedOn))
        }
        if let u = unitWriter { try close(u.path, u.writer) }
        try close("csv/data_quality_records.csv", w)
        return summary
    }
}
