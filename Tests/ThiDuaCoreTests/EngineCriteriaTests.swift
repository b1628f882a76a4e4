import Foundation
import Testing
@testable import ThiDuaCore

@Suite("engine: rates, ranks, gaps, composite (PLAN-LANGUAGE.md §8, §9, §14)")
struct EngineCriteriaTests {
    /// e2e = done / total, ranked, priority at 0.98, to_full; the composite is e2e_rate alone (weight 100).
    static let plan = TP.plan(
        measures: [TP.rows("done"), TP.rows("total")],
        criteria: [TP.rate("e2e", .measure(0), .measure(1), priorityAt: "0.98", toFull: true)],
        composite: [TP.part("e2e_rate", .rate(criterion: 0), "100")])

    static func run(_ counts: [String: (Int, Int)]) -> PlanComputation {
        let units = counts.keys.sorted().map { TP.unit($0, "spp_unit") }
        let facts = counts.mapValues { TP.facts(plan, [0: $0.0, 1: $0.1]) }
        return TP.run(plan, units: units, facts: facts).0
    }

    @Test("49/50 ties 98/100 (exact), an empty rate and an impossible rate get no rank, listing by composite rank then id")
    func ranks() throws {
        let c = Self.run(["s1": (49, 50), "s2": (98, 100), "s3": (97, 100), "s4": (0, 0), "s5": (5, 4)])
        func m(_ id: String) throws -> MemberFigures { try #require(c.member(id, in: .spp)) }
        #expect(try m("s1").ranks == [1] && m("s2").ranks == [1] && m("s3").ranks == [3])
        #expect(try m("s4").ranks == [nil] && m("s5").ranks == [nil])
        #expect(try m("s4").rates == [nil] && m("s5").rates == [Fraction(5, 4)] && m("s5").impossible == [true])
        // Priority compares exactly; an impossible rate is never priority (decided 1).
        #expect(try [m("s1"), m("s2"), m("s3"), m("s4"), m("s5")].map { $0.flags[0] } == [true, true, false, false, false])
        // Gaps: ⌈0.98 × d⌉ − n, ≥ 0; empty without a denominator.
        #expect(try [m("s1"), m("s2"), m("s3"), m("s4"), m("s5")].map { $0.toPriority[0] } == [0, 0, 1, nil, 0])
        #expect(try [m("s1"), m("s2"), m("s3"), m("s4"), m("s5")].map { $0.toFull[0] } == [1, 2, 3, nil, 0])
        // to_first against F = 49/50: empty for the empty and the impossible rate.
        #expect(try [m("s1"), m("s2"), m("s3"), m("s4"), m("s5")].map { $0.toFirst[0] } == [0, 0, 1, nil, nil])
        // The impossible rate is capped at 1 in the composite.
        #expect(try [m("s1"), m("s2"), m("s3"), m("s4"), m("s5")].map(\.composite) == [98, 98, 97, 0, 100])
        #expect(c.members.map(\.unit.id) == ["s5", "s1", "s2", "s3", "s4"])
        #expect(c.members.map(\.compositeRank) == [1, 2, 2, 4, 5])
        #expect(c.anomalies == [Anomaly(relation: "unit", key: "s5", problem: "rate_above_one", detail: "bloc=spp e2e_rate=5/4")])
    }

    @Test("nobody ranked: no rank and no to_first for anyone")
    func nobodyRanked() {
        let c = Self.run(["s1": (0, 0), "s2": (3, 2)])
        #expect(c.members.allSatisfy { $0.ranks == [nil] && $0.toFirst == [nil] })
    }

    @Test("an empty bloc and a province without sub-units give no rows and no crash")
    func emptyBlocs() {
        let (c, _) = TP.run(Self.plan, units: [TP.unit("p1", "provincial")])
        #expect(c.members.map(\.bloc) == [.provincial])
        #expect(c.unitNominations.map(\.nomineeID) == ["p1"])
        let (none, _) = TP.run(Self.plan, units: [])
        #expect(none.members.isEmpty && none.milestones.isEmpty && none.unitNominations.isEmpty)
    }

    @Test("the impossible-rate detail names the measures unless the problem is rate_above_one (today's level5_above_headcount text)")
    func impossibleDetail() {
        let plan = TP.plan(measures: [TP.staff("level5_staff")],
                           criteria: [TP.rate("level5", .measure(0), .headcount, problem: "level5_above_headcount")])
        let staff = (1...3).map { TP.person("x\($0)", unit: "p1") } + (1...2).map { TP.person("y\($0)", unit: "d1") }
        let units = [TP.unit("p1", "provincial", headcount: 2), TP.unit("d1", "department", parent: "p1", headcount: 2)]
        let (c, _) = TP.run(plan, units: units, staff: staff)
        #expect(c.anomalies == [
            Anomaly(relation: "unit", key: "p1", problem: "level5_above_headcount", detail: "bloc=provincial level5_staff=5 headcount=4"),
        ])
        #expect(c.member("d1", in: .sub("p1"))?.ranks == [1])
    }

    @Test("at_least criteria and parts, points rounded per part, the composite rounded once (an exact half goes up)")
    func composite() throws {
        // composite = 0.0001 × 1/2 (rate part) + 50 × met + 49.9999 × (b ≥ 2): an exact half on the 4th decimal.
        let plan = TP.plan(
            measures: [TP.rows("n"), TP.rows("d"), TP.rows("b")],
            criteria: [TP.rate("r", .measure(0), .measure(1)), TP.atLeast("k", .measure(2), 1)],
            composite: [TP.part("r_rate", .rate(criterion: 0), "0.0001"), TP.part("k_met", .met(criterion: 1), "50"),
                        TP.part("b", .atLeast(.measure(2), k: 2), "49.9999")])
        let units = [TP.unit("s1", "spp_unit"), TP.unit("s2", "spp_unit"), TP.unit("s3", "spp_unit")]
        let facts = ["s1": TP.facts(plan, [0: 1, 1: 2, 2: 2]), "s2": TP.facts(plan, [0: 1, 1: 2, 2: 1]), "s3": TP.facts(plan, [0: 1, 1: 3])]
        let (c, _) = TP.run(plan, units: units, facts: facts)
        let s1 = try #require(c.member("s1", in: .spp)), s2 = try #require(c.member("s2", in: .spp))
        let s3 = try #require(c.member("s3", in: .spp))
        #expect(Score.format(s1.composite) == "100.0000")   // 99.99995 exactly → half up
        #expect(s1.points.map { Score.format($0) } == ["0.0001", "50.0000", "49.9999"])
        #expect(Score.format(s2.composite) == "50.0001" && s2.flags == [false, true])
        #expect(Score.format(s3.composite) == "0.0000" && s3.flags == [false, false])   // 0.0001/3 rounds down
        #expect(c.members.map(\.compositeRank) == [1, 2, 3])
    }
}
