import Foundation

/// A calendar date as PostgreSQL's `date` prints it (ISO, no time zone).
public struct PostgresDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else (including `infinity` and BC dates).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A value that can be sent as a bound parameter, in PostgreSQL's text format.
public protocol PostgresEncodable {
    /// The text PostgreSQL parses, or nil for SQL NULL.
    var postgresText: String? { get }
}

/// A value that can be read from a column in text format.
public protocol PostgresDecodable {
    init(postgresText text: String) throws(DecodeFailure)
    /// What a NULL becomes; non-optional types refuse it.
    static func postgresNull() throws(DecodeFailure) -> Self
}

/// Why a text value did not fit the type asked for.
public struct DecodeFailure: Error, Sendable {
    public var expected: String
    public init(expected: String) { self.expected = expected }
}

extension PostgresDecodable {
    public static func postgresNull() throws(DecodeFailure) -> Self {
        throw DecodeFailure(expected: "\(Self.self) (not NULL)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText text: String) throws(DecodeFailure) {
        self = .some(try Wrapped(postgresText: text))
    }
    public static func postgresNull() throws(DecodeFailure) -> Self { nil }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

extension String: PostgresDecodable, PostgresEncodable {
    public init(postgresText text: String) throws(DecodeFailure) { self = text }
    public var postgresText: String? { self }
}

/// A number PostgreSQL prints as Swift reads it (`LosslessStringConvertible`).
public protocol PostgresNumber: LosslessStringConvertible, PostgresDecodable, PostgresEncodable {
    /// What a value that does not parse was expected to be.
    static var postgresTypeName: String { get }
}

extension PostgresNumber {
    public init(postgresText text: String) throws(DecodeFailure) {
        guard let v = Self(text) else { throw DecodeFailure(expected: Self.postgresTypeName) }
        self = v
    }
    public var postgresText: String? { description }
}

extension Int: PostgresNumber { public static var postgresTypeName: String { "integer" } }
extension Double: PostgresNumber { public static var postgresTypeName: String { "floating-point number" } }

extension Bool: PostgresDecodable, PostgresEncodable {
    public init(postgresText text: String) throws(DecodeFailure) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw DecodeFailure(expected: "boolean (t or f)")
        }
    }
    public var postgresText: String? { self ? "t" : "f" }
}

extension Decimal: PostgresDecodable, PostgresEncodable {
    /// numeric arrives as exact decimal text; Decimal keeps up to 38 digits.
    public init(postgresText text: String) throws(DecodeFailure) {
        let allowed = Set("0123456789.-+eE")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }),
              let v = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodeFailure(expected: "numeric")
        }
        self = v
    }
    public var postgresText: String? { NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")) }
}

extension PostgresDate: PostgresDecodable, PostgresEncodable {
    public init(postgresText text: String) throws(DecodeFailure) {
        guard let d = PostgresDate(iso: text) else { throw DecodeFailure(expected: "date (YYYY-MM-DD)") }
        self = d
    }
    public var postgresText: String? { description }
}

extension Array: PostgresEncodable where Element == String {
    /// A `text[]` literal: every element quoted, backslashes and quotes escaped.
    public var postgresText: String? {
        "{" + map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
