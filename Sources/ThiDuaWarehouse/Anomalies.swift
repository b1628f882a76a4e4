import Postgres
import ThiDuaCore

/// Rows that break the contract's meaning (SPEC §3, last paragraph), found in SQL: unknown codes,
/// missing values, negative or absurd numbers, dates outside 2000–2100, over-long or control-character
/// names. Unit-level anomalies (kinds, parents, headcounts) come from `Organisation`, repeated keys
/// from `KeyedSources`, impossible rates from Core.
/// None of these rows is dropped from the counts it belongs to; they are listed so a unit can fix them.
enum Anomalies {
    /// The key columns of every relation, as `anomalies.csv` names a row.
    static let keyColumns: [String: [String]] = {
        var k: [String: [String]] = [:]
        for key in KeyedSources.keys { k[key.relation] = key.columns }
        k["training_role"] = ["session_id", "staff_id"]
        k["initiative_author"] = ["initiative_id", "staff_id"]
        k["core_group_member"] = ["group_id", "staff_id"]
        k["discipline"] = ["staff_id", "from_on"]
        return k
    }()

    /// Columns the contract needs a value in (SPEC §3: every column but the ones marked NULL). A
    /// `unit_id` that is empty is listed as `unknown_unit` where that check exists; `unit.kind` and
    /// `unit.headcount` are checked with the unit tree.
    static let required: [String: [String]] = [
        "unit": ["unit_id", "name"],
        "staff": ["staff_id", "full_name", "role", "direct_worker", "active"],
        "case_record": ["case_id", "kind", "accepted_on", "end_to_end", "missing_required_fields", "error_count",
                        "status", "last_updated_on"],
        "procedural_document": ["document_id", "case_id", "issued_on", "digitally_signed", "electronic"],
        "training_session": ["session_id", "topic", "held_on", "title", "format", "attendee_count"],
        "training_role": ["session_id", "staff_id", "role"],
        "luyenai_daily": ["staff_id", "day", "level", "minutes"],
        "platform_usage": ["staff_id", "day", "actions"],
        "initiative": ["initiative_id", "unit_id", "topic", "title", "in_regular_use"],
        "initiative_author": ["initiative_id", "staff_id"],
        "core_group": ["group_id", "unit_id", "kind", "established_on"],
        "core_group_member": ["group_id", "staff_id"],
        "infrastructure": ["unit_id", "item", "required", "ready"],
        "discipline": ["staff_id", "status", "from_on"],
        "award_dossier": ["dossier_id", "nominee_kind", "nominee_id", "award_level", "has_proposal", "has_minutes",
                          "has_achievement_report", "has_impact_confirmation"],
    ]

    /// Names longer than this are listed as name_too_long (pages cap every text on their own:
    /// `pageTextLimit`).
    public static let nameLimit = 200

    static func dates(_ columns: [String]) -> (detail: String, condition: String) {
        (columns.map { "'\($0)=' || coalesce(\($0)::text, '')" }.joined(separator: " || ' ' || "),
         columns.map { "\($0) NOT BETWEEN '2000-01-01' AND '2100-12-31'" }.joined(separator: " OR "))
    }

    static func textChecks(_ relation: String, _ column: String) -> [(String, String, String, String)] {
        [(relation, "name_too_long", "'\(column): ' || length(\(column)) || ' characters'", "length(\(column)) > \(nameLimit)"),
         (relation, "control_characters", "'\(column) holds control characters'", "\(column) ~ '[[:cntrl:]]'")]
    }

    /// Each check: relation, problem code, detail expression, condition. One row may break several.
    static let checks: [(relation: String, problem: String, detail: String, condition: String)] = {
        var c: [(String, String, String, String)] = textChecks("unit", "name") + [
            ("staff", "unknown_role", "'role=' || role", "role NOT IN ('leader','prosecutor','inspector','it','other')"),
            ("staff", "unknown_unit", "'unit_id=' || coalesce(unit_id, '(empty)')", "no_such_unit"),
        ] + textChecks("staff", "full_name") + [
            ("case_record", "unknown_kind", "'kind=' || kind", "kind NOT IN ('case','matter')"),
            ("case_record", "unknown_status", "'status=' || status", "status NOT IN ('open','closed')"),
            ("case_record", "unknown_unit", "'unit_id=' || coalesce(unit_id, '(empty)')", "no_such_unit"),
            ("case_record", "negative_count", "'missing_required_fields=' || missing_required_fields || ' error_count=' || error_count", "missing_required_fields < 0 OR error_count < 0"),
            ("case_record", "date_out_of_range", dates(["accepted_on", "entered_on", "last_updated_on"]).detail, dates(["accepted_on", "entered_on", "last_updated_on"]).condition),
            ("procedural_document", "unknown_unit", "'unit_id=' || coalesce(unit_id, '(empty)')", "no_such_unit"),
            ("procedural_document", "date_out_of_range", dates(["issued_on"]).detail, dates(["issued_on"]).condition),
            ("training_session", "unknown_topic", "'topic=' || topic", "topic NOT IN ('qlahs','ai')"),
            ("training_session", "unknown_format", "'format=' || format", "format NOT IN ('class','hands_on','seminar')"),
            ("training_session", "negative_count", "'attendee_count=' || attendee_count", "attendee_count < 0"),
            ("training_session", "date_out_of_range", dates(["held_on"]).detail, dates(["held_on"]).condition),
            ("training_session", "unknown_unit", "'unit_id=' || coalesce(unit_id, '(empty)')", "no_such_unit"),
            ("training_role", "unknown_role", "'role=' || role", "role NOT IN ('trainer','organizer','attendee')"),
            ("luyenai_daily", "negative_count", "'level=' || level || ' minutes=' || minutes", "level < 0 OR minutes < 0"),
            ("luyenai_daily", "value_out_of_range", "'level=' || level || ' minutes=' || minutes || ' (expected a level up to 100 and minutes up to 1440 a day)'", "level > 100 OR minutes > 1440"),
            ("luyenai_daily", "date_out_of_range", dates(["day"]).detail, dates(["day"]).condition),
            ("platform_usage", "negative_count", "'actions=' || actions", "actions < 0"),
            ("platform_usage", "value_out_of_range", "'actions=' || actions || ' (expected up to 100000 a day)'", "actions > 100000"),
            ("platform_usage", "date_out_of_range", dates(["day"]).detail, dates(["day"]).condition),
            ("initiative", "unknown_topic", "'topic=' || topic", "topic NOT IN ('qlahs','ai')"),
            ("initiative", "date_out_of_range", dates(["recognized_on"]).detail, dates(["recognized_on"]).condition),
            ("core_group", "unknown_kind", "'kind=' || kind", "kind NOT IN ('core_learners','tech_support')"),
            ("core_group", "date_out_of_range", dates(["established_on"]).detail, dates(["established_on"]).condition),
            ("infrastructure", "unknown_item", "'item=' || item", "item NOT IN ('lan','wan','scanner','signature_token')"),
            ("infrastructure", "negative_count", "'required=' || required || ' ready=' || ready", "required < 0 OR ready < 0"),
            ("infrastructure", "date_out_of_range", dates(["completed_on"]).detail, dates(["completed_on"]).condition),
            ("discipline", "unknown_status", "'status=' || status", "status NOT IN ('disciplined','under_review')"),
            ("discipline", "date_out_of_range", dates(["from_on", "to_on"]).detail, dates(["from_on", "to_on"]).condition),
            ("award_dossier", "unknown_kind", "'nominee_kind=' || nominee_kind || ' award_level=' || award_level", "nominee_kind NOT IN ('unit','staff') OR award_level NOT IN ('bang_khen','giay_khen')"),
            ("award_dossier", "date_out_of_range", dates(["submitted_on"]).detail, dates(["submitted_on"]).condition),
        ]
        // A value missing where the contract needs one: one row per record, naming every empty column.
        for relation in Contract.relations.map(\.name) {
            guard let columns = required[relation] else { continue }
            let detail = "'empty: ' || concat_ws(', ', " + columns.map { "CASE WHEN \($0) IS NULL THEN '\($0)' END" }.joined(separator: ", ") + ")"
            c.append((relation, "null_value", detail, columns.map { "\($0) IS NULL" }.joined(separator: " OR ")))
        }
        return c
    }()

    /// At most this many rows per check are listed; the count says how many there were in all.
    static let listLimit = 1000

    /// One pass per relation: each row that breaks any check is read once, with the number of every
    /// check it breaks; rows are streamed, the first `listLimit` per check kept, the rest counted.
    static func read(_ connection: Connection, sources: KeyedSources) throws(PostgresError) -> [Anomaly] {
        var relations: [String] = []
        for c in checks where !relations.contains(c.relation) { relations.append(c.relation) }
        let parts = relations.map { relation -> String in
            let mine = checks.enumerated().filter { $0.element.relation == relation }
            let key = KeyedSources.keyText(keyColumns[relation] ?? [])
            // A condition on a NULL is NULL, not true: coalesce, so each check is plainly true or false.
            let numbers = mine.map { "CASE WHEN coalesce(\($0.element.condition), false) THEN \($0.offset) END" }.joined(separator: ", ")
            let details = mine.map { "CASE WHEN coalesce(\($0.element.condition), false) THEN coalesce(\($0.element.detail), '') END" }.joined(separator: ", ")
            let any = mine.map { "coalesce(\($0.element.condition), false)" }.joined(separator: " OR ")
            let source = sources(relation).text
            // "Unknown unit" is an anti-join (a hash join), not a subquery per row.
            let from = mine.contains { $0.element.condition == "no_such_unit" }
                ? "(SELECT r.*, u.unit_id IS NULL AS no_such_unit FROM \(sources(relation, as: "r").text) LEFT JOIN \(sources("unit", as: "u").text) ON u.unit_id = r.unit_id) \(relation)"
                : source
            return """
                SELECT unnest(ARRAY[\(numbers)]) AS check_no, \(key) AS key, unnest(ARRAY[\(details)]::text[]) AS detail
                FROM \(from) WHERE \(any)
                """
        }
        let sql = "SELECT check_no, key, detail FROM (\n" + parts.joined(separator: "\nUNION ALL\n") +
            "\n) a WHERE check_no IS NOT NULL ORDER BY check_no, key COLLATE \"C\""
        var out: [Anomaly] = []
        var total: [Int: Int] = [:]
        do {
            try connection.stream(Query(sql: sql)) { row in
                let i: Int = try row.decode(named: "check_no")
                let seen = total[i, default: 0] + 1
                total[i] = seen
                guard seen <= listLimit, checks.indices.contains(i) else { return }
                let c = checks[i]
                out.append(Anomaly(relation: c.relation, key: try row.decode(named: "key", as: String?.self) ?? "", problem: c.problem,
                                   detail: try row.decode(named: "detail", as: String?.self) ?? ""))
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
