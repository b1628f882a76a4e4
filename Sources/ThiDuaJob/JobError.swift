/// Why a job or a check did not complete: of which kind — from which the command line picks its
/// sysexits code — with one line an operator understands.
public enum JobError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The request itself is wrong (a bad option value).
    case usage(String)
    /// The warehouse breaks the contract, its data cannot be decoded, or the gate held the run.
    case data(String)
    /// The database refuses us: login, unknown database or role.
    case unavailable(String)
    /// The output folder cannot be written.
    case cantCreate(String)
    /// Worth another try later: unreachable, lost, deadline, a lock held. (A stop request is not
    /// one of these: the SIGTERM handler of ThiDuaPublish exits 75 itself.)
    case temporary(String)
    /// A plan, configuration, template or connection setting is unusable.
    case configuration(String)

    public var message: String {
        switch self {
        case .usage(let m), .data(let m), .unavailable(let m), .cantCreate(let m), .temporary(let m), .configuration(let m): return m
        }
    }

    public var description: String { message }
}
