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
    public init(_ error: JobError) {
        switch error {
        case .usage: self = .usage
        case .data: self = .dataError
        case .unavailable: self = .unavailable
        case .cantCreate: self = .cantCreate
        case .temporary: self = .tempFailure
        case .configuration: self = .config
        }
    }
}
