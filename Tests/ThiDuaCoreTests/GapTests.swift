import Testing
@testable import ThiDuaCore

/// "What it takes" (issue 17) at its edges, computed exactly.
@Suite("what it takes: items still needed to reach a line")
struct GapTests {
    let line98 = Fraction(98, 100)!

    @Test("exactly on the line needs 0; one record short needs 1; 49/50 needs 0 for 98%", arguments: [
        (98, 100, 0), (97, 100, 1), (49, 50, 0), (48, 50, 1), (0, 1, 1), (1, 1, 0), (100, 100, 0),
        // 98% of 51 is 49.98: 50 records are needed, not 49.
        (49, 51, 1), (50, 51, 0), (0, 585, 574), (572, 585, 2),
    ])
    func toPriority(done: Int, total: Int, needed: Int) {
        #expect(Gaps.toReach(line98, numerator: done, denominator: total) == needed)
        // Exactly the smallest k: k reaches the line, k − 1 does not.
        if needed > 0 {
            #expect(Fraction(done + needed, total)! >= line98)
            #expect(Fraction(done + needed - 1, total)! < line98)
        }
    }

    @Test("an empty denominator has nothing to count; a line above 1 is never reachable")
    func empty() {
        #expect(Gaps.toReach(line98, numerator: 0, denominator: 0) == nil)
        #expect(Gaps.toReach(Fraction(3, 2)!, numerator: 1, denominator: 4) == nil)
        #expect(Gaps.toReach(.one, numerator: 7, denominator: 7) == 0)
        #expect(Gaps.toReach(.one, numerator: 5, denominator: 7) == 2)
    }

    @Test("absurd counts do not overflow")
    func huge() {
        #expect(Gaps.toReach(line98, numerator: 0, denominator: Int.max) == Int.max / 100 * 98 + (Int.max % 100 * 98 + 99) / 100)
    }

    func member(_ id: String, done: Int, total: Int, level5: Int = 0, headcount: Int = 10) -> UnitStanding {
        var c = UnitCounts()
        c.e2eDone = done; c.e2eTotal = total; c.level5Staff = level5
        let u = Unit(id: id, name: id, kindText: "spp_unit", parentID: nil, headcount: headcount)
        return Standings.standing(bloc: .spp, member: BlocMember(unit: u, scope: [id], headcount: headcount), counts: c, plan: plan251)
    }

    @Test("first place: the leader and units tied with it need nothing; the others exactly what equals the leader")
    func toFirst() {
        var rows = [member("a", done: 49, total: 50), member("b", done: 98, total: 100), member("c", done: 90, total: 100),
                    member("d", done: 0, total: 0), member("e", done: 1, total: 3, level5: 30)]
        Standings.rank(&rows)
        let by = Dictionary(uniqueKeysWithValues: rows.map { ($0.unit.id, $0) })
        #expect(by["a"]?.toFirst(.e2e) == 0)
        #expect(by["b"]?.toFirst(.e2e) == 0, "tied with the leader (49/50 = 98/100)")
        #expect(by["c"]?.toFirst(.e2e) == 8)
        #expect(by["d"]?.toFirst(.e2e) == nil, "an empty rate")
        #expect(by["e"]?.toFirst(.e2e) == 2, "⌈98% × 3⌉ − 1")
        // e's level-5 rate is impossible (30 of 10): no rank, nothing to compute; the leader is 0/10.
        #expect(by["e"]?.toFirst(.level5) == nil)
        #expect(by["a"]?.toFirst(.level5) == 0)
        #expect(by["c"]?.e2eToPriority(plan251) == 8)
        #expect(by["d"]?.e2eToPriority(plan251) == nil)
    }
}
