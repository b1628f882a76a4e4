import Postgres

/// The warehouse contract of SPEC §3: every relation and column the job reads, with its type.
public enum Contract {
    public enum ColumnType: String, Sendable {
        case text, integer, date, boolean

        /// The `information_schema.columns.data_type` values accepted for this type (views over
        /// varchar or bigint columns map fine).
        var accepted: Set<String> {
            switch self {
            case .text: return ["text", "character varying", "character"]
            case .integer: return ["integer", "bigint", "smallint"]
            case .date: return ["date"]
            case .boolean: return ["boolean"]
            }
        }
    }

    public static let relations: [(name: String, columns: [(String, ColumnType)])] = [
        ("unit", [("unit_id", .text), ("name", .text), ("kind", .text), ("parent_id", .text), ("headcount", .integer)]),
        ("staff", [("staff_id", .text), ("full_name", .text), ("unit_id", .text), ("role", .text),
                   ("direct_worker", .boolean), ("active", .boolean)]),
        ("case_record", [("case_id", .text), ("unit_id", .text), ("prosecutor_id", .text), ("kind", .text),
                         ("accepted_on", .date), ("entered_on", .date), ("end_to_end", .boolean),
                         ("missing_required_fields", .integer), ("error_count", .integer), ("status", .text),
                         ("last_updated_on", .date)]),
        ("procedural_document", [("document_id", .text), ("case_id", .text), ("unit_id", .text), ("issued_on", .date),
                                 ("digitally_signed", .boolean), ("electronic", .boolean)]),
        ("training_session", [("session_id", .text), ("unit_id", .text), ("topic", .text), ("held_on", .date),
                              ("title", .text), ("format", .text), ("attendee_count", .integer)]),
        ("training_role", [("session_id", .text), ("staff_id", .text), ("role", .text)]),
        ("luyenai_daily", [("staff_id", .text), ("day", .date), ("level", .integer), ("minutes", .integer)]),
        ("platform_usage", [("staff_id", .text), ("day", .date), ("actions", .integer)]),
        ("initiative", [("initiative_id", .text), ("unit_id", .text), ("topic", .text), ("title", .text),
                        ("recognized_on", .date), ("in_regular_use", .boolean)]),
        ("initiative_author", [("initiative_id", .text), ("staff_id", .text)]),
        ("core_group", [("group_id", .text), ("unit_id", .text), ("kind", .text), ("established_on", .date)]),
        ("core_group_member", [("group_id", .text), ("staff_id", .text)]),
        ("infrastructure", [("unit_id", .text), ("item", .text), ("required", .integer), ("ready", .integer),
                            ("completed_on", .date)]),
        ("discipline", [("staff_id", .text), ("status", .text), ("from_on", .date), ("to_on", .date)]),
        ("award_dossier", [("dossier_id", .text), ("nominee_kind", .text), ("nominee_id", .text), ("award_level", .text),
                           ("submitted_on", .date), ("has_proposal", .boolean), ("has_minutes", .boolean),
                           ("has_achievement_report", .boolean), ("has_impact_confirmation", .boolean)]),
    ]

    /// One line per problem, e.g. `case_record.entered_on: missing (expected date)`; empty when the
    /// contract holds.
    public static func check(_ connection: Connection, schema: String) throws(PostgresError) -> [String] {
        let rows = try connection.query("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text
            FROM information_schema.columns c
            WHERE c.table_schema = \(schema)
            """)
        var found: [String: [String: String]] = [:]
        for row in rows {
            let table: String = try row.decode(0)
            let column: String = try row.decode(1)
            let type: String = try row.decode(2)
            found[table, default: [:]][column] = type
        }
        var problems: [String] = []
        let schemaExists = try connection.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)").count > 0
        if !schemaExists {
            return ["schema \(schema): missing (expected the warehouse relations of SPEC §3; load sql/schema.sql or set the schema)"]
        }
        for relation in relations {
            guard let columns = found[relation.name] else {
                let list = relation.columns.map { "\($0.0) \($0.1.rawValue)" }.joined(separator: ", ")
                problems.append("\(relation.name): missing relation (expected a table or view with \(list))")
                continue
            }
            for (column, type) in relation.columns {
                guard let actual = columns[column] else {
                    problems.append("\(relation.name).\(column): missing (expected \(type.rawValue))")
                    continue
                }
                if !type.accepted.contains(actual) {
                    problems.append("\(relation.name).\(column): is \(actual) (expected \(type.rawValue))")
                }
            }
        }
        return problems
    }
}
