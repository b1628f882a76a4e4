/// One run of a typed plan (PLAN-LANGUAGE.md §6–§14), evaluated generically: fed one
/// `staff:<owner>` bloc at a time (memory stays flat), then finished with the units' own row
/// counts into every bloc's figures, milestones, shortlists and anomalies. Pure: no I/O.
public struct PlanEvaluation: Sendable {
    public let plan: Plan
    public let days: ResolvedDays
    public let organisation: Organisation
    let conditions: StaffConditions
    /// Per unit: per measure, its active staff counted by a `count: staff` measure (nil: overflow).
    private var staffCounts: [String: [Int?]] = [:]
    /// Per unit: per milestone, the done items of a staff-based all_done.
    private var staffDone: [String: [DoneSummary]] = [:]
    /// Per eligibility rule: the units with an active staff member whose flag is true.
    private var flaggedUnits: [Set<String>]
    /// integer_overflow rows of staff metrics, in staff_metrics order.
    private var staffAnomalies: [Anomaly] = []
    private let staffMeasures: [(index: Int, where: Condition)]
    private let staffMilestones: [(index: Int, where: Condition, metric: Int, paceDays: Int)]

    public init(plan: Plan, days: ResolvedDays, units: [Unit]) {
        self.plan = plan
        self.days = days
        organisation = Organisation(units: units, subKinds: plan.subKinds)
        conditions = StaffConditions(days: days)
        flaggedUnits = Array(repeating: [], count: plan.eligibility.count)
        staffMeasures = plan.measures.enumerated().compactMap { i, m in
            if case .staff(let c) = m.kind { return (i, c) }
            return nil
        }
        staffMilestones = plan.milestones.enumerated().compactMap { i, m in
            guard case .allDone(let value, _, .metric(let metric), _, let pace) = m.kind, plan.measures.indices.contains(value),
                  case .staff(let c) = plan.measures[value].kind else { return nil }
            return (i, c, metric, pace)
        }
    }

    /// The figures of one staff bloc: its standings in listing order and its shortlist (both
    /// empty when the owner belongs to no bloc). Every row also counts for its own unit: staff
    /// counts, staff-based all_done days and eligibility flags.
    public mutating func addStaffBloc(owner: String?, staff: [StaffRow]) -> StaffBoard {
        for row in staff { count(row) }
        guard let owner, let unit = organisation.byID[owner] else { return StaffBoard(bloc: nil, standings: [], nominations: []) }
        let bloc = BlocID.staff(owner)
        let standings = StaffScoring.standings(bloc: bloc, staff: staff, plan: plan, conditions: conditions)
        staffAnomalies += StaffScoring.overflowAnomalies(standings, plan: plan)
        let quota = PlanShortlist.individualQuota(owner: unit, organisation: organisation, quotas: plan.quotas)
        let nominations = PlanShortlist.staff(bloc: bloc, standings: standings, plan: plan, quota: quota)
        return StaffBoard(bloc: bloc, standings: standings, nominations: nominations)
    }

    private mutating func count(_ row: StaffRow) {
        if !staffMeasures.isEmpty {
            var c = staffCounts[row.unitID] ?? Array(repeating: 0, count: plan.measures.count)
            for m in staffMeasures where conditions.holds(m.where, on: row) {
                c[m.index] = c[m.index].flatMap { v in
                    let (s, o) = v.addingReportingOverflow(1)
                    return o ? nil : s
                }
            }
            staffCounts[row.unitID] = c
        }
        if !staffMilestones.isEmpty {
            var d = staffDone[row.unitID] ?? Array(repeating: DoneSummary(), count: plan.milestones.count)
            let paceEnd = days.asOf
            for m in staffMilestones where conditions.holds(m.where, on: row) {
                guard let day = StaffScoring.dateValue(row, m.metric), day <= paceEnd,
                      day >= WarehouseContract.contractStart, day <= WarehouseContract.contractEnd else { continue }
                let recent = day >= paceEnd.adding(days: -(m.paceDays - 1)) ? 1 : 0
                d[m.index].add(latest: day, recent: recent)
            }
            staffDone[row.unitID] = d
        }
        for (r, rule) in plan.eligibility.enumerated() where StaffScoring.boolValue(row, rule.staffFlag) {
            flaggedUnits[r].insert(row.unitID)
        }
    }

    /// Every bloc's figures from the units' own row counts (`unitFacts` by unit_id) and the staff
    /// seen so far; `anomalies` (the contract checks) come last in the anomaly list.
    public func finish(unitFacts: [String: UnitFacts], anomalies: [Anomaly]) -> PlanComputation {
        var members: [MemberFigures] = []
        var scopes: [[UnitID]] = []
        var overflowed: [[Bool]] = []
        var nominations: [Nomination] = []
        for bloc in organisation.blocs {
            var rows: [(figures: MemberFigures, scope: [UnitID], overflowed: [Bool])] = bloc.members.map { m in
                let measures = MemberMeasures(plan: plan, scope: m.scope, headcount: m.headcount, unitFacts: unitFacts,
                                              staffCounts: staffCounts)
                return (PlanCriteria.figures(plan: plan, bloc: bloc.id, member: m, measures: measures.values), m.scope, measures.overflowed)
            }
            var figures = rows.map(\.figures)
            PlanCriteria.rank(&figures, plan: plan)
            for i in rows.indices { rows[i].figures = figures[i] }
            rows.sort {
                Ranking.listingOrder(($0.figures.compositeRank, $0.figures.unit.id), ($1.figures.compositeRank, $1.figures.unit.id))
            }
            members += rows.map(\.figures)
            scopes += rows.map(\.scope)
            overflowed += rows.map(\.overflowed)
            nominations += PlanShortlist.units(bloc: bloc, members: rows.map(\.figures), plan: plan) { m in
                plan.eligibility.enumerated().first { r, rule in
                    rule.excludesUnits && m.scope.contains { flaggedUnits[r].contains($0) }
                }?.element.reason
            }
        }
        let milestones = PlanMilestones(plan: plan, days: days, unitFacts: unitFacts, staffDone: staffDone)
        let milestoneRows = members.indices.flatMap { milestones.rows(members[$0], scope: scopes[$0]) }
        let impossible = members.flatMap { PlanCriteria.impossibleAnomalies($0, plan: plan) }
        let unitOverflow = members.indices.flatMap { i in
            plan.measures.indices.filter { overflowed[i].indices.contains($0) && overflowed[i][$0] }.map { m in
                Anomaly(relation: "unit", key: members[i].unit.id, problem: "integer_overflow",
                        detail: "bloc=\(members[i].bloc) \(plan.measures[m].id)")
            }
        }
        return PlanComputation(members: members, milestones: milestoneRows, unitNominations: nominations,
                               anomalies: organisation.anomalies + impossible + unitOverflow + staffAnomalies + anomalies)
    }
}

extension PlanEvaluation {
    /// The individual leaderboard and shortlist of one `staff:<owner>` bloc.
    public struct StaffBoard: Sendable {
        /// nil when the owner belongs to no bloc.
        public var bloc: BlocID?
        /// Listing order: rank, then staff_id.
        public var standings: [StaffFigures]
        public var nominations: [Nomination]

        public init(bloc: BlocID?, standings: [StaffFigures], nominations: [Nomination]) {
            self.bloc = bloc
            self.standings = standings
            self.nominations = nominations
        }
    }
}

/// Everything a run computes about units once the staff have been seen (§8–§12, §15 orders).
public struct PlanComputation: Sendable {
    /// unit_metrics.csv rows: per bloc (bloc order), composite_rank then unit_id.
    public let members: [MemberFigures]
    /// milestones.csv rows: members in that order, each member's milestones in declaration order.
    public let milestones: [MilestoneFigure]
    /// The collective shortlist of every bloc, in bloc order.
    public let unitNominations: [Nomination]
    /// §15: the unit tree's anomalies, impossible rates, integer_overflow rows (units, then staff),
    /// then the given contract checks.
    public let anomalies: [Anomaly]

    public init(members: [MemberFigures], milestones: [MilestoneFigure], unitNominations: [Nomination], anomalies: [Anomaly]) {
        self.members = members
        self.milestones = milestones
        self.unitNominations = unitNominations
        self.anomalies = anomalies
    }
}
