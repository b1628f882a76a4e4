import Foundation
import ThiDuaCore

/// The type of a column, as the CSV writes it (docs/csv.md): what the workbook, the data package and
/// the SQL tables derive their own types from.
public enum ColumnType: String, Sendable {
    /// ISO `YYYY-MM-DD`.
    case date
    /// ISO 8601 date and time in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    case datetime
    /// NFC text.
    case text
    /// A whole number.
    case integer
    /// A fraction written with 6 decimals (`0.980000`).
    case rate
    /// Points written with 4 decimals.
    case score
    /// `true` or `false`.
    case boolean
}

/// One column of one output table, with everything a reader of the data needs to know about it.
/// The CSV header, docs/csv.md, `datapackage.json`, `sql/reports.sql` and the workbook's typed cells
/// all come from these definitions, so they cannot drift apart.
public struct Column: Sendable {
    public let name: String
    public let type: ColumnType
    public let unit: String
    public let meaning: String
    public let spec: String
    /// The only values the column takes (a closed list from the code's own enums).
    public private(set) var values: [String]?
    /// A regular expression every non-empty value matches.
    public private(set) var pattern: String?
    /// Bounds, as they are written in the CSV; nil: unbounded.
    public private(set) var minimum: String?
    public private(set) var maximum: String?

    public init(_ name: String, _ type: ColumnType, _ unit: String, _ meaning: String, _ spec: String) {
        self.name = name
        self.type = type
        self.unit = unit
        self.meaning = meaning
        self.spec = spec
        switch type {
        case .integer: minimum = "0"
        // A rate lies in [0, 1] by default; the plan's dictionary widens the bound of a rate whose
        // numerator is not a subset of its denominator (PLAN-LANGUAGE.md §8, `boundedByOne`).
        case .rate: minimum = "0"; maximum = "1"
        case .score: minimum = "0"; maximum = "100"
        default: break
        }
        if type == .integer, name == "rank" || name == "position" || name.hasSuffix("_rank") { minimum = "1" }
    }

    func values(_ v: [String]) -> Column { var c = self; c.values = v; return c }
    func pattern(_ p: String) -> Column { var c = self; c.pattern = p; return c }
    func range(_ lo: Int?, _ hi: Int?) -> Column {
        var c = self; c.minimum = lo.map(String.init); c.maximum = hi.map(String.init); return c
    }
}

/// One output table: `csv/<id>.csv`, a sheet of the workbook, a resource of the data package and a
/// table of `sql/reports.sql`.
public struct DataTable: Sendable {
    public let id: String
    public let rows: String
    public let primaryKey: [String]
    public let columns: [Column]
    /// The column names, in order.
    public let header: [String]
    /// Each column's position by name (the first, should a name repeat), for rows built by name.
    public let positions: [String: Int]
    public var file: String { "csv/\(id).csv" }

    public init(id: String, rows: String, primaryKey: [String], columns: [Column]) {
        self.id = id
        self.rows = rows
        self.primaryKey = primaryKey
        self.columns = columns
        header = columns.map(\.name)
        var positions: [String: Int] = [:]
        for (i, name) in header.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }
}

public enum DataDictionary {
    /// The first column of every table: the run's as-of day, on which the tables join `run`.
    public static let asOf = Column("as_of", .date, "", "D, the run's as-of day (joins run.csv)", "§2")
}
