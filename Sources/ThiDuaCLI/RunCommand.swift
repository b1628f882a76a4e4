import ArgumentParser
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaPublish
import ThiDuaReport
import ThiDuaWarehouse

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Computes the standings as of a day and publishes OUT/<D>/ (HTML, CSV, manifest).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Report as of this day (YYYY-MM-DD); default: yesterday in Asia/Ho_Chi_Minh.")
    var asOf: String?

    @Option(name: .long, help: "Output folder: the run goes to OUT/<D>/, OUT/latest points at the newest.")
    var out: String = "out"

    @Option(name: .long, help: "Plan file (YAML); default: the built-in plan 251/KH-VKSTC.")
    var plan: String?

    @Option(name: .long, help: "Report language: vi or en.")
    var lang: String = "vi"

    @Flag(name: .long, inversion: .prefixedNo, help: "Start CSV files with a UTF-8 byte-order mark (for Excel).")
    var bom = true

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date (expected YYYY-MM-DD)")
        }
        if !["vi", "en"].contains(lang) { throw ValidationError("--lang '\(lang)' is not vi or en") }
    }

    func run() throws {
        try perform {
            let planValue: Plan
            do { planValue = try plan.map { try PlanFile.load(path: $0) } ?? PlanFile.shipped() } catch let e as ConfigError {
                throw CommandFailure(.config, "bad plan file: \(e)")
            }
            let day = asOf.flatMap { Day(iso: $0) } ?? Clock.yesterdayInVietnam()
            let job = RunJob(database: database, plan: planValue, asOf: day, outDir: out,
                             language: lang == "en" ? .en : .vi, byteOrderMark: bom)
            let result = try job.execute()
            print(result.runDirectory + "/index.html")
        }
    }
}

public enum Clock {
    /// The default as-of day: yesterday in Asia/Ho_Chi_Minh (the report covers complete days).
    public static func yesterdayInVietnam(now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year!, month: c.month!, day: c.day!)!.adding(days: -1)
    }
}
