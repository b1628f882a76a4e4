import Foundation
import Postgres
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaPlan
import ThiDuaCore
import ThiDuaReport
import ThiDuaWarehouse

/// Reads one snapshot and computes, in-process, as a run would (the compiled SQL, then the engine).
func compute(_ db: TestDatabase, asOf: String, plan: Plan? = nil) throws -> TestRun {
    let plan = try plan ?? PlanReader.shipped().plan
    let days = ResolvedDays(plan: plan, asOf: try #require(Day(iso: asOf)))
    let reader = try WarehouseReader.begin(db.connection, schema: "thidua")
    defer { reader.finish() }
    let statements = try reader.compile(plan, days: days)
    var evaluation = PlanEvaluation(plan: plan, days: days, units: try reader.readUnits())
    var staff: [StaffFigures] = []
    try reader.streamStaff(statements, owners: evaluation.organisation.individualBlocOwner) { owner, rows in
        staff += evaluation.addStaffBloc(owner: owner, staff: rows).standings
    }
    let report = evaluation.finish(unitFacts: try reader.readUnitFacts(statements), anomalies: try reader.readAnomalies())
    return TestRun(plan: plan, report: report, staff: staff)
}

/// A computed run, read by the plan's ids: tests name plan 251's measures and criteria, the code does not.
struct TestRun {
    let plan: Plan
    let report: PlanComputation
    let staff: [StaffFigures]

    var anomalies: [Anomaly] { report.anomalies }

    func standing(_ bloc: String, _ unit: String) -> UnitView? {
        report.members.first { $0.bloc == BlocID(parsing: bloc) && $0.unit.id == unit }.map { UnitView(plan: plan, figures: $0) }
    }

    /// The milestone rows of one bloc member, by milestone id.
    func milestones(_ bloc: String, _ unit: String) -> [String: MilestoneFigure] {
        var out: [String: MilestoneFigure] = [:]
        for m in report.milestones where m.bloc == BlocID(parsing: bloc) && m.unitID == unit { out[plan.milestones[m.milestone].id] = m }
        return out
    }
}

/// One bloc member's figures by plan id: `int("e2e_total")`, `rate("e2e")`, `flag("e2e")` (priority
/// or met), `rank("e2e")`.
struct UnitView {
    let plan: Plan
    let figures: MemberFigures

    var composite: Decimal { figures.composite }
    var compositeRank: Int? { figures.compositeRank }
    var headcount: Int? { figures.headcount }

    func int(_ measure: String) -> Int? {
        guard let i = plan.measures.firstIndex(where: { $0.id == measure }) else { Issue.record("no measure \(measure)"); return nil }
        return figures.measures[i]
    }

    private func criterion(_ id: String) -> Int? {
        guard let i = plan.criteria.firstIndex(where: { $0.id == id }) else { Issue.record("no criterion \(id)"); return nil }
        return i
    }

    func rate(_ id: String) -> Fraction? { criterion(id).flatMap { figures.rates[$0] } }
    func flag(_ id: String) -> Bool { criterion(id).map { figures.flags[$0] } ?? false }
    func rank(_ id: String) -> Int? { criterion(id).flatMap { figures.ranks[$0] } }
    func impossible(_ id: String) -> Bool { criterion(id).map { figures.impossible[$0] } ?? false }
}

/// SQL that builds small fixtures by hand.
enum Fx {
    static func unit(_ id: String, _ kind: String, parent: String? = nil, headcount: Int? = 10, name: String? = nil) -> String {
        let p = parent.map { "'\($0)'" } ?? "NULL"
        let h = headcount.map(String.init) ?? "NULL"
        return "INSERT INTO unit VALUES ('\(id)', '\((name ?? "Đơn vị " + id).replacingOccurrences(of: "'", with: "''"))', '\(kind)', \(p), \(h));\n"
    }

    /// `count` records of a unit accepted on `accepted`, ids prefix-1…prefix-count.
    static func cases(_ unit: String, _ prefix: String, count: Int, accepted: String, e2e: Int? = nil,
                      entered: String?? = .none, missing: Int = 0, errors: Int = 0, status: String = "closed",
                      updated: String? = nil, prosecutor: String? = nil) -> String {
        let e2eCount = e2e ?? count
        let enteredSQL: String
        switch entered {
        case .none: enteredSQL = "DATE '\(accepted)'"
        case .some(.none): enteredSQL = "NULL"
        case .some(.some(let d)): enteredSQL = "DATE '\(d)'"
        }
        let pros = prosecutor.map { "'\($0)'" } ?? "NULL"
        return """
            INSERT INTO case_record SELECT '\(prefix)-' || g, '\(unit)', \(pros), 'case', DATE '\(accepted)', \(enteredSQL),
                   g <= \(e2eCount), \(missing), \(errors), '\(status)', DATE '\(updated ?? accepted)'
            FROM generate_series(1, \(count)) g;

            """
    }

    static func staff(_ id: String, unit: String, role: String = "prosecutor", direct: Bool = true, active: Bool = true,
                      name: String? = nil) -> String {
        "INSERT INTO staff VALUES ('\(id)', '\((name ?? "Cán bộ " + id).replacingOccurrences(of: "'", with: "''"))', '\(unit)', '\(role)', \(direct), \(active));\n"
    }
}

/// A CSV file of a run, read with the job's own reader (`CSVReader`, the one the rank movement
/// uses); the Python tests read the same files with Python's csv module.
func csvRows(_ path: String) throws -> [[String: String]] {
    CSVReader.rows(try String(contentsOfFile: path, encoding: .utf8))
}

/// A run of the binary paused at a fault point (`THIDUA_FAULT=pause:<point>:<seconds>`).
struct PausedRun {
    let process: Spawned
    let marker: String

    /// Waits for the event "the pause has begun": the binary creates the marker file as it pauses.
    func paused(_ timeout: Double = 60) -> Bool {
        waitUntil(timeout) { FileManager.default.fileExists(atPath: marker) }
    }
}

func pausedRun(_ arguments: [String], at point: String, seconds: Int, environment: [String: String] = [:]) throws -> PausedRun {
    let marker = NSTemporaryDirectory() + "thidua-pause-" + UUID().uuidString
    let env = environment.merging(["THIDUA_FAULT": "pause:\(point):\(seconds)", "THIDUA_FAULT_MARKER": marker]) { $1 }
    return PausedRun(process: try Spawned(thiduaBinary, arguments, environment: env), marker: marker)
}

/// Waits until `condition` holds, at most `timeout` seconds; whether it did.
func waitUntil(_ timeout: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    var waited = 0.0
    while waited < timeout {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
        waited += 0.05
    }
    return false
}

/// A fresh database holding `fixture`, and one run of the binary as of `asOf` into a scratch
/// folder (expected to publish); returns the database, the folder and the run's directory.
func publishedRun(of fixture: String, asOf: String) throws -> (TestDatabase, ScratchFolder, String) {
    let db = try TestDatabase()
    try db.sql(fixture)
    let scratch = try ScratchFolder()
    let run = try runThidua(["run", "--db", db.conninfo, "--as-of", asOf, "--out", scratch.path])
    #expect(run.status == 0, "\(run.all)")
    return (db, scratch, "\(scratch.path)/\(asOf)")
}

/// A configuration file that must be refused: every command exits 78 with one line naming the file
/// and the key, and writes nothing.
func expectRefused(config text: String, key: String, commands: [[String]] = [["run", "--as-of", "2026-03-01"]]) throws {
    let scratch = try ScratchFolder()
    let file = scratch.path + "/bad.yaml"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    for command in commands {
        let out = try runThidua([command[0], "--config", file] + command.dropFirst() + (command[0] == "run" ? ["--out", scratch.path + "/out"] : []))
        #expect(out.status == 78, "\(key): \(out.all)")
        #expect(out.stderr.contains(file) && out.stderr.contains(key), "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(!out.all.contains("Secret-77"))
    }
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
}
