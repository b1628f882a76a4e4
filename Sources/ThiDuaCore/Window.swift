/// The evaluation days of a run (SPEC §2 "As-of date").
public struct Window: Sendable, Equatable {
    /// D: the run reports as of this day, inclusive.
    public let asOf: Day
    /// E = min(D, period_end): where every evaluation window ends.
    public let end: Day
    public let plan: LegacyPlan

    public init(asOf: Day, plan: LegacyPlan) {
        self.asOf = asOf
        self.end = min(asOf, plan.periodEnd)
        self.plan = plan
    }

    /// After period_end the report shows the final standing.
    public var isFinal: Bool { asOf > plan.periodEnd }
    public var retroEnd: Day { min(plan.retroTo, end) }
    public var staleCutoff: Day { end.adding(days: -plan.staleDays) }
    public var luyenaiCutoff: Day { min(end, plan.luyenaiCutoff) }
    public var proficiencyFromE: Day { end.adding(days: -plan.proficiencyWindowDays + 1) }
    /// The 14 days [D−13, D] of the milestone pace.
    public var paceFrom: Day { asOf.adding(days: -13) }

    /// Adds the staff-based counts of every active staff member to their unit.
    public func addStaffCounts(_ staff: [StaffFacts], to perUnit: inout [String: UnitCounts]) {
        for s in staff where s.active {
            var c = perUnit[s.unitID] ?? UnitCounts()
            c.activeStaff += 1
            if let l = s.levelAtCutoff, l >= plan.luyenaiLevelTarget { c.level5Staff += 1 }
            if let f = s.firstStudy, f <= end {
                c.participating += 1
                c.latestFirstStudy = c.latestFirstStudy.latest(f)
                if f >= paceFrom { c.firstStudyRecent += 1 }
            }
            if s.isLeaderOrProsecutor {
                c.leadersAndProsecutors += 1
                if s.actionsE >= plan.proficiencyMinActions { c.proficient += 1 }
            }
            perUnit[s.unitID] = c
        }
    }
}
