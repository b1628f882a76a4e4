import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaWarehouse

extension Settings {
    /// The client settings of a session: the statement timeout on the server, and a client deadline
    /// a little after it (a backend that stops answering altogether).
    public var connection: ConnectionSettings {
        ConnectionSettings(conninfo: conninfo, connectTimeoutSeconds: connectTimeoutSeconds,
                           statementTimeoutMilliseconds: statementTimeoutSeconds * 1000,
                           clientDeadlineSeconds: clientDeadlineSeconds ?? Double(statementTimeoutSeconds) + 30)
    }
}

/// The one retry loop: `body` is tried up to `attempts` times, waiting `backoff`, 2×, 4× … seconds
/// between tries, as long as `retryable` says the failure may pass.
func withRetries<T>(attempts: Int, backoff: Double, log: EventLog, event: String, what: String, again: String = "trying again",
                    retryable: (Error) -> Bool, _ body: () throws -> T) throws -> T {
    var attempt = 1
    while true {
        do { return try body() } catch {
            guard retryable(error), attempt < attempts else { throw error }
            let wait = backoff * pow(2, Double(attempt - 1))
            log.warn(event, "\(what) failed (attempt \(attempt) of \(attempts)); \(again) in \(wait) s: \(error)")
            Thread.sleep(forTimeInterval: wait)
            attempt += 1
        }
    }
}

/// Connects, retrying transient failures with exponential backoff. Settings that cannot work
/// (a bad option value) fail at once as configuration; a refused login or an unknown database at
/// once as unavailable; a server that stays unreachable after every attempt is temporary (cron may
/// try again later).
public func connect(_ settings: Settings, log: EventLog) throws(JobError) -> Connection {
    do {
        return try withRetries(attempts: settings.retries, backoff: settings.retryBackoffSeconds, log: log,
                               event: "connect_retry", what: "connecting",
                               retryable: { ($0 as? PostgresError).map(isRetryableConnect) ?? false }) {
            let connection = try Connection.connect(settings.connection)
            connection.onNotice { note in log.info("notice", "database notice: \(note)") }
            // The server checks every 2 s that we are still there, even while a statement runs, so
            // a killed job's session (and its advisory lock) ends at once (PostgreSQL 14 and later;
            // older servers refuse the setting, which changes nothing else).
            _ = try? connection.query("SELECT set_config('client_connection_check_interval', '2000', false)")
            return connection
        }
    } catch let error as PostgresError {
        if error.kind == .settings { throw JobError.configuration("the connection settings are invalid: \(error)") }
        if !isRetryableConnect(error) { throw JobError.unavailable("cannot connect to the warehouse: \(error)") }
        throw JobError.temporary("cannot reach the warehouse after \(settings.retries) attempt(s); try again later: \(error)")
    } catch {
        throw JobError.unavailable("cannot connect to the warehouse: \(error)")
    }
}

func isRetryableConnect(_ error: PostgresError) -> Bool {
    error.isTransient && !error.message.contains("does not exist")
}

/// `thidua check`: connectivity and the warehouse contract (SPEC §3): where it connected, and one
/// line per problem (none when the contract holds).
public func checkWarehouse(_ settings: Settings, log: EventLog) throws(JobError) -> (target: String, problems: [String]) {
    var once = settings
    once.retries = 1
    let connection = try connect(once, log: log)
    do { return (connection.target, try Contract.check(connection, schema: settings.schema)) } catch {
        throw JobError.unavailable("cannot read the catalogue: \(error)")
    }
}

/// The version of thidua, as `--version`, the manifest and the package print it.
public let thiduaVersion = "0.6.0"

/// The default as-of day: yesterday in the configured time zone (Asia/Ho_Chi_Minh): a report covers
/// complete days.
public enum Clock {
    public static func yesterday(in zone: String, now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        let today = Day(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
        return today.adding(days: -1)
    }
}

/// `thidua plan check --explain --db`: the contract check, then PostgreSQL's plan of every statement
/// the plan compiles to, inside a read-only snapshot (nothing is written, nothing is run).
public func explainOnWarehouse(_ settings: Settings, plan: Plan, days: ResolvedDays, log: EventLog) throws(JobError) -> String {
    var once = settings
    once.retries = 1
    let connection = try connect(once, log: log)
    do {
        let problems = try Contract.check(connection, schema: settings.schema)
        guard problems.isEmpty else {
            throw JobError.data("the warehouse breaks the contract:\n" + problems.joined(separator: "\n"))
        }
        let reader = try WarehouseReader.begin(connection, schema: settings.schema)
        defer { reader.finish() }
        let statements: PlanStatements
        do { statements = try reader.compile(plan, days: days) } catch {
            throw JobError.configuration("the plan cannot be compiled: \(error)")
        }
        var out = "-- contract of schema \(settings.schema): holds\n"
        for (title, text) in try statements.serverPlans(connection) {
            out += "\n-- EXPLAIN \(title)\n" + text.split(separator: "\n").map { "--   " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    } catch let e as JobError {
        throw e
    } catch let e as PostgresError {
        throw JobError.unavailable("explaining the plan's statements failed: \(e)")
    } catch {
        throw JobError.unavailable("explaining the plan's statements failed: \(error)")
    }
}
