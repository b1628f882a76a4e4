import Foundation

/// Keeps secrets out of every message: it replaces the known passwords (of the conninfo, of
/// `PGPASSWORD`, and their percent-encodings) with `***`, and in libpq's connection errors it
/// keeps a quoted value only when it is one we may print (the host, port, database or user shown
/// in the "where it tried" line); any other quoted value becomes `"…"`.
struct Redactor: Sendable {
    private(set) var secrets: [String] = []
    /// Quoted values a message may keep.
    var printable: Set<String> = []

    mutating func add(secret: String) {
        guard !secret.isEmpty else { return }
        secrets.append(secret)
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
            secrets.append(encoded)
        }
        // Longest first, so that a password is never half-replaced by one of its own prefixes.
        secrets.sort { $0.count > $1.count }
    }

    /// Learns the secrets of a parsed conninfo.
    mutating func learn(_ conninfo: ConnInfo) {
        for s in conninfo.secrets { add(secret: s) }
    }

    /// Removes every known secret from a message.
    func clean(_ text: String) -> String {
        var out = text
        for s in secrets { out = out.replacingOccurrences(of: s, with: "***") }
        return out
    }

    /// A libpq connection error: secrets removed, and quoted values that are not printable replaced.
    func cleanConnectError(_ text: String) -> String {
        var out = ""
        var rest = Substring(clean(text))
        while let open = rest.firstIndex(of: "\"") {
            out += rest[...open]
            let inner = rest[rest.index(after: open)...]
            guard let close = inner.firstIndex(of: "\"") else {
                out += "…"
                return out
            }
            let quoted = String(inner[..<close])
            out += printable.contains(quoted) || Redactor.harmless.contains(quoted) ? quoted : "…"
            out += "\""
            rest = inner[inner.index(after: close)...]
        }
        return out + rest
    }

    /// Quoted words of libpq's own messages that carry no user input.
    static let harmless: Set<String> = ["port", "host", "hostaddr", "dbname", "user", "sslmode", "=", "connect_timeout",
                                        "gssencmode", "channel_binding", "target_session_attrs", "load_balance_hosts"]
}

/// A conninfo or URI fit to print: parsed by libpq, secrets as `***`, odd values not shown.
public func redactedConninfo(_ conninfo: String) -> String {
    do { return try ConnInfo(parsing: conninfo).redacted } catch {
        return "(a connection string that does not parse; not shown)"
    }
}
