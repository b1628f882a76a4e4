import Foundation
import Postgres
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse

/// One run, wired: connect, check the contract, read one snapshot, compute, write, publish.
struct RunJob {
    var database: DatabaseOptions
    var plan: Plan
    var asOf: Day
    var outDir: String
    var language: Language
    var byteOrderMark: Bool

    struct Result {
        var runDirectory: String
    }

    func execute() throws -> Result {
        let started = Date()
        var phases: [(String, Double)] = []
        func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let t = Date()
            defer { phases.append((name, Date().timeIntervalSince(t))) }
            return try body()
        }
        let window = Window(asOf: asOf, plan: plan)
        let connection = try phase("connect") { try connect(database) }
        let problems: [String]
        do { problems = try Contract.check(connection, schema: database.schema) } catch {
            throw CommandFailure(.unavailable, "cannot read the catalogue: \(error)")
        }
        if !problems.isEmpty {
            for p in problems { FileHandle.standardError.write(Data("thidua: contract: \(p)\n".utf8)) }
            throw CommandFailure(.dataError, "the warehouse breaks the contract (\(problems.count) problem(s)); nothing was written")
        }

        let staging: Staging
        do { staging = try Staging(outDir: outDir, asOf: asOf) } catch { throw CommandFailure(.cantCreate, error.description) }

        do {
            let reader = try WarehouseReader.begin(connection, schema: database.schema, window: window)
            let data = try phase("queries") { try reader.read() }
            var evaluation = Evaluation(units: data.units, perUnit: data.perUnit, window: window)
            let staffCSV = try csv(staging, "csv/staff_metrics.csv", Tables.staffMetrics)
            let shortlistCSV = try csv(staging, "csv/award_shortlist.csv", Tables.awardShortlist)
            try phase("staff") {
                try reader.streamStaffBlocs { owner, staff in
                    let board = evaluation.addStaffBloc(owner: owner, staff: staff)
                    for s in board.standings { try staffCSV.write(Tables.staffMetricsRow(s, window: window)) }
                    for n in board.nominations { try shortlistCSV.write(Tables.nominationRow(n, window: window)) }
                }
            }
            let report = phase("compute") { evaluation.finish(anomalies: data.anomalies) }
            try phase("render") {
                for n in report.unitNominations { try shortlistCSV.write(Tables.nominationRow(n, window: window)) }
                try finish(staging, "csv/staff_metrics.csv", staffCSV)
                try finish(staging, "csv/award_shortlist.csv", shortlistCSV)
                try writeAll(staging, "csv/unit_metrics.csv", Tables.unitMetrics, report.standings.map { Tables.unitMetricsRow($0, window: window) })
                try writeAll(staging, "csv/milestones.csv", Tables.milestones, report.milestones.map { Tables.milestoneRow($0, window: window) })
                try writeAll(staging, "csv/dossiers.csv", Tables.dossiers, data.dossiers.map {
                    Tables.dossierRow($0, Dossiers.status($0, asOf: window.asOf, deadline: plan.dossierDeadline), window: window)
                })
                try writeAll(staging, "csv/anomalies.csv", Tables.anomalies, report.anomalies.map { Tables.anomalyRow($0, window: window) })
                try writeQualityRecords(reader, staging: staging, window: window)
            }
            reader.finish()
            let html = HTMLReport(language: language).index(report: report, window: window, plan: plan)
            try staging.write("index.html", data: Data(html.utf8))
            let manifest = Manifest(asOf: asOf, generatedAt: Date(), plan: plan.name, toolVersion: thiduaVersion,
                                    database: connection.target, durations: phases + [("total", Date().timeIntervalSince(started))],
                                    final: window.isFinal, files: staging.files)
            try staging.write("manifest.json", data: manifest.json())
            let dir = try staging.publish()
            return Result(runDirectory: dir)
        } catch let e as PostgresError {
            staging.abandon()
            throw CommandFailure(e.isTransient ? .tempFailure : (e.kind == .decode ? .dataError : .unavailable), "warehouse read failed: \(e)")
        } catch let e as PublishError {
            staging.abandon()
            throw CommandFailure(.cantCreate, e.description)
        } catch let e as CommandFailure {
            staging.abandon()
            throw e
        } catch {
            staging.abandon()
            throw CommandFailure(.cantCreate, "writing the run failed: \(error.localizedDescription)")
        }
    }

    func csv(_ staging: Staging, _ relative: String, _ header: [String]) throws -> CSVWriter {
        try CSVWriter(path: staging.file(relative), header: header, byteOrderMark: byteOrderMark)
    }

    func finish(_ staging: Staging, _ relative: String, _ writer: CSVWriter) throws {
        try staging.record(relative, rows: writer.rows, sha256: try writer.close())
    }

    func writeAll(_ staging: Staging, _ relative: String, _ header: [String], _ rows: [[CSVCell]]) throws {
        let w = try csv(staging, relative, header)
        for r in rows { try w.write(r) }
        try finish(staging, relative, w)
    }

    func writeQualityRecords(_ reader: WarehouseReader, staging: Staging, window: Window) throws {
        let w = try csv(staging, "csv/data_quality_records.csv", Tables.qualityRecords)
        try reader.streamQualityRecords { r in
            try w.write([.day(window.asOf), .text(r.unitID), .text(r.caseID), .string(r.prosecutorID), .day(r.acceptedOn),
                         .text(r.problems.joined(separator: ";")), .int(r.missingRequiredFields), .int(r.errorCount),
                         .day(r.lastUpdatedOn)])
        }
        try finish(staging, "csv/data_quality_records.csv", w)
    }
}
