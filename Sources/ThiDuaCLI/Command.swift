import ArgumentParser
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPublish
import ThiDuaReport

public struct ThiDuaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Leaderboards, milestones and award shortlists of an emulation plan (plan 251/KH-VKSTC built in, any plan file in the plan language), from the PostgreSQL warehouse.",
        version: thiduaVersion,
        subcommands: [RunCommand.self, CheckCommand.self, ConfigCommand.self, DictionaryCommand.self, PlanCommand.self])

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
            let code = [("exit_code", String(ExitStatus.tempFailure.rawValue))]
            switch outcome {
            case .nothingWritten:
                log.error("terminated", "stopped by signal \(sig) before anything was written; earlier runs are untouched", code)
            case .removed:
                log.error("terminated", "stopped by signal \(sig); the unfinished run was removed, earlier runs are untouched", code)
            case .finishing:
                log.warn("terminating", "signal \(sig) came while the run was being published; completing it first")
            }
        }
        Faults.hit("started")
        main()
    }
}

extension Language: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}

/// Options every command takes: where the configuration and the warehouse are.
struct CommonOptions: ParsableArguments {
    @Option(help: "Configuration file (YAML); see deploy/thidua.example.yaml.") var config: String?
    @Option(help: "libpq conninfo or URI; default: libpq's own (PG* variables, service file, .pgpass).") var db: String?
    @Option(help: "Schema holding the warehouse relations (default thidua).") var schema: String?
    @Option(help: "Log format: human or json.") var logFormat: LogFormat?

    /// Defaults, then the file, then THIDUA_* variables, then these options.
    func settings() throws(JobError) -> Settings {
        var s = Settings()
        do {
            if let config { try s.apply(file: config) }
            try s.apply(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw JobError.configuration("bad configuration: \(error)")
        }
        if let db {
            // Parsed by libpq now: a string that does not parse is a usage error, never retried
            // and never echoed. A password is allowed here (it is never printed).
            do { _ = try ConnInfo(parsing: db) } catch { throw JobError.usage("--db: \(error.message)") }
            s.conninfo = db
        }
        if let schema { s.schema = schema }
        if let logFormat { s.logFormat = logFormat }
        return s
    }

    /// The log the settings ask for (human when the settings themselves are broken).
    var log: EventLog {
        EventLog(json: (logFormat ?? (try? settings())?.logFormat
            ?? (ProcessInfo.processInfo.environment["THIDUA_LOG_FORMAT"] == "json" ? .json : .human)) == .json)
    }
}

/// Runs a command body, printing a failure as one line on stderr (a JSON line with
/// `--log-format json`) and exiting with its sysexits code.
func perform(_ common: CommonOptions, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as JobError {
        let status = ExitStatus(error)
        common.log.failure(error.message, exitCode: status.rawValue)
        throw status.code
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks the connection and the warehouse contract (SPEC §3); exit 0 when it holds, 65 when not, 69 or 75 when unreachable.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try perform(common) {
            let settings = try common.settings()
            let result = try checkWarehouse(settings, log: common.log)
            for p in result.problems { print(p) }
            guard result.problems.isEmpty else {
                throw JobError.data("the warehouse breaks the contract: \(result.problems.count) problem(s), listed above")
            }
            print("ok: \(result.target) schema \(settings.schema): all relations of the contract are present with the expected types")
        }
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Prints the effective configuration (file, THIDUA_* variables, options), secrets redacted.")

    @OptionGroup var common: CommonOptions

    func run() throws { try perform(common) { print(try common.settings().describe(redact: redactedConninfo)) } }
}

/// The data dictionary of a plan's output tables (PLAN-LANGUAGE.md §15): docs/csv.md and
/// sql/reports.sql hold the shipped plan's (`make dictionary`); every run's datapackage.json and
/// workbook describe the plan that run used.
struct DictionaryCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case md, markdown, json, sql }

    static let configuration = CommandConfiguration(
        commandName: "dictionary",
        abstract: "Prints the data dictionary of a plan's CSV files: markdown (docs/csv.md), a Data Package (json) or SQL tables (sql/reports.sql).")

    @Option(help: "Plan file (YAML); default: the built-in plan 251/KH-VKSTC.") var plan: String?
    @Option(help: "md, json or sql.") var format: Format = .md
    @Option(help: "SQL schema of the tables; default: thidua_report for plan 251, thidua_report_<plan name> otherwise.") var schema: String?

    func run() throws {
        do {
            let dictionary = PlanDictionary(plan: try loadPlan(plan).plan)
            switch format {
            case .md, .markdown: print(dictionary.markdown(), terminator: "")
            case .sql: print(dictionary.sql(schema: schema), terminator: "")
            case .json: print(String(decoding: dictionary.json(), as: UTF8.self))
            }
        } catch let e as JobError {
            FileHandle.standardError.write(Data("thidua: \(e.message)\n".utf8))
            throw ExitCode(ExitStatus(e).rawValue)
        }
    }
}
