import Postgres
import ThiDuaCore

/// Rows that break the contract's meaning (SPEC §3, last paragraph), found in SQL. Unit-level
/// anomalies (kinds, parents, headcounts) come from `Organisation`; level-5 over headcount from Core.
/// None of these rows is dropped from the counts it belongs to; they are listed so a unit can fix them.
enum Anomalies {
    /// Each check: relation, key expression, problem code, detail expression, condition.
    static let checks: [(relation: String, key: String, problem: String, detail: String, condition: String)] = [
        ("staff", "staff_id", "unknown_role", "'role=' || role", "role NOT IN ('leader','prosecutor','inspector','it','other')"),
        ("staff", "staff_id", "unknown_unit", "'unit_id=' || unit_id", "NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id = staff.unit_id)"),
        ("case_record", "case_id", "unknown_kind", "'kind=' || kind", "kind NOT IN ('case','matter')"),
        ("case_record", "case_id", "unknown_status", "'status=' || status", "status NOT IN ('open','closed')"),
        ("case_record", "case_id", "unknown_unit", "'unit_id=' || unit_id", "NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id = case_record.unit_id)"),
        ("case_record", "case_id", "negative_count", "'missing_required_fields=' || missing_required_fields || ' error_count=' || error_count", "missing_required_fields < 0 OR error_count < 0"),
        ("case_record", "case_id", "date_out_of_range", "'accepted_on=' || accepted_on || ' entered_on=' || coalesce(entered_on::text, '') || ' last_updated_on=' || last_updated_on", "accepted_on NOT BETWEEN '2000-01-01' AND '2100-12-31' OR entered_on NOT BETWEEN '2000-01-01' AND '2100-12-31' OR last_updated_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("procedural_document", "document_id", "unknown_unit", "'unit_id=' || unit_id", "NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id = procedural_document.unit_id)"),
        ("procedural_document", "document_id", "date_out_of_range", "'issued_on=' || issued_on", "issued_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("training_session", "session_id", "unknown_topic", "'topic=' || topic", "topic NOT IN ('qlahs','ai')"),
        ("training_session", "session_id", "unknown_format", "'format=' || format", "format NOT IN ('class','hands_on','seminar')"),
        ("training_session", "session_id", "negative_count", "'attendee_count=' || attendee_count", "attendee_count < 0"),
        ("training_session", "session_id", "date_out_of_range", "'held_on=' || held_on", "held_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("training_session", "session_id", "unknown_unit", "'unit_id=' || unit_id", "NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id = training_session.unit_id)"),
        ("training_role", "session_id || '/' || staff_id", "unknown_role", "'role=' || role", "role NOT IN ('trainer','organizer','attendee')"),
        ("luyenai_daily", "staff_id || '/' || day", "negative_count", "'level=' || level || ' minutes=' || minutes", "level < 0 OR minutes < 0"),
        ("luyenai_daily", "staff_id || '/' || day", "date_out_of_range", "'day=' || day", "day NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("platform_usage", "staff_id || '/' || day", "negative_count", "'actions=' || actions", "actions < 0"),
        ("platform_usage", "staff_id || '/' || day", "date_out_of_range", "'day=' || day", "day NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("initiative", "initiative_id", "unknown_topic", "'topic=' || topic", "topic NOT IN ('qlahs','ai')"),
        ("initiative", "initiative_id", "date_out_of_range", "'recognized_on=' || recognized_on", "recognized_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("core_group", "group_id", "unknown_kind", "'kind=' || kind", "kind NOT IN ('core_learners','tech_support')"),
        ("infrastructure", "unit_id || '/' || item", "unknown_item", "'item=' || item", "item NOT IN ('lan','wan','scanner','signature_token')"),
        ("infrastructure", "unit_id || '/' || item", "negative_count", "'required=' || required || ' ready=' || ready", "required < 0 OR ready < 0"),
        ("discipline", "staff_id || '/' || from_on", "unknown_status", "'status=' || status", "status NOT IN ('disciplined','under_review')"),
        ("discipline", "staff_id || '/' || from_on", "date_out_of_range", "'from_on=' || from_on || ' to_on=' || coalesce(to_on::text, '')", "from_on NOT BETWEEN '2000-01-01' AND '2100-12-31' OR to_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("award_dossier", "dossier_id", "unknown_kind", "'nominee_kind=' || nominee_kind || ' award_level=' || award_level", "nominee_kind NOT IN ('unit','staff') OR award_level NOT IN ('bang_khen','giay_khen')"),
    ]

    /// At most this many rows per check are listed; the count says how many there were in all.
    static let listLimit = 1000

    static func read(_ connection: Connection, window: Window) throws(PostgresError) -> [Anomaly] {
        let parts = checks.enumerated().map { i, c in
            """
            (SELECT \(i) AS check_no, \(c.key) AS key, \(c.detail) AS detail, count(*) OVER () AS n
             FROM \(c.relation) WHERE \(c.condition) ORDER BY 2 LIMIT \(listLimit))
            """
        }
        let rows = try connection.query(Query(sql: parts.joined(separator: "\nUNION ALL\n") + "\nORDER BY 1, 2"))
        var out: [Anomaly] = []
        var total: [Int: Int] = [:]
        for row in rows {
            let i: Int = try row.decode(0)
            let c = checks[i]
            out.append(Anomaly(relation: c.relation, key: try row.decode(1, as: String?.self) ?? "", problem: c.problem,
                               detail: try row.decode(2, as: String?.self) ?? ""))
            total[i] = try row.decode(3)
        }
        for (i, n) in total.sorted(by: { $0.key < $1.key }) where n > listLimit {
            let c = checks[i]
            out.append(Anomaly(relation: c.relation, key: "*", problem: c.problem,
                               detail: "\(n - listLimit) more rows not listed (\(n) in all)"))
        }
        return out
    }
}
