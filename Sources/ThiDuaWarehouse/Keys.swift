import Postgres
import ThiDuaCore

/// The keys of the contract's relations (SPEC §3) and what to read when the warehouse does not
/// enforce them. A view need not have a key, so a key may repeat: each repeated key is listed once
/// in `anomalies.csv` (`duplicate_key`) and counted once, the first of its rows in a fixed order.
public struct KeyedSources: Sendable {
    /// Relations with a primary key, and its columns.
    public static let keys: [(relation: String, columns: [String])] = [
        ("unit", ["unit_id"]), ("staff", ["staff_id"]), ("case_record", ["case_id"]),
        ("procedural_document", ["document_id"]), ("training_session", ["session_id"]),
        ("luyenai_daily", ["staff_id", "day"]), ("platform_usage", ["staff_id", "day"]),
        ("initiative", ["initiative_id"]), ("core_group", ["group_id"]),
        ("infrastructure", ["unit_id", "item"]), ("award_dossier", ["dossier_id"]),
    ]

    /// Relations whose key repeats in this snapshot: read through `DISTINCT ON`.
    public let repeated: Set<String>
    /// One `duplicate_key` anomaly per repeated key.
    public let anomalies: [Anomaly]

    public init(repeated: Set<String>, anomalies: [Anomaly]) {
        self.repeated = repeated
        self.anomalies = anomalies
    }

    /// The SQL to read a relation from: its name, or, when its key repeats, one row per key (the
    /// first by the whole row's text in byte order, PLAN-LANGUAGE.md §13, so the choice is the same on
    /// every run and on a server of any collation).
    /// `alias` names it in the statement (the relation's own name by default).
    public func callAsFunction(_ relation: String, as alias: String? = nil) -> TrustedSQL {
        let name = alias ?? relation
        guard repeated.contains(relation), let key = KeyedSources.keys.first(where: { $0.relation == relation }) else {
            return TrustedSQL(alias.map { "\(relation) \($0)" } ?? relation)
        }
        let k = key.columns.joined(separator: ", ")
        return TrustedSQL("(SELECT DISTINCT ON (\(k)) * FROM \(relation) ORDER BY \(k), \(relation)::text COLLATE \"C\") \(name)")
    }

    /// The text of a row's key, as `anomalies.csv` lists it (`staff_id/day` for two columns).
    static func keyText(_ columns: [String]) -> String {
        columns.map { "coalesce(\($0)::text, '')" }.joined(separator: " || '/' || ")
    }

    /// Which keyed relations the warehouse does not guarantee unique (no unique index on a subset of
    /// the key: views, tables without a primary key), and of those which keys repeat. A table with
    /// its primary key costs one catalogue query.
    static func find(_ connection: Connection, listLimit: Int) throws(PostgresError) -> KeyedSources {
        var unique: Set<String> = []
        let indexes = try connection.query("""
            SELECT c.relname::text AS relation, array_to_string(array_agg(a.attname::text), ',') AS columns
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
            WHERE c.relnamespace = current_schema()::regnamespace AND i.indisunique
              AND i.indpred IS NULL AND i.indexprs IS NULL
            GROUP BY c.relname, i.indexrelid
            """)
        for row in indexes {
            let relation: String = try row.decode(named: "relation")
            let columns = Set((try row.decode(named: "columns", as: String.self)).split(separator: ",").map(String.init))
            if let key = keys.first(where: { $0.relation == relation }), columns.isSubset(of: Set(key.columns)) {
                unique.insert(relation)
            }
        }
        let unchecked = keys.filter { !unique.contains($0.relation) }
        guard !unchecked.isEmpty else { return KeyedSources(repeated: [], anomalies: []) }
        let parts = unchecked.map { key -> String in
            let k = key.columns.joined(separator: ", ")
            let text = keyText(key.columns)
            return """
                SELECT '\(key.relation)' AS relation, \(text) AS key, count(*) AS copies
                FROM \(key.relation) GROUP BY \(k) HAVING count(*) > 1
                """
        }
        let rows = try connection.query(Query(sql: "SELECT * FROM (\n" + parts.joined(separator: "\nUNION ALL\n")
                                                   + "\n) r ORDER BY relation, key COLLATE \"C\""))
        var repeated: Set<String> = []
        var anomalies: [Anomaly] = []
        var listed: [String: Int] = [:]
        for row in rows {
            let relation: String = try row.decode(named: "relation")
            let copies: Int = try row.decode(named: "copies")
            repeated.insert(relation)
            listed[relation, default: 0] += 1
            guard listed[relation]! <= listLimit else { continue }
            anomalies.append(Anomaly(relation: relation, key: try row.decode(named: "key"), problem: "duplicate_key",
                                     detail: "\(copies) rows with this key; one is counted"))
        }
        for (relation, n) in listed.sorted(by: { $0.key < $1.key }) where n > listLimit {
            anomalies.append(Anomaly(relation: relation, key: "*", problem: "duplicate_key",
                                     detail: "\(n - listLimit) more repeated keys not listed (\(n) in all)"))
        }
        return KeyedSources(repeated: repeated, anomalies: anomalies)
    }
}
