import Foundation
import Postgres
import TestSupport
import ThiDuaConfig
@testable import ThiDuaCore
@testable import ThiDuaWarehouse

/// Builds small typed plans by hand for the PlanSQL tests: measures, metrics, milestones and
/// records to fix are added one by one and return their index.
struct PlanSketch {
    var days: [NamedDay] = [
        NamedDay(id: "period_start", expr: .date(PSQL.day("2026-01-01")), text: "2026-01-01", isStatic: true),
        NamedDay(id: "period_end", expr: .date(PSQL.day("2026-12-31")), text: "2026-12-31", isStatic: true),
    ]
    var windows: [NamedWindow] = []
    var measures: [Measure] = []
    var metrics: [StaffMetric] = []
    var milestones: [Milestone] = []
    var records: [RecordProblem] = []

    @discardableResult
    mutating func count(_ id: String, _ relation: String, _ conditions: Condition...) -> Int {
        measures.append(Measure(id: id, kind: .rows(relation: relation, where: .all(conditions)), label: nil, unit: "records",
                                publish: false, doc: nil, exprText: nil))
        return measures.count - 1
    }

    @discardableResult
    mutating func expr(_ id: String, _ items: [ExprItem]) -> Int {
        measures.append(Measure(id: id, kind: .expr(items), label: nil, unit: "x", publish: false, doc: nil, exprText: id))
        return measures.count - 1
    }

    @discardableResult
    mutating func metric(_ id: String, _ kind: MetricKind) -> Int {
        metrics.append(StaffMetric(id: id, kind: kind, label: nil, unit: "x", doc: nil, publish: true))
        return metrics.count - 1
    }

    @discardableResult
    mutating func milestone(_ id: String, _ kind: MilestoneKind) -> Int {
        milestones.append(Milestone(id: id, kind: kind, label: Label(id: id), clause: "x", deadline: PSQL.day("2026-06-30")))
        return milestones.count - 1
    }

    mutating func problem(_ code: String, _ measure: Int) {
        records.append(RecordProblem(problem: code, measure: measure, label: nil))
    }

    var plan: Plan {
        Plan(name: "test", title: Label(id: "test"), days: days, windows: windows, periodStartDay: 0, periodEndDay: 1,
             measures: measures, criteria: [], composite: [], metrics: metrics, score: [], milestones: milestones,
             quotas: Quotas(collectiveShare: 0.1, collectiveRounding: .down, individualPerSPPUnit: 1,
                            individualProvincialTiers: [(nil, 3)]),
             unitOrder: [], staffOrder: [], eligibility: [],
             dossiers: DossierRules(deadline: PSQL.day("2026-06-30"), parts: [], decidedAtUnit: []),
             recordsToFix: records, output: OutputSpec())
    }
}

/// Short names for the PlanSQL tests' conditions and days (in one namespace, so that they never
/// meet another test file's helpers).
enum PSQL {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    /// `column: {tests…}`.
    static func col(_ name: String, _ tests: Test...) -> Condition { .test(.column(name), tests) }
    static func parent(_ name: String, _ tests: Test...) -> Condition { .test(.parent(name), tests) }
    static func link(_ name: String, _ tests: Test...) -> Condition { .test(.link(name), tests) }
    static func all(_ c: Condition...) -> Condition { .all(c) }
    static func any(_ c: Condition...) -> Condition { .any(c) }
    /// An inline window of two fixed days.
    static func window(_ from: String, _ to: String) -> WindowExpr {
        WindowExpr(from: .date(day(from)), to: .date(day(to)), name: nil, fromText: from, toText: to)
    }
    static func window(_ from: DayExpr, _ to: DayExpr) -> WindowExpr {
        WindowExpr(from: from, to: to, name: nil, fromText: "from", toText: "to")
    }
}

/// The plan compiled and read inside one snapshot of `db` as of `asOf`.
struct Compiled {
    var statements: PlanStatements
    var reader: WarehouseReader

    init(_ db: TestDatabase, _ plan: Plan, asOf: String) throws {
        let d = PSQL.day(asOf)
        reader = try WarehouseReader.begin(db.connection, schema: "thidua")
        statements = try reader.compile(plan, days: ResolvedDays(plan: plan, asOf: d))
    }

    func unitFacts() throws -> [String: UnitFacts] { try reader.readUnitFacts(statements) }

    /// Every staff row by staff_id, with the owner of its bloc (each bloc delivered once).
    func staff(owners: [String: String] = [:]) throws -> (rows: [String: StaffRow], blocs: [String?]) {
        var rows: [String: StaffRow] = [:]
        var blocs: [String?] = []
        try reader.streamStaff(statements, owners: owners) { owner, group in
            blocs.append(owner)
            for r in group { rows[r.staffID] = r }
        }
        return (rows, blocs)
    }

    func records() throws -> [QualityRecord] {
        var out: [QualityRecord] = []
        try reader.streamRecordsToFix(statements) { out.append($0) }
        return out
    }

    func finish() { reader.finish() }
}

/// Makes every column of the named tables nullable (a view may give NULL anywhere).
func dropNotNull(_ db: TestDatabase, _ tables: [String]) throws {
    for t in tables {
        let cols = try db.connection.query("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'thidua' AND table_name = \(t) AND is_nullable = 'NO'
            """).map { row throws(PostgresError) in try row.decode(named: "column_name", as: String.self) }
        for c in cols { try db.sql("ALTER TABLE \(t) DROP CONSTRAINT IF EXISTS \(t)_pkey; ALTER TABLE \(t) ALTER COLUMN \(c) DROP NOT NULL;") }
    }
}
