import Foundation
import Testing
import ThiDuaConfig
@testable import ThiDuaCore

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

@Suite("plan file")
struct PlanFileTests {
    @Test("the built-in plan is the shipped file, with plan 251's values")
    func shippedPlan() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: url.appendingPathComponent("plans/251-KH-VKSTC.yaml"), encoding: .utf8)
        #expect(file == defaultPlanYAML)
        let plan = PlanFile.shipped()
        #expect(plan.periodStart == Day(iso: "2025-12-12"))
        #expect(plan.periodEnd == Day(iso: "2026-06-30"))
        #expect(plan.infraDeadline == Day(iso: "2025-12-19"))
        #expect(plan.dossierDeadline == Day(iso: "2026-06-29"))
        #expect(plan.e2ePriorityRate == Fraction(98, 100)!)
        #expect(plan.compositeWeights[.e2eRate] == 30)
        #expect(plan.quotas.collective(members: 34) == 3)
        #expect(plan.quotas.collective(members: 9) == 0)
    }

    @Test("a bad plan file names the key", arguments: [
        ("period_end: 2026-06-31", "period_end"),
        ("period_end: 2026-06-30\nperiod_endd: 2026-06-30", "period_endd"),
        ("e2e_priority_rate: 1.5", "e2e_priority_rate"),
    ])
    func badPlan(change: String, key: String) throws {
        var text = defaultPlanYAML
        let first = change.split(separator: ":")[0]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        text = lines.map { $0.hasPrefix(first + ":") ? change : $0 }.joined(separator: "\n")
        let error = #expect(throws: ConfigError.self) { try PlanFile.parse(text, file: "x.yaml") }
        #expect(error?.description.contains("'\(key)'") == true, "\(String(describing: error))")
        #expect(error?.description.contains("x.yaml") == true)
    }

    @Test("negative weights and weights not adding to 100 are refused")
    func badWeights() throws {
        let neg = defaultPlanYAML.replacingOccurrences(of: "  e2e_rate: 30", with: "  e2e_rate: -30")
        let e1 = #expect(throws: ConfigError.self) { try PlanFile.parse(neg, file: "p.yaml") }
        #expect(e1?.description.contains("composite_weights.e2e_rate") == true)
        let off = defaultPlanYAML.replacingOccurrences(of: "  e2e_rate: 30", with: "  e2e_rate: 31")
        let e2 = #expect(throws: ConfigError.self) { try PlanFile.parse(off, file: "p.yaml") }
        #expect(e2?.description.contains("101") == true)
    }

    @Test("a missing file is a clear error")
    func missingFile() {
        let e = #expect(throws: ConfigError.self) { try PlanFile.load(path: "/nonexistent/plan.yaml") }
        #expect(e?.description.contains("/nonexistent/plan.yaml") == true)
    }
}

@Suite("composite standing")
struct CompositeTests {
    @Test("Σ weight × part with rates capped at 1 and thresholds as 0/1")
    func composite() {
        let plan = PlanFile.shipped()
        var c = UnitCounts()
        c.e2eTotal = 4; c.e2eDone = 3        // 0.75 × 30 = 22.5
        c.retroTotal = 2; c.retroEntered = 2 // 1 × 15
        c.qualityTotal = 0                   // empty → 0
        c.docsTotal = 8; c.docsSigned = 1    // 0.125 × 10 = 1.25
        c.level5Staff = 12                   // 12/10 capped → 15
        c.qlahsHandsOn = 2                   // met → 5
        c.aiClassesOrSeminars = 0            // not met
        c.aiProducts = 1                     // 5
        let unit = Unit(id: "u", name: "U", kindText: "spp_unit", parentID: nil, headcount: 10)
        let s = Standings.standing(bloc: .spp, member: BlocMember(unit: unit, scope: ["u"], headcount: 10), counts: c, plan: plan)
        #expect(s.composite == Decimal(string: "63.75")!)
        #expect(s.level5Rate == Fraction(12, 10))
        #expect(s.qlahsTrainingMet)
        #expect(!s.aiTrainingMet)
        #expect(s.qualityRate == nil)
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
