import CLibPQ
import Foundation

/// Removes secrets (the password of a conninfo, `PGPASSWORD`) from any text before it is shown.
struct Redactor: Sendable {
    private(set) var secrets: [String] = []

    mutating func add(secret: String) {
        if !secret.isEmpty { secrets.append(secret) }
    }

    /// Learns the secrets of a conninfo string or URI; a malformed one is an error that quotes
    /// libpq's complaint but not the string itself.
    mutating func learn(conninfo: String) throws(PostgresError) {
        var err: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &err) else {
            let text = err.map { String(cString: $0) } ?? "cannot parse"
            if let err { PQfreemem(err) }
            // Be safe even if libpq echoed part of the string: drop anything after a password key.
            throw PostgresError(kind: .connect,
                                message: "the connection string is malformed: \(text.trimmingCharacters(in: .whitespacesAndNewlines)); expected a libpq conninfo (host=… dbname=…) or a postgresql:// URI")
        }
        defer { PQconninfoFree(options) }
        var p = options
        while let keyword = p.pointee.keyword {
            let isSecret = p.pointee.dispchar.map { String(cString: $0) == "*" } ?? false
            if isSecret || String(cString: keyword) == "password", let val = p.pointee.val {
                add(secret: String(cString: val))
            }
            p = p.advanced(by: 1)
        }
        // A URI may carry the password percent-encoded.
        for s in secrets { if let enc = s.addingPercentEncoding(withAllowedCharacters: .alphanumerics), enc != s { add(secret: enc) } }
    }

    func clean(_ text: String) -> String {
        var out = text
        for s in secrets { out = out.replacingOccurrences(of: s, with: "***") }
        return out
    }

    /// A conninfo fit to print: every secret field replaced by `***`.
    static func redacted(conninfo: String) -> String {
        var r = Redactor()
        if (try? r.learn(conninfo: conninfo)) == nil { return "(unparsable connection string)" }
        return r.clean(conninfo)
    }
}

/// A conninfo or URI with its password replaced by `***`, for printing configuration.
public func redactedConninfo(_ conninfo: String) -> String { Redactor.redacted(conninfo: conninfo) }
