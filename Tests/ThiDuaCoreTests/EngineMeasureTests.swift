import Foundation
import Testing
@testable import ThiDuaCore

@Suite("engine: measures over a member's scope, staff counts, overflow (PLAN-LANGUAGE.md §6, §13, §14)")
struct EngineMeasureTests {
    /// spp s1; province p1 (headcount 10) with department d1 and regional r1 (10 each).
    static let units = [TP.unit("s1", "spp_unit"), TP.unit("p1", "provincial"), TP.unit("d1", "department", parent: "p1"),
                        TP.unit("r1", "regional", parent: "p1")]

    @Test("row counts are summed over the scope, expressions evaluated on the sums (a province's a // 2 halves its total)")
    func scopeSums() {
        let plan = TP.plan(measures: [TP.rows("a"), TP.expr("half", [.floorDiv(.measure(0), 2)]),
                                      TP.expr("triple", [.times(3, .measure(0))]),
                                      TP.expr("plus", [.plain(.measure(0)), .plain(.headcount)])])
        let facts = ["p1": TP.facts(plan, [0: 1]), "d1": TP.facts(plan, [0: 1]), "r1": TP.facts(plan, [0: 1])]
        let (c, _) = TP.run(plan, units: Self.units, facts: facts)
        #expect(c.member("p1", in: .provincial)?.measures == [3, 1, 9, 33])
        #expect(c.member("d1", in: .sub("p1"))?.measures == [1, 0, 3, 11])
        #expect(c.member("s1", in: .spp)?.measures == [0, 0, 0, 10])
        #expect(c.members.map(\.bloc) == [.spp, .provincial, .sub("p1"), .sub("p1")])
        #expect(c.member("p1", in: .provincial)?.provinceID == "p1" && c.member("r1", in: .sub("p1"))?.provinceID == "p1")
        #expect(c.member("s1", in: .spp)?.provinceID == nil)
        #expect(c.anomalies.isEmpty)
    }

    @Test("an empty operand empties an expression without an anomaly (headcount of a unit whose own is missing)")
    func emptyOperand() {
        let plan = TP.plan(measures: [TP.rows("a"), TP.expr("plus", [.plain(.measure(0)), .plain(.headcount)])])
        let (c, _) = TP.run(plan, units: [TP.unit("s1", "spp_unit", headcount: nil)], facts: ["s1": TP.facts(plan, [0: 4])])
        #expect(c.members.first?.measures == [4, nil])
        #expect(c.anomalies.map(\.problem) == ["headcount_missing"])
    }

    @Test("overflow: a scope sum or k * outside Int64 is empty and listed once per (bloc, member, measure)")
    func overflow() {
        let plan = TP.plan(measures: [TP.rows("a"), TP.expr("triple", [.times(3, .measure(0))]), TP.rows("b")])
        let facts = ["d1": TP.facts(plan, [0: Int.max]), "r1": TP.facts(plan, [0: 1, 2: nil]), "s1": TP.facts(plan, [0: 2])]
        let (c, _) = TP.run(plan, units: Self.units, facts: facts, anomalies: [Anomaly(relation: "case_record", key: "x", problem: "p", detail: "")])
        #expect(c.member("p1", in: .provincial)?.measures == [nil, nil, nil])
        #expect(c.member("d1", in: .sub("p1"))?.measures == [Int.max, nil, 0])
        #expect(c.member("r1", in: .sub("p1"))?.measures == [1, 3, nil])
        #expect(c.member("s1", in: .spp)?.measures == [2, 6, 0])
        // Units in unit_metrics order, measures in declaration order; `triple` of p1 is empty
        // because its operand is, so it adds no row; the contract checks come last.
        #expect(c.anomalies.map { "\($0.relation) \($0.key) \($0.problem) \($0.detail)" } == [
            "unit p1 integer_overflow bloc=provincial a", "unit p1 integer_overflow bloc=provincial b",
            "unit d1 integer_overflow bloc=sub:p1 triple", "unit r1 integer_overflow bloc=sub:p1 b",
            "case_record x p ",
        ])
    }

    /// a: leader, direct, m0 3, m1 5, m2 2026-02-01; b: prosecutor, not direct, m0 0, m1 empty, m2 empty;
    /// c: it, direct, m0 2, m1 4, m2 2025-12-01; d: an unknown role, direct, m0 1, m1 7, m2 empty.
    static let staff = [
        TP.person("a", unit: "s1", role: "leader", [.int(3), .int(5), .date(TP.iso("2026-02-01"))]),
        TP.person("b", unit: "s1", role: "prosecutor", direct: false, [.int(0), .int(nil), .date(nil)]),
        TP.person("c", unit: "s1", role: "it", [.int(2), .int(4), .date(TP.iso("2025-12-01"))]),
        TP.person("d", unit: "s1", role: "janitor", [.int(1), .int(7), .date(nil)]),
    ]
    static let role = Operand.staffColumn("role"), direct = Operand.staffColumn("direct_worker")
    static let m0 = Operand.metric(0), m1 = Operand.metric(1), m2 = Operand.metric(2)

    @Test("count: staff on staff columns and metrics; a test on an empty metric is false; two-valued any/all", arguments: [
        (Condition.always, 4),
        (TP.test(role, .isIn([.text("leader"), .text("prosecutor")])), 2),
        (TP.test(role, .ne(.text("leader"))), 3),
        (TP.test(role, .notIn([.text("leader"), .text("prosecutor")])), 2),
        (TP.test(m1, .ne(.int(5))), 2),
        (TP.test(m1, .notIn([.int(5)])), 2),
        (TP.test(m1, .lt(.literal(5))), 1),
        (TP.test(m1, .lte(.literal(5))), 2),
        (TP.test(m2, .isNull(false)), 2),
        (TP.test(m2, .isNull(true)), 2),
        (TP.test(m0, .gte(.literal(1))), 3),
        (TP.test(m0, .gt(.literal(2)), .lte(.literal(3))), 1),
        (TP.test(direct, .eq(.bool(false))), 1),
        (.any([TP.test(role, .eq(.text("it"))), .all([TP.test(direct, .eq(.bool(true))), TP.test(m0, .gt(.literal(2)))])]), 2),
        (.any([TP.test(m1, .eq(.int(9))), TP.test(m1, .ne(.int(9)))]), 3),
        (TP.test(m2, .within(WindowExpr(from: .named(0), to: .windowEnd, name: nil, fromText: "period_start", toText: "E"))), 1),
        (TP.test(m2, .onOrBefore(.date(TP.iso("2025-12-31")))), 1),
        (TP.test(m2, .after(.offset(.asOf, days: -60))), 1),
        (TP.test(m2, .notBy(.asOf)), 2),
        (.any([]), 0),
    ])
    func staffCounts(condition: Condition, expected: Int) {
        let plan = TP.plan(measures: [TP.staff("n", condition)],
                           metrics: [TP.intMetric("m0"), TP.latestMetric("m1"), TP.dateMetric("m2")])
        let (c, _) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: Self.staff)
        #expect(c.members.first?.measures == [expected])
    }

    @Test("staff count on the scope: a province counts its subtree's staff, a sub-unit its own; sub_kinds limits sub: blocs only")
    func staffScope() {
        let units = Self.units + [TP.unit("x1", "department", parent: "nowhere")]
        let staff = [TP.person("a", unit: "p1"), TP.person("b", unit: "d1"), TP.person("c", unit: "r1"), TP.person("d", unit: "r1"),
                     TP.person("e", unit: "x1"), TP.person("f", unit: "ghost")]
        let all = TP.plan(measures: [TP.staff("active")])
        let (c, boards) = TP.run(all, units: units, staff: staff)
        #expect(c.member("p1", in: .provincial)?.measures == [4])
        #expect(c.member("r1", in: .sub("p1"))?.measures == [2])
        #expect(boards.compactMap(\.bloc) == [.staff("p1")])
        #expect(boards.first { $0.bloc == .staff("p1") }?.standings.map(\.row.staffID) == ["a", "b", "c", "d"])
        let departments = TP.plan(measures: [TP.staff("active")], subKinds: [.department])
        let (d, _) = TP.run(departments, units: units, staff: staff)
        #expect(d.member("p1", in: .provincial)?.measures == [4])
        #expect(d.member("r1", in: .sub("p1")) == nil && d.member("d1", in: .sub("p1"))?.measures == [1])
        let none = TP.plan(measures: [TP.staff("active")], subKinds: [])
        let (e, _) = TP.run(none, units: units, staff: staff)
        #expect(e.members.map(\.unit.id) == ["s1", "p1"])
    }
}
