import Foundation
import Postgres
@testable import ThiDuaCore

/// One value of a warehouse row as the oracle reads it (text format, typed by the §3 contract).
/// A NULL is the absence of the column in `NaiveRow`.
enum NaiveValue: Equatable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case date(Day)

    var text: String? { if case .text(let v) = self { return v }; return nil }
    var int: Int? { if case .int(let v) = self { return v }; return nil }
    var bool: Bool? { if case .bool(let v) = self { return v }; return nil }
    var date: Day? { if case .date(let v) = self { return v }; return nil }
}

typealias NaiveRow = [String: NaiveValue]

struct NaiveReadError: Error, CustomStringConvertible {
    var description: String
}

/// Every relation of §3 read whole with `SELECT *` (columns by name, text format), one row per key
/// for keyed relations (§13: the first by key, then by `row::text COLLATE "C"`), and, for relations
/// with an existence (X) column, only the rows whose X day is set and on or before D (§13 replays).
struct NaiveWarehouse {
    /// Rows per relation, after the key rule and the replay rule.
    var rows: [String: [NaiveRow]] = [:]

    func relation(_ name: String) -> [NaiveRow] { rows[name] ?? [] }

    /// Reads the 15 relations of `schema` as of `asOf`.
    static func read(_ connection: Connection, schema: String, asOf: Day) throws -> NaiveWarehouse {
        var w = NaiveWarehouse()
        for relation in WarehouseContract.relations {
            let source = "\(Query.quoteIdentifier(schema)).\(Query.quoteIdentifier(relation.name))"
            let sql: String
            if relation.key.isEmpty {
                sql = "SELECT t.* FROM \(source) t"
            } else {
                let keys = relation.key.map { "t." + Query.quoteIdentifier($0) }.joined(separator: ", ")
                sql = "SELECT t.* FROM \(source) t ORDER BY \(keys), t::text COLLATE \"C\""
            }
            let result = try connection.query(Query(sql: sql))
            let names = result.columnNames
            var index: [String: Int] = [:]
            for column in relation.columns {
                guard let i = names.firstIndex(of: column.name) else {
                    throw NaiveReadError(description: "\(relation.name) has no column \(column.name)")
                }
                index[column.name] = i
            }
            var seenKeys: Set<[String]> = []
            var kept: [NaiveRow] = []
            for row in result {
                var r: NaiveRow = [:]
                for column in relation.columns {
                    guard let i = index[column.name], let raw = row.text(i) else { continue }
                    if let v = try parse(raw, column.type, "\(relation.name).\(column.name)") { r[column.name] = v }
                }
                if !relation.key.isEmpty {
                    // The key as text per column, NULL as a marker no text can be: DISTINCT ON groups NULLs.
                    let key = relation.key.map { k in index[k].flatMap { row.text($0) }.map { "v" + $0 } ?? "null" }
                    guard seenKeys.insert(key).inserted else { continue }
                }
                if let x = relation.existenceColumn {
                    guard let day = r[x.name]?.date, day <= asOf else { continue }
                }
                kept.append(r)
            }
            w.rows[relation.name] = kept
        }
        return w
    }

    /// A column's text as PostgreSQL prints it, typed by the contract; nil when it cannot be read
    /// as that type (treated as NULL).
    static func parse(_ raw: String, _ type: WarehouseContract.ColumnType, _ what: String) throws -> NaiveValue? {
        switch type {
        case .text, .code: return .text(raw)
        case .int: return Int(raw).map { .int($0) }
        case .bool:
            switch raw {
            case "t": return .bool(true)
            case "f": return .bool(false)
            default: throw NaiveReadError(description: "\(what): '\(raw)' is not a bool")
            }
        case .date:
            guard let d = parseDay(raw) else { throw NaiveReadError(description: "\(what): '\(raw)' is not an ISO date") }
            return .date(d)
        }
    }

    /// Far beyond any real day, but small enough that ± a few thousand days never overflows.
    static let farFuture = Day(ordinal: 1 << 40)
    static let farPast = Day(ordinal: -(1 << 40))

    /// `YYYY-MM-DD`, `YYYY-MM-DD BC`, `infinity`, `-infinity` (DateStyle ISO).
    static func parseDay(_ raw: String) -> Day? {
        if raw == "infinity" { return farFuture }
        if raw == "-infinity" { return farPast }
        var text = Substring(raw)
        var bc = false
        if text.hasSuffix(" BC") { bc = true; text = text.dropLast(3) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        // 1 BC is the astronomical year 0.
        return Day(year: bc ? 1 - y : y, month: m, day: d)
    }
}

extension NaiveRow {
    func text(_ c: String) -> String? { self[c]?.text }
    func int(_ c: String) -> Int? { self[c]?.int }
    func bool(_ c: String) -> Bool? { self[c]?.bool }
    func date(_ c: String) -> Day? { self[c]?.date }
}

/// Byte order of UTF-8 text, as `COLLATE "C"` sorts it (ids and keys are ordered this way).
func naiveBytesLess(_ a: String, _ b: String) -> Bool {
    Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
}

/// Inside the contract's range of days (§4: 2000-01-01 … 2100-12-31).
func naiveInContractRange(_ d: Day) -> Bool {
    d >= Day(year: 2000, month: 1, day: 1)! && d <= Day(year: 2100, month: 12, day: 31)!
}
