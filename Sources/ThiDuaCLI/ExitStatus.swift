import ArgumentParser
import ThiDuaJob

/// sysexits(3) codes, as the README documents them.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case usage = 64
    case dataError = 65
    case unavailable = 69
    case software = 70
    case cantCreate = 73
    case tempFailure = 75
    case config = 78

    public var code: ExitCode { ExitCode(rawValue) }

    /// The code cron sees for a job's failure.
    public init(_ kind: JobError.Kind) {
        switch kind {
        case .usage: self = .usage
        case .data: self = .dataError
        case .unavailable: self = .unavailable
        case .cantCreate: self = .cantCreate
        case .temporary: self = .tempFailure
        case .configuration: self = .config
        }
    }
}

/// A failure of the command line itself (before any job runs): the one line an operator reads and
/// the exit code.
public struct CommandFailure: Error, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
    public var description: String { message }
}
