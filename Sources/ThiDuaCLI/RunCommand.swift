import ArgumentParser
import Foundation
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Computes the standings as of a day and publishes OUT/<D>/ (HTML, CSV, manifest).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Report as of this day (YYYY-MM-DD); default: yesterday in the configured time zone.") var asOf: String?
    @Option(help: "Output folder: the run goes to OUT/<D>/, OUT/latest points at the newest.") var out: String?
    @Option(help: "Plan file (YAML); default: the built-in plan 251/KH-VKSTC.") var plan: String?
    @Option(help: "Report language: vi or en.") var lang: Language?
    @Option(help: "Folder of templates overriding the built-in ones (index.mustache, unit.mustache, style.mustache).") var templates: String?
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
            if let out { settings.outDir = out }
            if let plan { settings.planFile = plan }
            if let lang { settings.language = lang }
            if let bom { settings.byteOrderMark = bom }
            if let templates { settings.templatesDir = templates }
            let planValue: LegacyPlan
            do { planValue = try settings.planFile.map { try PlanFile.load(path: $0) } ?? PlanFile.shipped() } catch {
                throw JobError.configuration("bad plan file: \(error)")
            }
            let day = asOf.flatMap { Day(iso: $0) } ?? Clock.yesterday(in: settings.timeZone)
            let job = NightlyRun(settings: settings, plan: planValue, asOf: day, force: force, log: common.log)
            let result = try job.run { ExitStatus($0).rawValue }
            print(result.runDirectory + "/index.html")
        }
    }
}
