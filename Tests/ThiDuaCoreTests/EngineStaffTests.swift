import Foundation
import Testing
@testable import ThiDuaCore

@Suite("engine: individual score, staff blocs, leader lists (PLAN-LANGUAGE.md §10, §14, §15 (f))")
struct EngineStaffTests {
    /// m0 cases (count), m1 stale (count), m2 level (latest), m3 weeks (count), m4 weeks_in (count), m5 trainer (bool).
    static let metrics = [TP.intMetric("cases"), TP.intMetric("stale"), TP.latestMetric("level"), TP.intMetric("weeks"),
                          TP.intMetric("weeks_in"), TP.boolMetric("trainer")]
    /// 30 share_of_bloc_max(cases) + 20 when(cases > 0, stale = 0) + 20 scaled(level, 10) + 20 ratio(weeks, weeks_in)
    /// + 10 when(any[trainer, level ≥ 8]).
    static let score = [
        TP.scorePart("cases", "30", .shareOfBlocMax(metric: 0)),
        TP.scorePart("clean", "20", .when(.all([TP.test(.metric(0), .gt(.literal(0))), TP.test(.metric(1), .eq(.int(0)))]))),
        TP.scorePart("level", "20", .scaled(metric: 2, max: 10)),
        TP.scorePart("regular", "20", .ratio(metric: 3, over: 4)),
        TP.scorePart("helper", "10", .when(.any([TP.test(.metric(5), .eq(.bool(true))), TP.test(.metric(2), .gte(.literal(8)))]))),
    ]

    static func person(_ id: String, cases: Int?, stale: Int, level: Int?, weeks: Int, weeksIn: Int?, trainer: Bool,
                       overflowed: [Int] = []) -> StaffRow {
        TP.person(id, unit: "s1", [.int(cases), .int(stale), .int(level), .int(weeks), .int(weeksIn), .bool(trainer)], overflowed: overflowed)
    }

    @Test("score parts exactly, rounded half-up once; rank within the staff bloc; when parts recorded")
    func scores() throws {
        let plan = TP.plan(metrics: Self.metrics, score: Self.score)
        let staff = [
            // 30 × 3/3 + 20 + 20 × 10/10 (level 12 capped) + 20 × min(1, 9/8) + 10 = 100
            Self.person("a", cases: 3, stale: 0, level: 12, weeks: 9, weeksIn: 8, trainer: false),
            // 30 × 1/3 + 0 (stale) + 20 × 0 (empty level) + 20 × 2/3 + 10 = 33.3333…
            Self.person("b", cases: 1, stale: 1, level: nil, weeks: 2, weeksIn: 3, trainer: true),
            // 0 (no cases) + 0 + 20 × 0 (negative level) + 0 (weeks_in 0) + 0 = 0
            Self.person("c", cases: 0, stale: 0, level: -3, weeks: 5, weeksIn: 0, trainer: false),
            // empty cases: 0; empty weeks_in: 0; 20 × 5/10 = 10
            Self.person("d", cases: nil, stale: 0, level: 5, weeks: 1, weeksIn: nil, trainer: false),
        ]
        let (_, boards) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: staff)
        let board = try #require(boards.first)
        #expect(board.bloc == .staff("s1"))
        #expect(board.standings.map(\.row.staffID) == ["a", "b", "d", "c"])
        #expect(board.standings.map { Score.format($0.score) } == ["100.0000", "33.3333", "10.0000", "0.0000"])
        #expect(board.standings.map(\.rank) == [1, 2, 3, 4])
        #expect(board.standings.map(\.whenHolds) == [[false, true, false, false, true], [false, false, false, false, true],
                                                     [false, false, false, false, false], [false, false, false, false, false]])
    }

    @Test("share_of_bloc_max is 0 for everyone when the bloc's maximum is 0; equal rounded scores share a rank")
    func ties() throws {
        let plan = TP.plan(metrics: Self.metrics, score: [TP.scorePart("cases", "100", .shareOfBlocMax(metric: 0))])
        let zero = (1...3).map { Self.person("z\($0)", cases: 0, stale: 0, level: nil, weeks: 0, weeksIn: 0, trainer: false) }
        let (_, boards) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: zero)
        #expect(boards.first?.standings.map(\.score) == [0, 0, 0] && boards.first?.standings.map(\.rank) == [1, 1, 1])
        // 1/3 of the maximum rounds to 33.3333; 99999/300000 to 33.3330: two ranks.
        let mixed = [Self.person("a", cases: 300_000, stale: 0, level: nil, weeks: 0, weeksIn: 0, trainer: false),
                     Self.person("b", cases: 100_000, stale: 0, level: nil, weeks: 0, weeksIn: 0, trainer: false),
                     Self.person("c", cases: 99_999, stale: 0, level: nil, weeks: 0, weeksIn: 0, trainer: false)]
        let (_, b2) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: mixed)
        #expect(b2.first?.standings.map { Score.format($0.score) } == ["100.0000", "33.3333", "33.3330"])
        #expect(b2.first?.standings.map(\.rank) == [1, 2, 3])
    }

    @Test("an overflowed staff metric is empty and listed once per (staff bloc, person, metric), after the units' rows")
    func overflow() {
        let plan = TP.plan(measures: [TP.rows("a")], metrics: Self.metrics, score: Self.score)
        let staff = [Self.person("b", cases: nil, stale: 0, level: 2, weeks: 0, weeksIn: nil, trainer: false, overflowed: [4, 0]),
                     Self.person("a", cases: 1, stale: 0, level: 2, weeks: 0, weeksIn: 1, trainer: false, overflowed: [3])]
        let (c, boards) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], facts: ["s1": TP.facts(plan, [0: nil])], staff: staff)
        #expect(boards.first?.standings.map(\.row.staffID) == ["a", "b"])
        #expect(c.anomalies.map { "\($0.relation) \($0.key) \($0.detail)" } == [
            "unit s1 bloc=spp a", "staff a bloc=staff:s1 weeks", "staff b bloc=staff:s1 cases", "staff b bloc=staff:s1 weeks_in",
        ])
        #expect(c.anomalies.allSatisfy { $0.problem == "integer_overflow" })
    }

    @Test("leader lists: first key non-empty (> 0 for a count, true for a flag), keys highest first, empty last, staff_id, at most 5")
    func leaders() {
        let plan = TP.plan(metrics: Self.metrics, score: Self.score)
        var staff = (1...7).map { Self.person("p\($0)", cases: $0 % 4, stale: $0 == 3 ? 1 : 0, level: $0 == 2 ? nil : $0,
                                              weeks: $0, weeksIn: 8, trainer: $0 == 5) }
        staff.append(Self.person("q", cases: 3, stale: 0, level: 3, weeks: 0, weeksIn: 8, trainer: false))
        let (_, boards) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: staff)
        let standings = boards.first?.standings ?? []
        // cases: p1 1, p2 2, p3 3, p4 0, p5 1, p6 2, p7 3, q 3; clean = cases > 0 and stale 0 (p3 has stale).
        let qlahs = LeaderList(id: "qlahs", label: Label(id: "q"), order: [.metric(0), .scorePart(1)])
        #expect(PlanLeaders.list(qlahs, staff: standings, plan: plan).map(\.row.staffID) == ["p7", "q", "p3", "p2", "p6"])
        // level is a latest metric: listed when non-empty, 0 or not; then weeks.
        let ai = LeaderList(id: "ai", label: Label(id: "a"), order: [.metric(2), .metric(3)])
        #expect(PlanLeaders.list(ai, staff: standings, plan: plan).map(\.row.staffID) == ["p7", "p6", "p5", "p4", "p3"])
        let flag = LeaderList(id: "t", label: Label(id: "t"), order: [.metric(5)])
        #expect(PlanLeaders.list(flag, staff: standings, plan: plan).map(\.row.staffID) == ["p5"])
        let helper = LeaderList(id: "h", label: Label(id: "h"), order: [.scorePart(4), .metric(3)])
        #expect(PlanLeaders.list(helper, staff: standings, plan: plan).map(\.row.staffID) == ["p5"])
    }
}
