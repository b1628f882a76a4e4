import Dispatch
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse
import ThiDuaWorkbook

/// One nightly run as a function (SPEC §5, §6): settings, plan and as-of day in; the published run
/// or a typed error out. It owns the order of the phases — connect, check the contract, take the
/// run lock and the warehouse's advisory lock, read one snapshot on two sessions, compute, write,
/// gate, publish, prune — and leaves a metrics file. The rules live in
/// ThiDuaCore, the SQL in ThiDuaWarehouse, the files in ThiDuaReport and ThiDuaPublish.
public struct NightlyRun: Sendable {
    public var settings: Settings
    /// The checked plan (PLAN-LANGUAGE.md) and the SHA-256 of its file, named in the manifest.
    public var plan: Plan
    public var planSHA256: String
    public var asOf: Day
    /// Publish even when the gate finds the data suspicious.
    public var force: Bool
    public var log: EventLog
    /// Where the run stands, for a stop request.
    public var progress: RunProgress

    public init(settings: Settings, plan: Plan, planSHA256: String, asOf: Day, force: Bool = false, log: EventLog,
                progress: RunProgress = .shared) {
        self.settings = settings
        self.plan = plan
        self.planSHA256 = planSHA256
        self.asOf = asOf
        self.force = force
        self.log = log
        self.progress = progress
    }

    /// What a published run left.
    public struct Result: Sendable {
        /// `OUT/<D>`.
        public var runDirectory: String
        /// Rows per CSV file (`csv/…`).
        public var rows: [String: Int]
    }

    /// Advisory lock key shared by every thidua run on a warehouse: two hosts cannot collide.
    static let advisoryKey = 251_122_025

    /// Runs the job and records the outcome in the metrics file (when one is configured);
    /// `exitCode` says which code the caller will exit with for a failure.
    public func run(exitCode: (JobError) -> Int32) throws(JobError) -> Result {
        let started = Date()
        do {
            let result = try execute()
            recordMetrics(exit: 0, started: started, rows: result.rows)
            return result
        } catch {
            recordMetrics(exit: exitCode(error), started: started, rows: [:])
            throw error
        }
    }

    private func recordMetrics(exit: Int32, started: Date, rows: [String: Int]) {
        guard let path = settings.metricsFile else { return }
        do { try RunMetrics.write(path: path, exitCode: exit, durationSeconds: Date().timeIntervalSince(started), rows: rows) } catch {
            log.warn("metrics", "could not write the metrics file: \(error)")
        }
    }

    func execute() throws(JobError) -> Result {
        var lock: RunLock?
        defer { withExtendedLifetime(lock) {} }
        progress.jsonLogs = settings.logFormat == .json
        var earlierSessions: Set<Int32> = []
        do {
            return try withRetries(attempts: settings.retries, backoff: settings.retryBackoffSeconds, log: log,
                                   event: "read_retry", what: "reading the warehouse", again: "starting the snapshot again",
                                   retryable: { ($0 as? PostgresError)?.isTransient ?? false }) {
                let connection = try connect(settings, log: log)
                // The contract is checked before anything is written, even the lock file.
                try checkContract(connection)
                if lock == nil { lock = try takeRunLock() }
                try takeAdvisoryLock(connection, earlierSessions: earlierSessions)
                earlierSessions.insert(connection.backendPID)
                return try produce(connection)
            }
        } catch let e as JobError {
            throw e
        } catch let e as PostgresError {
            throw Self.error(for: e)
        } catch {
            throw JobError.cantCreate("the run failed: \(error)")
        }
    }

    /// One run at a time per output folder; stale staging of killed runs is cleaned under the lock.
    private func takeRunLock() throws -> RunLock {
        let outDir = settings.outDir
        let lock: RunLock?
        do { lock = try RunLock(outDir: outDir) } catch { throw JobError.cantCreate(error.description) }
        guard let lock else {
            throw JobError.temporary("another run holds the lock \(outDir)/.thidua.lock; nothing was touched")
        }
        Faults.hit("after-lock")
        for stale in RunFolders.removeStaleStaging(outDir) { log.info("cleanup", "removed \(stale) left by an interrupted run") }
        return lock
    }

    /// A failed read as the job reports it: worth a retry later, a data problem, or a refusal.
    static func error(for e: PostgresError) -> JobError {
        let message = "warehouse read failed: \(e)"
        if e.isTransient { return .temporary(message) }
        if e.kind == .decode { return .data(message) }
        if let s = e.sqlState, s.hasPrefix("42") || s.hasPrefix("22") { return .data(message) }
        return .unavailable(message)
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
            throw JobError.temporary("the server session of this run's earlier attempt (server pid \(pid)) still holds the warehouse's advisory lock: the server has not ended it after it stopped answering; nothing was touched, try again later")
        }
        let who = try pid.map { p in
            "server pid \(p), application '\(try holder?.decode(named: "application", as: String.self) ?? "")', session since \(try holder?.decode(named: "since", as: String.self) ?? "?")"
        } ?? "its holder is not visible to this role"
        throw JobError.temporary("another thidua run holds the warehouse's advisory lock \(Self.advisoryKey) (\(who)); waited \(Int(Self.advisoryWaitSeconds)) s, nothing was touched")
    }

    /// The publishing gate's measure of how much the warehouse holds: over the SPP and provincial
    /// blocs (each unit counted once), the sum of every rate's denominator that counts rows of a
    /// relation, each such measure once.
    static func rowsCounted(_ plan: Plan, _ report: PlanComputation) -> Int {
        var measures: [Int] = []
        for c in plan.criteria {
            guard case .measure(let i)? = c.rate?.denominator, case .rows = plan.measures[i].kind, !measures.contains(i) else { continue }
            measures.append(i)
        }
        var total = 0
        for m in report.members where m.bloc == .spp || m.bloc == .provincial {
            for i in measures {
                let (sum, overflow) = total.addingReportingOverflow(m.measures[i] ?? 0)
                total = overflow ? Int.max : sum
            }
        }
        return total
    }

    /// How long a run waits for the advisory lock before it gives up.
    static let advisoryWaitSeconds = 10.0

    private func checkContract(_ connection: Connection) throws {
        let problems = try Contract.check(connection, schema: settings.schema)
        if !problems.isEmpty {
            for p in problems { log.error("contract", "contract: \(p)") }
            throw JobError.data("the warehouse breaks the contract (\(problems.count) problem(s)); nothing was written")
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
        let days = ResolvedDays(plan: plan, asOf: asOf)
        let outDir = settings.outDir
        let staging: Staging
        do {
            staging = try Staging(outDir: outDir, asOf: asOf, fileMode: mode_t(settings.fileMode), dirMode: mode_t(settings.dirMode),
                                  progress: progress)
        } catch { throw JobError.cantCreate(error.description) }
        do {
            let tables = PlanTables(dictionary: PlanDictionary(plan: plan), days: days)
            let writer = try RunWriter(staging: staging, tables: tables, byteOrderMark: settings.byteOrderMark, started: started)
            let reader = try WarehouseReader.begin(connection, schema: settings.schema)
            let statements: PlanStatements
            do { statements = try reader.compile(plan, days: days) } catch {
                throw JobError.configuration("the plan cannot be compiled: \(error)")
            }
            let units = try reader.readUnits()
            let dossierInputs = try reader.readDossiers()
            var evaluation = PlanEvaluation(plan: plan, days: days, units: units)
            let owners = evaluation.organisation.individualBlocOwner
            let staffCSV = try writer.open(tables.dictionary.staffMetrics)
            let shortlistCSV = try writer.open(tables.dictionary.awardShortlist)
            var collector = PlanPageCollector(plan: plan, dossierNominees: Set(dossierInputs.map(\.nomineeID)))
            var staffNominations: [Nomination] = []
            // Both cores on one snapshot (as pg_dump -j): a second session imports this snapshot and
            // streams the staff while this one reads the fact relations and the anomalies.
            let snapshot = try reader.exportSnapshot()
            Faults.hit("after-export")
            let staffReader = try WarehouseReader.join(try connect(settings, log: log), snapshot: snapshot, like: reader)
            // The second session streams the staff.
            let staffWork = Background {
                Faults.hit("staff-session")
                let t = Date()
                try staffReader.streamStaff(statements, owners: owners) { owner, staff in
                    let board = evaluation.addStaffBloc(owner: owner, staff: staff)
                    for s in board.standings { try staffCSV.write(try tables.staffMetricsRow(s)) }
                    for n in board.nominations { try shortlistCSV.write(try tables.nominationRow(n)) }
                    if let bloc = board.bloc { collector.add(bloc: bloc, staff: board.standings) }
                    staffNominations += board.nominations.filter { $0.status != .reserve }
                }
                staffReader.finish()
                return Date().timeIntervalSince(t)
            }
            // This session reads the fact relations, the anomalies, then streams the records to fix
            // (their files are written meanwhile).
            let firstWork = Swift.Result { () throws -> ([String: UnitFacts], [Anomaly], PlanQualitySummary) in
                let (facts, anomalies) = try phase("queries") {
                    (try reader.readUnitFacts(statements), try reader.readAnomalies())
                }
                let quality = try phase("quality_records") { try writer.qualityRecords { try reader.streamRecordsToFix(statements, $0) } }
                return (facts, anomalies, quality)
            }
            // Always wait for the second session before going on or failing.
            phases.append(("staff", try staffWork.wait()))
            let (facts, sqlAnomalies, quality) = try firstWork.get()
            Faults.hit("after-queries")
            let report = phase("compute") { evaluation.finish(unitFacts: facts, anomalies: sqlAnomalies) }
            let dossiers = PlanDossiers.statuses(dossierInputs, rules: plan.dossiers, asOf: asOf)
            try phase("csv") {
                for n in report.unitNominations { try shortlistCSV.write(try tables.nominationRow(n)) }
                try writer.close(staffCSV)
                try writer.close(shortlistCSV)
                try writer.all(tables.dictionary.unitMetrics, report.members.map { try tables.unitMetricsRow($0) })
                try writer.all(tables.dictionary.milestones, report.milestones.map { try tables.milestoneRow($0) })
                try writer.all(tables.dictionary.dossiers, dossiers.map { try tables.dossierRow($0.0, $0.1) })
                try writer.all(tables.dictionary.anomalies, report.anomalies.map { try tables.anomalyRow($0) })
            }
            reader.finish()
            Faults.hit("csv-written")
            // The workbook is compressed on a thread of its own while the pages are rendered.
            let workbookWork = Background {
                let t = Date()
                try writer.finish()
                return Date().timeIntervalSince(t)
            }
            // Always wait for the workbook before going on or failing.
            let pages = Swift.Result { try phase("html") {
                let html = try PlanHTMLReport(language: settings.language, templatesDir: settings.templatesDir,
                                              timeZone: settings.timeZone)
                let input = PlanReportInput(plan: plan, days: days, members: report.members, milestones: report.milestones,
                                            unitNominations: report.unitNominations, staffNominations: staffNominations,
                                            dossiers: dossiers, anomalies: report.anomalies, quality: quality,
                                            history: PlanHistory.read(outDir: outDir, before: asOf, plan: plan),
                                            staff: collector, generatedAt: started)
                try html.pages(input) { page in
                    try staging.write(page.path, data: Data(page.html.utf8))
                    if page.path.hasPrefix("units/") { Faults.hit("during-pages") }
                }
            } }
            phases.append(("workbook", try workbookWork.wait()))
            try pages.get()
            var manifest = Manifest(asOf: asOf, generatedAt: started, plan: plan.name, toolVersion: thiduaVersion,
                                    database: connection.target, durations: phases + [("total", Date().timeIntervalSince(started))],
                                    final: days.isFinal, files: staging.files)
            manifest.planLanguage = plan.language
            manifest.planSHA256 = planSHA256
            manifest.planTitle = plan.title.vi
            manifest.periodStart = days.periodStart
            manifest.periodEnd = days.periodEnd
            manifest.totals = ["units": evaluation.organisation.units.count,
                               "rows_counted": Self.rowsCounted(plan, report)]
            let rows = Dictionary(staging.files.filter { $0.path.hasPrefix("csv/") }.compactMap { f in f.rows.map { (f.path, $0) } },
                                  uniquingKeysWith: { first, _ in first })

            let latest = RunFolders.latest(outDir)
            let movesLatest = latest.map { asOf >= $0 } ?? true
            if movesLatest, !force, let reason = PublishGate.check(outDir: outDir, totals: manifest.totals,
                                                                     maxDropShare: settings.gateMaxDropShare) {
                manifest.unpublishedReason = reason
                try staging.write("manifest.json", data: manifest.json())
                let parked = try staging.park()
                throw JobError.data("publishing gate: \(reason); latest still points at \(latest.map { "\($0)" } ?? "nothing"); the run is kept in \(parked) (use --force to publish it)")
            }
            try staging.write("manifest.json", data: manifest.json())
            let dir = try staging.publish(moveLatest: movesLatest)
            log.info("published", "published \(dir)", [("rows", String(rows.values.reduce(0, +)))])
            defer {
                if progress.stopWasRequested {
                    log.warn("terminated", "the stop request came while the run was being published; the run is complete and published")
                }
            }
            for d in RunFolders.prune(outDir, keep: settings.retention) { log.info("retention", "removed the run of \(d) (keeping \(settings.retention))") }
            try writeAtomically(Data(PlanArchivePage(language: settings.language, plan: plan, days: days).html(runs: RunFolders.list(outDir),
                                                                                                    latest: RunFolders.latest(outDir)).utf8),
                                to: "\(outDir)/index.html", mode: mode_t(settings.fileMode))
            return Result(runDirectory: dir, rows: rows)
        } catch let e as PublishError {
            staging.abandon()
            throw JobError.cantCreate(e.description + "; earlier runs are untouched")
        } catch let e as JobError {
            staging.abandon()
            throw e
        } catch let e as PostgresError {
            staging.abandon()
            throw e
        } catch let e as TemplateError {
            staging.abandon()
            throw JobError.configuration(e.description)
        } catch {
            staging.abandon()
            throw JobError.cantCreate("writing the run failed: \(Staging.describe(error)); earlier runs are untouched")
        }
    }
}

/// Work on a thread of its own (the staff session), handed back with `wait()`. The closure owns
/// what it captures until `wait()` returns: nothing else touches those values meanwhile.
final class Background<T>: @unchecked Sendable {
    private var outcome: Swift.Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> T) {
        let work = Unchecked(body)
        Thread.detachNewThread { [self] in
            outcome = Swift.Result { try work.value() }
            done.signal()
        }
    }

    func wait() throws -> T {
        done.wait()
        guard let outcome else { throw JobError.cantCreate("the staff session ended without a result") }
        return try outcome.get()
    }

    /// A value handed to another thread that is not used on this one until the hand-back.
    private struct Unchecked<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }
}
