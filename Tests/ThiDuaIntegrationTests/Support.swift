import Foundation
import Postgres
import Testing
import TestSupport
import ThiDuaConfig
import ThiDuaCore
import ThiDuaReport
import ThiDuaWarehouse

/// Reads one snapshot and computes, in-process, as a run would.
func compute(_ db: TestDatabase, asOf: String, plan: LegacyPlan = PlanFile.shipped()) throws -> Computation {
    let window = Window(asOf: Day(iso: asOf)!, plan: plan)
    let reader = try WarehouseReader.begin(db.connection, schema: "thidua", window: window)
    defer { reader.finish() }
    let d = try reader.read()
    var evaluation = Evaluation(units: d.units, perUnit: d.perUnit, window: window)
    try reader.streamStaffBlocs(owners: evaluation.organisation.individualBlocOwner) { owner, staff in _ = evaluation.addStaffBloc(owner: owner, staff: staff) }
    return evaluation.finish(anomalies: d.anomalies)
}

extension Computation {
    func standing(_ bloc: String, _ unit: String) -> UnitStanding? {
        standings.first { $0.bloc == BlocID(parsing: bloc) && $0.unit.id == unit }
    }
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
