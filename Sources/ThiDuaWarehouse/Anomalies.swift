import Postgres
import ThiDuaCore

/// Rows that break the contract's meaning (SPEC §3, last paragraph), found in SQL. Unit-level
/// anomalies (kinds, parents, headcounts) come from `Organisation`; level-5 over headcount from Core.
/// None of these rows is dropped from the counts it belongs to; they are listed so a unit can fix them.
enum Anomalies {
    /// Each check: relation, key expression, problem code, detail expression, condition.
    static let checks: [(relation: String, key: String, problem: String, detail: String, condition: String)] = [
        ("staff", "staff_id", "unknown_role", "'role=' || role", "role NOT IN ('leader','prosecutor','inspector','it','other')"),
        ("staff", "staff_id", "unknown_unit", "'unit_id=' || unit_id", "no_such_unit"),
        ("case_record", "case_id", "unknown_kind", "'kind=' || kind", "kind NOT IN ('case','matter')"),
        ("case_record", "case_id", "unknown_status", "'status=' || status", "status NOT IN ('open','closed')"),
        ("case_record", "case_id", "unknown_unit", "'unit_id=' || unit_id", "no_such_unit"),
        ("case_record", "case_id", "negative_count", "'missing_required_fields=' || missing_required_fields || ' error_count=' || error_count", "missing_required_fields < 0 OR error_count < 0"),
        ("case_record", "case_id", "date_out_of_range", "'accepted_on=' || accepted_on || ' entered_on=' || coalesce(entered_on::text, '') || ' last_updated_on=' || last_updated_on", "accepted_on NOT BETWEEN '2000-01-01' AND '2100-12-31' OR entered_on NOT BETWEEN '2000-01-01' AND '2100-12-31' OR last_updated_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("procedural_document", "document_id", "unknown_unit", "'unit_id=' || unit_id", "no_such_unit"),
        ("procedural_document", "document_id", "date_out_of_range", "'issued_on=' || issued_on", "issued_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("training_session", "session_id", "unknown_topic", "'topic=' || topic", "topic NOT IN ('qlahs','ai')"),
        ("training_session", "session_id", "unknown_format", "'format=' || format", "format NOT IN ('class','hands_on','seminar')"),
        ("training_session", "session_id", "negative_count", "'attendee_count=' || attendee_count", "attendee_count < 0"),
        ("training_session", "session_id", "date_out_of_range", "'held_on=' || held_on", "held_on NOT BETWEEN '2000-01-01' AND '2100-12-31'"),
        ("training_session", "session_id", "unknown_unit", "'unit_id=' || unit_id", "no_such_unit"),
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

    /// One pass per relation: each row that breaks any check is read once, with the number of every
    /// check it breaks; rows are streamed, the first `listLimit` per check kept, the rest counted.
    static func read(_ connection: Connection, window: Window) throws(PostgresError) -> [Anomaly] {
        var relations: [String] = []
        for c in checks where !relations.contains(c.relation) { relations.append(c.relation) }
        let parts = relations.map { relation -> String in
            let mine = checks.enumerated().filter { $0.element.relation == relation }
            let key = mine[0].element.key
            let numbers = mine.map { "CASE WHEN \($0.element.condition) THEN \($0.offset) END" }.joined(separator: ", ")
            let details = mine.map { "CASE WHEN \($0.element.condition) THEN \($0.element.detail) END" }.joined(separator: ", ")
            let any = mine.map { "(\($0.element.condition))" }.joined(separator: " OR ")
            // "Unknown unit" is an anti-join (a hash join), not a subquery per row.
            let source = mine.contains { $0.element.condition == "no_such_unit" }
                ? "(SELECT r.*, u.unit_id IS NULL AS no_such_unit FROM \(relation) r LEFT JOIN unit u ON u.unit_id = r.unit_id) \(relation)"
                : relation
            return """
                SELECT unnest(ARRAY[\(numbers)]) AS check_no, (\(key))::text AS key, unnest(ARRAY[\(details)]::text[]) AS detail
                FROM \(source) WHERE \(any)
                """
        }
        let sql = "SELECT check_no, key, detail FROM (\n" + parts.joined(separator: "\nUNION ALL\n") +
            "\n) a WHERE check_no IS NOT NULL ORDER BY check_no, key"
        var out: [Anomaly] = []
        var total: [Int: Int] = [:]
        do {
            try connection.stream(Query(sql: sql)) { row in
                let i: Int = try row.decode(0)
                total[i, default: 0] += 1
                guard total[i]! <= listLimit else { return }
                let c = checks[i]
                out.append(Anomaly(relation: c.relation, key: try row.decode(1, as: String?.self) ?? "", problem: c.problem,
                                   detail: try row.decode(2, as: String?.self) ?? ""))
            }
        } catch let e as PostgresError {
            throw e
        } catch {
            throw PostgresError(kind: .decode, message: "\(error)")
        }
        for (i, n) in total.sorted(by: { $0.key < $1.key }) where n > listLimit {
            let c = checks[i]
            out.append(Anomaly(relation: c.relation, key: "*", problem: c.problem,
                               detail: "\(n - listLimit) more rows not listed (\(n) in all)"))
        }
        return out
    }
}
