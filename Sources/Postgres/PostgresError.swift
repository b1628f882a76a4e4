import Foundation

/// An error from the database or from decoding what it returned.
///
/// `description` is one line an operator can act on; it never carries a password (messages are
/// redacted by the connection before they are stored here).
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// Could not open a connection (network, authentication, unknown database).
        case connect
        /// The connection settings themselves are unusable (a string that does not parse, an invalid
        /// option value): fixing them is the operator's job, a retry cannot help.
        case settings
        /// The server refused or failed a statement.
        case query
        /// The connection broke while a statement ran.
        case connectionLost
        /// A client-side deadline cancelled the statement.
        case timeout
        /// A value could not be decoded into the Swift type asked for.
        case decode
    }

    public var kind: Kind
    /// Five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Where the client tried (host, port, database, user), never a password.
    public var target: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, target: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.target = target
    }

    /// Failures worth a retry: the server may answer next time (SPEC §6, issue 9).
    public var isTransient: Bool {
        switch kind {
        case .connectionLost, .timeout: return true
        case .decode, .settings: return false
        case .connect, .query:
            guard let state = sqlState else { return kind == .connect && !isAuthenticationFailure }
            if state.hasPrefix("08") { return true }
            return ["57P01", "57P02", "57P03", "53300", "40001", "40P01"].contains(state)
        }
    }

    /// Authentication failed (28xxx, or libpq's own text when no SQLSTATE came back).
    public var isAuthenticationFailure: Bool {
        if let state = sqlState { return state.hasPrefix("28") }
        return message.contains("password authentication failed") || message.contains("no password supplied")
    }

    public var description: String {
        var parts: [String] = []
        if let target { parts.append(target + ":") }
        parts.append(message)
        if let sqlState { parts.append("(SQLSTATE \(sqlState))") }
        if let detail, !detail.isEmpty { parts.append("detail: \(detail)") }
        if let hint, !hint.isEmpty { parts.append("hint: \(hint)") }
        return parts.joined(separator: " ")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}

