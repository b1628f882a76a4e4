import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore

/// Plan 251 on generated organisations, counts and staff, at as-of days before, during and after the
/// period: the shipped plan file (read by the checker) evaluates exactly like §19 typed by hand
/// (`Plan251`, which matched 0.4.0's plan-251 Core figure for figure before that Core was removed),
/// and every figure keeps the invariants of PLAN-LANGUAGE.md §8–§14 (EnginePlan251Invariants.swift).
@Suite("engine: plan 251 on generated worlds (PLAN-LANGUAGE.md §19, §22 decided 10)")
struct EnginePlan251Tests {

    struct World {
        var units: [ThiDuaCore.Unit] = []
        var facts: [String: UnitFacts] = [:]
        var staff: [StaffRow] = []
    }

    /// A world for plan 251's measures and metrics (both plans list them in the same order).
    static func world(seed: UInt64, asOf: Day) -> World {
        let plan = S251.plan
        var g = SeededGenerator(seed: seed)  // SplitMix64: a failing seed replays
        func r(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &g) }
        func chance(_ p: Int) -> Bool { r(1...100) <= p }
        let end = min(asOf, TP.iso("2026-06-30"))
        func someDay(from: String = "2025-10-01", to: Day) -> Day? {
            let f = TP.iso(from)
            return f <= to ? f.adding(days: r(0...f.days(to: to))) : nil
        }
        // Small biên chế now and then, so that a unit may count more level-5 staff than it has.
        func headcount() -> Int? { chance(8) ? [nil, 0, -4][r(0...2)] : chance(30) ? r(1...3) : r(4...600) }
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
        for (n, id) in ids.enumerated() {
            var f = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
            func set(_ measure: String, _ v: Int) { f.counts[S251.m(measure)] = v }
            func pair(_ total: String, _ part: String...) {
                let t = r(0...20)
                set(total, t)
                // Now and then impossible data (a part above its total): the rate is kept, never priority, listed.
                for p in part { set(p, chance(3) ? t + r(1...3) : r(0...t)) }
            }
            pair("e2e_total", "e2e_done")
            pair("retro_total", "retro_entered")
            pair("quality_total", "quality_clean")
            pair("docs_total", "docs_signed", "docs_electronic")
            for (m, top) in [("missing_field_records", 5), ("error_records", 5), ("stale_records", 5), ("retro_not_entered", 5),
                             ("qlahs_trainings", 3), ("ai_trainings", 3), ("qlahs_classes", 1), ("qlahs_hands_on", 3),
                             ("ai_classes", 1), ("qlahs_initiatives", 2), ("ai_products", 1), ("infra_items", 4)] {
                set(m, r(0...top))
            }
            let items = f.counts[S251.m("infra_items")] ?? 0
            set("infra_ready_items", chance(50) ? items : r(0...items))
            f.latestDone[S251.ms("infra_ready")] = chance(70) ? someDay(to: asOf) : nil
            f.recentDone[S251.ms("infra_ready")] = r(0...2)
            f.latestDone[S251.ms("retro_entry")] = chance(70) ? someDay(to: asOf) : nil
            f.recentDone[S251.ms("retro_entry")] = r(0...3)
            let windowStart = "2025-12-12"
            let first = { (m: String, k: Int) in
                (0..<min(k, f.counts[S251.m(m)].flatMap { $0 } ?? 0)).compactMap { _ in someDay(from: windowStart, to: end) }.sorted()
            }
            f.firstDays[S251.m("qlahs_classes")] = first("qlahs_classes", 1)
            f.firstDays[S251.m("qlahs_hands_on")] = first("qlahs_hands_on", 2)
            f.firstDays[S251.m("ai_classes")] = first("ai_classes", 1)
            // Now and then a unit repeats the previous one's counts: exact ties in its bloc.
            if n > 0, chance(30), let previous = w.facts[ids[n - 1]] { f = previous }
            w.facts[id] = f
        }
        for n in 0..<r(0...25) {
            let unit = chance(5) ? "ghost" : ids[r(0...(ids.count - 1))]
            let role = ["leader", "prosecutor", "inspector", "it", "other", "janitor"][r(0...5)]
            let casesTotal = r(0...8)
            let values: [String: MetricValue] = [
                "cases_total": .int(casesTotal), "cases_e2e": .int(r(0...casesTotal)),
                "stale_records": .int(chance(70) ? 0 : r(1...2)), "error_records": .int(chance(70) ? 0 : r(1...2)),
                "level_now": .int(chance(80) ? r(0...12) : nil), "level_cutoff": .int(chance(80) ? r(0...9) : nil),
                "study_minutes": .int(r(0...500)), "active_weeks": .int(r(0...20)), "weeks_in_period": .int(8),
                "trainings_led": .int(chance(80) ? 0 : 1), "core_group_member": .bool(chance(20)),
                "initiatives_recognized": .int(chance(80) ? 0 : 1), "disciplined": .bool(chance(8)),
                "first_study": .date(chance(60) ? someDay(from: "2025-11-01", to: end) : nil), "actions_30d": .int(chance(50) ? 0 : r(1...9)),
            ]
            w.staff.append(S251.person(String(format: "st%03d", n), unit: unit, role: role, direct: chance(60), values))
        }
        return w
    }

    static let asOfDays = ["2025-12-15", "2026-01-01", "2026-01-02", "2026-03-15", "2026-07-05"]

    static func asOf(_ seed: Int) -> Day { TP.iso(asOfDays[seed % asOfDays.count]) }

    @Test("the shipped plan file gives the same figures as §19 typed by hand", arguments: 0..<60)
    func sameAsHandTyped(seed: Int) {
        let asOf = Self.asOf(seed)
        let w = Self.world(seed: UInt64(seed), asOf: asOf)
        let (a, boardsA) = TP.run(S251.plan, asOf: asOf.description, units: w.units, facts: w.facts, staff: w.staff)
        let (b, boardsB) = TP.run(Plan251.plan(), asOf: asOf.description, units: w.units, facts: w.facts, staff: w.staff)
        #expect(a.members.count == b.members.count)
        for (x, y) in zip(a.members, b.members) {
            let at = "seed \(seed) \(x.bloc) \(x.unit.id)"
            #expect(x.bloc == y.bloc && x.unit == y.unit && x.headcount == y.headcount && x.provinceID == y.provinceID, "\(at)")
            #expect(x.measures == y.measures && x.rates == y.rates && x.impossible == y.impossible && x.flags == y.flags, "\(at)")
            #expect(x.ranks == y.ranks && x.toPriority == y.toPriority && x.toFull == y.toFull && x.toFirst == y.toFirst, "\(at)")
            #expect(x.composite == y.composite && x.compositeRank == y.compositeRank && x.points == y.points, "\(at)")
        }
        #expect(a.milestones == b.milestones)
        #expect(a.unitNominations == b.unitNominations)
        #expect(a.anomalies == b.anomalies)
        #expect(boardsA.map(\.bloc) == boardsB.map(\.bloc))
        for (x, y) in zip(boardsA, boardsB) {
            #expect(x.standings.map(\.row) == y.standings.map(\.row), "seed \(seed)")
            #expect(x.standings.map(\.score) == y.standings.map(\.score) && x.standings.map(\.rank) == y.standings.map(\.rank), "seed \(seed)")
            #expect(x.standings.map(\.whenHolds) == y.standings.map(\.whenHolds), "seed \(seed)")
            #expect(x.nominations == y.nominations, "seed \(seed)")
        }
    }

    @Test("the generated worlds reach every milestone status, impossible rates, exclusions and unit-tree anomalies")
    func coverage() {
        var statuses = Set<MilestoneStatus>(), problems = Set<String>(), excluded = 0, ties = 0, priority = 0
        for seed in 0..<60 {
            let asOf = Self.asOf(seed)
            let w = Self.world(seed: UInt64(seed), asOf: asOf)
            let (c, boards) = S251.run(asOf: asOf.description, units: w.units, facts: w.facts, staff: w.staff)
            statuses.formUnion(c.milestones.map(\.status))
            problems.formUnion(c.anomalies.map(\.problem))
            excluded += (c.unitNominations + boards.flatMap(\.nominations)).filter { $0.status == .excluded }.count
            ties += c.members.filter { m in c.members.contains { $0.bloc == m.bloc && $0.unit.id != m.unit.id && $0.compositeRank == m.compositeRank } }.count
            priority += c.members.filter { $0.flag(of: "e2e") }.count
        }
        #expect(statuses == Set(MilestoneStatus.allCases))
        #expect(problems.isSuperset(of: ["level5_above_headcount", "rate_above_one", "headcount_missing", "parent_not_provincial", "unknown_kind"]))
        #expect(excluded > 0 && ties > 0 && priority > 0)
    }

    @Test("one small unit by hand: an SPP unit's figures as of 2026-03-15")
    func handComputed() throws {
        let f = S251.facts(["e2e_total": 50, "e2e_done": 49, "retro_total": 10, "retro_entered": 9, "quality_total": 8, "quality_clean": 6,
                            "docs_total": 4, "docs_signed": 3, "qlahs_hands_on": 2, "ai_products": 1],
                           recent: ["retro_entry": 1], firstDays: ["qlahs_hands_on": [TP.iso("2026-01-10"), TP.iso("2026-02-01")]])
        let staff = [S251.person("a", unit: "s1", role: "prosecutor",
                                 ["cases_total": .int(5), "cases_e2e": .int(5), "level_now": .int(6), "level_cutoff": .int(5),
                                  "study_minutes": .int(100), "active_weeks": .int(3), "weeks_in_period": .int(14),
                                  "first_study": .date(TP.iso("2026-01-05")), "actions_30d": .int(3)]),
                     S251.person("b", unit: "s1", role: "it", direct: false, ["weeks_in_period": .int(14), "core_group_member": .bool(true)])]
        let (c, boards) = S251.run(asOf: "2026-03-15", units: [TP.unit("s1", "spp_unit", headcount: 4)], facts: ["s1": f], staff: staff)
        let s1 = try #require(c.members.first)
        // 30 × 49/50 + 15 × 9/10 + 15 × 6/8 + 10 × 3/4 + 15 × 1/4 (level5: 1 of biên chế 4) + 5 (2 hands-on) + 0 + 5
        // = 29.4 + 13.5 + 11.25 + 7.5 + 3.75 + 5 + 5 = 75.4
        #expect(Score.format(s1.composite) == "75.4000")
        #expect(s1.points.map { Score.format($0) } == ["29.4000", "13.5000", "11.2500", "7.5000", "3.7500", "5.0000", "0.0000", "5.0000"])
        #expect(s1.flag(of: "e2e") && s1.flag(of: "qlahs_training") && !s1.flag(of: "ai_training"))   // 49/50 ≥ 0.98; ⌊2/2⌋; no AI class
        #expect(s1.toPriority(of: "e2e") == 0 && s1.toFull(of: "retro") == 1 && s1.toFull(of: "participation") == 1)
        // infra: nothing; retro 9/10 after its deadline; e2e 49/50 after go_live; proficiency 1/1 (a acted);
        // participation 1/2 with nobody starting in [03-02, 03-15]; qlahs reached 1 on the second hands-on day.
        #expect(c.milestones.map { S251.plan.milestones[$0.milestone].id }
                    == ["infra_ready", "retro_entry", "e2e_full", "proficiency", "luyenai_participation", "qlahs_training", "ai_training"])
        #expect(c.milestones.map(\.status) == [.noData, .missed, .missed, .met, .atRisk, .met, .pending])
        #expect(c.milestones.map(\.value) == [0, 9, 49, 1, 1, 1, 0] && c.milestones.map(\.target) == [0, 10, 50, 1, 2, 1, 1])
        #expect(c.milestones[1].projectedOn == TP.iso("2026-03-29") && c.milestones[5].completedOn == TP.iso("2026-02-01"))
        // a: 40 × 5/5 + 20 (clean) + 20 × 6/10 = 72; b: 10 (core group).
        #expect(boards.first?.standings.map { Score.format($0.score) } == ["72.0000", "10.0000"])
        #expect(boards.first?.nominations.map(\.status) == [.proposed, .reserve])
    }
}
