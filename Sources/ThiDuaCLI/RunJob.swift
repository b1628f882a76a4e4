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
            let report = phase("compute") { Computation(units: data.units, perUnit: data.perUnit, staff: data.staff, anomalies: data.anomalies, window: window) }
            try phase("render") {
                try writeUnitMetrics(report, staging: staging, window: window)
                try writeAnomalies(report, staging: staging, window: window)
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

    func writeUnitMetrics(_ report: Computation, staging: Staging, window: Window) throws {
        let w = try CSVWriter(path: staging.file("csv/unit_metrics.csv"), header: Tables.unitMetrics, byteOrderMark: byteOrderMark)
        for s in report.standings { try w.write(Tables.unitMetricsRow(s, window: window)) }
        try staging.record("csv/unit_metrics.csv", rows: w.rows, sha256: try w.close())
    }

    func writeAnomalies(_ report: Computation, staging: Staging, window: Window) throws {
        let w = try CSVWriter(path: staging.file("csv/anomalies.csv"), header: Tables.anomalies, byteOrderMark: byteOrderMark)
        for a in report.anomalies { try w.write(Tables.anomalyRow(a, window: window)) }
        try staging.record("csv/anomalies.csv", rows: w.rows, sha256: try w.close())
    }

    func writeQualityRecords(_ reader: WarehouseReader, staging: Staging, window: Window) throws {
        let w = try CSVWriter(path: staging.file("csv/data_quality_records.csv"), header: Tables.qualityRecords, byteOrderMark: byteOrderMark)
        try reader.streamQualityRecords { r in
            try w.write([.day(window.asOf), .text(r.unitID), .text(r.caseID), .string(r.prosecutorID), .day(r.acceptedOn),
                         .text(r.problems.joined(separator: ";")), .int(r.missingRequiredFields), .int(r.errorCount),
                         .day(r.lastUpdatedOn)])
        }
        try staging.record("csv/data_quality_records.csv", rows: w.rows, sha256: try w.close())
    }
}
