import Foundation
import Testing
@testable import ThiDuaCore

@Suite("engine: quotas, shortlists, dossiers (PLAN-LANGUAGE.md §12)")
struct EngineAwardTests {
    @Test("individual quota of a province's staff bloc by its member headcount (tiers 299/300/500/501), else its own stored headcount", arguments: [
        (299 as Int?, 3), (300, 5), (500, 5), (501, 8), (1, 3),
        (nil, 3),              // member headcount empty, own NULL → 0 → first tier
        (-5, 3),               // own ≤ 0: member empty, own as stored
        (2_000_000, 8),        // own above 1,000,000: member empty, own as stored
    ])
    func provincialQuota(headcount: Int?, quota: Int) {
        let plan = TP.plan()
        let (_, boards) = TP.run(plan, units: [TP.unit("p1", "provincial", headcount: headcount)], staff: [TP.person("a", unit: "p1")])
        #expect(boards.first?.nominations.map(\.quota) == [quota])
    }

    @Test("the quota holds the subtree's headcount, and an SPP unit's staff bloc takes individual_per_spp_unit")
    func subtreeAndSPP() {
        let units = [TP.unit("p1", "provincial", headcount: 200), TP.unit("d1", "department", parent: "p1", headcount: 100),
                     TP.unit("s1", "spp_unit", headcount: 900)]
        let (_, boards) = TP.run(TP.plan(), units: units, staff: [TP.person("a", unit: "d1"), TP.person("b", unit: "s1")])
        #expect(boards.map { "\($0.bloc?.description ?? "-") \($0.nominations.first?.quota ?? -1)" } == ["staff:p1 5", "staff:s1 1"])
    }

    @Test("collective quota per bloc: share × members with the plan's rounding", arguments: [
        (9, "0.10", Quotas.Rounding.down, 0), (10, "0.10", .down, 1), (19, "0.10", .down, 1), (15, "0.10", .nearest, 2),
        (14, "0.10", .nearest, 1), (11, "0.10", .up, 2),
    ])
    func collectiveQuota(members: Int, share: String, rounding: Quotas.Rounding, quota: Int) {
        let units = (1...members).map { TP.unit(String(format: "s%02d", $0), "spp_unit") }
        let (c, _) = TP.run(TP.plan(quotas: TP.quotas(share: share, rounding: rounding)), units: units)
        #expect(c.unitNominations.count == members)
        #expect(c.unitNominations.allSatisfy { $0.quota == quota })
        #expect(c.unitNominations.filter { $0.status == .proposed }.count == quota)
    }

    /// Two eligibility rules: `discipline` (flag m0) excludes staff and units; `review` (flag m1) units only.
    static let rules = [EligibilityRule(reason: "discipline", staffFlag: 0, excludesStaff: true, excludesUnits: true, label: nil),
                        EligibilityRule(reason: "review", staffFlag: 1, excludesStaff: false, excludesUnits: true, label: nil)]

    @Test("units: {priority} first, composite, unit_id; excluded when any staff of the scope has a flag, with the first rule's reason")
    func unitShortlist() {
        let plan = TP.plan(measures: [TP.rows("done"), TP.rows("total")],
                           criteria: [TP.rate("e2e", .measure(0), .measure(1), priorityAt: "0.98")],
                           composite: [TP.part("e2e_rate", .rate(criterion: 0), "100")],
                           metrics: [TP.boolMetric("m0"), TP.boolMetric("m1")],
                           unitOrder: [.priority(criterion: 0), .composite], eligibility: Self.rules)
        let ids = ["s1", "s2", "s3", "s4", "s5", "s6"]
        // s1 99/100 priority; s2 1/1 priority; s3 97/100; s4 97/100; s5 50/100 (review); s6 1/1 (both flags).
        let counts = [(99, 100), (1, 1), (97, 100), (97, 100), (50, 100), (1, 1)]
        let plan10 = plan
        var facts: [String: UnitFacts] = [:]
        for (id, c) in zip(ids, counts) { facts[id] = TP.facts(plan10, [0: c.0, 1: c.1]) }
        let staff = [TP.person("x", unit: "s5", [.bool(false), .bool(true)]), TP.person("y", unit: "s6", [.bool(true), .bool(true)]),
                     TP.person("z", unit: "s3", [.bool(false), .bool(false)])]
        let units = ids.map { TP.unit($0, "spp_unit") } + (1...4).map { TP.unit("s9\($0)", "spp_unit") }
        let (c, _) = TP.run(plan, units: units, facts: facts, staff: staff)
        let spp = c.unitNominations.filter { $0.bloc == .spp }
        #expect(spp.map(\.nomineeID) == ["s2", "s1", "s3", "s4", "s91", "s92", "s93", "s94", "s6", "s5"])
        #expect(spp.map(\.position) == [1, 2, 3, 4, 5, 6, 7, 8, nil, nil])
        #expect(spp.map(\.status.rawValue) == ["proposed"] + Array(repeating: "reserve", count: 7) + ["excluded", "excluded"])
        #expect(spp.map(\.reason) == Array(repeating: nil, count: 8) + ["discipline", "review"])
        #expect(spp.allSatisfy { $0.quota == 1 && $0.nomineeKind == .unit })
    }

    @Test("a flag on a department's staff excludes the department and its province, not the sibling")
    func scopeExclusion() {
        let plan = TP.plan(metrics: [TP.boolMetric("m0"), TP.boolMetric("m1")], eligibility: Self.rules)
        let units = [TP.unit("p1", "provincial"), TP.unit("d1", "department", parent: "p1"), TP.unit("r1", "regional", parent: "p1")]
        let (c, boards) = TP.run(plan, units: units, staff: [TP.person("a", unit: "d1", [.bool(false), .bool(true)])])
        #expect(c.unitNominations.map { "\($0.bloc) \($0.nomineeID) \($0.reason ?? "-")" } == ["provincial p1 review", "sub:p1 r1 -", "sub:p1 d1 review"])
        // `review` does not exclude staff.
        #expect(boards.first?.nominations.map(\.status) == [.proposed])
    }

    @Test("staff: direct workers first, then {flag}, score, staff_id; excluded staff follow in the same order")
    func staffShortlist() {
        let plan = TP.plan(metrics: [TP.boolMetric("m0"), TP.boolMetric("m1"), TP.intMetric("cases")],
                           score: [TP.scorePart("cases", "100", .scaled(metric: 2, max: 10))],
                           staffOrder: [.directWorker, .flag(.metric(1)), .score], eligibility: Self.rules)
        let staff = [
            TP.person("a", unit: "s1", direct: true, [.bool(false), .bool(false), .int(9)]),
            TP.person("b", unit: "s1", direct: true, [.bool(false), .bool(true), .int(1)]),
            TP.person("c", unit: "s1", direct: false, [.bool(false), .bool(true), .int(10)]),
            TP.person("d", unit: "s1", direct: true, [.bool(true), .bool(true), .int(10)]),
            TP.person("e", unit: "s1", direct: true, [.bool(false), .bool(false), .int(9)]),
        ]
        let (_, boards) = TP.run(plan, units: [TP.unit("s1", "spp_unit")], staff: staff)
        let board = boards.first
        #expect(board?.standings.map(\.row.staffID) == ["c", "d", "a", "e", "b"])   // rank, then staff_id
        #expect(board?.standings.map(\.rank) == [1, 1, 3, 3, 5])
        #expect(board?.nominations.map(\.nomineeID) == ["b", "a", "e", "c", "d"])
        #expect(board?.nominations.map(\.position) == [1, 2, 3, 4, nil])
        #expect(board?.nominations.map(\.status) == [.proposed, .reserve, .reserve, .reserve, .excluded])
        #expect(board?.nominations.last?.reason == "discipline")
    }

    static func dossier(_ level: String = "bang_khen", submitted: String?, parts: [Bool] = [true, true, true, true]) -> DossierInput {
        DossierInput(dossierID: "x", nomineeKind: "unit", nomineeID: "s1", awardLevel: level, submittedOn: submitted.map(TP.iso),
                     hasProposal: parts[0], hasMinutes: parts[1], hasAchievementReport: parts[2], hasImpactConfirmation: parts[3])
    }

    @Test("dossiers as of D against the deadline 2026-06-29", arguments: [
        (dossier(submitted: "2026-06-29"), "2026-07-01", "accepted", "", nil as Int?, "2026-06-29"),
        (dossier(submitted: "2026-06-30"), "2026-07-01", "late_rejected", "", nil, "2026-06-30"),
        (dossier(submitted: "2026-06-01", parts: [true, false, true, false]), "2026-07-01", "incomplete", "minutes;impact_confirmation", nil, "2026-06-01"),
        (dossier(submitted: "2026-06-30", parts: [false, true, true, true]), "2026-07-01", "late_rejected", "proposal", nil, "2026-06-30"),
        (dossier(submitted: nil, parts: [false, true, true, true]), "2026-06-28", "pending", "proposal", 1, nil),
        (dossier(submitted: nil), "2026-06-29", "pending", "", 0, nil),
        (dossier(submitted: nil, parts: [true, true, true, false]), "2026-06-30", "missing", "impact_confirmation", nil, nil),
        (dossier(submitted: "2026-06-20"), "2026-06-19", "pending", "", 10, nil),        // submitted after D: not yet
        (dossier(submitted: "1999-12-31"), "2026-06-30", "missing", "", nil, nil),        // outside 2000–2100: not submitted
        (dossier("giay_khen", submitted: "2026-06-01", parts: [false, false, false, false]), "2026-07-01", "unit_level", "", nil, "2026-06-01"),
    ])
    func dossiers(_ d: DossierInput, asOf: String, status: String, missing: String, daysLeft: Int?, submitted: String?) {
        let rules = DossierRules(deadline: TP.iso("2026-06-29"), parts: ["proposal", "minutes", "achievement_report", "impact_confirmation"],
                                 decidedAtUnit: ["giay_khen"])
        let out = PlanDossiers.statuses([d], rules: rules, asOf: TP.iso(asOf))
        #expect(out.count == 1)
        let s = out[0].1
        #expect(s.status.rawValue == status && s.missingParts.joined(separator: ";") == missing)
        #expect(s.daysLeft == daysLeft && s.submittedOn == submitted.map(TP.iso))
    }

    @Test("dossier parts: only the plan's parts are required, missing_parts in their order")
    func dossierParts() {
        let rules = DossierRules(deadline: TP.iso("2026-06-29"), parts: ["proposal", "achievement_report"], decidedAtUnit: [])
        let s = PlanDossiers.status(Self.dossier("giay_khen", submitted: "2026-06-01", parts: [true, false, false, false]),
                                    rules: rules, asOf: TP.iso("2026-07-01"))
        #expect(s.status == .incomplete && s.missingParts == ["achievement_report"])
    }
}
