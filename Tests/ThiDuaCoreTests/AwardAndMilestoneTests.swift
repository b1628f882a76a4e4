import Foundation
import Testing
@testable import ThiDuaCore

/// The shipped plan 251, as every test of plan 251's rules runs it.
let plan251 = S251.plan
func day(_ s: String) -> Day { Day(iso: s)! }

@Suite("quotas, shortlist, dossiers (SPEC §4.7, §4.8) with the shipped plan 251")
struct AwardTests {
    @Test("individual quota by subtree headcount", arguments: [(1, 3), (299, 3), (300, 5), (500, 5), (501, 8), (5000, 8)])
    func individualQuota(headcount: Int, quota: Int) {
        #expect(plan251.quotas.individualProvincial(headcount: headcount) == quota)
        // A province whose own biên chế and its department's add up to the headcount; an SPP unit of that size.
        let own = max(1, headcount / 2)
        var units = [TP.unit("p", "provincial", headcount: own), TP.unit("s", "spp_unit", headcount: headcount)]
        if headcount > own { units.append(TP.unit("p-d", "department", parent: "p", headcount: headcount - own)) }
        let staff = [S251.person("a", unit: headcount > own ? "p-d" : "p"), S251.person("b", unit: "s")]
        let (_, boards) = S251.run(asOf: "2026-03-15", units: units, staff: staff)
        #expect(boards.first { $0.bloc == .staff("p") }?.nominations.map(\.quota) == [quota])
        #expect(boards.first { $0.bloc == .staff("s") }?.nominations.map(\.quota) == [1])
    }

    @Test("collective quota is ⌊10% × members⌋", arguments: [(34, 3), (27, 2), (9, 0), (10, 1), (19, 1), (20, 2)])
    func collectiveQuota(members: Int, quota: Int) {
        #expect(plan251.quotas.collective(members: members) == quota)
        let units = (1...members).map { TP.unit(String(format: "s%02d", $0), "spp_unit") }
        let (c, _) = S251.run(asOf: "2026-03-15", units: units)
        #expect(Set(c.unitNominations.filter { $0.bloc == .spp }.map(\.quota)) == [quota])
        #expect(c.unitNominations.filter { $0.status == .proposed }.count == quota)
    }

    func person(_ id: String, direct: Bool = true, e2e: Int = 0, disciplined: Bool = false, level: Int? = nil) -> StaffRow {
        S251.person(id, unit: "u", direct: direct,
                    ["cases_e2e": .int(e2e), "cases_total": .int(e2e), "disciplined": .bool(disciplined), "level_now": .int(level)])
    }

    @Test("individual score, ties share a rank, direct workers first, discipline excludes with a reason")
    func staffShortlist() throws {
        let staff = [person("a", e2e: 10), person("b", e2e: 10), person("c", e2e: 5, level: 10), person("d", direct: false, e2e: 10),
                     person("e", e2e: 20, disciplined: true)]
        let (_, boards) = S251.run(asOf: "2026-03-15", units: [TP.unit("u", "spp_unit")], staff: staff)
        let board = try #require(boards.first { $0.bloc == .staff("u") })
        let byID = Dictionary(uniqueKeysWithValues: board.standings.map { ($0.row.staffID, $0) })
        // 40 × 10/20 + 20 (clean, cases > 0) = 40; c: 40 × 5/20 + 20 + 20 × 10/10 = 50; e: 40 + 20 = 60.
        #expect(byID["a"]?.score == 40)
        #expect(byID["c"]?.score == 50)
        #expect(byID["e"]?.score == 60)
        #expect(byID["a"]?.rank == 3 && byID["b"]?.rank == 3 && byID["d"]?.rank == 3)
        // The order with a quota of 2 (an SPP unit's own quota is 1: below).
        let list = PlanShortlist.staff(bloc: .staff("u"), standings: board.standings, plan: plan251, quota: 2)
        #expect(list.map(\.nomineeID) == ["c", "a", "b", "d", "e"])
        #expect(list.map(\.status) == [.proposed, .proposed, .reserve, .reserve, .excluded])
        #expect(list.map(\.position) == [1, 2, 3, 4, nil])
        #expect(list.last?.reason == "discipline")
        #expect(board.nominations.map(\.nomineeID) == ["c", "a", "b", "d", "e"])
        #expect(board.nominations.map(\.status) == [.proposed, .reserve, .reserve, .reserve, .excluded])
    }

    @Test("units: priority first, then composite; a unit with disciplined staff in its scope is excluded")
    func unitShortlist() {
        var units: [ThiDuaCore.Unit] = []
        var facts: [String: UnitFacts] = [:]
        for i in 0..<12 {
            units += [TP.unit("p\(i + 1)", "provincial"), TP.unit("p\(i + 1)-d1", "department", parent: "p\(i + 1)")]
            facts["p\(i + 1)"] = S251.facts(["e2e_total": 100, "e2e_done": i == 11 ? 98 : 90 + i / 2])
        }
        let staff = [S251.person("x", unit: "p10-d1", ["disciplined": .bool(true)])]
        let (c, _) = S251.run(asOf: "2026-03-15", units: units, facts: facts, staff: staff)
        let list = c.unitNominations.filter { $0.bloc == .provincial }
        #expect(list.count == 12)
        #expect(list.first?.nomineeID == "p12", "e2e_priority (98%) comes first even with a lower composite")
        #expect(list.filter { $0.status == .proposed }.count == 1)
        #expect(list.first { $0.nomineeID == "p10" }?.status == .excluded)
        #expect(list.first { $0.nomineeID == "p10" }?.reason == "discipline")
    }

    func dossier(level: String = "bang_khen", submitted: String?, all: Bool = true) -> DossierInput {
        DossierInput(dossierID: "x", nomineeKind: "unit", nomineeID: "u", awardLevel: level, submittedOn: submitted.map(day),
                     hasProposal: true, hasMinutes: all, hasAchievementReport: true, hasImpactConfirmation: all)
    }

    @Test("dossier statuses around the deadline (29/06/2026, the last day before 30/06)")
    func dossiers() {
        let rules = plan251.dossiers
        #expect(rules.deadline == day("2026-06-29"))
        func status(_ d: DossierInput, _ asOf: String) -> DossierStatus { PlanDossiers.status(d, rules: rules, asOf: day(asOf)) }
        #expect(status(dossier(submitted: "2026-06-29"), "2026-06-30").status == .accepted)
        let inc = status(dossier(submitted: "2026-06-01", all: false), "2026-06-30")
        #expect(inc.status == .incomplete)
        #expect(inc.missingParts == ["minutes", "impact_confirmation"])
        #expect(status(dossier(submitted: "2026-06-30"), "2026-07-01").status == .lateRejected)
        let before = status(dossier(submitted: nil), "2026-06-28")
        #expect(before.status == .pending && before.daysLeft == 1)
        let on = status(dossier(submitted: nil), "2026-06-29")
        #expect(on.status == .pending && on.daysLeft == 0)
        #expect(status(dossier(submitted: nil), "2026-06-30").status == .missing)
        // Submitted after D: not submitted yet as of D.
        let replay = status(dossier(submitted: "2026-06-20"), "2026-06-10")
        #expect(replay.status == .pending && replay.submittedOn == nil)
        #expect(status(dossier(level: "giay_khen", submitted: nil), "2026-07-01").status == .unitLevel)
    }
}

@Suite("milestones (SPEC §4.6) with the shipped plan 251")
struct MilestoneTests {
    /// The seven milestones of the SPP unit `u` as of a day, by milestone id.
    func rows(_ asOf: String, _ counts: [String: Int?] = [:], latest: [String: Day] = [:], recent: [String: Int] = [:],
              firstDays: [String: [Day]] = [:], staff: [StaffRow] = []) -> [String: MilestoneFigure] {
        let facts = S251.facts(counts, latest: latest, recent: recent, firstDays: firstDays)
        let (c, _) = S251.run(asOf: asOf, units: [TP.unit("u", "spp_unit")], facts: ["u": facts], staff: staff)
        let r = c.milestones("u", in: .spp)
        #expect(r.count == 7)
        return r
    }

    let infra: [String: Int?] = ["infra_items": 4, "infra_ready_items": 2]

    @Test("infrastructure: before the deadline pending or at risk by pace, then met, met late or missed")
    func infraReady() {
        // 14-day pace: 2 items in [D−13, D], 2 remaining → projected D + 14.
        let early = rows("2025-12-01", infra, recent: ["infra_ready": 2])
        #expect(early["infra_ready"]?.status == .pending)
        #expect(early["infra_ready"]?.projectedOn == day("2025-12-15"))
        let exact = rows("2025-12-05", infra, recent: ["infra_ready": 2])
        #expect(exact["infra_ready"]?.projectedOn == day("2025-12-19"), "projection exactly on the deadline")
        #expect(exact["infra_ready"]?.status == .pending)
        let risky = rows("2025-12-06", infra, recent: ["infra_ready": 2])
        #expect(risky["infra_ready"]?.status == .atRisk)
        let stalled = rows("2025-12-01", infra, recent: ["infra_ready": 0])
        #expect(stalled["infra_ready"]?.status == .atRisk)
        #expect(stalled["infra_ready"]?.projectedOn == nil)
        let three: [String: Int?] = ["infra_items": 4, "infra_ready_items": 3]
        let onDeadline = rows("2025-12-19", three, recent: ["infra_ready": 3])
        // On the deadline day anything left projects past it: at risk (1 × 14 / 3 → 5 days).
        #expect(onDeadline["infra_ready"]?.status == .atRisk)
        #expect(onDeadline["infra_ready"]?.projectedOn == day("2025-12-24"))
        let dayAfter = rows("2025-12-20", three, recent: ["infra_ready": 3])
        #expect(dayAfter["infra_ready"]?.status == .missed)
        let all: [String: Int?] = ["infra_items": 4, "infra_ready_items": 4]
        let met = rows("2026-01-10", all, latest: ["infra_ready": day("2025-12-19")])
        #expect(met["infra_ready"]?.status == .met)
        let late = rows("2026-01-10", all, latest: ["infra_ready": day("2025-12-20")])
        #expect(late["infra_ready"]?.status == .metLate)
        #expect(late["infra_ready"]?.completedOn == day("2025-12-20"))
        #expect(rows("2026-01-10")["infra_ready"]?.status == .noData)
    }

    @Test("retro entry, e2e_full, proficiency, participation and trainings")
    func others() {
        // 4 active staff, all studying by 2025-12-01; 3 leaders or prosecutors, 2 of them acting on the platform.
        let staff = [
            S251.person("l1", unit: "u", role: "leader", ["actions_30d": .int(1), "first_study": .date(day("2025-11-20"))]),
            S251.person("l2", unit: "u", role: "prosecutor", ["actions_30d": .int(1), "first_study": .date(day("2025-11-25"))]),
            S251.person("l3", unit: "u", role: "prosecutor", ["first_study": .date(day("2025-11-28"))]),
            S251.person("o1", unit: "u", role: "other", ["first_study": .date(day("2025-12-01"))]),
        ]
        let r = rows("2026-01-02", ["retro_total": 10, "retro_entered": 10, "e2e_total": 5, "e2e_done": 5, "qlahs_hands_on": 2],
                     latest: ["retro_entry": day("2026-01-01")], firstDays: ["qlahs_hands_on": [day("2025-12-20"), day("2025-12-28")]],
                     staff: staff)
        #expect(r["retro_entry"]?.status == .met)
        #expect(r["e2e_full"]?.status == .met)
        #expect(r["proficiency"]?.status == .missed)
        #expect(r["proficiency"].map { [$0.value, $0.target] } == [2, 3])
        #expect(r["luyenai_participation"]?.status == .met)
        #expect(r["luyenai_participation"]?.completedOn == day("2025-12-01"))
        #expect(r["qlahs_training"]?.status == .met)
        #expect(r["qlahs_training"]?.completedOn == day("2025-12-28"), "the second hands-on round reaches 1")
        #expect(r["ai_training"]?.status == .pending)
        let leaders = [S251.person("l1", unit: "u", role: "leader", ["actions_30d": .int(1)]),
                       S251.person("l2", unit: "u", role: "prosecutor")]
        let before = rows("2025-12-31", ["e2e_total": 0], staff: leaders)
        #expect(before["e2e_full"]?.status == .pending)
        #expect(before["proficiency"]?.status == .pending)
        #expect(before["retro_entry"]?.status == .notApplicable)
        #expect(rows("2026-01-01")["e2e_full"]?.status == .noData)
        let e2eMissed = rows("2026-02-01", ["e2e_total": 100, "e2e_done": 99])
        #expect(e2eMissed["e2e_full"]?.status == .missed)
        let afterEnd = rows("2026-07-01", ["ai_classes": 1], firstDays: ["ai_classes": [day("2026-06-30")]])
        #expect(afterEnd["ai_training"]?.status == .met)
        #expect(afterEnd["qlahs_training"]?.status == .missed)
    }

    @Test("qlahs training on a whole scope: hands-on rounds are summed before halving, as qlahs_training_met")
    func handsOnOverScope() throws {
        let units = [TP.unit("P", "provincial"), TP.unit("a", "department", parent: "P"), TP.unit("b", "regional", parent: "P")]
        let facts = ["a": S251.facts(["qlahs_hands_on": 1], firstDays: ["qlahs_hands_on": [day("2026-02-01")]]),
                     "b": S251.facts(["qlahs_hands_on": 1], firstDays: ["qlahs_hands_on": [day("2026-03-05")]])]
        let (c, _) = S251.run(asOf: "2026-04-01", units: units, facts: facts)
        let p = try #require(c.member("P", in: .provincial))
        #expect(p.measure(of: "qlahs_training_value") == 1, "one round in each of two units is two rounds on the scope")
        let r = c.milestones("P", in: .provincial)
        #expect(r["qlahs_training"]?.status == .met)
        #expect(r["qlahs_training"]?.completedOn == day("2026-03-05"))
        #expect(p.flag(of: "qlahs_training"))
        // Each sub-unit alone has one round: not met.
        #expect(c.member("a", in: .sub("P"))?.flag(of: "qlahs_training") == false)
        #expect(c.milestones("a", in: .sub("P"))["qlahs_training"]?.status == .pending)
    }

    @Test("an impossible rate is kept, capped in the composite, unranked, and listed once as an anomaly")
    func impossibleRate() {
        let units = [TP.unit("A", "spp_unit", headcount: 1), TP.unit("B", "spp_unit", headcount: 4), TP.unit("C", "spp_unit", headcount: 4)]
        let level5: [String: MetricValue] = ["level_cutoff": .int(5)]
        let staff = S251.people(19, unit: "A", level5) + S251.people(3, unit: "B", level5) + S251.people(4, unit: "C", level5)
        let (c, _) = S251.run(asOf: "2026-11-28", units: units, staff: staff)
        let byID = Dictionary(uniqueKeysWithValues: c.members.map { ($0.unit.id, $0) })
        #expect(byID["A"]?.rate(of: "level5") == Fraction(19, 1), "the CSV keeps the computed value")
        #expect(byID["A"]?.rank(of: "level5") == nil, "no rank for the impossible criterion")
        #expect(byID["C"]?.rank(of: "level5") == 1, "the best possible rate leads")
        #expect(byID["B"]?.rank(of: "level5") == 2)
        #expect(byID["A"]?.composite == byID["C"]?.composite, "capped at 1 in the composite, like a full 4/4")
        #expect(byID["A"]?.composite == 15)
        let listed = c.anomalies.filter { $0.problem == "level5_above_headcount" }
        #expect(listed.map(\.key) == ["A"])
    }
}
