import Foundation
import Postgres
import Testing
import TestSupport
@testable import ThiDuaCore
import ThiDuaWarehouse

/// PLAN-LANGUAGE.md §22 decision 10: the engine (compiled SQL, then PlanEvaluation) against the
/// naive oracle (SELECT * rows, every figure computed in memory from the text of the language) over
/// generated plans × generated warehouses (repeated keys, NULLs, absurd values, empty blocs). Every
/// figure must agree: unit figures, milestones, staff figures, shortlists, dossiers, records to fix
/// and the impossible-rate / integer_overflow anomaly rows.
///
/// `make test` runs a fixed seed (about 30 s); `THIDUA_DIFF_RUNS=200` runs more warehouses,
/// `THIDUA_DIFF_SEED` starts elsewhere, `THIDUA_DIFF_PLANS` sets the plans per warehouse.
@Suite("differential: the engine agrees with the naive oracle", .serialized)
struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static let runs = Int(environment["THIDUA_DIFF_RUNS"] ?? "") ?? 40
    static let plansPerWarehouse = Int(environment["THIDUA_DIFF_PLANS"] ?? "") ?? 4
    static let seed = UInt64(environment["THIDUA_DIFF_SEED"] ?? "") ?? 20_260_415

    @Test("generated plans × generated warehouses: zero differences")
    func engineAgreesWithOracle() throws {
        let started = Date()
        var cases = 0
        var failing: [String] = []
        for i in 0..<Self.runs {
            let warehouseSeed = Self.seed &+ UInt64(i) &* 7919
            let warehouse = WarehouseGenerator(seed: warehouseSeed, schema: "thidua")
            let db = try TestDatabase()
            defer { db.drop() }
            db.connection.onNotice { _ in }
            try db.connection.execute(warehouse.sql)
            for k in 0..<Self.plansPerWarehouse {
                let planSeed = warehouseSeed &+ UInt64(k) &* 104_729
                var generator = PlanGenerator(seed: planSeed)
                let plan = generator.plan()
                let context = "warehouse seed \(warehouseSeed), plan seed \(planSeed), as of \(warehouse.asOf)"
                let expected = try NaiveEvaluator.evaluate(plan: plan, asOf: warehouse.asOf, connection: db.connection, schema: "thidua")
                let actual = try Self.engine(plan: plan, asOf: warehouse.asOf, connection: db.connection)
                let differences = expected.differences(from: actual, plan: plan, limit: 12)
                cases += 1
                if !differences.isEmpty { failing.append(context) }
                #expect(differences.isEmpty, "\(context)\n\(differences.joined(separator: "\n"))")
            }
        }
        print("DIFFERENTIAL \(cases) cases (\(Self.runs) warehouses × \(Self.plansPerWarehouse) plans, first seed \(Self.seed)) in "
              + String(format: "%.1f s", Date().timeIntervalSince(started)) + ", \(failing.count) with differences")
        #expect(cases == Self.runs * Self.plansPerWarehouse)
    }

    /// The engine's figures for `plan` as of `asOf`, as a nightly run computes them in-process
    /// (NightlyRun.produce on one session): compile, stream the staff blocs into the evaluation,
    /// read the unit facts and the anomalies, finish, dossiers and records to fix.
    static func engine(plan: Plan, asOf: Day, connection: Connection) throws -> NaiveResult {
        let days = ResolvedDays(plan: plan, asOf: asOf)
        let reader = try WarehouseReader.begin(connection, schema: "thidua")
        defer { reader.finish() }
        let statements = try reader.compile(plan, days: days)
        let units = try reader.readUnits()
        let dossierInputs = try reader.readDossiers()
        var evaluation = PlanEvaluation(plan: plan, days: days, units: units)
        var result = NaiveResult()
        var staffNominations: [Nomination] = []
        try reader.streamStaff(statements, owners: evaluation.organisation.individualBlocOwner) { owner, rows in
            let board = evaluation.addStaffBloc(owner: owner, staff: rows)
            result.staff += board.standings
            staffNominations += board.nominations
        }
        let facts = try reader.readUnitFacts(statements)
        let sqlAnomalies = try reader.readAnomalies()
        try reader.streamRecordsToFix(statements) { r in
            result.records.append(NaiveRecordRow(unitID: r.unitID, caseID: r.caseID, prosecutorID: r.prosecutorID,
                                                 acceptedOn: r.acceptedOn, problems: r.problems,
                                                 missingRequiredFields: r.missingRequiredFields, errorCount: r.errorCount,
                                                 lastUpdatedOn: r.lastUpdatedOn))
        }
        let report = evaluation.finish(unitFacts: facts, anomalies: sqlAnomalies)
        result.members = report.members
        result.milestones = report.milestones
        result.shortlist = (staffNominations + report.unitNominations).map { n in
            NaiveShortlistRow(bloc: n.bloc, nomineeKind: n.nomineeKind, nomineeID: n.nomineeID, quota: n.quota,
                              position: n.position, status: n.status, reason: n.reason)
        }
        result.dossiers = PlanDossiers.statuses(dossierInputs, rules: plan.dossiers, asOf: asOf).map { input, status in
            NaiveDossierRow(dossierID: input.dossierID, submittedOn: status.submittedOn, status: status.status,
                            missingParts: status.missingParts, daysLeft: status.daysLeft)
        }
        // The plan's own anomaly rows: after the unit tree's, before the contract checks (§15).
        result.anomalies = Array(report.anomalies.dropFirst(evaluation.organisation.anomalies.count)
            .dropLast(sqlAnomalies.count))
        return result
    }
}
