import CLibPQ
import Foundation

/// A connection string that cannot be used. Its message never quotes any part of the string:
/// a string that failed to parse may hold a password anywhere.
public struct ConnInfoError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// A libpq conninfo string or `postgresql://` URI, parsed by libpq itself (`PQconninfoParse`), so
/// that what we refuse, redact or print is exactly what libpq will use.
public struct ConnInfo: Sendable {
    /// The keywords the string sets, in libpq's order, with whether libpq marks them secret.
    public let options: [(keyword: String, value: String, secret: Bool)]

    public init(parsing text: String) throws(ConnInfoError) {
        try ConnInfo.refuseAmbiguousURI(text)
        var err: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &err) else {
            // libpq's complaint quotes the offending part of the string: keep only its words before
            // the first quote ("invalid connection option", "missing", "unterminated quoted string …").
            let raw = err.map { String(cString: $0) } ?? ""
            if let err { PQfreemem(err) }
            let reason = ConnInfo.unquotedPrefix(raw)
            throw ConnInfoError(message: "the connection string does not parse\(reason.isEmpty ? "" : " (libpq: \(reason) …)")"
                                + "; expected a libpq conninfo (host=… dbname=… user=…) or a postgresql:// URI; it is not shown because it may hold a password")
        }
        defer { PQconninfoFree(parsed) }
        var out: [(String, String, Bool)] = []
        var p = parsed
        while let keyword = p.pointee.keyword {
            if let val = p.pointee.val {
                let name = String(cString: keyword)
                let secret = p.pointee.dispchar.map { String(cString: $0) == "*" } ?? false
                out.append((name, String(cString: val), secret || name == "password"))
            }
            p = p.advanced(by: 1)
        }
        options = out
    }

    /// Whether the string carries a password (a `password` keyword, `?password=`, or `user:pw@`).
    public var hasPassword: Bool { options.contains { $0.secret && !$0.value.isEmpty } }

    /// The secret values (passwords), for redaction.
    public var secrets: [String] { options.filter(\.secret).map(\.value).filter { !$0.isEmpty } }

    public func value(_ keyword: String) -> String? { options.first { $0.keyword == keyword }?.value }

    /// `key=value …` fit to print: secrets as `***`, and any value with characters a host, port,
    /// database or user name would not have shown as `(not shown)` (it may be a piece of a password
    /// that a malformed string put in the wrong place).
    public var redacted: String {
        options.map { o in
            if o.secret { return "\(o.keyword)=***" }
            return "\(o.keyword)=\(ConnInfo.displayable(o.value) ?? "(not shown)")"
        }.joined(separator: " ")
    }

    /// A value as it may be printed, or nil when it has characters no host, port, database, user
    /// or option value of ours would have.
    public static func displayable(_ value: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:,[]-")
        guard !value.isEmpty, value.count <= 255, value.allSatisfy({ allowed.contains($0) }) else { return nil }
        return value
    }

    /// A raw `@` after the authority, or two in it, means a password with `@` or `/` that was not
    /// percent-encoded: libpq would read a piece of the password as the host, port or database.
    static func refuseAmbiguousURI(_ text: String) throws(ConnInfoError) {
        let lowered = text.lowercased()
        guard let scheme = ["postgresql://", "postgres://"].first(where: { lowered.hasPrefix($0) }) else { return }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let after = rest[authorityEnd...]
        if authority.filter({ $0 == "@" }).count > 1 || after.contains("@") {
            throw ConnInfoError(message: "the connection URI is ambiguous: a raw '@' or '/' in the user name or password must be percent-encoded (%40, %2F); it is not shown because it may hold a password")
        }
    }

    /// The words of a libpq message before its first quote or colon-quote.
    static func unquotedPrefix(_ message: String) -> String {
        let firstLine = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let cut = firstLine.firstIndex { $0 == "\"" || $0 == "'" } ?? firstLine.endIndex
        return String(firstLine[..<cut]).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
    }
}
