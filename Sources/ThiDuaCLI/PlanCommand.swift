import ArgumentParser
import Foundation
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPlan
import ThiDuaWarehouse
import Postgres

/// `thidua plan …`: plan files of the plan language (PLAN-LANGUAGE.md §17, §22).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Checks plan files of the plan language, prints its JSON Schema, and converts value-only plan files of thidua 0.4.",
        subcommands: [PlanCheckCommand.self, PlanSchemaCommand.self, PlanConvertCommand.self])
}

/// The exit codes of `plan check` and `plan convert` (§17): 66 unreadable, 78 errors.
enum PlanExit {
    static let unreadable = ExitCode(66)
    static let invalid = ExitCode(ExitStatus.config.rawValue)
}

/// Lines on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// `thidua plan check FILE`: every error on stderr as `FILE:LINE:COL: error[code] at PATH: message`,
/// warnings too; exit 0 when clean, 78 on errors, 66 when the file cannot be read (§17).
struct PlanCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks a plan file (PLAN-LANGUAGE.md §17): exit 0 when clean, 78 on errors, 66 when unreadable.")

    @Argument(help: "The plan file (YAML, plan language 1).") var file: String
    @Flag(help: "Print the resolved days and windows, then every compiled statement with its parameters.") var explain = false
    @Option(help: "With --explain: the as-of day D (YYYY-MM-DD); default: yesterday in Asia/Ho_Chi_Minh.") var asOf: String?
    @Option(help: "With --explain: also check the warehouse contract and EXPLAIN every statement (read-only).") var db: String?
    @Option(help: "With --db: the schema of the warehouse relations (default: thidua).") var schema: String?

    func validate() throws {
        if !explain && (db != nil || asOf != nil || schema != nil) {
            throw ValidationError("--as-of, --db and --schema go with --explain")
        }
        if let asOf {
            guard let d = Day(iso: asOf) else { throw ValidationError("--as-of '\(asOf.prefix(40))' is not a date (expected YYYY-MM-DD)") }
            guard d >= WarehouseContract.contractStart, d <= WarehouseContract.contractEnd else {
                throw ValidationError("--as-of \(asOf) is outside 2000–2100")
            }
        }
    }

    func run() throws {
        let checked: CheckedPlan
        do {
            checked = try PlanReader.load(path: file)
        } catch {
            switch error {
            case .unreadable:
                printError(error.description)
                throw PlanExit.unreadable
            case .invalid(let errors):
                for issue in PlanIssue.merged(errors.issues, errors.warnings) { printError(issue.description) }
                printError("\(file): \(errors.issues.count) error(s)")
                throw PlanExit.invalid
            }
        }
        for warning in checked.warnings { printError(warning.description) }
        if explain {
            let day = asOf.flatMap { Day(iso: $0) } ?? Clock.yesterday(in: "Asia/Ho_Chi_Minh")
            let days = ResolvedDays(plan: checked.plan, asOf: day)
            print(PlanExplain.days(checked.plan, asOf: day), terminator: "")
            do {
                let statements = try PlanStatements(plan: checked.plan, days: days, sources: KeyedSources(repeated: [], anomalies: []))
                print(statements.explain(), terminator: "")
            } catch {
                printError("\(file): the checked plan does not compile (a defect of thidua): \(error)")
                throw ExitCode(70)
            }
            if let db {
                var settings = Settings()
                do { _ = try ConnInfo(parsing: db) } catch {
                    printError("thidua: --db: \(error.message)")
                    throw ExitCode(ExitStatus.usage.rawValue)
                }
                settings.conninfo = db
                if let schema { settings.schema = schema }
                do {
                    print(try explainOnWarehouse(settings, plan: checked.plan, days: days, log: EventLog()), terminator: "")
                } catch {
                    printError("thidua: \(error.message)")
                    throw ExitCode(ExitStatus(error).rawValue)
                }
            }
        }
        print("ok: \(file): plan \(checked.plan.name) (language \(checked.plan.language)), sha256 \(checked.sha256)")
    }
}

/// `thidua plan convert OLD`: prints the language-1 plan of a value-only plan file (§22, decided 3).
struct PlanConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Prints the language-1 plan of a value-only plan file of thidua 0.4 (redirect it: > NEW.yaml).")

    @Argument(help: "The value-only plan file.") var old: String

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: old) else {
            printError("\(old): cannot be read")
            throw PlanExit.unreadable
        }
        let plan: LegacyPlan
        do { plan = try LegacyPlanFile.load(path: old, names: try PlanConvert.legacyNames()) } catch {
            printError("\(error)")
            throw PlanExit.invalid
        }
        do { print(try PlanConvert.languageOne(from: plan), terminator: "") } catch {
            printError("thidua: \(error)")
            throw ExitCode(70)
        }
    }
}

/// `thidua plan schema`: prints the JSON Schema (Draft 2020-12) of plan language 1, generated from the
/// checker's key tables (issue 23); the package installs it as /usr/share/thidua/plan-language-1.schema.json.
struct PlanSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Prints the JSON Schema (Draft 2020-12) of plan language 1, for editors that validate and complete plan files.")

    func run() throws {
        FileHandle.standardOutput.write(Data(PlanSchema.text().utf8))
    }
}
