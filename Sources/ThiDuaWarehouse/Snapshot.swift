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

    /// Opens the snapshot and points every unqualified name at `schema`.
    public static func begin(_ connection: Connection, schema: String, window: Window) throws(PostgresError) -> WarehouseReader {
        try connection.beginReadOnlySnapshot()
        try connection.query("SELECT set_config('search_path', quote_ident(\(schema)), true)")
        return WarehouseReader(connection: connection, window: window)
    }

    public func finish() { connection.rollback() }

    /// Adds a per-unit aggregate (first column: unit_id) to each unit's counts.
    func accumulate(_ rows: QueryResult, into perUnit: inout [String: UnitCounts],
                    _ fill: (inout UnitCounts, Row) throws(PostgresError) -> Void) throws(PostgresError) {
        for row in rows {
            let unit: String = try row.decode(0)
            var counts = perUnit[unit] ?? UnitCounts()
            try fill(&counts, row)
            perUnit[unit] = counts
        }
    }

    public func read() throws(PostgresError) -> WarehouseData {
        let units = try readUnits()
        var perUnit: [String: UnitCounts] = [:]
        try readCases(into: &perUnit)
        try readDocuments(into: &perUnit)
        try readTrainings(into: &perUnit)
        try readInitiatives(into: &perUnit)
        try readInfrastructure(into: &perUnit)
        return WarehouseData(units: units, perUnit: perUnit, dossiers: try readDossiers(),
                             anomalies: try Anomalies.read(connection, window: window))
    }

    func readUnits() throws(PostgresError) -> [Unit] {
        try connection.query("SELECT unit_id, name, kind, parent_id, headcount FROM unit ORDER BY unit_id").map { row throws(PostgresError) in
            Unit(id: try row.decode(0), name: try row.decode(1), kindText: try row.decode(2),
                 parentID: try row.decode(3), headcount: try row.decode(4))
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
                FROM case_record
                WHERE accepted_on <= \(w.end)
            )
            SELECT unit_id,
                   count(*) FILTER (WHERE in_e2e),
                   count(*) FILTER (WHERE in_e2e AND end_to_end),
                   count(*) FILTER (WHERE in_retro),
                   count(*) FILTER (WHERE in_retro AND entered_on <= \(w.end)),
                   count(*) FILTER (WHERE in_quality),
                   count(*) FILTER (WHERE in_quality AND NOT has_missing AND NOT has_errors),
                   count(*) FILTER (WHERE in_quality AND has_missing),
                   count(*) FILTER (WHERE in_quality AND has_errors),
                   count(*) FILTER (WHERE in_quality AND is_stale),
                   count(*) FILTER (WHERE in_retro AND entered_on BETWEEN \(w.paceFrom) AND \(w.end)),
                   max(entered_on) FILTER (WHERE in_retro AND entered_on <= \(w.end))
            FROM c
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit) { c, row throws(PostgresError) in
            c.e2eTotal = try row.decode(1)
            c.e2eDone = try row.decode(2)
            c.retroTotal = try row.decode(3)
            c.retroEntered = try row.decode(4)
            c.qualityTotal = try row.decode(5)
            c.qualityClean = try row.decode(6)
            c.missingFieldRecords = try row.decode(7)
            c.errorRecords = try row.decode(8)
            c.staleRecords = try row.decode(9)
            c.retroEnteredRecent = try row.decode(10)
            c.retroLatestEntered = try row.decode(11)
        }
    }

    func readDocuments(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let rows = try connection.query("""
            SELECT unit_id, count(*), count(*) FILTER (WHERE digitally_signed), count(*) FILTER (WHERE electronic)
            FROM procedural_document
            WHERE issued_on BETWEEN \(window.plan.goLive) AND \(window.end)
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit) { c, row throws(PostgresError) in
            c.docsTotal = try row.decode(1)
            c.docsSigned = try row.decode(2)
            c.docsElectronic = try row.decode(3)
        }
    }

    func readTrainings(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let w = window, ps = window.plan.periodStart
        let rows = try connection.query("""
            WITH t AS (
                SELECT unit_id, topic, held_on,
                       format IN ('class', 'seminar') AS is_class, format = 'hands_on' AS is_hands_on,
                       held_on BETWEEN \(ps) AND \(w.end) AS in_e
                FROM training_session
            )
            SELECT unit_id,
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e),
                   count(*) FILTER (WHERE topic = 'ai' AND in_e),
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e AND is_class),
                   count(*) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on),
                   count(*) FILTER (WHERE topic = 'ai' AND in_e AND is_class),
                   min(held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_class),
                   min(held_on) FILTER (WHERE topic = 'ai' AND in_e AND is_class),
                   (array_agg(held_on ORDER BY held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on))[1],
                   (array_agg(held_on ORDER BY held_on) FILTER (WHERE topic = 'qlahs' AND in_e AND is_hands_on))[2]
            FROM t
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit) { c, row throws(PostgresError) in
            c.qlahsTrainings = try row.decode(1)
            c.aiTrainings = try row.decode(2)
            c.qlahsClassesOrSeminars = try row.decode(3)
            c.qlahsHandsOn = try row.decode(4)
            c.aiClassesOrSeminars = try row.decode(5)
            c.qlahsFirstClass = try row.decode(6)
            c.aiFirstClass = try row.decode(7)
            c.qlahsHandsOnDays = [try row.decode(8, as: Day?.self), try row.decode(9, as: Day?.self)].compactMap { $0 }
        }
    }

    func readInitiatives(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let rows = try connection.query("""
            SELECT unit_id,
                   count(*) FILTER (WHERE topic = 'qlahs'),
                   count(*) FILTER (WHERE topic = 'ai' AND in_regular_use)
            FROM initiative
            WHERE recognized_on BETWEEN \(window.plan.periodStart) AND \(window.end)
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit) { c, row throws(PostgresError) in
            c.qlahsInitiatives = try row.decode(1)
            c.aiProducts = try row.decode(2)
        }
    }

    /// SPEC §4.6 infra_ready: an item is ready at D when ready ≥ required and it was completed by D.
    func readInfrastructure(into perUnit: inout [String: UnitCounts]) throws(PostgresError) {
        let w = window
        let rows = try connection.query("""
            WITH i AS (
                SELECT unit_id, completed_on,
                       ready >= required AND (completed_on IS NULL OR completed_on <= \(w.asOf)) AS is_ready
                FROM infrastructure
            )
            SELECT unit_id, count(*),
                   count(*) FILTER (WHERE is_ready),
                   count(*) FILTER (WHERE is_ready AND completed_on BETWEEN \(w.paceFrom) AND \(w.asOf)),
                   max(completed_on) FILTER (WHERE is_ready)
            FROM i
            GROUP BY unit_id
            """)
        try accumulate(rows, into: &perUnit) { c, row throws(PostgresError) in
            c.infraItems = try row.decode(1)
            c.infraReady = try row.decode(2)
            c.infraCompletedRecent = try row.decode(3)
            c.infraLatestCompleted = try row.decode(4)
        }
    }

    /// Streams every active staff member's facts (SPEC §4.5) one `staff:<unit_id>` bloc at a time:
    /// `body` gets the bloc's owner (its SPP unit or province; nil for staff whose unit belongs to no
    /// bloc) and its staff. Memory holds one bloc, not the whole staff.
    public func streamStaffBlocs(_ body: (String?, [StaffFacts]) throws -> Void) throws {
        let w = window, p = window.plan
        let epoch = Day(year: 2000, month: 1, day: 1)!
        var owner: String?? = .none
        var group: [StaffFacts] = []
        try connection.stream("""
            WITH l AS (
                SELECT staff_id,
                       max(ARRAY[day - \(epoch)::date, level]) FILTER (WHERE day <= \(w.end)) AS lv_now,
                       max(ARRAY[day - \(epoch)::date, level]) FILTER (WHERE day <= \(w.luyenaiCutoff)) AS lv_cut,
                       sum(minutes) FILTER (WHERE day BETWEEN \(p.periodStart) AND \(w.end) AND minutes > 0) AS minutes,
                       count(DISTINCT (day - \(p.periodStart)::date) / 7)
                           FILTER (WHERE day BETWEEN \(p.periodStart) AND \(w.end) AND minutes > 0) AS weeks,
                       min(day) FILTER (WHERE minutes > 0) AS first_study
                FROM luyenai_daily
                WHERE day <= \(w.end)
                GROUP BY staff_id
            ), u AS (
                SELECT staff_id,
                       sum(actions) AS actions_e
                FROM platform_usage
                WHERE day BETWEEN \(w.proficiencyFromE) AND \(w.end)
                GROUP BY staff_id
            ), t AS (
                SELECT r.staff_id, count(DISTINCT r.session_id) AS led
                FROM training_role r JOIN training_session s ON s.session_id = r.session_id
                WHERE r.role = 'trainer' AND s.held_on BETWEEN \(p.periodStart) AND \(w.end)
                GROUP BY r.staff_id
            ), g AS (
                SELECT DISTINCT m.staff_id
                FROM core_group_member m JOIN core_group g ON g.group_id = m.group_id
                WHERE g.established_on <= \(w.end)
            ), i AS (
                SELECT a.staff_id, count(DISTINCT a.initiative_id) AS n
                FROM initiative_author a JOIN initiative i ON i.initiative_id = a.initiative_id
                WHERE i.recognized_on BETWEEN \(p.periodStart) AND \(w.end)
                GROUP BY a.staff_id
            ), pc AS (
                SELECT prosecutor_id AS staff_id,
                       count(*) FILTER (WHERE accepted_on BETWEEN \(p.goLive) AND \(w.end)) AS total,
                       count(*) FILTER (WHERE accepted_on BETWEEN \(p.goLive) AND \(w.end) AND end_to_end) AS e2e,
                       count(*) FILTER (WHERE q AND status = 'open' AND last_updated_on <= \(w.staleCutoff)) AS stale,
                       count(*) FILTER (WHERE q AND error_count > 0) AS errors
                FROM (SELECT *, accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND entered_on <= \(w.end) AS q
                      FROM case_record WHERE prosecutor_id IS NOT NULL AND accepted_on <= \(w.end)) c
                GROUP BY prosecutor_id
            ), d AS (
                SELECT DISTINCT staff_id FROM discipline
                WHERE from_on <= \(w.end) AND (to_on IS NULL OR to_on >= \(p.periodStart))
            )
            SELECT s.staff_id, s.full_name, s.unit_id, s.role, s.direct_worker, s.active,
                   l.lv_now[2], l.lv_cut[2], coalesce(l.minutes, 0), coalesce(l.weeks, 0), l.first_study,
                   coalesce(u.actions_e, 0), coalesce(t.led, 0),
                   g.staff_id IS NOT NULL, coalesce(i.n, 0), d.staff_id IS NOT NULL,
                   coalesce(pc.total, 0), coalesce(pc.e2e, 0), coalesce(pc.stale, 0), coalesce(pc.errors, 0),
                   CASE WHEN un.kind IN ('spp_unit', 'provincial') THEN un.unit_id
                        WHEN un.kind IN ('department', 'regional') AND pu.kind = 'provincial' THEN pu.unit_id END AS owner
            FROM staff s
            LEFT JOIN unit un ON un.unit_id = s.unit_id
            LEFT JOIN unit pu ON pu.unit_id = un.parent_id
            LEFT JOIN l ON l.staff_id = s.staff_id
            LEFT JOIN u ON u.staff_id = s.staff_id
            LEFT JOIN t ON t.staff_id = s.staff_id
            LEFT JOIN g ON g.staff_id = s.staff_id
            LEFT JOIN i ON i.staff_id = s.staff_id
            LEFT JOIN d ON d.staff_id = s.staff_id
            LEFT JOIN pc ON pc.staff_id = s.staff_id
            WHERE s.active
            ORDER BY owner NULLS LAST, s.staff_id
            """) { row in
            var f = StaffFacts(staffID: try row.decode(0), fullName: try row.decode(1), unitID: try row.decode(2),
                               role: try row.decode(3), directWorker: try row.decode(4), active: try row.decode(5))
            f.levelNow = try row.decode(6)
            f.levelAtCutoff = try row.decode(7)
            f.studyMinutes = try row.decode(8)
            f.activeWeeks = try row.decode(9)
            f.firstStudy = try row.decode(10)
            f.actionsE = try row.decode(11)
            f.trainingsLed = try row.decode(12)
            f.coreGroupMember = try row.decode(13)
            f.initiativesRecognized = try row.decode(14)
            f.disciplined = try row.decode(15)
            f.casesTotal = try row.decode(16)
            f.casesE2E = try row.decode(17)
            f.staleRecords = try row.decode(18)
            f.errorRecords = try row.decode(19)
            let o: String? = try row.decode(20)
            if let current = owner, current != o {
                try body(current, group)
                group.removeAll(keepingCapacity: true)
            }
            owner = .some(o)
            group.append(f)
        }
        if let current = owner { try body(current, group) }
    }

    func readDossiers() throws(PostgresError) -> [DossierInput] {
        try connection.query("""
            SELECT dossier_id, nominee_kind, nominee_id, award_level, submitted_on,
                   has_proposal, has_minutes, has_achievement_report, has_impact_confirmation
            FROM award_dossier ORDER BY dossier_id
            """).map { row throws(PostgresError) in
            DossierInput(dossierID: try row.decode(0), nomineeKind: try row.decode(1), nomineeID: try row.decode(2),
                       awardLevel: try row.decode(3), submittedOn: try row.decode(4), hasProposal: try row.decode(5),
                       hasMinutes: try row.decode(6), hasAchievementReport: try row.decode(7),
                       hasImpactConfirmation: try row.decode(8))
        }
    }

    /// Streams the records each unit must fix, in unit, day, case order, straight to `body`: they are
    /// never held in memory (SPEC §5 data_quality_records.csv).
    public func streamQualityRecords(_ body: (QualityRecord) throws -> Void) throws {
        let w = window, p = window.plan
        try connection.stream("""
            SELECT unit_id, case_id, prosecutor_id, accepted_on, missing_required_fields, error_count, last_updated_on,
                   q AND missing_required_fields > 0, q AND error_count > 0,
                   q AND status = 'open' AND last_updated_on <= \(w.staleCutoff), not_entered

            FROM (
                SELECT *, coalesce(accepted_on BETWEEN \(p.retroFrom) AND \(w.end) AND entered_on <= \(w.end), false) AS q,
                       accepted_on BETWEEN \(p.retroFrom) AND \(w.retroEnd)
                           AND (entered_on IS NULL OR entered_on > \(w.end)) AS not_entered
                FROM case_record
                WHERE accepted_on BETWEEN \(p.retroFrom) AND \(w.end)
            ) c
            WHERE (q AND (missing_required_fields > 0 OR error_count > 0
                          OR (status = 'open' AND last_updated_on <= \(w.staleCutoff))))
               OR not_entered
            ORDER BY unit_id, accepted_on, case_id
            """) { row in
            var problems: [String] = []
            if try row.decode(7, as: Bool.self) { problems.append("missing_fields") }
            if try row.decode(8, as: Bool.self) { problems.append("errors") }
            if try row.decode(9, as: Bool.self) { problems.append("stale") }
            if try row.decode(10, as: Bool.self) { problems.append("not_entered") }
            try body(QualityRecord(unitID: try row.decode(0), caseID: try row.decode(1), prosecutorID: try row.decode(2),
                                   acceptedOn: try row.decode(3), problems: problems,
                                   missingRequiredFields: try row.decode(4), errorCount: try row.decode(5),
                                   lastUpdatedOn: try row.decode(6)))
        }
    }
}
