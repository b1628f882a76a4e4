import Foundation
import Testing
import ThiDuaConfig
@testable import ThiDuaCore

let plan251 = PlanFile.shipped()
func day(_ s: String) -> Day { Day(iso: s)! }

@Suite("quotas, shortlist, dossiers (SPEC §4.7, §4.8)")
struct AwardTests {
    @Test("individual quota by subtree headcount", arguments: [(1, 3), (299, 3), (300, 5), (500, 5), (501, 8), (5000, 8)])
    func individualQuota(headcount: Int, quota: Int) {
        #expect(plan251.quotas.individualProvincial(headcount: headcount) == quota)
        let p = Unit(id: "p", name: "P", kindText: "provincial", parentID: nil, headcount: 10)
        #expect(Shortlist.individualQuota(owner: p, subtreeHeadcount: headcount, quotas: plan251.quotas) == quota)
        let s = Unit(id: "s", name: "S", kindText: "spp_unit", parentID: nil, headcount: headcount)
        #expect(Shortlist.individualQuota(owner: s, subtreeHeadcount: headcount, quotas: plan251.quotas) == 1)
    }

    @Test("collective quota is ⌊10% × members⌋", arguments: [(34, 3), (27, 2), (9, 0), (10, 1), (19, 1), (20, 2)])
    func collectiveQuota(members: Int, quota: Int) {
        #expect(plan251.quotas.collective(members: members) == quota)
    }

    func facts(_ id: String, direct: Bool = true, e2e: Int = 0, disciplined: Bool = false, level: Int? = nil) -> StaffFacts {
        var f = StaffFacts(staffID: id, fullName: "Cán bộ \(id)", unitID: "u", role: "prosecutor", directWorker: direct, active: true)
        f.casesE2E = e2e
        f.casesTotal = e2e
        f.disciplined = disciplined
        f.levelNow = level
        return f
    }

    @Test("individual score, ties share a rank, direct workers first, discipline excludes with a reason")
    func staffShortlist() {
        let staff = [facts("a", e2e: 10), facts("b", e2e: 10), facts("c", e2e: 5, level: 10), facts("d", direct: false, e2e: 10),
                     facts("e", e2e: 20, disciplined: true)]
        let standings = Individuals.standings(bloc: .staff("u"), staff: staff, plan: plan251)
        let byID = Dictionary(uniqueKeysWithValues: standings.map { ($0.facts.staffID, $0) })
        // 40 × 10/20 + 20 (clean, cases > 0) = 40; c: 40 × 5/20 + 20 + 20 × 10/10 = 50; e: 40 + 20 = 60.
        #expect(byID["a"]?.score == 40)
        #expect(byID["c"]?.score == 50)
        #expect(byID["e"]?.score == 60)
        #expect(byID["a"]?.rank == 3 && byID["b"]?.rank == 3 && byID["d"]?.rank == 3)
        let list = Shortlist.staff(bloc: .staff("u"), standings: standings, quota: 2)
        #expect(list.map(\.nomineeID) == ["c", "a", "b", "d", "e"])
        #expect(list.map(\.status) == [.proposed, .proposed, .reserve, .reserve, .excluded])
        #expect(list.map(\.position) == [1, 2, 3, 4, nil])
        #expect(list.last?.reason == "discipline")
    }

    @Test("units: priority first, then composite; a unit with disciplined staff in its scope is excluded")
    func unitShortlist() {
        func member(_ id: String, scope: [String]) -> BlocMember {
            BlocMember(unit: Unit(id: id, name: id, kindText: "provincial", parentID: nil, headcount: 10), scope: scope, headcount: 10)
        }
        let members = (1...12).map { member("p\($0)", scope: ["p\($0)", "p\($0)-d1"]) }
        let bloc = Bloc(id: .provincial, members: members)
        var standings: [UnitStanding] = []
        for (i, m) in members.enumerated() {
            var c = UnitCounts()
            c.e2eTotal = 100
            c.e2eDone = i == 11 ? 98 : 90 + i / 2
            standings.append(Standings.standing(bloc: .provincial, member: m, counts: c, plan: plan251))
        }
        let list = Shortlist.units(bloc: bloc, standings: standings, unitsWithDiscipline: ["p10-d1"], quotas: plan251.quotas)
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
        let deadline = plan251.dossierDeadline
        #expect(Dossiers.status(dossier(submitted: "2026-06-29"), asOf: day("2026-06-30"), deadline: deadline).status == .accepted)
        let inc = Dossiers.status(dossier(submitted: "2026-06-01", all: false), asOf: day("2026-06-30"), deadline: deadline)
        #expect(inc.status == .incomplete)
        #expect(inc.missingParts == ["minutes", "impact_confirmation"])
        #expect(Dossiers.status(dossier(submitted: "2026-06-30"), asOf: day("2026-07-01"), deadline: deadline).status == .lateRejected)
        let before = Dossiers.status(dossier(submitted: nil), asOf: day("2026-06-28"), deadline: deadline)
        #expect(before.status == .pending && before.daysLeft == 1)
        let on = Dossiers.status(dossier(submitted: nil), asOf: day("2026-06-29"), deadline: deadline)
        #expect(on.status == .pending && on.daysLeft == 0)
        #expect(Dossiers.status(dossier(submitted: nil), asOf: day("2026-06-30"), deadline: deadline).status == .missing)
        // Submitted after D: not submitted yet as of D.
        let replay = Dossiers.status(dossier(submitted: "2026-06-20"), asOf: day("2026-06-10"), deadline: deadline)
        #expect(replay.status == .pending && replay.submittedOn == nil)
        #expect(Dossiers.status(dossier(level: "giay_khen", submitted: nil), asOf: day("2026-07-01"), deadline: deadline).status == .unitLevel)
    }
}

@Suite("milestones (SPEC §4.6)")
struct MilestoneTests {
    func rows(_ asOf: String, _ edit: (inout UnitCounts) -> Void) -> [LegacyMilestoneKind: MilestoneRow] {
        var c = UnitCounts()
        edit(&c)
        let r = Milestones.rows(bloc: .spp, unitID: "u", counts: c, window: Window(asOf: day(asOf), plan: plan251))
        #expect(r.count == 7)
        return Dictionary(uniqueKeysWithValues: r.map { ($0.kind, $0) })
    }

    @Test("infrastructure: before the deadline pending or at risk by pace, then met, met late or missed")
    func infra() {
        // 14-day pace: 2 items in [D−13, D], 2 remaining → projected D + 14.
        let early = rows("2025-12-01") { $0.infraItems = 4; $0.infraReady = 2; $0.infraCompletedRecent = 2 }
        #expect(early[.infraReady]?.status == .pending)
        #expect(early[.infraReady]?.projectedOn == day("2025-12-15"))
        let exact = rows("2025-12-05") { $0.infraItems = 4; $0.infraReady = 2; $0.infraCompletedRecent = 2 }
        #expect(exact[.infraReady]?.projectedOn == day("2025-12-19"), "projection exactly on the deadline")
        #expect(exact[.infraReady]?.status == .pending)
        let risky = rows("2025-12-06") { $0.infraItems = 4; $0.infraReady = 2; $0.infraCompletedRecent = 2 }
        #expect(risky[.infraReady]?.status == .atRisk)
        let stalled = rows("2025-12-01") { $0.infraItems = 4; $0.infraReady = 2; $0.infraCompletedRecent = 0 }
        #expect(stalled[.infraReady]?.status == .atRisk)
        #expect(stalled[.infraReady]?.projectedOn == nil)
        let onDeadline = rows("2025-12-19") { $0.infraItems = 4; $0.infraReady = 3; $0.infraCompletedRecent = 3 }
        // On the deadline day anything left projects past it: at risk (1 × 14 / 3 → 5 days).
        #expect(onDeadline[.infraReady]?.status == .atRisk)
        #expect(onDeadline[.infraReady]?.projectedOn == day("2025-12-24"))
        let dayAfter = rows("2025-12-20") { $0.infraItems = 4; $0.infraReady = 3; $0.infraCompletedRecent = 3 }
        #expect(dayAfter[.infraReady]?.status == .missed)
        let met = rows("2026-01-10") { $0.infraItems = 4; $0.infraReady = 4; $0.infraLatestCompleted = day("2025-12-19") }
        #expect(met[.infraReady]?.status == .met)
        let late = rows("2026-01-10") { $0.infraItems = 4; $0.infraReady = 4; $0.infraLatestCompleted = day("2025-12-20") }
        #expect(late[.infraReady]?.status == .metLate)
        #expect(late[.infraReady]?.completedOn == day("2025-12-20"))
        #expect(rows("2026-01-10") { _ in }[.infraReady]?.status == .noData)
    }

    @Test("retro entry, e2e_full, proficiency, participation and trainings")
    func others() {
        let r = rows("2026-01-02") { c in
            c.retroTotal = 10; c.retroEntered = 10; c.retroLatestEntered = day("2026-01-01")
            c.e2eTotal = 5; c.e2eDone = 5
            c.leadersAndProsecutors = 3; c.proficient = 2
            c.activeStaff = 4; c.participating = 4; c.latestFirstStudy = day("2025-12-01")
            c.qlahsHandsOnDays = [day("2025-12-20"), day("2025-12-28")]; c.qlahsHandsOn = 2
        }
        #expect(r[.retroEntry]?.status == .met)
        #expect(r[.e2eFull]?.status == .met)
        #expect(r[.proficiency]?.status == .missed)
        #expect(r[.luyenaiParticipation]?.status == .met)
        #expect(r[.qlahsTraining]?.status == .met)
        #expect(r[.qlahsTraining]?.completedOn == day("2025-12-28"), "the second hands-on round reaches 1")
        #expect(r[.aiTraining]?.status == .pending)
        let before = rows("2025-12-31") { c in c.e2eTotal = 0; c.leadersAndProsecutors = 2; c.proficient = 1 }
        #expect(before[.e2eFull]?.status == .pending)
        #expect(before[.proficiency]?.status == .pending)
        #expect(before[.retroEntry]?.status == .notApplicable)
        #expect(rows("2026-01-01") { _ in }[.e2eFull]?.status == .noData)
        let e2eMissed = rows("2026-02-01") { c in c.e2eTotal = 100; c.e2eDone = 99 }
        #expect(e2eMissed[.e2eFull]?.status == .missed)
        let afterEnd = rows("2026-07-01") { c in c.aiClassesOrSeminars = 1; c.aiFirstClass = day("2026-06-30") }
        #expect(afterEnd[.aiTraining]?.status == .met)
        #expect(afterEnd[.qlahsTraining]?.status == .missed)
    }

    @Test("qlahs training on a whole scope: hands-on rounds are summed before halving, as qlahs_training_met")
    func handsOnOverScope() {
        var a = UnitCounts(), b = UnitCounts()
        a.qlahsHandsOn = 1; a.qlahsHandsOnDays = [day("2026-02-01")]
        b.qlahsHandsOn = 1; b.qlahsHandsOnDays = [day("2026-03-05")]
        var scope = UnitCounts()
        scope.add(a); scope.add(b)
        #expect(scope.qlahsTrainingValue == 1, "one round in each of two units is two rounds on the scope")
        let w = Window(asOf: day("2026-04-01"), plan: plan251)
        let r = Dictionary(uniqueKeysWithValues: Milestones.rows(bloc: .provincial, unitID: "P", counts: scope, window: w).map { ($0.kind, $0) })
        #expect(r[.qlahsTraining]?.status == .met)
        #expect(r[.qlahsTraining]?.completedOn == day("2026-03-05"))
        let member = BlocMember(unit: ThiDuaCore.Unit(id: "P", name: "P", kindText: "provincial", parentID: nil, headcount: 10), scope: ["P"], headcount: 10)
        #expect(Standings.standing(bloc: .provincial, member: member, counts: scope, plan: plan251).qlahsTrainingMet)
    }

    @Test("an impossible rate is kept, capped in the composite, unranked, and listed once as an anomaly")
    func impossibleRate() {
        func member(_ id: String, _ h: Int) -> ThiDuaCore.Unit { ThiDuaCore.Unit(id: id, name: id, kindText: "spp_unit", parentID: nil, headcount: h) }
        var bad = UnitCounts(); bad.level5Staff = 19
        var good = UnitCounts(); good.level5Staff = 3
        var full = UnitCounts(); full.level5Staff = 4
        let units = [member("A", 1), member("B", 4), member("C", 4)]
        let w = Window(asOf: day("2026-11-28"), plan: plan251)
        let c = Computation(units: units, perUnit: ["A": bad, "B": good, "C": full], staff: [], anomalies: [], window: w)
        let byID = Dictionary(uniqueKeysWithValues: c.standings.map { ($0.unit.id, $0) })
        #expect(byID["A"]?.level5Rate == Fraction(19, 1), "the CSV keeps the computed value")
        #expect(byID["A"]?.ranks[.level5] == nil, "no rank for the impossible criterion")
        #expect(byID["C"]?.ranks[.level5] == 1, "the best possible rate leads")
        #expect(byID["B"]?.ranks[.level5] == 2)
        #expect(byID["A"]?.composite == byID["C"]?.composite, "capped at 1 in the composite, like a full 4/4")
        let listed = c.anomalies.filter { $0.problem == "level5_above_headcount" }
        #expect(listed.map(\.key) == ["A"])
    }
}
