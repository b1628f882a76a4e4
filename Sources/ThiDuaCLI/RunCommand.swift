import ArgumentParser
import Foundation
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPlan

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Computes the standings as of a day and publishes OUT/<D>/ (HTML, CSV, manifest), for each plan of the configuration's plans: list.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Report as of this day (YYYY-MM-DD); default: yesterday in the configured time zone.") var asOf: String?
    @Option(help: "Output folder: the run goes to OUT/<D>/, OUT/latest points at the newest. With the configuration's plans: list, runs the listed plan of this folder (with --plan: this plan into this folder).") var out: String?
    @Option(help: "Plan file (YAML); default: the built-in plan 251/KH-VKSTC. With the configuration's plans: list, runs only the listed plan of this file (with --out: this plan into that folder).") var plan: String?
    @Option(help: "Report language: vi or en.") var lang: Language?
    @Option(help: "Folder of templates overriding the built-in ones (plan_index, plan_unit, plan_leaderboard, head, style, rate, matrix .mustache).") var templates: String?
    @Flag(inversion: .prefixedNo, help: "Start CSV files with a UTF-8 byte-order mark (for Excel).") var bom: Bool?
    @Flag(help: "Publish even when the publishing gate finds the data suspicious.") var force = false

    func validate() throws {
        if let asOf {
            guard let d = Day(iso: asOf) else { throw ValidationError("--as-of '\(asOf.prefix(40))' is not a date (expected YYYY-MM-DD)") }
            guard d >= Day(year: 2000, month: 1, day: 1)!, d <= Day(year: 2100, month: 12, day: 31)! else {
                throw ValidationError("--as-of \(asOf) is outside 2000–2100")
            }
        }
    }

    func run() throws {
        try perform(common) {
            var settings = try common.settings()
            if settings.plans.isEmpty {
                if let out { settings.outDir = out }
                if let plan { settings.planFile = plan }
            } else {
                if let out { settings.chosenOut = out }
                if let plan { settings.chosenPlan = plan }
            }
            if let lang { settings.language = lang }
            if let bom { settings.byteOrderMark = bom }
            if let templates { settings.templatesDir = templates }
            let day = asOf.flatMap { Day(iso: $0) } ?? Clock.yesterday(in: settings.timeZone)
            guard settings.plans.isEmpty else {
                let targets: [PlanTarget]
                do { targets = try settings.targets() } catch { throw JobError.configuration("bad configuration: \(error)") }
                let code = PlanBatch(settings: settings, targets: targets, asOf: day, force: force, log: common.log).run()
                if code != 0 { throw ExitCode(code) }
                return
            }
            // One plan (`plan:` or the built-in plan into `output.dir`), as before `plans:`.
            let checked = try loadPlan(settings.planFile)
            let log = common.log.naming(plan: checked.plan.name)
            let job = NightlyRun(settings: settings, plan: checked.plan, planSHA256: checked.sha256, asOf: day, force: force, log: log)
            do throws(JobError) {
                let result = try job.run { ExitStatus($0).rawValue }
                print(result.runDirectory + "/index.html")
            } catch {
                let status = ExitStatus(error)
                log.failure(error.message, exitCode: status.rawValue)
                throw status.code
            }
        }
    }
}

/// The plan a run uses: the file named by --plan, THIDUA_PLAN or the configuration, else the
/// built-in plan 251. A plan with errors is refused before anything connects (78): each error is
/// printed as `FILE:LINE:COL: error[code] at PATH: message`.
func loadPlan(_ path: String?) throws -> CheckedPlan {
    do {
        guard let path else { return try PlanReader.shipped() }
        return try PlanReader.load(path: path)
    } catch {
        switch error {
        case .unreadable(let path, let reason):
            throw JobError.configuration("plan file \(path) cannot be read: \(reason)")
        case .invalid(let errors):
            for issue in errors.issues { FileHandle.standardError.write(Data((issue.description + "\n").utf8)) }
            throw JobError.configuration("the plan file \(path ?? "(built in)") has \(errors.issues.count) error(s); nothing was run")
        }
    }
}
