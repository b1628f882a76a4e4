import Postgres
import ThiDuaCore

/// Everything a run needs, read from one snapshot: small per-unit and per-staff aggregates only.
public struct WarehouseData: Sendable {
    public var units: [Unit]
    /// Counts of each unit's own rows (staff-based counts are added by the caller from `staff`).
    public var perUnit: [String: UnitCounts]
    public var dossiers: [DossierInput]
    public var anomalies: [Anomaly]
}

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
    let window: Window
    /// Where each relation is read from: itself, or one row per key when its key repeats.
    let sources: KeyedSources
    /// The quoted schema every unqualified name points at.
    let searchPath: String

    /// Opens the snapshot, points every unqualified name at `schema`, and finds the relations whose
    /// key repeats (a view need not have a key).
    public static func begin(_ connection: Connection, schema: String, window: Window) throws(PostgresError) -> WarehouseReader {
        try connection.beginReadOnlySnapshot()
        let searchPath: String = try connection.query("SELECT quote_ident(\(schema)) AS path")[0].decode(named: "path")
        try connection.query("SELECT set_config('search_path', \(searchPath), true)")
        // JIT compiles the wide anomaly and aggregate statements for seconds to save milliseconds.
        try connection.query("SELECT set_config('jit', 'off', true)")
        let sources = try KeyedSources.find(connection, listLimit: Anomalies.listLimit)
        return WarehouseReader(connection: connection, window: window, sources: sources, searchPath: searchPath)
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
        return WarehouseReader(connection: connection, window: first.window, sources: first.sources, searchPath: first.searchPath)
    }

    /// Adds a per-unit aggregate (a `unit_id` column) to each unit's counts: each named column to
    /// its field; rows of no unit (an empty unit_id, listed as unknown_unit) belong to no bloc.
    func accumulate(_ rows: QueryResult, into perUnit: inout [String: UnitCounts],
                    counts: [(String, WritableKeyPath<UnitCounts, Int>)],
                    days: [(String, WritableKeyPath<UnitCounts, Day?>)] = [],
                    _ more: (inout UnitCounts, Row) throws(PostgresError) -> Void = { _, _ in }) throws(PostgresError) {
        for row in rows {
            guard let unit = try row.decode(named: "unit_id", as: String?.self) else { continue }
            var c = perUnit[unit] ?? UnitCounts()
            for (column, field) in counts { c[keyPath: field] = try row.decode(named: column) }
            for (column, field) in days { c[keyPath: field] = try row.decode(named: column) }
            try more(&c, row)
            perUnit[unit] = c
        }
    }

    /// Everything but the staff, in one go (tests, and a run on one session).
    public func read() throws(PostgresError) -> WarehouseData {
        let units = try readUnits()
        let dossiers = try readDossiers()
        let (perUnit, anomalies) = try readAggregates()
        return WarehouseData(units: units, perUnit: perUnit, dossiers: dossiers, anomalies: anomalies)
    }

    /// Each unit's own counts of the fact relations, and every anomaly the SQL finds.
    public func readAggregates() throws(PostgresError) -> (perUnit: [String: UnitCounts], anomalies: [Anomaly]) {
        var perUnit: [String: UnitCounts] = [:]
        try readCases(into: &perUnit)
        try readDocuments(into: &perUnit)
        try readTrainings(into: &perUnit)
        try readInitiatives(into: &perUnit)
        try readInfrastructure(into: &perUnit)
        return (perUnit, sources.anomalies + (try Anomalies.read(connection, window: window, sources: sources)))
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

    /// One pass over case_record, per unit (SPEC §4.2, §4.6: the retro milestone reads the retro
    /// window ending at E; its pace counts entries in [D−13, D] up to E).
    func readCases(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let w = window, p = window.plan
        let rows = try connection.query("""
            WITH c AS (
                SELECT unit_id, end_to_end, entered_on,
                       accepted_on BETWEEN \(p.goLive) AND \(w.end) AS in_e2e,
                       accepted_on BETWEEN \(p.retroFrom) AND \(w.retroEnd) AS in_retro,
                       accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND entered_on <= \(w.end) AS in_quality,
                       missing_required_fields > 0 AS has_missing,
                       error_count > 0 AS has_errors,
                       status = 'open' AND last_updated_on <= \(w.staleCutoff) AS is_stale
                FROM \(sql: sources("case_record"))
                WHERE accepted_on <= \(w.end)
            )
            SELECT unit_id,
                   count(*) FILTER (WHERE in_e2e) AS e2e_total,
                   count(*) FILTER (WHERE in_e2e AND end_to_end) AS e2e_done,
                   count(*) FILTER (WHERE in_retro) AS retro_total,
                   count(*) FILTER (WHERE in_retro AND entered_on <= \(w.end)) AS retro_entered,
                   count(*) FILTER (WHERE in_quality) AS quality_total,
                   count(*) FILTER (WHERE in_quality AND NOT has_missing AND NOT has_errors) AS quality_clean,
                   count(*) FILTER (WHERE in_quality AND has_missing) AS missing_field_records,
                   count(*) FILTER (WHERE in_quality AND has_errors) AS error_records,
                   count(*) FILTER (WHERE in_quality AND is_stale) AS stale_records,
                   count(*) FILTER (WHERE in_retro AND entered_on BETWEEN \(w.paceFrom) AND \(w.end)) AS retro_entered_recent,
                   \(sql: Self.shownDay("max(entered_on) FILTER (WHERE in_retro AND entered_on <= '\(w.end)')")) AS retro_latest_entered
            FROM c
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit, counts: [
            ("e2e_total", \.e2eTotal),
            ("e2e_done", \.e2eDone),
            ("retro_total", \.retroTotal),
            ("retro_entered", \.retroEntered),
            ("quality_total", \.qualityTotal),
            ("quality_clean", \.qualityClean),
            ("missing_field_records", \.missingFieldRecords),
            ("error_records", \.errorRecords),
            ("stale_records", \.staleRecords),
            ("retro_entered_recent", \.retroEnteredRecent),
        ], days: [("retro_latest_entered", \.retroLatestEntered)])
    }

    func readDocuments(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let rows = try connection.query("""
            SELECT unit_id, count(*) AS docs_total, count(*) FILTER (WHERE digitally_signed) AS docs_signed,
                   count(*) FILTER (WHERE electronic) AS docs_electronic
            FROM \(sql: sources("procedural_document"))
            WHERE issued_on BETWEEN \(window.plan.goLive) AND \(window.end)
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit, counts: [
            ("docs_total", \.docsTotal),
            ("docs_signed", \.docsSigned),
            ("docs_electronic", \.docsElectronic),
        ])
    }

    func readTrainings(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let w = window, ps = window.plan.periodStart
        let rows = try connection.query("""
            WITH t AS (
                SELECT unit_id, topic, held_on,
                       format IN ('class', 'seminar') AS is_class, format = 'hands_on' AS is_hands_on,
                       held_on BETWEEN \(ps) AND \(w.end) AS in_e
                FROM \(sql: sources("training_session"))
            )
            SELECT unit_id,
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e) AS qlahs_trainings,
                   count(*) FILTER (WHERE topic = 'ai' AND in_e) AS ai_trainings,
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e AND is_class) AS qlahs_classes,
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on) AS qlahs_hands_on,
                   count(*) FILTER (WHERE topic = 'ai' AND in_e AND is_class) AS ai_classes,
                   min(held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_class) AS qlahs_first_class,
                   min(held_on) FILTER (WHERE topic = 'ai' AND in_e AND is_class) AS ai_first_class,
                   (array_agg(held_on ORDER BY held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on))[1] AS qlahs_hands_on_1,
                   (array_agg(held_on ORDER BY held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on))[2] AS qlahs_hands_on_2
            FROM t
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit, counts: [
            ("qlahs_trainings", \.qlahsTrainings),
            ("ai_trainings", \.aiTrainings),
            ("qlahs_classes", \.qlahsClassesOrSeminars),
            ("qlahs_hands_on", \.qlahsHandsOn),
            ("ai_classes", \.aiClassesOrSeminars),
        ], days: [("qlahs_first_class", \.qlahsFirstClass), ("ai_first_class", \.aiFirstClass)]) { c, row throws(PostgresError) in
            c.qlahsHandsOnDays = [try row.decode(named: "qlahs_hands_on_1", as: Day?.self),
                                  try row.decode(named: "qlahs_hands_on_2", as: Day?.self)].compactMap { $0 }
        }
    }

    func readInitiatives(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let rows = try connection.query("""
            SELECT unit_id,
                   count(*) FILTER (WHERE topic = 'qlahs') AS qlahs_initiatives,
                   count(*) FILTER (WHERE topic = 'ai' AND in_regular_use) AS ai_products
            FROM \(sql: sources("initiative"))
            WHERE recognized_on BETWEEN \(window.plan.periodStart) AND \(window.end)
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit, counts: [
            ("qlahs_initiatives", \.qlahsInitiatives),
            ("ai_products", \.aiProducts),
        ])
    }

    /// SPEC §4.6 infra_ready: an item is ready at D when ready ≥ required and it was completed by D.
    func readInfrastructure(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let w = window
        let rows = try connection.query("""
            WITH i AS (
                SELECT unit_id, completed_on,
                       ready >= required AND (completed_on IS NULL OR completed_on <= \(w.asOf)) AS is_ready
                FROM \(sql: sources("infrastructure"))
            )
            SELECT unit_id, count(*) AS infra_items,
                   count(*) FILTER (WHERE is_ready) AS infra_ready,
                   count(*) FILTER (WHERE is_ready AND completed_on BETWEEN \(w.paceFrom) AND \(w.asOf)) AS infra_recent,
                   \(sql: Self.shownDay("max(completed_on) FILTER (WHERE is_ready)")) AS infra_latest
            FROM i
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit, counts: [
            ("infra_items", \.infraItems),
            ("infra_ready", \.infraReady),
            ("infra_recent", \.infraCompletedRecent),
        ], days: [("infra_latest", \.infraLatestCompleted)])
    }

    /// Streams every active staff member's facts (SPEC §4.5) one staff bloc at a time: `body` gets
    /// the bloc's owner (its SPP unit or province; nil for staff whose unit belongs to no bloc) and
    /// its staff. Memory holds one bloc, not the whole staff. `owners` is the organisation's one
    /// definition of who owns which unit (`Organisation.individualBlocOwner`), sent as parameters.
    public func streamStaffBlocs(owners: [UnitID: UnitID], _ body: (String?, [StaffFacts]) throws -> Void) throws {
        let w = window, p = window.plan
        // Active weeks: a bit per week since period_start, counted at the end, when the period fits
        // in 63 weeks (a hash aggregate over the LuyenAI rows); count(DISTINCT) otherwise (which
        // makes the server sort every row).
        let studied = "day >= DATE '\(p.periodStart)' AND minutes > 0"
        let weeks = Individuals.weeksInPeriod(w) <= 63
            ? TrustedSQL("coalesce(bit_count(bit_or(1::bigint << ((day - DATE '\(p.periodStart)') / 7)) FILTER (WHERE \(studied))::bit(64)), 0)")
            : TrustedSQL("count(DISTINCT (day - DATE '\(p.periodStart)') / 7) FILTER (WHERE \(studied))")
        let units = owners.keys.sorted()
        let ownerOf = units.map { owners[$0] ?? "" }
        let epoch = Day(year: 2000, month: 1, day: 1)!
        var owner: String?? = .none
        var group: [StaffFacts] = []
        try connection.stream("""
            WITH l AS (
                SELECT staff_id,
                       max(ARRAY[day - \(epoch)::date, level]) FILTER (WHERE level IS NOT NULL) AS lv_now,
                       max(ARRAY[day - \(epoch)::date, level]) FILTER (WHERE level IS NOT NULL AND day <= \(w.luyenaiCutoff)) AS lv_cut,
                       sum(least(minutes, 1440)) FILTER (WHERE day >= \(p.periodStart) AND minutes > 0) AS minutes,
                       \(sql: weeks) AS weeks,
                       min(day) FILTER (WHERE minutes > 0) AS first_study
                FROM \(sql: sources("luyenai_daily"))
                WHERE day BETWEEN \(epoch) AND \(w.end)
                GROUP BY staff_id
            ), u AS (
                SELECT staff_id, sum(least(greatest(actions, 0), 100000)) AS actions_e
                FROM \(sql: sources("platform_usage"))
                WHERE day BETWEEN \(w.proficiencyFromE) AND \(w.end)
                GROUP BY staff_id
            ), t AS (
                SELECT r.staff_id, count(DISTINCT r.session_id) AS led
                FROM training_role r JOIN \(sql: sources("training_session", as: "s")) ON s.session_id = r.session_id
                WHERE r.role = 'trainer' AND s.held_on BETWEEN \(p.periodStart) AND \(w.end)
                GROUP BY r.staff_id
            ), g AS (
                SELECT DISTINCT m.staff_id
                FROM core_group_member m JOIN \(sql: sources("core_group", as: "g")) ON g.group_id = m.group_id
                WHERE g.established_on <= \(w.end)
            ), i AS (
                SELECT a.staff_id, count(DISTINCT a.initiative_id) AS n
                FROM initiative_author a JOIN \(sql: sources("initiative", as: "i")) ON i.initiative_id = a.initiative_id
                WHERE i.recognized_on BETWEEN \(p.periodStart) AND \(w.end)
                GROUP BY a.staff_id
            ), pc AS (
                SELECT prosecutor_id AS staff_id,
                       count(*) FILTER (WHERE accepted_on BETWEEN \(p.goLive) AND \(w.end)) AS total,
                       count(*) FILTER (WHERE accepted_on BETWEEN \(p.goLive) AND \(w.end) AND end_to_end) AS e2e,
                       count(*) FILTER (WHERE q AND status = 'open' AND last_updated_on <= \(w.staleCutoff)) AS stale,
                       count(*) FILTER (WHERE q AND error_count > 0) AS errors
                FROM (SELECT *, accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND entered_on <= \(w.end) AS q
                      FROM \(sql: sources("case_record")) WHERE prosecutor_id IS NOT NULL AND accepted_on <= \(w.end)) c
                GROUP BY prosecutor_id
            ), d AS (
                SELECT DISTINCT staff_id FROM discipline
                WHERE from_on <= \(w.end) AND (to_on IS NULL OR to_on >= \(p.periodStart))
            )
            SELECT s.staff_id, coalesce(s.full_name, '') AS full_name, coalesce(s.unit_id, '') AS unit_id,
                   coalesce(s.role, '') AS role, coalesce(s.direct_worker, false) AS direct_worker,
                   l.lv_now[2] AS level_now, l.lv_cut[2] AS level_cutoff,
                   coalesce(l.minutes, 0) AS study_minutes, coalesce(l.weeks, 0) AS active_weeks, l.first_study,
                   coalesce(u.actions_e, 0) AS actions_e, coalesce(t.led, 0) AS trainings_led,
                   g.staff_id IS NOT NULL AS core_group_member, coalesce(i.n, 0) AS initiatives_recognized,
                   d.staff_id IS NOT NULL AS disciplined,
                   coalesce(pc.total, 0) AS cases_total, coalesce(pc.e2e, 0) AS cases_e2e,
                   coalesce(pc.stale, 0) AS stale_records, coalesce(pc.errors, 0) AS error_records,
                   o.owner
            FROM \(sql: sources("staff", as: "s"))
            LEFT JOIN unnest(\(units)::text[], \(ownerOf)::text[]) AS o(unit_id, owner) ON o.unit_id = s.unit_id
            LEFT JOIN l ON l.staff_id = s.staff_id
            LEFT JOIN u ON u.staff_id = s.staff_id
            LEFT JOIN t ON t.staff_id = s.staff_id
            LEFT JOIN g ON g.staff_id = s.staff_id
            LEFT JOIN i ON i.staff_id = s.staff_id
            LEFT JOIN d ON d.staff_id = s.staff_id
            LEFT JOIN pc ON pc.staff_id = s.staff_id
            WHERE s.active AND s.staff_id IS NOT NULL
            ORDER BY owner NULLS LAST, s.staff_id
            """) { row in
            var f = StaffFacts(staffID: try row.decode(named: "staff_id"), fullName: try row.decode(named: "full_name"),
                               unitID: try row.decode(named: "unit_id"), role: try row.decode(named: "role"),
                               directWorker: try row.decode(named: "direct_worker"), active: true)
            f.levelNow = try row.decode(named: "level_now")
            f.levelAtCutoff = try row.decode(named: "level_cutoff")
            f.studyMinutes = try row.decode(named: "study_minutes")
            f.activeWeeks = try row.decode(named: "active_weeks")
            f.firstStudy = try row.decode(named: "first_study")
            f.actionsE = try row.decode(named: "actions_e")
            f.trainingsLed = try row.decode(named: "trainings_led")
            f.coreGroupMember = try row.decode(named: "core_group_member")
            f.initiativesRecognized = try row.decode(named: "initiatives_recognized")
            f.disciplined = try row.decode(named: "disciplined")
            f.casesTotal = try row.decode(named: "cases_total")
            f.casesE2E = try row.decode(named: "cases_e2e")
            f.staleRecords = try row.decode(named: "stale_records")
            f.errorRecords = try row.decode(named: "error_records")
            let o: String? = try row.decode(named: "owner")
            if let current = owner, current != o {
                try body(current, group)
                group.removeAll(keepingCapacity: true)
            }
            owner = .some(o)
            group.append(f)
        }
        if let current = owner { try body(current, group) }
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

    /// Streams the records each unit must fix, in unit, day, case order, straight to `body`: they are
    /// never held in memory (SPEC §5 data_quality_records.csv). A record with no unit or no id is
    /// listed as an anomaly instead.
    public func streamQualityRecords(_ body: (QualityRecord) throws -> Void) throws {
        let w = window, p = window.plan
        try connection.stream("""
            SELECT unit_id, case_id, prosecutor_id, accepted_on,
                   coalesce(missing_required_fields, 0) AS missing_required_fields, coalesce(error_count, 0) AS error_count,
                   \(sql: Self.shownDay("last_updated_on")) AS last_updated_on,
                   coalesce(q AND missing_required_fields > 0, false) AS missing_fields,
                   coalesce(q AND error_count > 0, false) AS errors,
                   coalesce(q AND status = 'open' AND last_updated_on <= \(w.staleCutoff), false) AS stale,
                   coalesce(not_entered, false) AS not_entered
            FROM (
                SELECT *, coalesce(accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND entered_on <= \(w.end), false) AS q,
                       accepted_on BETWEEN \(p.retroFrom) AND \(w.retroEnd)
                           AND (entered_on IS NULL OR entered_on > \(w.end)) AS not_entered
                FROM \(sql: sources("case_record"))
                WHERE accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND unit_id IS NOT NULL AND case_id IS NOT NULL
            ) c
            WHERE (q AND (missing_required_fields > 0 OR error_count > 0
                          OR (status = 'open' AND last_updated_on <= \(w.staleCutoff))))
               OR not_entered
            ORDER BY unit_id, accepted_on, case_id
            """) { row in
            var problems: [String] = []
            for code in QualityProblem.codes where try row.decode(named: code, as: Bool.self) {
                problems.append(code)
            }
            try body(QualityRecord(unitID: try row.decode(named: "unit_id"), caseID: try row.decode(named: "case_id"),
                                   prosecutorID: try row.decode(named: "prosecutor_id"),
                                   acceptedOn: try row.decode(named: "accepted_on"), problems: problems,
                                   missingRequiredFields: try row.decode(named: "missing_required_fields"),
                                   errorCount: try row.decode(named: "error_count"),
                                   lastUpdatedOn: try row.decode(named: "last_updated_on")))
        }
    }
}
