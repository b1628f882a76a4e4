import Foundation
import TestSupport
@testable import ThiDuaCore
@testable import ThiDuaReport

/// The page renderer tests' pseudo-random source: TestSupport's SplitMix64 with a few helpers.
typealias SeededRandom = SeededGenerator

extension SeededGenerator {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Page inputs for any plan, with figures of every kind a page shows: empty and impossible
/// rates, every milestone status, nominations of every status, dossiers, anomalies, records to
/// fix, an earlier run, leaders, and names that need escaping.
enum PageInputs {
    static let hostile = "<script>alert('x')</script> & \"Phòng\" <b>đậm</b>\u{1B}[31m"

    /// The plan's pages on made-up figures; a plan without `output.chart` charts its first ranked
    /// rate (as both shipped plan files do), so the pages have bars and sparklines.
    static func input(_ plan: Plan, asOf: String, seed: UInt64 = 24) -> PlanReportInput {
        var rng = SeededRandom(seed: seed)
        var plan = plan
        if plan.output.chart == nil { plan.output.chart = plan.criteria.firstIndex { $0.rate?.rank == true } }
        let provinces = ["P1", "P2"]
        var units: [(BlocID, ThiDuaCore.Unit)] = (1...6).map { i -> (BlocID, ThiDuaCore.Unit) in
            (BlocID.spp, ThiDuaCore.Unit(id: "S\(i)", name: i == 2 ? hostile : "Vụ số \(i)", kindText: "spp_unit", parentID: nil, headcount: 10 + i))
        }
        for p in provinces {
            units.append((BlocID.provincial, ThiDuaCore.Unit(id: p, name: "VKSND tỉnh \(p)", kindText: "provincial", parentID: nil, headcount: 200)))
            for r in 1...2 {
                units.append((BlocID.sub(p), ThiDuaCore.Unit(id: "\(p)-r\(r)", name: "VKSND khu vực \(r) – \(p)", kindText: "regional", parentID: p, headcount: 30)))
            }
        }
        var members: [MemberFigures] = []
        for (n, bu) in units.enumerated() {
            let rank: Int? = n % 5 == 4 ? nil : n % 4 + 1
            members.append(member(plan, bu.0, bu.1, rank: rank, &rng))
        }
        let statuses = MilestoneStatus.allCases
        var milestones: [MilestoneFigure] = []
        for (n, m) in members.enumerated() where n % 3 != 2 {
            for (j, ms) in plan.milestones.enumerated() {
                let status = statuses[(n + j) % statuses.count]
                milestones.append(MilestoneFigure(bloc: m.bloc, unitID: m.unit.id, milestone: j, deadline: ms.deadline,
                                                  status: status, value: rng.int(0...40), target: 40,
                                                  completedOn: status == .met ? isoDay("2026-02-01") : nil,
                                                  projectedOn: status == .atRisk ? isoDay("2026-07-09") : nil))
            }
        }
        let reasons = plan.eligibility.map(\.reason)
        var unitNoms: [Nomination] = []
        for (n, m) in members.enumerated() {
            let position: Int? = n % 4 == 3 ? nil : n % 3 + 1
            let reason: String? = n % 3 == 2 ? reasons.first : nil
            unitNoms.append(Nomination(bloc: m.bloc, nomineeKind: .unit, nomineeID: m.unit.id, nomineeName: m.unit.name, quota: 1,
                                       position: position, status: Nomination.Status.allCases[n % 3], reason: reason))
        }
        var staffNoms: [Nomination] = []
        for k in 0..<6 {
            let position: Int? = k < 3 ? k + 1 : nil
            let reason: String? = k < 3 ? nil : (reasons.first ?? "x")
            let status: Nomination.Status = k < 3 ? .proposed : .excluded
            staffNoms.append(Nomination(bloc: .staff("S1"), nomineeKind: .staff, nomineeID: "k\(k)", nomineeName: k == 1 ? hostile : "Cán bộ \(k)",
                                        quota: 2, position: position, status: status, reason: reason))
        }
        var dossiers: [(DossierInput, DossierStatus)] = []
        for (n, s) in DossierStatus.Status.allCases.enumerated() {
            let submitted: Day? = n % 2 == 0 ? isoDay("2026-03-01") : nil
            let input = DossierInput(dossierID: "d\(n)", nomineeKind: n % 2 == 0 ? "unit" : "staff", nomineeID: n % 2 == 0 ? "S1" : "k1",
                                     awardLevel: n == 3 ? "<b>lạ</b>" : "bang_khen", submittedOn: submitted,
                                     hasProposal: true, hasMinutes: n % 2 == 0, hasAchievementReport: false, hasImpactConfirmation: false)
            let daysLeft: Int? = n == 1 ? nil : 30 - n
            dossiers.append((input, DossierStatus(status: s, missingParts: n % 2 == 0 ? [] : ["minutes"], daysLeft: daysLeft, submittedOn: nil)))
        }
        var quality = PlanQualitySummary(plan: plan)
        for i in 0..<25 where !plan.recordsToFix.isEmpty {
            let unit = i < 22 ? "S1" : "P1"
            let problems = [i % plan.recordsToFix.count]
            quality.add(unit: unit, problems: problems, shown: .init(caseID: i == 0 ? hostile : "c\(i)", prosecutorID: "k\(i % 5)",
                                                                    acceptedOn: isoDay("2026-01-0\(i % 9 + 1)"), problems: problems,
                                                                    lastUpdatedOn: i % 2 == 0 ? nil : isoDay("2026-02-02")))
        }
        var collector = PlanPageCollector(plan: plan, dossierNominees: ["k1"])
        for unit in ["S1", "S2", "P1", "P1-r1"] {
            let staff = (0..<7).map { k in
                StaffFigures(bloc: .staff(unit), row: StaffRow(staffID: k == 1 && unit == "S1" ? "k1" : "\(unit)-k\(k)",
                                                               fullName: k == 2 ? hostile : "Cán bộ \(unit) \(k)", unitID: unit,
                                                               roleText: "prosecutor", directWorker: k % 2 == 0,
                                                               values: plan.metrics.map { metricValue($0, &rng) }),
                             whenHolds: plan.score.map { _ in rng.chance(0.5) }, score: Decimal(rng.int(0...10_000)) / 100, rank: nil)
            }
            collector.add(bloc: .staff(unit), staff: staff)
        }
        var points: [PlanHistory.Key: PlanHistory.Point] = [:]
        for (n, m) in members.enumerated() where n % 4 != 1 {
            points[PlanHistory.Key(bloc: m.bloc, unit: m.unit.id)] = .init(rate: Fraction(rng.int(0...30), 30), compositeRank: n % 5 == 0 ? nil : n % 6 + 1)
        }
        let history = PlanHistory(runs: [PlanHistory.Run(day: isoDay("2026-02-01"), points: points),
                                         PlanHistory.Run(day: isoDay("2026-03-01"), points: points)])
        return PlanReportInput(
            plan: plan, days: ResolvedDays(plan: plan, asOf: isoDay(asOf)), members: members, milestones: milestones,
            unitNominations: unitNoms, staffNominations: staffNoms, dossiers: dossiers,
            anomalies: [Anomaly(relation: "unit", key: "S3", problem: "rate_above_one", detail: "bloc=spp 12/10"),
                        Anomaly(relation: "case_record", key: hostile, problem: "<odd>", detail: hostile)],
            quality: quality, history: history, staff: collector, generatedAt: Date(timeIntervalSince1970: 1_780_000_000))
    }

    static func member(_ plan: Plan, _ bloc: BlocID, _ unit: ThiDuaCore.Unit, rank: Int?, _ rng: inout SeededRandom) -> MemberFigures {
        var f = MemberFigures(bloc: bloc, unit: unit, headcount: unit.headcount, provinceID: unit.parentID,
                              measures: plan.measures.map { _ in rng.chance(0.1) ? nil : rng.int(0...60) },
                              criteria: plan.criteria.count, parts: plan.composite.count)
        for (i, c) in plan.criteria.enumerated() {
            if c.rate != nil, !rng.chance(0.15) {
                let d = rng.int(1...50), n = rng.chance(0.1) ? d + 3 : rng.int(0...d)
                f.rates[i] = Fraction(n, d)
                f.impossible[i] = n > d
                f.ranks[i] = rng.chance(0.8) ? rng.int(1...6) : nil
                f.toPriority[i] = rng.chance(0.7) ? rng.int(0...9) : nil
                f.toFull[i] = rng.chance(0.7) ? rng.int(0...9) : nil
                f.toFirst[i] = rng.chance(0.7) ? rng.int(0...9) : nil
            }
            f.flags[i] = rng.chance(0.5)
        }
        f.composite = Decimal(rng.int(0...1_000_000)) / 10_000
        f.compositeRank = rank
        return f
    }

    static func metricValue(_ m: StaffMetric, _ rng: inout SeededRandom) -> MetricValue {
        switch m.kind {
        case .exists: return .bool(rng.chance(0.6))
        case .firstDay: return .date(rng.chance(0.3) ? nil : isoDay("2026-01-1\(rng.int(0...9))"))
        default: return .int(rng.chance(0.1) ? nil : rng.int(0...20))
        }
    }
}
