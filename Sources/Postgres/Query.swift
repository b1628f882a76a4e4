import Foundation

/// A statement whose interpolated values become bound parameters (`$1`, `$2`, …), so a value can
/// never change the statement's meaning: SQL injection is impossible by construction.
///
///     let q: Query = "SELECT name FROM unit WHERE unit_id = \(id)"
public struct Query: ExpressibleByStringInterpolation, Sendable {
    public var sql: String
    public var binds: [String?]

    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    public init(sql: String, binds: [String?] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A value: sent as a parameter.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            binds.append(value.postgresText)
            sql += "$\(binds.count)"
        }

        /// A piece of SQL the program wrote itself (a relation source such as a `DISTINCT ON`
        /// subquery), embedded as it is: never a value from outside.
        public mutating func appendInterpolation(sql fragment: TrustedSQL) { sql += fragment.text }

        /// An identifier (schema, table): quoted, embedded quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql += Query.quoteIdentifier(identifier)
        }
    }

    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// SQL text built by the program from its own constants, never from a value read or typed in.
public struct TrustedSQL: Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
}
