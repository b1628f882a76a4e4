/// Why a job or a check did not complete: what went wrong, in one line an operator understands,
/// and of which kind, from which the command line picks its sysexits code.
public struct JobError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The request itself is wrong (a bad option value).
        case usage
        /// The warehouse breaks the contract, its data cannot be decoded, or the gate held the run.
        case data
        /// The database refuses us: login, unknown database or role.
        case unavailable
        /// The output folder cannot be written.
        case cantCreate
        /// Worth another try later: unreachable, lost, deadline, a lock held, a stop request.
        case temporary
        /// A plan, configuration, template or connection setting is unusable.
        case configuration
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
