import Foundation
import Testing
import TestSupport
import ThiDuaCore
@testable import ThiDuaPlan

@Suite struct ReaderTests {
    func replacing(_ pairs: [(String, String)]) -> String {
        pairs.reduce(basePlan) { text, p in
            precondition(text.contains(p.0), "no \(p.0)")
            return text.replacingOccurrences(of: p.0, with: p.1)
        }
    }

    @Test func unusedMeasureIsAWarningNotAnError() throws {
        let text = replacing([("  - {id: staff_n, count: staff}", "  - {id: staff_n, count: staff}\n  - {id: spare, count: staff}")])
        let plan = try #require(checked(text))
        #expect(plan.warnings.map(\.description) == ["p.yaml:13:10: warning[unused] at measures[3].id: the measure 'spare' is not published and nothing uses it"])
    }

    @Test func unusedMetricWarns() throws {
        let text = replacing([("    - {id: flagged,", "    - {id: idle, count: initiative}\n    - {id: flagged,")])
        let plan = try #require(checked(text))
        #expect(plan.warnings.map(\.code) == ["unused"])
        #expect(plan.warnings.first?.path == "individuals.metrics[1].id")
    }

    @Test func fiveIndependentErrorsGiveFiveSorted() {
        let text = replacing([
            ("deadline: 2026-03-31", "deadline: 1999-12-31"),             // day_range, line 6
            ("numerator: done", "numerator: dnoe"),                      // unknown_measure, line 14
            ("{part: e2e_rate, weight: 100}", "{part: e2e_rate, weight: 99}"), // weights_sum, line 18
            ("share_of_bloc_max: cases}", "share_of_bloc_max: casez}"),  // unknown_metric, line 24
            ("collective_rounding: down", "collective_rounding: dwn"),   // value_type, line 29
        ])
        let found = issues(text)
        #expect(found.map(\.code) == ["day_range", "unknown_measure", "weights_sum", "unknown_metric", "value_type"])
        #expect(found.map(\.line) == [6, 14, 18, 24, 29])
    }

    @Test func sortedByLineColumnCodePath() {
        let a = PlanIssue(file: "f", line: 2, column: 1, code: "b", path: "x", message: "")
        let b = PlanIssue(file: "f", line: 1, column: 9, code: "z", path: "x", message: "")
        let c = PlanIssue(file: "f", line: 2, column: 1, code: "a", path: "y", message: "")
        let d = PlanIssue(file: "f", line: 2, column: 1, code: "a", path: "w", message: "")
        #expect(PlanErrors(issues: [a, b, c, d]).issues == [b, d, c, a])
        // Two errors on one line come out in column order.
        let two = issues(replacing([("numerator: done, denominator: total", "numerator: dnoe, denominator: totl")]))
        #expect(two.map(\.path) == ["criteria[0].numerator", "criteria[0].denominator"])
    }

    @Test func suggestsTheNearestName() {
        let found = issues(replacing([("numerator: done", "numerator: dnoe")]))
        #expect(found.first?.message.contains("did you mean 'done'?") == true)
        let far = issues(replacing([("numerator: done", "numerator: zzzzzz")]))
        #expect(far.first?.message.contains("did you mean") == false)
    }

    @Test func descriptionFormat() {
        let found = issues(replacing([("numerator: done", "numerator: dnoe")]))
        #expect(found.first?.description.hasPrefix("p.yaml:14:38: error[unknown_measure] at criteria[0].numerator: ") == true)
    }

    @Test func noCascadeFromABrokenMeasure() {
        // total's relation is unknown: the rate, the milestone and the composite that use it stay silent.
        let found = issues(replacing([("id: total, count: case_record", "id: total, count: nowhere")]))
        #expect(found.map(\.code) == ["unknown_relation"])
        let cyc = issues(replacing([("  - {id: staff_n, count: staff}", "  - {id: staff_n, expr: \"a\"}\n  - {id: a, expr: \"staff_n + 1 * a\"}")]))
        #expect(cyc.map(\.code) == ["cycle"])
        #expect(cyc.first?.path == "measures[2].id")
    }

    @Test func legacyValueOnlyFileGetsTheConvertLine() throws {
        let text = try readRepositoryFile("Tests/fixtures/plan-251-value-only-0.4.0.yaml")
        let found = issues(text, file: "plan-251-value-only-0.4.0.yaml")
        #expect(found.count == 1)
        #expect(found.first?.code == "language_version")
        #expect(found.first?.message.contains("this is a value-only plan file (thidua 0.4); convert it: thidua plan convert") == true)
    }

    @Test func languageMustBeFirst() {
        let found = issues(basePlan.replacingOccurrences(of: "language: 1\nname: \"T\"", with: "name: \"T\"\nlanguage: 1"))
        #expect(found.map(\.code) == ["language_version"])
        #expect(found.first.map { "\($0.line):\($0.column)" } == "2:1")
    }

    @Test func scalarsAreReadFromTheirText() throws {
        let text = replacing([("individual_per_spp_unit: 1", "individual_per_spp_unit: \"1\""),
                              ("priority_at: 0.9", "priority_at: '0.98'"), ("rank: true", "rank: \"true\""),
                              ("deadline: 2026-03-31", "deadline: \"2026-03-31\"")])
        let plan = try #require(checked(text)).plan
        #expect(plan.quotas.individualPerSPPUnit == 1)
        #expect(plan.criteria[0].rate?.priorityAt == Fraction(98, 100))
        #expect(plan.criteria[0].rate?.rank == true)
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL", "\"null\"", "''"])
    func noNullLiteral(_ null: String) {
        let found = issues(replacing([("individual_per_spp_unit: 1", "individual_per_spp_unit: \(null)")]))
        #expect(found.map(\.code) == ["value_type"])
        #expect(found.first?.path == "quotas.individual_per_spp_unit")
    }

    @Test(arguments: ["no", "on", "True", "yes", "1"])
    func onlyTrueAndFalseAreBooleans(_ b: String) {
        let found = issues(replacing([("rank: true", "rank: \(b)")]))
        #expect(found.map(\.code) == ["value_type"])
    }

    @Test func yamlFeatures() {
        let merge = issues(replacing([("quotas:\n", "base: &b {quota: 8}\nquotas:\n"),
                                      ("{quota: 8}]", "{<<: *b}]")]))
        #expect(merge.map(\.code) == ["yaml_feature"])
        // A quoted "<<" is an ordinary (unknown) key.
        let quoted = issues(replacing([("  collective_share: 0.10", "  collective_share: 0.10\n  \"<<\": 1")]))
        #expect(quoted.map(\.code) == ["unknown_key"])
        // !!str on a quoted scalar cannot be told from no tag.
        #expect(checked(replacing([("name: \"T\"", "name: !!str \"T\"")])) != nil)
        #expect(issues(replacing([("name: \"T\"", "name: !!str T")])).map(\.code) == ["yaml_feature"])
        #expect(issues(replacing([("  parts: [proposal, minutes]", "  parts: !!seq [proposal, minutes]")])).map(\.code) == ["yaml_feature"])
        // Tags on keys are ignored.
        #expect(checked(replacing([("name: \"T\"", "!!str name: \"T\"")])) != nil)
        // Aliases are fine; expanded beyond 100 000 nodes they are not.
        var bomb = "language: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...6 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let found = issues(bomb)
        #expect(found.map(\.code) == ["yaml_feature"])
        #expect(found.first?.message.contains("100000") == true)
    }

    @Test func duplicateKeysWithDifferentTags() {
        let found = issues(replacing([("  collective_share: 0.10", "  collective_share: 0.10\n  \"collective_share\": 0.10")]))
        #expect(found.map(\.code) == ["duplicate_key"])
        #expect(found.first?.path == "quotas.collective_share")
    }

    @Test func defaultsWithoutOutput() throws {
        let plan = try #require(checked(basePlan)).plan
        #expect(plan.output.chart == 0)
        #expect(plan.output.keyDates.map(\.day) == [0, 1, 2])
        #expect(plan.composite[0].label == Label(vi: "a", en: "b"))
        #expect(plan.measures.map(\.unit) == ["records", "records", "people"])
        #expect(plan.metrics.map(\.unit) == ["records", ""])
        #expect(plan.criteria[0].rate?.boundedByOne == true)
        #expect(PlanColumns.unitMetrics(plan) == PlanColumns.unitLeading + [
            "total", "done", "e2e_rate", "e2e_priority", "staff_n", "composite_score", "e2e_rank", "composite_rank",
            "period_final", "parent_id", "province_id", "points_e2e_rate", "e2e_to_priority", "e2e_to_first"])
        #expect(PlanColumns.staffMetrics(plan) == PlanColumns.staffLeading + ["cases", "score", "rank"])
        #expect(PlanColumns.run(plan) == PlanColumns.runLeading + ["e2e_priority_rate", "weight_e2e_rate", "individual_weight_cases"])
    }

    @Test func unreadableFile() {
        #expect(throws: PlanLoadError.self) { try PlanReader.load(path: "/nonexistent/plan.yaml") }
        do { _ = try PlanReader.load(path: "/nonexistent/plan.yaml") } catch {
            if case .unreadable = error {} else { Issue.record("expected unreadable, got \(error)") }
        }
    }

    @Test func notUTF8IsSyntax() {
        var data = Data("language: 1\nname: \"".utf8)
        data.append(0xFF)
        guard case .failure(let e) = PlanReader.check(data: data, file: "x") else { Issue.record("checked"); return }
        #expect(e.issues.map(\.code) == ["syntax"])
        #expect(e.issues.first.map { "\($0.line):\($0.column)" } == "2:8")
    }
}

@Suite struct NodeLimitTests {
    /// An alias of a large list used inside a key: counted before Yams hashes the key.
    @Test func largeAliasKeysStopAtTheLimitQuickly() {
        var text = "language: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "k:\n  ? *a9\n  : 1\n"
        let found = issues(text)
        #expect(found.map(\.code) == ["yaml_feature"])
        #expect(found.first?.path == "a4[7]")
        #expect(found.first.map { "\($0.line):\($0.column)" } == "6:45")
    }

    @Test func justUnderTheLimitIsRead() {
        // 1 + 9 999 * 10 nodes of a list in a mapping: read, then refused as an unknown key only.
        var text = basePlan + "extra: &x [" + Array(repeating: "y", count: 9).joined(separator: ", ") + "]\n"
        text += "more: [" + Array(repeating: "*x", count: 9_000).joined(separator: ", ") + "]\n"
        #expect(Set(issues(text).map(\.code)) == ["unknown_key"])
    }
}
