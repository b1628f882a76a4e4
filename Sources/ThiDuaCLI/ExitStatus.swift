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

    /// The exit code of a run of several plans (issue 23): the worst of theirs. 0 is the least,
    /// then 75 (temporary: the next night retries by itself), then every other code by its number
    /// (65 data or gate < 69 database refuses < 70 < 73 output folder < 78 configuration): what
    /// needs a person ranks above what passes by itself, a file to edit above a warehouse to look at.
    public static func worst(_ codes: [Int32]) -> Int32 {
        func rank(_ c: Int32) -> Int32 { c == 0 ? -2 : c == tempFailure.rawValue ? -1 : c }
        return codes.max { rank($0) < rank($1) } ?? 0
    }
}
