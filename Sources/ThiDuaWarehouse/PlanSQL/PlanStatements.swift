import Postgres
import ThiDuaCore

/// A checked plan compiled into parameterised SQL for one run's days (PLAN-LANGUAGE.md §16): the
/// per-relation unit statements (§16.2), the streamed staff statement (§16.3) and the records to
/// fix (§12). Identifiers come only from `WarehouseContract`; every literal and resolved day is a
/// bound parameter. A value type: one compilation serves both sessions of the exported snapshot.
///
///     let statements = try PlanStatements(plan: plan, days: ResolvedDays(plan: plan, asOf: d),
///                                         sources: reader.keyedSources)
///     let facts = try statements.readUnitFacts(connection)
public struct PlanStatements: Sendable {
    public let plan: Plan
    public let days: ResolvedDays
    let units: [UnitStatement]
    let staff: StaffStatement
    let records: RecordsStatement?

    /// `sources` says which relations are read one row per key (§13); without a database (`plan
    /// check --explain`), `KeyedSources(repeated: [], anomalies: [])`.
    public init(plan: Plan, days: ResolvedDays, sources: KeyedSources) throws(PlanSQLError) {
        self.plan = plan
        self.days = days
        units = try UnitStatement.compile(plan, days, sources)
        staff = try StaffStatement.compile(plan, days, sources)
        records = try RecordsStatement.compile(plan, days, sources)
    }

    /// Every statement, in the order `explain` prints them.
    public var statements: [CompiledStatement] { units.map(\.statement) + [staff.statement] + (records.map { [$0.statement] } ?? []) }

    /// Each unit's own row counts (§6), all_done days and pace counts, and first_reached days (§11),
    /// by unit_id; units with no row in any counted relation are absent.
    public func readUnitFacts(_ c: Connection) throws(PostgresError) -> [String: UnitFacts] {
        var facts: [String: UnitFacts] = [:]
        let blank = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
        for s in units { try s.read(c, into: &facts, blank: blank) }
        return facts
    }

    /// Streams every active staff member with their metrics, one `staff:<owner>` bloc at a time
    /// (owners in id order, then the staff of no bloc with owner nil). `owners` is
    /// `Organisation.individualBlocOwner`, sent as parameters.
    public func streamStaff(_ c: Connection, owners: [UnitID: UnitID], _ body: (String?, [StaffRow]) throws -> Void) throws {
        try staff.stream(c, owners: owners, body)
    }

    /// Streams data_quality_records.csv's rows (§12) in unit, accepted_on, case order; nothing when
    /// the plan has no `records_to_fix`.
    public func streamRecordsToFix(_ c: Connection, _ body: (QualityRecord) throws -> Void) throws {
        try records?.stream(c, body)
    }

    /// What `thidua plan check --explain` prints after the resolved days and windows (§16): each
    /// statement with its parameters and column aliases annotated. Informative, not a contract.
    public func explain() -> String {
        var out = ""
        for s in statements {
            out += "\n-- \(s.title)\n"
            for (n, p) in s.parameters.enumerated() { out += "--   $\(n + 1) = \(p.note)\n" }
            for a in s.aliases { out += "--   \(a.alias) = \(a.meaning)\n" }
            out += s.sql + ";\n"
        }
        return out
    }
}

extension WarehouseReader {
    /// Which relations this snapshot reads one row per key (§13).
    public var keyedSources: KeyedSources { sources }

    /// The plan compiled for this snapshot (its repeated keys) and the run's days.
    public func compile(_ plan: Plan, days: ResolvedDays) throws(PlanSQLError) -> PlanStatements {
        try PlanStatements(plan: plan, days: days, sources: sources)
    }

    public func readUnitFacts(_ statements: PlanStatements) throws(PostgresError) -> [String: UnitFacts] {
        try statements.readUnitFacts(connection)
    }

    public func streamStaff(_ statements: PlanStatements, owners: [UnitID: UnitID],
                            _ body: (String?, [StaffRow]) throws -> Void) throws {
        try statements.streamStaff(connection, owners: owners, body)
    }

    public func streamRecordsToFix(_ statements: PlanStatements, _ body: (QualityRecord) throws -> Void) throws {
        try statements.streamRecordsToFix(connection, body)
    }
}
