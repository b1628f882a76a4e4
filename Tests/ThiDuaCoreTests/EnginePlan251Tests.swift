import Foundation
import Testing
import ThiDuaConfig
@testable import ThiDuaCore

/// Plan 251 written as a typed plan (§19) and evaluated by the generic engine gives today's figures:
/// compared with today's plan-251 Core (Evaluation/Computation) on generated organisations, counts
/// and staff, at as-of days before, during and after the period.
@Suite("engine: plan 251 as a typed plan reproduces today's figures (PLAN-LANGUAGE.md §19, §22 decided 10)")
struct EnginePlan251Tests {
    /// SplitMix64: a small deterministic generator, so a failing seed can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct World {
        var units: [ThiDuaCore.Unit] = []
        var legacyCounts: [String: UnitCounts] = [:]
        var facts: [String: UnitFacts] = [:]
        var legacyStaff: [StaffFacts] = []
        var staff: [StaffRow] = []
    }

    /// Headcounts ≡ 1 (mod 64), at most a few per scope: no member's biên chế is a multiple of 32, so
    /// no composite lies on an exact half of the 4th decimal (where the two may differ, decided 2).
    static func world(seed: UInt64, asOf: Day, plan: Plan) -> World {
        var g = Seeded(state: seed)
        func r(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &g) }
        func chance(_ p: Int) -> Bool { r(1...100) <= p }
        let end = min(asOf, TP.iso("2026-06-30"))
        func someDay(from: String = "2025-10-01", to: Day) -> Day? {
            let f = TP.iso(from)
            return f <= to ? f.adding(days: r(0...f.days(to: to))) : nil
        }
        func headcount() -> Int? { chance(8) ? [nil, 0, -4][r(0...2)] : 1 + 64 * r(0...8) }
        var w = World()
        var ids: [String] = []
        for i in 1...r(1...4) { w.units.append(TP.unit("s\(i)", "spp_unit", headcount: headcount())); ids.append("s\(i)") }
        for p in 1...r(1...3) {
            w.units.append(TP.unit("p\(p)", "provincial", headcount: headcount())); ids.append("p\(p)")
            for c in 0..<r(0...3) {
                let id = "p\(p)-\(c)"
                w.units.append(TP.unit(id, chance(50) ? "department" : "regional", parent: chance(5) ? "s1" : "p\(p)", headcount: headcount()))
                ids.append(id)
            }
        }
        if chance(20) { w.units.append(TP.unit("x", "mystery", headcount: 1)); ids.append("x") }
        for id in ids {
            var c = UnitCounts()
            var f = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
            func set(_ measure: String, _ v: Int) { f.counts[Plan251.m(measure)] = v }
            // Sound data: a done count never exceeds its total (their SQL conditions are nested), so the
            // only impossible rate is level5 over biên chế (today's and the engine's agree there;
            // an impossible e2e rate would differ on purpose, decided 1).
            c.e2eTotal = r(0...20); c.e2eDone = r(0...c.e2eTotal)
            c.retroTotal = r(0...20); c.retroEntered = r(0...c.retroTotal)
            c.qualityTotal = r(0...20); c.qualityClean = r(0...c.qualityTotal)
            c.missingFieldRecords = r(0...5); c.errorRecords = r(0...5); c.staleRecords = r(0...5)
            c.docsTotal = r(0...20); c.docsSigned = r(0...c.docsTotal); c.docsElectronic = r(0...c.docsTotal)
            c.qlahsTrainings = r(0...3); c.aiTrainings = r(0...3)
            c.qlahsClassesOrSeminars = r(0...1); c.qlahsHandsOn = r(0...3); c.aiClassesOrSeminars = r(0...1)
            c.qlahsInitiatives = r(0...2); c.aiProducts = r(0...1)
            c.infraItems = r(0...4); c.infraReady = chance(50) ? c.infraItems : r(0...c.infraItems)
            c.infraCompletedRecent = r(0...2); c.infraLatestCompleted = chance(70) ? someDay(to: asOf) : nil
            c.retroEnteredRecent = r(0...3); c.retroLatestEntered = chance(70) ? someDay(to: asOf) : nil
            let windowStart = "2025-12-12"
            if c.qlahsClassesOrSeminars > 0 { c.qlahsFirstClass = someDay(from: windowStart, to: end) }
            if c.aiClassesOrSeminars > 0 { c.aiFirstClass = someDay(from: windowStart, to: end) }
            c.qlahsHandsOnDays = (0..<min(2, c.qlahsHandsOn)).compactMap { _ in someDay(from: windowStart, to: end) }.sorted()
            for (m, v) in [("e2e_total", c.e2eTotal), ("e2e_done", c.e2eDone), ("retro_total", c.retroTotal),
                           ("retro_entered", c.retroEntered), ("quality_total", c.qualityTotal), ("quality_clean", c.qualityClean),
                           ("missing_field_records", c.missingFieldRecords), ("error_records", c.errorRecords),
                           ("stale_records", c.staleRecords), ("docs_total", c.docsTotal), ("docs_signed", c.docsSigned),
                           ("docs_electronic", c.docsElectronic), ("qlahs_trainings", c.qlahsTrainings), ("ai_trainings", c.aiTrainings),
                           ("qlahs_classes", c.qlahsClassesOrSeminars), ("qlahs_hands_on", c.qlahsHandsOn),
                           ("ai_classes", c.aiClassesOrSeminars), ("qlahs_initiatives", c.qlahsInitiatives), ("ai_products", c.aiProducts),
                           ("infra_items", c.infraItems), ("infra_ready_items", c.infraReady)] { set(m, v) }
            f.latestDone[0] = c.infraLatestCompleted; f.recentDone[0] = c.infraCompletedRecent
            f.latestDone[1] = c.retroLatestEntered; f.recentDone[1] = c.retroEnteredRecent
            f.firstDays[Plan251.m("qlahs_classes")] = c.qlahsFirstClass.map { [$0] } ?? []
            f.firstDays[Plan251.m("qlahs_hands_on")] = c.qlahsHandsOnDays
            f.firstDays[Plan251.m("ai_classes")] = c.aiFirstClass.map { [$0] } ?? []
            // Now and then a unit repeats the previous one's counts: exact ties in its bloc.
            if let last = ids.firstIndex(of: id).flatMap({ $0 > 0 ? ids[$0 - 1] : nil }), chance(30),
               let lc = w.legacyCounts[last], let lf = w.facts[last] {
                c = lc
                f = lf
            }
            w.legacyCounts[id] = c
            w.facts[id] = f
        }
        for n in 0..<r(0...25) {
            let unit = chance(5) ? "ghost" : ids[r(0...(ids.count - 1))]
            let role = ["leader", "prosecutor", "inspector", "it", "other", "janitor"][r(0...5)]
            var s = StaffFacts(staffID: String(format: "st%03d", n), fullName: "Cán bộ \(n)", unitID: unit, role: role,
                               directWorker: chance(60), active: true)
            s.casesTotal = r(0...8); s.casesE2E = r(0...s.casesTotal)
            s.staleRecords = chance(70) ? 0 : r(1...2); s.errorRecords = chance(70) ? 0 : r(1...2)
            s.levelNow = chance(80) ? r(0...12) : nil; s.levelAtCutoff = chance(80) ? r(0...9) : nil
            s.studyMinutes = r(0...500); s.activeWeeks = r(0...20)
            s.firstStudy = chance(60) ? someDay(from: "2025-11-01", to: end) : nil
            s.actionsE = chance(50) ? 0 : r(1...9)
            s.trainingsLed = chance(80) ? 0 : 1; s.coreGroupMember = chance(20); s.initiativesRecognized = chance(80) ? 0 : 1
            s.disciplined = chance(8)
            w.legacyStaff.append(s)
            w.staff.append(StaffRow(staffID: s.staffID, fullName: s.fullName, unitID: s.unitID, roleText: s.roleText,
                                    directWorker: s.directWorker,
                                    values: [.int(s.casesTotal), .int(s.casesE2E), .int(s.staleRecords), .int(s.errorRecords),
                                             .int(s.levelNow), .int(s.levelAtCutoff), .int(s.studyMinutes), .int(s.activeWeeks),
                                             .int(8), .int(s.trainingsLed), .bool(s.coreGroupMember), .int(s.initiativesRecognized),
                                             .bool(s.disciplined), .date(s.firstStudy), .int(s.actionsE)]))
        }
        return w
    }

    static let asOfDays = ["2025-12-15", "2026-01-01", "2026-01-02", "2026-03-15", "2026-07-05"]

    @Test("every figure equals today's Core", arguments: 0..<60)
    func sameFigures(seed: Int) throws {
        let plan = Plan251.plan()
        let legacyPlan = PlanFile.shipped()
        let asOf = TP.iso(Self.asOfDays[seed % Self.asOfDays.count])
        let w = Self.world(seed: UInt64(seed), asOf: asOf, plan: plan)

        var old = Evaluation(units: w.units, perUnit: w.legacyCounts, window: Window(asOf: asOf, plan: legacyPlan))
        var new = PlanEvaluation(plan: plan, days: ResolvedDays(plan: plan, asOf: asOf), units: w.units)
        let owners = new.organisation.individualBlocOwner
        let oldGroups = Dictionary(grouping: w.legacyStaff) { owners[$0.unitID] ?? "~" }
        let newGroups = Dictionary(grouping: w.staff) { owners[$0.unitID] ?? "~" }
        for owner in oldGroups.keys.sorted() {
            let a = old.addStaffBloc(owner: owner == "~" ? nil : owner, staff: oldGroups[owner] ?? [])
            let b = new.addStaffBloc(owner: owner == "~" ? nil : owner, staff: newGroups[owner] ?? [])
            #expect(a.bloc == b.bloc)
            #expect(a.standings.map(\.facts.staffID) == b.standings.map(\.row.staffID))
            #expect(a.standings.map(\.score) == b.standings.map(\.score))
            #expect(a.standings.map(\.rank) == b.standings.map(\.rank))
            #expect(a.nominations == b.nominations)
        }
        let o = old.finish(anomalies: [])
        let n = new.finish(unitFacts: w.facts, anomalies: [])
        #expect(o.standings.count == n.members.count)
        let criteria = plan.criteria
        func c(_ id: String) -> Int { criteria.firstIndex { $0.id == id }! }
        let rates = ["e2e", "retro", "quality", "signature", "e_record", "level5", "participation", "proficiency"].map(c)
        let ranked: [(RankedCriterion, Int)] = [(.e2e, c("e2e")), (.retro, c("retro")), (.quality, c("quality")),
                                                (.signature, c("signature")), (.level5, c("level5"))]
        for (s, f) in zip(o.standings, n.members) {
            let at = "seed \(seed) \(s.bloc) \(s.unit.id)"
            #expect(s.bloc == f.bloc && s.unit.id == f.unit.id && s.headcount == f.headcount, "\(at)")
            #expect(s.rates.map { $0.rate?.description } == rates.map { f.rates[$0]?.description }, "\(at)")
            #expect([s.e2ePriority, s.qlahsTrainingMet, s.aiTrainingMet] == [c("e2e"), c("qlahs_training"), c("ai_training")].map { f.flags[$0] }, "\(at)")
            #expect(s.composite == f.composite && s.ranks[.composite] == f.compositeRank, "\(at)")
            let points = Standings.points(s, weights: legacyPlan.compositeWeights).map { Score.rounded($0.points) }
            #expect(points == f.points, "\(at)")
            for (rc, i) in ranked {
                #expect(s.ranks[rc] == f.ranks[i] && s.toFirst(rc) == f.toFirst[i], "\(at) \(rc)")
            }
            #expect(s.e2eToPriority(legacyPlan) == f.toPriority[c("e2e")], "\(at)")
            #expect(s.retroToFull == f.toFull[c("retro")] && s.participationToFull == f.toFull[c("participation")], "\(at)")
            #expect([s.counts.activeStaff, s.counts.level5Staff, s.counts.participating, s.counts.leadersAndProsecutors, s.counts.proficient]
                        == ["active_staff", "level5_staff", "participating_staff", "leaders_and_prosecutors", "proficient_staff"]
                        .map { f.measures[Plan251.m($0)] }, "\(at)")
            #expect(s.counts.qlahsTrainingValue == f.measures[Plan251.m("qlahs_training_value")], "\(at)")
        }
        #expect(o.milestones.count == n.milestones.count)
        for (a, b) in zip(o.milestones, n.milestones) {
            let at = "seed \(seed) \(a.bloc) \(a.unitID) \(a.kind)"
            #expect(a.bloc == b.bloc && a.unitID == b.unitID && a.kind.rawValue == plan.milestones[b.milestone].id, "\(at)")
            #expect(a.deadline == b.deadline && a.status == b.status && a.value == b.value && a.target == b.target, "\(at)")
            #expect(a.completedOn == b.completedOn && a.projectedOn == b.projectedOn, "\(at)")
        }
        #expect(o.unitNominations == n.unitNominations)
        #expect(o.anomalies == n.anomalies)
    }

    @Test("the generated worlds reach every milestone status, impossible rates, exclusions and unit-tree anomalies")
    func coverage() {
        let plan = Plan251.plan()
        var statuses = Set<MilestoneStatus>(), problems = Set<String>(), excluded = 0, ties = 0
        for seed in 0..<60 {
            let asOf = TP.iso(Self.asOfDays[seed % Self.asOfDays.count])
            let w = Self.world(seed: UInt64(seed), asOf: asOf, plan: plan)
            let (c, boards) = TP.run(plan, asOf: asOf.description, units: w.units, facts: w.facts, staff: w.staff)
            statuses.formUnion(c.milestones.map(\.status))
            problems.formUnion(c.anomalies.map(\.problem))
            excluded += (c.unitNominations + boards.flatMap(\.nominations)).filter { $0.status == .excluded }.count
            ties += c.members.filter { m in c.members.contains { $0.bloc == m.bloc && $0.unit.id != m.unit.id && $0.compositeRank == m.compositeRank } }.count
        }
        #expect(statuses == Set(MilestoneStatus.allCases))
        #expect(problems.isSuperset(of: ["level5_above_headcount", "headcount_missing", "parent_not_provincial", "unknown_kind"]))
        #expect(excluded > 0 && ties > 0)
    }

    @Test("one small unit by hand: an SPP unit's figures as of 2026-03-15")
    func handComputed() throws {
        let plan = Plan251.plan()
        var f = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
        for (m, v) in [("e2e_total", 50), ("e2e_done", 49), ("retro_total", 10), ("retro_entered", 9), ("quality_total", 8),
                       ("quality_clean", 6), ("docs_total", 4), ("docs_signed", 3), ("qlahs_hands_on", 2), ("ai_products", 1)] {
            f.counts[Plan251.m(m)] = v
        }
        f.firstDays[Plan251.m("qlahs_hands_on")] = [TP.iso("2026-01-10"), TP.iso("2026-02-01")]
        f.recentDone[1] = 1
        let staff = [TP.person("a", unit: "s1", role: "prosecutor",
                               [.int(5), .int(5), .int(0), .int(0), .int(6), .int(5), .int(100), .int(3), .int(14), .int(0),
                                .bool(false), .int(0), .bool(false), .date(TP.iso("2026-01-05")), .int(3)]),
                     TP.person("b", unit: "s1", role: "it", direct: false,
                               [.int(0), .int(0), .int(0), .int(0), .int(nil), .int(nil), .int(0), .int(0), .int(14), .int(0),
                                .bool(true), .int(0), .bool(false), .date(nil), .int(0)])]
        let (c, boards) = TP.run(plan, asOf: "2026-03-15", units: [TP.unit("s1", "spp_unit", headcount: 4)], facts: ["s1": f], staff: staff)
        let s1 = try #require(c.members.first)
        // 30 × 49/50 + 15 × 9/10 + 15 × 6/8 + 10 × 3/4 + 15 × 1/4 (level5: 1 of biên chế 4) + 5 (2 hands-on) + 0 + 5
        // = 29.4 + 13.5 + 11.25 + 7.5 + 3.75 + 5 + 5 = 75.4
        #expect(Score.format(s1.composite) == "75.4000")
        #expect(s1.points.map { Score.format($0) } == ["29.4000", "13.5000", "11.2500", "7.5000", "3.7500", "5.0000", "0.0000", "5.0000"])
        #expect(s1.flags[0] && s1.flags[10] && !s1.flags[11])   // 49/50 ≥ 0.98; qlahs met by ⌊2/2⌋; no AI class
        #expect(s1.toPriority[0] == 0 && s1.toFull[1] == 1 && s1.toFull[15] == 1)
        // infra: nothing; retro 9/10 after its deadline; e2e 49/50 after go_live; proficiency 1/1 (a acted);
        // participation 1/2 with nobody starting in [03-02, 03-15]; qlahs reached 1 on the second hands-on day.
        #expect(c.milestones.map(\.status) == [.noData, .missed, .missed, .met, .atRisk, .met, .pending])
        #expect(c.milestones.map(\.value) == [0, 9, 49, 1, 1, 1, 0] && c.milestones.map(\.target) == [0, 10, 50, 1, 2, 1, 1])
        #expect(c.milestones[1].projectedOn == TP.iso("2026-03-29") && c.milestones[5].completedOn == TP.iso("2026-02-01"))
        // a: 40 × 5/5 + 20 (clean) + 20 × 6/10 = 72; b: 10 (core group).
        #expect(boards.first?.standings.map { Score.format($0.score) } == ["72.0000", "10.0000"])
        #expect(boards.first?.nominations.map(\.status) == [.proposed, .reserve])
    }
}
