import Foundation
import ThiDuaCore

/// The data dictionary in the forms its readers use: docs/csv.md (people), `datapackage.json`
/// (Frictionless tools), `sql/reports.sql` (PostgreSQL). All three come from a plan's list of
/// tables (`PlanDictionary`).
extension DataDictionary {
    /// The tables part of docs/csv.md (everything after its introduction).
    public static func markdown(_ tables: [DataTable]) -> String {
        var out = ""
        for t in tables {
            out += "## \(t.id).csv — \(t.rows)\n\n"
            if !t.primaryKey.isEmpty { out += "Key: \(t.primaryKey.map { "`\($0)`" }.joined(separator: ", ")).\n\n" }
            out += "| column | type | unit | meaning | reference |\n|---|---|---|---|---|\n"
            for c in t.columns {
                var meaning = c.meaning
                if let v = c.values { meaning += " (one of: " + v.joined(separator: ", ") + ")" }
                out += "| \(c.name) | \(c.type.rawValue) | \(c.unit) | \(meaning) | \(c.spec) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// The plan a data package was computed from: its `name`, title and period.
    public struct PlanIdentity: Sendable {
        public var name: String
        public var title: String
        public var periodStart: Day
        public var periodEnd: Day

        public init(name: String, title: String, periodStart: Day, periodEnd: Day) {
            self.name = name
            self.title = title
            self.periodStart = periodStart
            self.periodEnd = periodEnd
        }

        /// The package's `plan` property (a Data Package may carry properties of its own).
        var json: [String: Any] {
            ["name": name, "title": title, "period_start": periodStart.description, "period_end": periodEnd.description]
        }
    }

    /// `datapackage.json` for these tables, made by this plan (PLAN-LANGUAGE.md §15): the title and
    /// the description name it and its period, and the `plan` property holds them as fields.
    public static func dataPackage(_ tables: [DataTable], runID: String, asOf: Day, generatedAt: String, version: String,
                                   plan: PlanIdentity, byteOrderMark: Bool, rows: [String: Int]) -> Data {
        let object: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "thidua-\(asOf)",
            "id": runID,
            "title": "thidua: \(plan.name), \(asOf)",
            "description": "\(plan.title) (\(plan.name), period \(plan.periodStart) – \(plan.periodEnd)). Standing as of \(asOf); "
                + "data dictionary: `thidua dictionary --plan FILE`.",
            "plan": plan.json,
            "created": generatedAt,
            "version": version,
            "resources": resources(tables, byteOrderMark: byteOrderMark, rows: rows),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    }

    /// The same Data Package without a run (`thidua dictionary --format json`): the tables any run of
    /// the plan writes, named `thidua-<name>` after the plan.
    public static func dictionaryPackage(_ tables: [DataTable], name: String, planName: String, planTitle: String,
                                         byteOrderMark: Bool = true) -> Data {
        let object: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "thidua-\(name)",
            "title": "thidua: \(planName)",
            "description": "\(planTitle) (\(planName)). The tables of every run of this plan; data dictionary: `thidua dictionary --plan FILE`.",
            "resources": resources(tables, byteOrderMark: byteOrderMark, rows: [:]),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    }

    /// One Frictionless tabular resource per table, with its Table Schema.
    static func resources(_ tables: [DataTable], byteOrderMark: Bool, rows: [String: Int]) -> [[String: Any]] {
        func field(_ c: Column, required: Bool) -> [String: Any] {
            var f: [String: Any] = ["name": c.name, "description": c.meaning + (c.unit.isEmpty ? "" : " (\(c.unit))")]
            switch c.type {
            case .date: f["type"] = "date"
            case .datetime: f["type"] = "datetime"
            case .text: f["type"] = "string"
            case .integer: f["type"] = "integer"
            case .rate, .score: f["type"] = "number"
            case .boolean: f["type"] = "boolean"; f["trueValues"] = ["true"]; f["falseValues"] = ["false"]
            }
            var k: [String: Any] = [:]
            if required { k["required"] = true }
            if let v = c.values { k["enum"] = v }
            if let p = c.pattern { k["pattern"] = p }
            func number(_ s: String) -> Any { c.type == .integer ? (Int(s) ?? 0) as Any : (Decimal(string: s) ?? 0) as Any }
            if let lo = c.minimum { k["minimum"] = number(lo) }
            if let hi = c.maximum { k["maximum"] = number(hi) }
            if !k.isEmpty { f["constraints"] = k }
            return f
        }
        let resources: [[String: Any]] = tables.map { t in
            var schema: [String: Any] = [
                "fields": t.columns.map { field($0, required: $0.name == DataDictionary.asOf.name || t.primaryKey.contains($0.name)) },
                "missingValues": [""],
            ]
            if !t.primaryKey.isEmpty { schema["primaryKey"] = t.primaryKey }
            var r: [String: Any] = [
                "name": t.id, "path": t.file, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": byteOrderMark ? "utf-8-sig" : "utf-8", "description": t.rows,
                "dialect": ["delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true],
                "schema": schema,
            ]
            if let n = rows[t.file] { r["stats"] = ["rows": n] }
            return r
        }
        return resources
    }

    /// `sql/reports.sql`: one table per CSV in the schema (`thidua_report` for the shipped plan),
    /// keyed by as_of and the CSV's own key so that every night's run loads beside the others.
    public static func sql(_ tables: [DataTable], schema: String) -> String {
        func type(_ t: ColumnType) -> String {
            switch t {
            case .date: return "date"
            case .datetime: return "timestamptz"
            case .text: return "text"
            case .integer: return "bigint"
            case .rate, .score: return "numeric"
            case .boolean: return "boolean"
            }
        }
        func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        var out = """
        -- Tables for the CSV files of a thidua run (generated by `thidua dictionary --format sql`; do not edit).
        -- Create once:   psql -v ON_ERROR_STOP=1 -f sql/reports.sql
        -- Load one run:  see docs/csv.md, "Loading into PostgreSQL".
        CREATE SCHEMA IF NOT EXISTS \(schema);

        """
        for t in tables {
            out += "\nCREATE TABLE IF NOT EXISTS \(schema).\(t.id) (\n"
            var lines = t.columns.map { c -> String in
                let notNull = c.name == DataDictionary.asOf.name || t.primaryKey.contains(c.name) ? " NOT NULL" : ""
                return "    \(c.name) \(type(c.type))\(notNull)"
            }
            if !t.primaryKey.isEmpty {
                // Every night's run loads beside the others: keyed by the day first. A run's own
                // row is the day's (a rerun replaces it: thidua_report.forget).
                let key = t.id == "run" ? [DataDictionary.asOf.name] : [DataDictionary.asOf.name] + t.primaryKey
                lines.append("    PRIMARY KEY (\(key.joined(separator: ", ")))")
            }
            out += lines.joined(separator: ",\n") + "\n);\n"
            out += "COMMENT ON TABLE \(schema).\(t.id) IS \(literal("\(t.file): \(t.rows)"));\n"
            for c in t.columns {
                out += "COMMENT ON COLUMN \(schema).\(t.id).\(c.name) IS \(literal(c.meaning + (c.unit.isEmpty ? "" : " (\(c.unit))")));\n"
            }
        }
        out += "\n-- Removes one as-of day from every table (before loading a rerun of that day).\n"
        out += "CREATE OR REPLACE FUNCTION \(schema).forget(day date) RETURNS void LANGUAGE sql AS $$\n"
        for t in tables.reversed() { out += "    DELETE FROM \(schema).\(t.id) WHERE as_of = day;\n" }
        out += "$$;\n"
        return out
    }
}
