import ArgumentParser
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaPublish
import ThiDuaWarehouse

public struct ThiDuaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Leaderboards, milestones and award shortlists of plan 251/KH-VKSTC, from the PostgreSQL warehouse.",
        version: thiduaVersion,
        subcommands: [RunCommand.self, CheckCommand.self, ConfigCommand.self])

    public init() {}

    /// The process entry point: the stop handler first (a SIGTERM in the first milliseconds is
    /// handled like any other), then the command.
    public static func start() {
        let progress = RunProgress.shared
        let args = CommandLine.arguments
        progress.jsonLogs = ProcessInfo.processInfo.environment["THIDUA_LOG_FORMAT"] == "json"
            || zip(args, args.dropFirst()).contains { $0 == "--log-format" && $1 == "json" } || args.contains("--log-format=json")
        TerminationHandler.install(progress) { outcome, sig in
            let log = EventLog(json: progress.jsonLogs)
            switch outcome {
            case .nothingWritten:
                log.error("terminated", "stopped by signal \(sig) before anything was written; earlier runs are untouched",
                          [("exit_code", "75")])
            case .removed:
                log.error("terminated", "stopped by signal \(sig); the unfinished run was removed, earlier runs are untouched",
                          [("exit_code", "75")])
            case .finishing:
                log.warn("terminating", "signal \(sig) came while the run was being published; completing it first")
            }
        }
        main()
    }
}

public let thiduaVersion = "0.2.0"

/// Options every command takes: where the configuration and the warehouse are.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML); see deploy/thidua.example.yaml.")
    var config: String?

    @Option(name: .long, help: "libpq conninfo or URI; default: libpq's own (PG* variables, service file, .pgpass).")
    var db: String?

    @Option(name: .long, help: "Schema holding the warehouse relations (default thidua).")
    var schema: String?

    @Option(name: .long, help: "Log format: human or json.")
    var logFormat: String?

    /// Defaults, then the file, then THIDUA_* variables, then these options.
    func settings() throws -> Settings {
        var s = Settings()
        do {
            if let config { try s.apply(file: config) }
            try s.apply(environment: ProcessInfo.processInfo.environment)
        } catch let e as ConfigError {
            throw CommandFailure(.config, "bad configuration: \(e)")
        }
        if let db {
            // Parsed by libpq now: a string that does not parse is a usage error, never retried
            // and never echoed. A password is allowed here (it is never printed).
            do { _ = try ConnInfo(parsing: db) } catch { throw CommandFailure(.usage, "--db: \(error.message)") }
            s.conninfo = db
        }
        if let schema { s.schema = schema }
        if let logFormat {
            guard ["human", "json"].contains(logFormat) else { throw CommandFailure(.usage, "--log-format '\(logFormat)' is not human or json") }
            s.logFormat = logFormat
        }
        return s
    }
}

extension Settings {
    var connection: ConnectionSettings {
        ConnectionSettings(conninfo: conninfo, connectTimeoutSeconds: connectTimeoutSeconds,
                           statementTimeoutMilliseconds: statementTimeoutSeconds * 1000,
                           clientDeadlineSeconds: clientDeadlineSeconds ?? Double(statementTimeoutSeconds) + 30)
    }
}

/// Runs a command body, printing a failure as one line on stderr (a JSON line with
/// `--log-format json`) and exiting with its code.
func perform(_ common: CommonOptions, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        let format = common.logFormat ?? (try? common.settings())?.logFormat
            ?? ProcessInfo.processInfo.environment["THIDUA_LOG_FORMAT"] ?? "human"
        EventLog(json: format == "json").failure(failure)
        throw failure.status.code
    }
}

/// Connects, retrying transient failures with exponential backoff. Settings that cannot work
/// (a bad option value) fail at once with 78; a refused login or an unknown database at once with
/// 69; a server that stays unreachable after every attempt gives 75 (cron may try again later).
func connect(_ settings: Settings, log: EventLog) throws -> Connection {
    var attempt = 1
    while true {
        do {
            let connection = try Connection.connect(settings.connection)
            connection.onNotice { note in log.info("notice", "database notice: \(note)") }
            // The server checks every 2 s that we are still there, even while a statement runs, so
            // a killed job's session (and its advisory lock) ends at once (PostgreSQL 14 and later;
            // older servers refuse the setting, which changes nothing else).
            _ = try? connection.query("SELECT set_config('client_connection_check_interval', '2000', false)")
            return connection
        } catch {
            if error.kind == .settings {
                throw CommandFailure(.config, "the connection settings are invalid: \(error)")
            }
            let permanent = !error.isTransient || error.message.contains("does not exist")
            if permanent {
                throw CommandFailure(.unavailable, "cannot connect to the warehouse: \(error)")
            }
            if attempt >= settings.retries {
                throw CommandFailure(.tempFailure, "cannot reach the warehouse after \(attempt) attempt(s); try again later: \(error)")
            }
            let wait = settings.retryBackoffSeconds * pow(2, Double(attempt - 1))
            log.warn("connect_retry", "cannot connect yet (attempt \(attempt) of \(settings.retries)); retrying in \(wait) s: \(error)")
            Thread.sleep(forTimeInterval: wait)
            attempt += 1
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks the connection and the warehouse contract (SPEC §3); exit 0 when it holds, 65 when not, 69 when unreachable.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try perform(common) {
            var settings = try common.settings()
            settings.retries = 1
            let connection = try connect(settings, log: EventLog(json: settings.logFormat == "json"))
            let problems: [String]
            do { problems = try Contract.check(connection, schema: settings.schema) } catch {
                throw CommandFailure(.unavailable, "cannot read the catalogue: \(error)")
            }
            if problems.isEmpty {
                print("ok: \(connection.target) schema \(settings.schema): all \(Contract.relations.count) relations of the contract are present with the expected types")
                return
            }
            for p in problems { print(p) }
            throw CommandFailure(.dataError, "the warehouse breaks the contract: \(problems.count) problem(s), listed above")
        }
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Prints the effective configuration (file, THIDUA_* variables, options), secrets redacted.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try perform(common) {
            let settings = try common.settings()
            print(settings.describe(redact: redactedConninfo))
        }
    }
}
