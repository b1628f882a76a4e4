import Testing
@testable import ThiDuaCore

/// "What it takes" (issue 17) at its edges, computed exactly by the engine with the shipped plan 251:
/// e2e_to_priority (the 98% line), retro_to_full, and `_to_first` against the bloc's leader.
@Suite("what it takes: items still needed to reach a line")
struct GapTests {
    let line98 = Fraction(98, 100)!

    /// The SPP members of one run, by unit id: e2e done/total, retro entered/total, level-5 staff over biên chế 10.
    func members(_ units: [(id: String, counts: [String: Int?], level5: Int)]) -> [String: MemberFigures] {
        let staff = units.flatMap { u in S251.people(u.level5, unit: u.id, ["level_cutoff": .int(5)]) }
        let (c, _) = S251.run(asOf: "2026-03-15", units: units.map { TP.unit($0.id, "spp_unit", headcount: 10) },
                              facts: Dictionary(uniqueKeysWithValues: units.map { ($0.id, S251.facts($0.counts)) }), staff: staff)
        return Dictionary(uniqueKeysWithValues: c.members.map { ($0.unit.id, $0) })
    }

    func one(_ counts: [String: Int?]) -> MemberFigures? { members([("u", counts, 0)])["u"] }

    @Test("exactly on the line needs 0; one record short needs 1; 49/50 needs 0 for 98%", arguments: [
        (98, 100, 0), (97, 100, 1), (49, 50, 0), (48, 50, 1), (0, 1, 1), (1, 1, 0), (100, 100, 0),
        // 98% of 51 is 49.98: 50 records are needed, not 49.
        (49, 51, 1), (50, 51, 0), (0, 585, 574), (572, 585, 2),
    ])
    func toPriority(done: Int, total: Int, needed: Int) {
        #expect(one(["e2e_done": done, "e2e_total": total])?.toPriority(of: "e2e") == needed)
        // Exactly the smallest k: k reaches the line, k − 1 does not.
        if needed > 0 {
            #expect(Fraction(done + needed, total)! >= line98)
            #expect(Fraction(done + needed - 1, total)! < line98)
        }
    }

    @Test("an empty denominator has nothing to count; a line above 1 is never reachable")
    func empty() {
        #expect(one(["e2e_done": 0, "e2e_total": 0])?.toPriority(of: "e2e") == nil)
        // The plan language refuses a priority_at above 1 (rate_range); the engine's gap refuses it too.
        #expect(PlanCriteria.gap(Fraction(3, 2)!, 1, 4) == nil)
        #expect(one(["retro_entered": 7, "retro_total": 7])?.toFull(of: "retro") == 0)
        #expect(one(["retro_entered": 5, "retro_total": 7])?.toFull(of: "retro") == 2)
        #expect(one(["retro_entered": 0, "retro_total": 0])?.toFull(of: "retro") == nil)
    }

    @Test("absurd counts do not overflow")
    func huge() {
        #expect(one(["e2e_done": 0, "e2e_total": Int.max])?.toPriority(of: "e2e") == Int.max / 100 * 98 + (Int.max % 100 * 98 + 99) / 100)
    }

    @Test("first place: the leader and units tied with it need nothing; the others exactly what equals the leader")
    func toFirst() {
        let by = members([("a", ["e2e_done": 49, "e2e_total": 50], 0), ("b", ["e2e_done": 98, "e2e_total": 100], 0),
                          ("c", ["e2e_done": 90, "e2e_total": 100], 0), ("d", ["e2e_done": 0, "e2e_total": 0], 0),
                          ("e", ["e2e_done": 1, "e2e_total": 3], 30)])
        #expect(by["a"]?.toFirst(of: "e2e") == 0)
        #expect(by["b"]?.toFirst(of: "e2e") == 0, "tied with the leader (49/50 = 98/100)")
        #expect(by["c"]?.toFirst(of: "e2e") == 8)
        #expect(by["d"]?.toFirst(of: "e2e") == nil, "an empty rate")
        #expect(by["e"]?.toFirst(of: "e2e") == 2, "⌈98% × 3⌉ − 1")
        // e's level-5 rate is impossible (30 of 10): no rank, nothing to compute; the leader is 0/10.
        #expect(by["e"]?.toFirst(of: "level5") == nil)
        #expect(by["a"]?.toFirst(of: "level5") == 0)
        #expect(by["c"]?.toPriority(of: "e2e") == 8)
        #expect(by["d"]?.toPriority(of: "e2e") == nil)
    }
}
