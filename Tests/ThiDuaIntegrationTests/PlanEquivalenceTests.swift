import Foundation
import Testing
import TestSupport

/// Three ways to write plan 251 give the same figures (issue 22): the shipped file, the §19 listing
/// copied from PLAN-LANGUAGE.md (no docs, no labels) and `thidua plan convert` of 0.4.0's value-only
/// file. Docs and labels change pages and the dictionary, never a figure.
@Suite("plan 251 written three ways", .serialized)
struct PlanEquivalenceTests {
    /// Every CSV of a run but run.csv (its run_id and generated_at differ between runs), by path.
    static func csvFiles(_ runDirectory: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for folder in ["csv", "units"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(runDirectory)/\(folder)")
            where name.hasSuffix(".csv") && name != "run.csv" {
                out["\(folder)/\(name)"] = FileManager.default.contents(atPath: "\(runDirectory)/\(folder)/\(name)")
            }
        }
        return out
    }

    @Test("the §19 listing and the converted 0.4.0 file publish the shipped plan's CSVs, before, during and after the period")
    func sameFigures() throws {
        let db = try demoDatabase()
        defer { db.drop() }
        let scratch = try ScratchFolder()
        let converted = "\(scratch.path)/converted.yaml"
        let convert = try runThidua(["plan", "convert", "\(repositoryRoot)/Tests/fixtures/plan-251-value-only-0.4.0.yaml"])
        #expect(convert.status == 0, "\(convert.stderr)")
        try convert.stdout.write(toFile: converted, atomically: true, encoding: .utf8)
        for asOf in ["2025-12-20", "2026-03-15", "2026-07-01"] { try compare(db, scratch, converted, asOf) }
    }

    func compare(_ db: TestDatabase, _ scratch: ScratchFolder, _ converted: String, _ asOf: String) throws {
        var runs: [String: [String: Data]] = [:]
        for (name, plan) in [("shipped", nil), ("listing", "\(repositoryRoot)/Tests/fixtures/plan-language/listing-19.yaml"),
                             ("converted", converted)] {
            let out = "\(scratch.path)/\(name)-\(asOf)"
            let run = try runThidua(["run", "--db", db.conninfo, "--as-of", asOf, "--out", out] + (plan.map { ["--plan", $0] } ?? []))
            #expect(run.status == 0, "\(name): \(run.stderr)")
            runs[name] = try Self.csvFiles("\(out)/\(asOf)")
        }
        let shipped = try #require(runs["shipped"])
        #expect(shipped.count > 10, "a run of the demo data writes the tables and the units' records")
        for name in ["listing", "converted"] {
            let other = try #require(runs[name])
            #expect(Set(other.keys) == Set(shipped.keys), "\(name): other files")
            for (path, data) in shipped where other[path] != data {
                Issue.record("\(asOf) \(name): \(path) differs from the shipped plan's")
            }
        }
    }
}
