import Postgres
import ThiDuaCore

/// A plan the compiler cannot turn into SQL: a reference the checker should have refused (an
/// unknown relation or column, an operator on the wrong type). A defect of the checker, never of
/// the warehouse; the run stops before any statement is sent.
public struct PlanSQLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "plan cannot be compiled: \(message)" }
}

/// One bound parameter of a compiled statement (§16.1): the text sent, the SQL type it is cast to,
/// and what it is, for `--explain` (`2026-07-01 period_start`).
public struct SQLParameter: Sendable, Equatable {
    public var text: String?
    public var cast: String
    public var note: String
}

/// A compiled statement: SQL written by the compiler from the contract's names, and its
/// parameters. Nothing of the plan file reaches `sql` but through `parameters`.
public struct CompiledStatement: Sendable {
    /// What it reads (`case_record (10 measures)`), for `--explain`.
    public var title: String
    public var sql: String
    public var parameters: [SQLParameter]
    /// Program-made column aliases and the plan declarations they compute (`m0` → the first measure's id).
    public var aliases: [(alias: String, meaning: String)]

    /// The statement with its parameters bound; `replacing` sets parameters known only when it
    /// runs (the staff statement's unit tree), by index.
    func query(replacing late: [Int: String] = [:]) -> Query {
        var binds = parameters.map(\.text)
        for (i, text) in late where binds.indices.contains(i) { binds[i] = text }
        return Query(sql: sql, binds: binds)
    }
}

/// Collects a statement's parameters: each value is bound once per (text, type, meaning) and
/// written as `$n::type` wherever it is used.
struct SQLBuilder {
    private(set) var parameters: [SQLParameter] = []
    private var index: [String: Int] = [:]

    /// `$n::cast` for a value.
    mutating func bind(_ text: String?, cast: String, note: String) -> String {
        let key = "\(text ?? "\u{0}NULL")\u{1}\(cast)\u{1}\(note)"
        if let n = index[key] { return "$\(n)::\(cast)" }
        parameters.append(SQLParameter(text: text, cast: cast, note: note))
        index[key] = parameters.count
        return "$\(parameters.count)::\(cast)"
    }

    /// A day, clamped into 0001-01-01…9999-12-31 so that a far dynamic day (`D - 36600d - …`)
    /// still parses as a PostgreSQL date and prints as ISO. The contract's rows lie in 2000–2100
    /// or are anomalies, so a bound moved past every row compares with them as the real day would.
    mutating func day(_ day: Day, note: String) -> String {
        bind(SQLBuilder.clamped(day).description, cast: "date", note: "\(day) \(note)")
    }

    mutating func int(_ value: Int, note: String) -> String { bind(String(value), cast: "bigint", note: note) }

    static let earliest = Day(year: 1, month: 1, day: 1)!
    static let latest = Day(year: 9999, month: 12, day: 31)!
    static func clamped(_ day: Day) -> Day { min(max(day, earliest), latest) }

    /// The explain note of a literal: text quoted, control characters escaped (so a note never
    /// ends its comment line), long texts cut.
    static func shown(_ literal: Literal) -> String {
        switch literal {
        case .int(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .text(let t): return quoted(t)
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "'"
        for (i, ch) in text.unicodeScalars.enumerated() {
            if i == 60 { out += "…(\(text.unicodeScalars.count) characters)"; break }
            switch ch {
            case "'": out += "''"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 || ch.value == 0x7F || (0x80..<0xA0).contains(ch.value) || ch == "\u{2028}" || ch == "\u{2029}" {
                    out += "\\u{\(String(ch.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "'"
    }
}

/// A day expression as written (§4), for explain notes.
func planDayText(_ e: DayExpr, _ plan: Plan) -> String { plan.text(of: e) }

/// Exact integers from the warehouse (§14): `count(*)` arrives as bigint and every sum as numeric;
/// a value that does not fit 64 bits (or is not an integer) is nil, never a trap.
enum ExactInt {
    /// Nil for NULL (`.some(nil)` is an overflow): `decode` tells the two apart.
    static func decode(_ row: Row, _ column: String) throws(PostgresError) -> (value: Int?, overflowed: Bool) {
        try decode(row, try row.column(named: column))
    }

    static func decode(_ row: Row, _ column: Int) throws(PostgresError) -> (value: Int?, overflowed: Bool) {
        guard let text = try row.decode(column, as: String?.self) else { return (nil, false) }
        if let v = Int(text) { return (v, false) }
        return (nil, true)
    }

    /// A PostgreSQL integer array (`{1,-2,NULL}`) as Ints; elements that are NULL or do not fit are
    /// skipped.
    static func array(_ text: String?) -> [Int] {
        guard let text, text.hasPrefix("{"), text.hasSuffix("}") else { return [] }
        return text.dropFirst().dropLast().split(separator: ",").compactMap { Int($0) }
    }
}

/// `a AND b …`, leaving out the `true` of an empty `where`.
func sqlConjunction(_ parts: String...) -> String { sqlConjunction(parts) }

func sqlConjunction(_ parts: [String]) -> String {
    let kept = parts.filter { $0 != "true" }
    return kept.isEmpty ? "true" : kept.joined(separator: " AND ")
}
