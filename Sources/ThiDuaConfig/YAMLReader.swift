import Foundation
import ThiDuaCore
import Yams

/// A bad plan or configuration file: names the file, the key and what was expected (exit 78).
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var key: String?
    public var message: String

    public init(file: String, key: String?, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): key '\(key)': \(message)" }
        return "\(file): \(message)"
    }
}

/// Reads a YAML mapping strictly: scalars as their literal text (so `0.98` stays exact and dates
/// stay strings), every key must be known, and every error names the file and the key path.
struct MappingReader {
    let file: String
    let path: String
    let pairs: [(key: String, value: Node)]
    private(set) var used: Set<String> = []

    init(file: String, path: String, node: Node) throws(ConfigError) {
        self.file = file
        self.path = path
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, key: path.isEmpty ? nil : path, message: "expected a mapping of keys to values")
        }
        var pairs: [(String, Node)] = []
        var seen: Set<String> = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                throw ConfigError(file: file, key: path.isEmpty ? nil : path, message: "a key is not plain text")
            }
            if !seen.insert(key).inserted {
                throw ConfigError(file: file, key: qualified(key, in: path), message: "appears twice")
            }
            pairs.append((key, v))
        }
        self.pairs = pairs
    }

    static func document(text: String, file: String) throws(ConfigError) -> MappingReader {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            let firstLine = String(describing: error).split(separator: "\n").first.map(String.init) ?? "not valid YAML"
            throw ConfigError(file: file, key: nil, message: "not valid YAML: \(firstLine)")
        }
        guard let node else { throw ConfigError(file: file, key: nil, message: "is empty") }
        return try MappingReader(file: file, path: "", node: node)
    }

    /// A YAML file from disk: the one way plan and configuration files are read.
    static func load(path: String) throws(ConfigError) -> MappingReader {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: nil, message: "cannot be read (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: nil, message: "is not UTF-8 text")
        }
        return try document(text: text, file: path)
    }

    func key(_ name: String) -> String { qualified(name, in: path) }

    func has(_ name: String) -> Bool { pairs.contains { $0.key == name } }

    mutating func node(_ name: String) throws(ConfigError) -> Node {
        guard let n = pairs.first(where: { $0.key == name })?.value else {
            throw ConfigError(file: file, key: key(name), message: "is missing")
        }
        used.insert(name)
        return n
    }

    mutating func optionalNode(_ name: String) -> Node? {
        guard let n = pairs.first(where: { $0.key == name })?.value else { return nil }
        used.insert(name)
        return n
    }

    mutating func scalar(_ name: String) throws(ConfigError) -> String {
        let n = try node(name)
        guard let s = n.scalar?.string else { throw ConfigError(file: file, key: key(name), message: "expected a single value") }
        return s
    }

    mutating func optionalScalar(_ name: String) throws(ConfigError) -> String? {
        guard has(name) else { return nil }
        return try scalar(name)
    }

    mutating func day(_ name: String) throws(ConfigError) -> Day {
        let s = try scalar(name)
        guard let d = Day(iso: s) else {
            throw ConfigError(file: file, key: key(name), message: "'\(s)' is not a date (expected YYYY-MM-DD)")
        }
        return d
    }

    /// A whole number within `range`: anything else (a fraction, a sign in the wrong place, a value
    /// that does not fit) is refused with the range it must be in.
    mutating func integer(_ name: String, _ range: ClosedRange<Int>) throws(ConfigError) -> Int {
        try number(name, range, ConfigNumbers.integer, "a whole number")
    }

    /// A plain decimal (digits, one dot) within `range`.
    mutating func decimal(_ name: String, _ range: ClosedRange<Decimal>) throws(ConfigError) -> Decimal {
        try number(name, range, ConfigNumbers.decimal, "a number with a dot decimal")
    }

    private mutating func number<T: Comparable>(_ name: String, _ range: ClosedRange<T>, _ parse: (String) -> T?,
                                                _ what: String) throws(ConfigError) -> T {
        let s = try scalar(name)
        let expected = "expected \(what) from \(range.lowerBound) to \(range.upperBound)"
        guard let v = parse(s) else { throw ConfigError(file: file, key: key(name), message: "'\(s.prefix(40))' is not a number (\(expected))") }
        guard range.contains(v) else { throw ConfigError(file: file, key: key(name), message: "\(s) is out of range (\(expected))") }
        return v
    }

    mutating func boolean(_ name: String) throws(ConfigError) -> Bool {
        let s = try scalar(name)
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ConfigError(file: file, key: key(name), message: "'\(s)' is not true or false")
        }
    }

    mutating func mapping(_ name: String) throws(ConfigError) -> MappingReader {
        try MappingReader(file: file, path: key(name), node: try node(name))
    }

    /// Refuses keys nobody read: a typo in a plan file must not be silently ignored.
    func finish() throws(ConfigError) {
        if let unknown = pairs.first(where: { !used.contains($0.key) }) {
            throw ConfigError(file: file, key: key(unknown.key), message: "unknown key")
        }
    }
}

func qualified(_ key: String, in path: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

/// Strict number syntax for plan and configuration files: what a person types, nothing more.
enum ConfigNumbers {
    /// An optional minus and at most 15 digits.
    static func integer(_ s: String) -> Int? {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    /// Digits with at most one dot (at most 15 before it and 9 after), optionally negative.
    static func decimal(_ s: String) -> Decimal? {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15, parts.count == 1 || (1...9).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
    }
}
