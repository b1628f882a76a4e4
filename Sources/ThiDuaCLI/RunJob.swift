import Dispatch
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse

/// One run, wired: lock, connect, check the contract, read one snapshot, compute, write, gate,
/// publish, prune, and leave a metrics file. Logic lives in the libraries; this is the order.
struct RunJob {
    var settings: Settings
    var plan: Plan
    var asOf: Day
    var force: Bool
    var log: EventLog

    struct Result {
        var runDirectory: String
        var rows: [String: Int]
    }

    /// Advisory lock key shared by every thidua run on a warehouse: two hosts cannot collide.
    static let advisoryKey = 251_122_025

    func executeRecordingMetrics() throws -> Result {
        let started = Date()
        do {
            let result = try execute()
            recordMetrics(exit: 0, started: started, rows: result.rows)
            return result
        } catch let failure as CommandFailure {
            recordMetrics(exit: failure.status.rawValue, started: started, rows: [:])
            throw failure
        }
    }

    private func recordMetrics(exit: Int32, started: Date, rows: [String: Int]) {
        guard let path = settings.metricsFile else { return }
        do { try RunMetrics.write(path: path, exitCode: exit, durationSeconds: Date().timeIntervalSince(started), rows: rows) } catch {
            log.warn("metrics", "could not write the metrics file: \(error)")
        }
    }

    func execute() throws -> Result {
        var lock: RunLock?
        defer { withExtendedLifetime(lock) {} }
        RunProgress.shared.jsonLogs = settings.logFormat == "json"
        var attempt = 1
        var earlierSessions: Set<Int32> = []
        while true {
            do {
                let connection = try connect(settings, log: log)
                // The contract is checked before anything is written, even the lock file.
                try checkContract(connection)
                if lock == nil { lock = try takeRunLock() }
                try takeAdvisoryLock(connection, earlierSessions: earlierSessions)
                earlierSessions.insert(connection.backendPID)
                return try produce(connection)
            } catch let e as PostgresError where e.isTransient && attempt < settings.retries {
                let wait = settings.retryBackoffSeconds * pow(2, Double(attempt - 1))
                log.warn("read_retry", "the warehouse read failed (attempt \(attempt) of \(settings.retries)); starting the snapshot again in \(wait) s: \(e)")
                Thread.sleep(forTimeInterval: wait)
                attempt += 1
            } catch let e as PostgresError {
                throw CommandFailure(Self.status(for: e), "warehouse read failed: \(e)")
            }
        }
    }

    /// One run at a time per output folder; stale staging of killed runs is cleaned under the lock.
    private func takeRunLock() throws -> RunLock {
        let outDir = settings.outDir
        let lock: RunLock?
        do { lock = try RunLock(outDir: outDir) } catch { throw CommandFailure(.cantCreate, error.description) }
        guard let lock else {
            throw CommandFailure(.tempFailure, "another run holds the lock \(outDir)/.thidua.lock; nothing was touched")
        }
        Faults.hit("after-lock")
        for stale in RunFolders.removeStaleStaging(outDir) { log.info("cleanup", "removed \(stale) left by an interrupted run") }
        return lock
    }

    static func status(for e: PostgresError) -> ExitStatus {
        if e.isTransient { return .tempFailure }
        if e.kind == .decode { return .dataError }
        if let s = e.sqlState, s.hasPrefix("42") || s.hasPrefix("22") { return .dataError }
        return .unavailable
    }

    /// One run at a time per warehouse. A killed run's server session lets go within seconds (the
    /// server checks for a dead client every 2 s, see `connect`), so a lock still held is waited
    /// for a little before the run gives up with 75, naming who holds it.
    private func takeAdvisoryLock(_ connection: Connection, earlierSessions: Set<Int32>) throws {
        let started = Date()
        while true {
            let got: Bool = try connection.query("SELECT pg_try_advisory_lock(\(Self.advisoryKey)) AS got")[0].decode(named: "got")
            if got { return }
            if Date().timeIntervalSince(started) >= Self.advisoryWaitSeconds { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let holders = try connection.query("""
            SELECT l.pid, coalesce(a.application_name, '') AS application,
                   coalesce(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), '') AS since
            FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = \(Self.advisoryKey) AND l.objsubid = 1 AND l.granted
            """)
        let holder = holders.count > 0 ? holders[0] : nil
        let pid: Int? = try holder?.decode(named: "pid")
        if let pid, earlierSessions.contains(Int32(pid)) {
            throw CommandFailure(.tempFailure, "the server session of this run's earlier attempt (server pid \(pid)) still holds the warehouse's advisory lock: the server has not ended it after it stopped answering; nothing was touched, try again later")
        }
        let who = try pid.map { p in
            "server pid \(p), application '\(try holder?.decode(named: "application", as: String.self) ?? "")', session since \(try holder?.decode(named: "since", as: String.self) ?? "?")"
        } ?? "its holder is not visible to this role"
        throw CommandFailure(.tempFailure, "another thidua run holds the warehouse's advisory lock \(Self.advisoryKey) (\(who)); waited \(Int(Self.advisoryWaitSeconds)) s, nothing was touched")
    }

    /// How long a run waits for the advisory lock before it gives up.
    static let advisoryWaitSeconds = 10.0

    private func checkContract(_ connection: Connection) throws {
        let problems = try Contract.check(connection, schema: settings.schema)
        if !problems.isEmpty {
            for p in problems { log.error("contract", "contract: \(p)") }
            throw CommandFailure(.dataError, "the warehouse breaks the contract (\(problems.count) problem(s)); nothing was written")
        }
    }

    /// Reads the snapshot and writes the run into staging, then publishes it (or parks it when the
    /// gate refuses). A failure removes the staging folder; earlier runs stay untouched.
    private func produce(_ connection: Connection) throws -> Result {
        let started = Date()
        var phases: [(String, Double)] = []
        func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let t = Date()
            defer { phases.append((name, Date().timeIntervalSince(t))) }
            return try body()
        }
        let window = Window(asOf: asOf, plan: plan)
        let outDir = settings.outDir
        let staging: Staging
        do {
            staging = try Staging(outDir: outDir, asOf: asOf, fileMode: mode_t(settings.fileMode), dirMode: mode_t(settings.dirMode))
        } catch { throw CommandFailure(.cantCreate, error.description) }
        do {
            let writer = RunWriter(staging: staging, window: window, byteOrderMark: settings.byteOrderMark)
            let reader = try WarehouseReader.begin(connection, schema: settings.schema, window: window)
            let data = try phase("queries") { try reader.read() }
            Faults.hit("after-queries")
            var evaluation = Evaluation(units: data.units, perUnit: data.perUnit, window: window)
            let staffCSV = try writer.open("csv/staff_metrics.csv", Tables.staffMetrics)
            let shortlistCSV = try writer.open("csv/award_shortlist.csv", Tables.awardShortlist)
            var collector = PageCollector(dossierNominees: Set(data.dossiers.map(\.nomineeID)))
            try phase("staff") {
                try reader.streamStaffBlocs { owner, staff in
                    let board = evaluation.addStaffBloc(owner: owner, staff: staff)
                    for s in board.standings { try staffCSV.write(Tables.staffMetricsRow(s, window: window)) }
                    for n in board.nominations { try shortlistCSV.write(Tables.nominationRow(n, window: window)) }
                    collector.add(board)
                }
            }
            let report = phase("compute") { evaluation.finish(anomalies: data.anomalies) }
            let dossiers = data.dossiers.map { ($0, Dossiers.status($0, asOf: window.asOf, deadline: plan.dossierDeadline)) }
            try phase("csv") {
                for n in report.unitNominations { try shortlistCSV.write(Tables.nominationRow(n, window: window)) }
                try writer.close("csv/staff_metrics.csv", staffCSV)
                try writer.close("csv/award_shortlist.csv", shortlistCSV)
                try writer.all("csv/unit_metrics.csv", Tables.unitMetrics, report.standings.map { Tables.unitMetricsRow($0, window: window) })
                try writer.all("csv/milestones.csv", Tables.milestones, report.milestones.map { Tables.milestoneRow($0, window: window) })
                try writer.all("csv/dossiers.csv", Tables.dossiers, dossiers.map { Tables.dossierRow($0.0, $0.1, window: window) })
                try writer.all("csv/anomalies.csv", Tables.anomalies, report.anomalies.map { Tables.anomalyRow($0, window: window) })
            }
            let quality = try phase("quality_records") { try writer.qualityRecords(reader) }
            reader.finish()
            Faults.hit("csv-written")
            try phase("html") {
                let html = try HTMLReport(language: settings.language == "en" ? .en : .vi, templatesDir: settings.templatesDir,
                                          timeZone: settings.timeZone)
                let history = History.read(outDir: outDir, before: asOf)
                try html.pages(report: report, window: window, plan: plan, dossiers: dossiers,
                               collector: collector, quality: quality, history: history) { page in
                    try staging.write(page.path, data: Data(page.html.utf8))
                    if page.path.hasPrefix("units/") { Faults.hit("during-pages") }
                }
            }
            var manifest = Manifest(asOf: asOf, generatedAt: Date(), plan: plan.name, toolVersion: thiduaVersion,
                                    database: connection.target, durations: phases + [("total", Date().timeIntervalSince(started))],
                                    final: window.isFinal, files: staging.files)
            let inWindow = report.standings.filter { $0.bloc == "spp" || $0.bloc == "provincial" }
                .reduce(0) { $0 + $1.counts.e2eTotal + $1.counts.retroTotal }
            manifest.totals = ["units": report.organisation.units.count, "records_in_window": inWindow]
            let rows = Dictionary(uniqueKeysWithValues: staging.files.filter { $0.path.hasPrefix("csv/") }.compactMap { f in f.rows.map { (f.path, $0) } })

            let latest = RunFolders.latest(outDir)
            let movesLatest = latest.map { asOf >= $0 } ?? true
            if movesLatest, !force, let reason = PublishGate.check(outDir: outDir, totals: manifest.totals,
                                                                     maxDropShare: settings.gateMaxDropShare) {
                manifest.unpublishedReason = reason
                try staging.write("manifest.json", data: manifest.json())
                let parked = try staging.park()
                throw CommandFailure(.dataError, "publishing gate: \(reason); latest still points at \(latest.map { "\($0)" } ?? "nothing"); the run is kept in \(parked) (use --force to publish it)")
            }
            try staging.write("manifest.json", data: manifest.json())
            let dir = try staging.publish(moveLatest: movesLatest)
            log.info("published", "published \(dir)", [("rows", String(rows.values.reduce(0, +)))])
            defer {
                if RunProgress.shared.stopWasRequested {
                    log.warn("terminated", "the stop request came while the run was being published; the run is complete and published")
                }
            }
            for d in RunFolders.prune(outDir, keep: settings.retention) { log.info("retention", "removed the run of \(d) (keeping \(settings.retention))") }
            try writeAtomically(Data(ArchivePage(language: settings.language == "en" ? .en : .vi).html(runs: RunFolders.list(outDir),
                                                                                                    latest: RunFolders.latest(outDir)).utf8),
                                to: "\(outDir)/index.html", mode: mode_t(settings.fileMode))
            return Result(runDirectory: dir, rows: rows)
        } catch let e as PublishError {
            staging.abandon()
            throw CommandFailure(.cantCreate, e.description + "; earlier runs are untouched")
        } catch let e as CommandFailure {
            staging.abandon()
            throw e
        } catch let e as PostgresError {
            staging.abandon()
            throw e
        } catch let e as TemplateError {
            staging.abandon()
            throw CommandFailure(.config, e.description)
        } catch {
            staging.abandon()
            throw CommandFailure(.cantCreate, "writing the run failed: \(Staging.describe(error)); earlier runs are untouched")
        }
    }
}

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
