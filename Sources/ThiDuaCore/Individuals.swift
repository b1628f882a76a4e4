import Foundation

/// One active staff member's standing in their `staff:<unit_id>` bloc (SPEC §4.5).
public struct StaffStanding: Sendable {
    public var bloc: BlocID
    public var facts: StaffFacts
    public var score: Decimal
    public var rank: Int?
}

public enum Individuals {
    /// III.1.2, III.2.2: the individual score, 0–100, rounded half-up to 4 decimals.
    public static func score(_ f: StaffFacts, blocMaxE2E: Int, plan: LegacyPlan) -> Decimal {
        let w = plan.individualWeights
        var total = Decimal(0)
        if blocMaxE2E > 0 {
            total += (w[.casesE2E] ?? 0) * Decimal(f.casesE2E) / Decimal(blocMaxE2E)
        }
        if f.casesTotal > 0 && f.hasNoBacklogOrErrors { total += w[.cleanRecord] ?? 0 }
        let level = max(0, min(f.levelNow ?? 0, plan.levelScaleMax))
        total += (w[.level] ?? 0) * Decimal(level) / Decimal(plan.levelScaleMax)
        if f.trainingsLed >= 1 || f.coreGroupMember { total += w[.trainerOrCore] ?? 0 }
        if f.initiativesRecognized >= 1 { total += w[.initiative] ?? 0 }
        return Score.rounded(total)
    }

    /// One bloc's staff, scored and ranked (standard competition ranking on the rounded score),
    /// in listing order: rank, then staff_id.
    public static func standings(bloc: BlocID, staff: [StaffFacts], plan: LegacyPlan) -> [StaffStanding] {
        let maxE2E = staff.map(\.casesE2E).max() ?? 0
        var rows = staff.map { StaffStanding(bloc: bloc, facts: $0, score: score($0, blocMaxE2E: maxE2E, plan: plan), rank: nil) }
        let ranks = Ranking.competition(rows.map { (id: $0.facts.staffID, value: Optional($0.score)) })
        for i in rows.indices { rows[i].rank = ranks[rows[i].facts.staffID] }
        return rows.sorted { Ranking.listingOrder(($0.rank, $0.facts.staffID), ($1.rank, $1.facts.staffID)) }
    }

    /// III.1.2: the leading prosecutors of a unit page: most end-to-end cases, then no backlog or
    /// errors, then staff_id.
    public static func qlahsLeaderOrder(_ a: StaffStanding, _ b: StaffStanding) -> Bool {
        if a.facts.casesE2E != b.facts.casesE2E { return a.facts.casesE2E > b.facts.casesE2E }
        if a.facts.hasNoBacklogOrErrors != b.facts.hasNoBacklogOrErrors { return a.facts.hasNoBacklogOrErrors }
        return a.facts.staffID < b.facts.staffID
    }

    /// III.2.2: the leading learners: highest level, then most minutes, then most active weeks.
    public static func aiLeaderOrder(_ a: StaffStanding, _ b: StaffStanding) -> Bool {
        let la = a.facts.levelNow ?? -1, lb = b.facts.levelNow ?? -1
        if la != lb { return la > lb }
        if a.facts.studyMinutes != b.facts.studyMinutes { return a.facts.studyMinutes > b.facts.studyMinutes }
        if a.facts.activeWeeks != b.facts.activeWeeks { return a.facts.activeWeeks > b.facts.activeWeeks }
        return a.facts.staffID < b.facts.staffID
    }

    /// weeks_in_period: ⌈days in [period_start, E] / 7⌉.
    public static func weeksInPeriod(_ w: Window) -> Int {
        let days = w.plan.periodStart.days(to: w.end) + 1
        return days <= 0 ? 0 : (days + 6) / 7
    }
}
