import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaPlan

@Suite("days, fractions, ranking")
struct CoreBasics {
    @Test("days round-trip through ISO text, including leap days")
    func days() {
        for text in ["1970-01-01", "2000-02-29", "2025-12-31", "2026-01-01", "2100-12-31"] {
            #expect(Day(iso: text)?.description == text)
        }
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "26-01-01") == nil)
        #expect(Day(iso: "2026-06-30")!.vietnamese == "30/06/2026")
        #expect(Day(iso: "2025-12-31")!.adding(days: 1) == Day(iso: "2026-01-01"))
    }

    @Test("rates compare exactly: 49/50 ties 98/100, 0.98 is priority")
    func fractions() {
        #expect(Fraction(49, 50)! == Fraction(98, 100)!)
        #expect(Fraction(97, 99)! < Fraction(98, 100)!)
        #expect(Fraction(decimal: "0.98")! == Fraction(49, 50)!)
        #expect(Fraction(1, 0) == nil)
        #expect(Fraction(2, 3)!.formatted(places: 6) == "0.666667")
        #expect(Fraction(1, 8)!.formatted(places: 2) == "0.13")  // half-up
        #expect(Fraction(5, 4)!.capped == Fraction(1, 1)!)
    }

    @Test("standard competition ranking: 1, 2, 2, 4; empty last with no rank")
    func ranking() {
        let ranks = Ranking.competition([
            (id: "a", value: Fraction(1, 1)), (id: "b", value: Fraction(49, 50)), (id: "c", value: Fraction(98, 100)),
            (id: "d", value: Fraction(1, 2)), (id: "e", value: nil),
        ])
        #expect(ranks == ["a": 1, "b": 2, "c": 2, "d": 4])
    }

    @Test("scores round half-up to 4 decimals")
    func scores() {
        #expect(Score.format(Decimal(string: "3.28125")!) == "3.2813")
        #expect(Score.format(Decimal(string: "80")!) == "80.0000")
        #expect(Score.format(Decimal(30) * Fraction(2, 3)!.decimal) == "20.0000")
    }
}

@Suite("the shipped plan file (plan language 1)")
struct PlanFileTests {
    @Test("the built-in plan is plans/251-KH-VKSTC.yaml byte for byte, checks clean, with plan 251's values")
    func shippedPlan() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/plans/251-KH-VKSTC.yaml"))
        #expect(file == Data(shippedPlanYAML.utf8), "run make embed")
        let checked = try PlanReader.shipped()
        #expect(checked.warnings.isEmpty)
        #expect(checked.sha256 == SHA256.hex(file))
        let plan = checked.plan
        let days = ResolvedDays(plan: plan, asOf: Day(iso: "2026-03-15")!)
        func named(_ id: String) -> Day? { plan.days.firstIndex { $0.id == id }.map { days.days[$0] } }
        #expect(plan.name == "251/KH-VKSTC")
        #expect(days.periodStart == Day(iso: "2025-12-12"))
        #expect(days.periodEnd == Day(iso: "2026-06-30"))
        #expect(named("infra_deadline") == Day(iso: "2025-12-19"))
        #expect(named("dossier_deadline") == Day(iso: "2026-06-29"))
        #expect(plan.dossiers.deadline == Day(iso: "2026-06-29"))
        #expect(plan.criteria.first { $0.id == "e2e" }?.rate?.priorityAt == Fraction(98, 100)!)
        #expect(plan.composite.first { $0.part == "e2e_rate" }?.weight == 30 * 10_000)
        #expect(plan.composite.map(\.weight).reduce(0, +) == 100 * 10_000)
        #expect(plan.score.map(\.weight).reduce(0, +) == 100 * 10_000)
        #expect(plan.quotas.collective(members: 34) == 3)
        #expect(plan.quotas.collective(members: 9) == 0)
    }

    /// The shipped text with one unique piece replaced.
    static func changed(_ old: String, _ new: String) -> String {
        precondition(shippedPlanYAML.components(separatedBy: old).count == 2, "not unique: \(old)")
        return shippedPlanYAML.replacingOccurrences(of: old, with: new)
    }

    static func issues(_ text: String) -> [PlanIssue] {
        switch PlanReader.check(text: text, file: "x.yaml") {
        case .success: return []
        case .failure(let e): return e.issues
        }
    }

    @Test("a bad plan file names the file, the code and the path of the key", arguments: [
        ("period_end: 2026-06-30 ", "period_end: 2026-06-31 ", "expression", "dates.period_end"),
        ("priority_at: 0.98,", "priority_at: 1.5,", "rate_range", "criteria[0].priority_at"),
        ("rank: true, priority_at: 0.98,", "rank: true, priority_att: 0.98,", "unknown_key", "criteria[0].priority_att"),
        ("{part: e2e_rate, weight: 30,", "{part: e2e_rate, weight: -30,", "negative_weight", "composite.parts[0].weight"),
        ("{part: e2e_rate, weight: 30,", "{part: e2e_rate, weight: 31,", "weights_sum", "composite.parts"),
        ("{part: cases_e2e, weight: 40,", "{part: cases_e2e, weight: 39,", "weights_sum", "individuals.score"),
        ("{part: level, weight: 20,", "{part: level, weight: -20,", "negative_weight", "individuals.score[2].weight"),
    ])
    func badPlan(old: String, new: String, code: String, path: String) {
        let found = Self.issues(Self.changed(old, new))
        #expect(found.contains { $0.code == code && $0.path == path }, "\(found)")
        #expect(!found.isEmpty && found.allSatisfy { $0.file == "x.yaml" && $0.description.hasPrefix("x.yaml:") })
    }

    @Test("negative weights and weights not adding to 100 are refused, and nothing else is reported")
    func badWeights() {
        let neg = Self.issues(Self.changed("{part: e2e_rate, weight: 30,", "{part: e2e_rate, weight: -30,"))
        #expect(neg.map(\.code).contains("negative_weight"))
        #expect(Set(neg.map(\.code)).isSubset(of: ["negative_weight", "weights_sum"]), "\(neg)")
        let off = Self.issues(Self.changed("{part: e2e_rate, weight: 30,", "{part: e2e_rate, weight: 31,"))
        #expect(off.map { [$0.code, $0.path] } == [["weights_sum", "composite.parts"]], "\(off)")
        #expect(off.first?.description.contains("x.yaml:") == true)
    }

    @Test("a missing file is a clear error")
    func missingFile() {
        let e = #expect(throws: PlanLoadError.self) { try PlanReader.load(path: "/nonexistent/plan.yaml") }
        #expect(e?.description.contains("/nonexistent/plan.yaml") == true)
        if case .unreadable? = e {} else { Issue.record("expected unreadable, got \(String(describing: e))") }
    }
}

@Suite("composite standing with the shipped plan 251")
struct CompositeTests {
    @Test("Σ weight × part with rates capped at 1 and thresholds as 0/1")
    func composite() throws {
        let facts = S251.facts([
            "e2e_total": 4, "e2e_done": 3,              // 0.75 × 30 = 22.5
            "retro_total": 2, "retro_entered": 2,       // 1 × 15
            "quality_total": 0,                         // empty → 0
            "docs_total": 8, "docs_signed": 1,          // 0.125 × 10 = 1.25
            "qlahs_hands_on": 2,                        // met → 5
            "ai_classes": 0,                            // not met
            "ai_products": 1,                           // 5
        ])
        let staff = S251.people(12, unit: "u", ["level_cutoff": .int(5)])   // 12/10 capped → 15
        let (c, _) = S251.run(asOf: "2026-03-15", units: [TP.unit("u", "spp_unit", headcount: 10)], facts: ["u": facts], staff: staff)
        let s = try #require(c.member("u", in: .spp))
        #expect(s.composite == Decimal(string: "63.75")!)
        #expect(s.rate(of: "level5") == Fraction(12, 10))
        #expect(s.flag(of: "qlahs_training"))
        #expect(!s.flag(of: "ai_training"))
        #expect(s.rate(of: "quality") == nil)
        #expect(s.points.map { Score.format($0) } == ["22.5000", "15.0000", "0.0000", "1.2500", "15.0000", "5.0000", "0.0000", "5.0000"])
    }
}

@Suite("SHA-256 of the manifest")
struct DigestTests {
    @Test("known vectors, and any split of the input gives the same digest")
    func vectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var rng = SystemRandomNumberGenerator()
        let d = SHA256()
        var offset = 0
        while offset < million.count {
            let n = min(Int.random(in: 1...200, using: &rng), million.count - offset)
            d.update(million.subdata(in: offset..<offset + n))
            offset += n
        }
        #expect(d.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
