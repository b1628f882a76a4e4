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
/// `make test` runs a fixed seed: 60 warehouses × 4 plans (about 30 s). A larger run:
/// `THIDUA_DIFF_RUNS=200 swift test --filter DifferentialTests` (800 cases, about 100 s on two
/// cores); `THIDUA_DIFF_SEED` starts elsewhere, `THIDUA_DIFF_PLANS` sets the plans per warehouse.
/// A failure names the warehouse and plan seeds, which replay the case.
@Suite("differential: the engine agrees with the naive oracle", .serialized)
struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static let runs = Int(environment["THIDUA_DIFF_RUNS"] ?? "") ?? 60
    static let plansPerWarehouse = Int(environment["THIDUA_DIFF_PLANS"] ?? "") ?? 4
    static let seed = UInt64(environment["THIDUA_DIFF_SEED"] ?? "") ?? 20_260_415

    @Test("generated plans × generated warehouses: zero differences")
    func engineAgreesWithOracle() throws {
        let started = Date()
        var cases = 0
        var failing: [String] = []
        for i in 0..<Self.runs {
            let warehouseSeed = Self.seed &+ UInt64(i) &* 7919
            // Every third warehouse sorts text the Vietnamese way, as a real server may; there its
            // rows sharing a key never differ in letter case (see the known defect below).
            let collated = i % 3 == 2
            let warehouse = WarehouseGenerator(seed: warehouseSeed, schema: "thidua", copiesDifferInCase: !collated)
            let db = collated ? try CollatedDatabase() : try CollatedDatabase(plain: TestDatabase())
            defer { db.drop() }
            db.connection.onNotice { _ in }
            try db.connection.execute(warehouse.sql)
            for k in 0..<Self.plansPerWarehouse {
                let planSeed = warehouseSeed &+ UInt64(k) &* 104_729
                var generator = PlanGenerator(seed: planSeed)
                let plan = generator.plan()
                let context = "warehouse seed \(warehouseSeed)\(db.collated ? " (collation vi)" : ""), plan seed \(planSeed), as of \(warehouse.asOf)"
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

    // §13 reads a repeated key's first row "by key, then by PostgreSQL's row::text COLLATE "C", i.e.
    // byte order". On a server whose collation is not byte order (here ICU Vietnamese: 'u1' < 'U1'),
    // case c1's two copies ('U1' and 'u1') must keep the 'U1' one, so U1 counts 1 record.
    @Test("a repeated key keeps its first copy in byte order, whatever the server's collation")
    func repeatedKeyByteOrder() throws {
        let db = try CollatedDatabase()
        defer { db.drop() }
        try db.connection.execute("""
            SET search_path TO thidua;
            INSERT INTO unit VALUES ('U1', 'Đơn vị U1', 'spp_unit', NULL, 10), ('u1', 'Đơn vị u1', 'spp_unit', NULL, 10);
            ALTER TABLE case_record RENAME TO case_record_raw;
            ALTER TABLE case_record_raw DROP CONSTRAINT case_record_pkey;
            CREATE VIEW case_record AS SELECT * FROM case_record_raw;
            INSERT INTO case_record_raw VALUES
              ('c1', 'U1', NULL, 'case', DATE '2026-01-05', DATE '2026-01-05', true, 0, 0, 'closed', DATE '2026-01-05'),
              ('c1', 'u1', NULL, 'case', DATE '2026-01-05', DATE '2026-01-05', true, 0, 0, 'closed', DATE '2026-01-05');
            """)
        var generator = PlanGenerator(seed: Self.seed)
        var plan = generator.plan()
        plan.measures.append(PK.rows("m_every_case", "case_record", .all([])))
        let all = plan.measures.count - 1
        let asOf = try #require(Day(iso: "2026-03-01"))
        let expected = try NaiveEvaluator.evaluate(plan: plan, asOf: asOf, connection: db.connection, schema: "thidua")
        let actual = try Self.engine(plan: plan, asOf: asOf, connection: db.connection)
        // The oracle keeps ('c1', 'U1'): a plan counting every case_record gives U1 1 and u1 0.
        #expect(expected.members.first { $0.unit.id == "U1" }?.measures[all] == 1)
        #expect(expected.differences(from: actual, plan: plan).isEmpty)
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

/// A fresh database for one warehouse: TestDatabase's, or one whose default collation is ICU
/// Vietnamese (output order must not depend on the server's collation); sql/schema.sql loaded.
final class CollatedDatabase {
    let connection: Connection
    let collated: Bool
    private let plain: TestDatabase?
    private let name: String?

    init(plain: TestDatabase) {
        self.plain = plain
        connection = plain.connection
        collated = false
        name = nil
    }

    init() throws {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16) + "_vi"
        let admin = try TestDatabase.admin()
        try admin.execute("CREATE DATABASE \(name) TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'vi' LOCALE 'C.UTF-8'")
        self.name = name
        plain = nil
        collated = true
        connection = try Connection.connect(ConnectionSettings(conninfo: "dbname=\(name)", applicationName: "thidua-test"))
        try connection.execute(try readRepositoryFile("sql/schema.sql"))
    }

    func drop() {
        plain?.drop()
        guard let name, let admin = try? TestDatabase.admin() else { return }
        try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
