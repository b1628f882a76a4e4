import ArgumentParser

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
}

/// A failure with the one line an operator reads and the exit code cron sees.
public struct CommandFailure: Error, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
    public var description: String { message }
}
