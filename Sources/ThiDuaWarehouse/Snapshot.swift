import Postgres
import ThiDuaCore

/// A record a unit must fix (SPEC §5 data_quality_records.csv).
public struct QualityRecord: Sendable {
    public var unitID: String
    public var caseID: String
    public var prosecutorID: String?
    public var acceptedOn: Day
    /// `;`-separated problem codes: missing_fields, errors, stale, not_entered.
    public var problems: [String]
    public var missingRequiredFields: Int
    public var errorCount: Int
    public var lastUpdatedOn: Day?
}

/// Reads the warehouse inside the run's one read-only, repeatable-read snapshot.
public struct WarehouseReader {
    let connection: Connection
    /// Where each relation is read from: itself, or one row per key when its key repeats.
    let sources: KeyedSources
    /// The quoted schema every unqualified name points at.
    let searchPath: String

    /// Opens the snapshot, points every unqualified name at `schema`, and finds the relations whose
    /// key repeats (a view need not have a key).
    public static func begin(_ connection: Connection, schema: String) throws(PostgresError) -> WarehouseReader {
        try connection.beginReadOnlySnapshot()
        let searchPath: String = try connection.query("SELECT quote_ident(\(schema)) AS path")[0].decode(named: "path")
        try connection.query("SELECT set_config('search_path', \(searchPath), true)")
        // JIT compiles the wide anomaly and aggregate statements for seconds to save milliseconds.
        try connection.query("SELECT set_config('jit', 'off', true)")
        let sources = try KeyedSources.find(connection, listLimit: Anomalies.listLimit)
        return WarehouseReader(connection: connection, sources: sources, searchPath: searchPath)
    }

    /// A day the report prints, or nil when it lies outside 2000–2100 (listed as date_out_of_range):
    /// a date of year 0 or `infinity` never reaches a page.
    static func shownDay(_ expression: String) -> TrustedSQL {
        TrustedSQL("CASE WHEN (\(expression)) BETWEEN DATE '2000-01-01' AND DATE '2100-12-31' THEN (\(expression)) END")
    }

    public func finish() { connection.rollback() }

    /// Names this snapshot for a second session (`pg_export_snapshot`, as `pg_dump -j` does): valid
    /// while this reader's transaction is open.
    public func exportSnapshot() throws(PostgresError) -> String {
        try connection.query("SELECT pg_export_snapshot() AS snapshot")[0].decode(named: "snapshot")
    }

    /// A second reader on another session that sees exactly the same snapshot as `first`: every
    /// figure of a run still comes from one consistent view of the warehouse, read on two cores.
    public static func join(_ connection: Connection, snapshot: String, like first: WarehouseReader) throws(PostgresError) -> WarehouseReader {
        // SET TRANSACTION SNAPSHOT takes no parameter: the id is checked to be what the server
        // prints (hex digits and dashes) before it is written into the statement.
        guard !snapshot.isEmpty, snapshot.count < 64, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw PostgresError(kind: .decode, message: "the server exported an unexpected snapshot id")
        }
        try connection.beginReadOnlySnapshot()
        do { try connection.query(Query(sql: "SET TRANSACTION SNAPSHOT '\(snapshot)'")) } catch {
            // The exporting session ended (killed, lost): its snapshot is gone. Worth a new start.
            guard error.sqlState == "22023" else { throw error }
            throw PostgresError(kind: .connectionLost, message: "the snapshot of the run's first session is gone (that session ended)",
                                target: error.target)
        }
        try connection.query("""
            SELECT set_config('search_path', \(first.searchPath), true), set_config('jit', 'off', true)
            """)
        return WarehouseReader(connection: connection, sources: first.sources, searchPath: first.searchPath)
    }

    /// Every anomaly the SQL finds: repeated keys of this snapshot and the contract's row checks.
    public func readAnomalies() throws(PostgresError) -> [Anomaly] {
        sources.anomalies + (try Anomalies.read(connection, sources: sources))
    }

    /// The units, one per unit_id (a repeated id is read once, see `KeyedSources`); a row with no
    /// unit_id is listed as null_value and skipped, an empty name shows the id.
    public func readUnits() throws(PostgresError) -> [Unit] {
        try connection.query("""
            SELECT unit_id, name, kind, parent_id, headcount FROM \(sql: sources("unit"))
            WHERE unit_id IS NOT NULL ORDER BY unit_id
            """).map { row throws(PostgresError) in
            let id: String = try row.decode(named: "unit_id")
            return Unit(id: id, name: try row.decode(named: "name", as: String?.self) ?? id,
                        kindText: try row.decode(named: "kind", as: String?.self) ?? "",
                        parentID: try row.decode(named: "parent_id"), headcount: try row.decode(named: "headcount"))
        }
    }

    /// The dossiers; a missing part counts as missing, an empty code as unknown (both listed).
    public func readDossiers() throws(PostgresError) -> [DossierInput] {
        try connection.query("""
            SELECT dossier_id, coalesce(nominee_kind, '') AS nominee_kind, coalesce(nominee_id, '') AS nominee_id,
                   coalesce(award_level, '') AS award_level, \(sql: Self.shownDay("submitted_on")) AS submitted_on,
                   coalesce(has_proposal, false) AS has_proposal, coalesce(has_minutes, false) AS has_minutes,
                   coalesce(has_achievement_report, false) AS has_achievement_report,
                   coalesce(has_impact_confirmation, false) AS has_impact_confirmation
            FROM \(sql: sources("award_dossier")) WHERE dossier_id IS NOT NULL ORDER BY dossier_id
            """).map { row throws(PostgresError) in
            DossierInput(dossierID: try row.decode(named: "dossier_id"), nomineeKind: try row.decode(named: "nominee_kind"),
                         nomineeID: try row.decode(named: "nominee_id"), awardLevel: try row.decode(named: "award_level"),
                         submittedOn: try row.decode(named: "submitted_on"), hasProposal: try row.decode(named: "has_proposal"),
                         hasMinutes: try row.decode(named: "has_minutes"),
                         hasAchievementReport: try row.decode(named: "has_achievement_report"),
                         hasImpactConfirmation: try row.decode(named: "has_impact_confirmation"))
        }
    }
}
