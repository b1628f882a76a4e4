/// A run's evaluation, fed one `staff:<unit_id>` bloc at a time, then finished into the standings.
/// Pure: tests need no database.
public struct Evaluation {
    public let window: Window
    public let organisation: Organisation
    private var perUnit: [String: UnitCounts]
    private var unitsWithDiscipline: Set<String> = []
    public private(set) var staffNominations: Int = 0

    public init(units: [Unit], perUnit: [String: UnitCounts], window: Window) {
        self.window = window
        organisation = Organisation(units: units)
        self.perUnit = perUnit
    }

    /// One staff bloc: its standings and shortlist (empty when the owner belongs to no bloc); its
    /// staff-based counts are added to their units.
    public mutating func addStaffBloc(owner: String?, staff: [StaffFacts]) -> StaffBoard {
        window.addStaffCounts(staff, to: &perUnit)
        for s in staff where s.disciplined { unitsWithDiscipline.insert(s.unitID) }
        guard let owner, let unit = organisation.byID[owner] else { return StaffBoard(bloc: nil, standings: [], nominations: []) }
        let bloc = BlocID.staff(owner)
        let standings = Individuals.standings(bloc: bloc, staff: staff, plan: window.plan)
        let subtree = organisation.province(owner)?.headcount
        let quota = Shortlist.individualQuota(owner: unit, subtreeHeadcount: subtree ?? unit.headcount, quotas: window.plan.quotas)
        let nominations = Shortlist.staff(bloc: bloc, standings: standings, quota: quota)
        staffNominations += nominations.count
        return StaffBoard(bloc: bloc, standings: standings, nominations: nominations)
    }

    public func finish(anomalies: [Anomaly]) -> Computation {
        Computation(evaluation: self, perUnit: perUnit, unitsWithDiscipline: unitsWithDiscipline, sqlAnomalies: anomalies)
    }

    /// Finishes with the fact relations' counts read meanwhile (on another session of the same
    /// snapshot): they are added to the staff-based counts, which fill other fields.
    public func finish(adding aggregates: [String: UnitCounts], anomalies: [Anomaly]) -> Computation {
        var all = perUnit
        for (unit, counts) in aggregates { all[unit, default: UnitCounts()].add(counts) }
        return Computation(evaluation: self, perUnit: all, unitsWithDiscipline: unitsWithDiscipline, sqlAnomalies: anomalies)
    }
}

/// The individual leaderboard and shortlist of one `staff:<unit_id>` bloc.
public struct StaffBoard: Sendable {
    public var bloc: BlocID?
    public var standings: [StaffStanding]
    public var nominations: [Nomination]
}

/// Everything a run computes about units once the staff have been seen.
public struct Computation: Sendable {
    public let window: Window
    public let organisation: Organisation
    /// Each unit's own counts, staff-based counts included.
    public let perUnit: [String: UnitCounts]
    /// Every bloc's standings, ranked, in listing order.
    public let standings: [UnitStanding]
    public let milestones: [MilestoneRow]
    /// The collective shortlist of every bloc (IV.5.1).
    public let unitNominations: [Nomination]
    /// Every contract-breaking row: from SQL, from the unit tree, and level 5 above headcount.
    public let anomalies: [Anomaly]

    init(evaluation e: Evaluation, perUnit: [String: UnitCounts], unitsWithDiscipline: Set<String>, sqlAnomalies: [Anomaly]) {
        window = e.window
        organisation = e.organisation
        self.perUnit = perUnit
        let standings = Standings.leaderboards(org: e.organisation, perUnit: perUnit, plan: e.window.plan)
        self.standings = standings
        milestones = Milestones.all(standings, window: e.window)
        unitNominations = e.organisation.blocs.flatMap { bloc in
            Shortlist.units(bloc: bloc, standings: standings.filter { $0.bloc == bloc.id },
                            unitsWithDiscipline: unitsWithDiscipline, quotas: e.window.plan.quotas)
        }
        self.anomalies = e.organisation.anomalies + Computation.impossibleRates(standings) + sqlAnomalies
    }

    /// The records in the e2e and retro windows of the SPP and provincial blocs (every unit of a
    /// province counted once): what the publishing gate compares between two runs.
    public var recordsInWindow: Int {
        standings.filter { $0.bloc == .spp || $0.bloc == .provincial }.reduce(0) { $0 + $1.counts.e2eTotal + $1.counts.retroTotal }
    }

    /// SPEC §3, §4.3: every bloc member's impossible rate, once (each unit is a member of one bloc).
    /// More level-5 learners than biên chế keeps its own problem code.
    static func impossibleRates(_ standings: [UnitStanding]) -> [Anomaly] {
        standings.flatMap { s in
            s.impossibleRates.map { metric -> Anomaly in
                if metric == "level5_rate" {
                    return Anomaly(relation: "unit", key: s.unit.id, problem: "level5_above_headcount",
                                   detail: "bloc=\(s.bloc) level5_staff=\(s.counts.level5Staff) headcount=\(s.headcount.map(String.init) ?? "")")
                }
                let r = s.rates.first { $0.metric == metric }?.rate
                return Anomaly(relation: "unit", key: s.unit.id, problem: "rate_above_one",
                               detail: "bloc=\(s.bloc) \(metric)=\(r.map(\.description) ?? "")")
            }
        }
    }

    /// Convenience for small inputs (tests): every staff member given at once.
    public init(units: [Unit], perUnit: [String: UnitCounts], staff: [StaffFacts], anomalies: [Anomaly], window: Window) {
        var e = Evaluation(units: units, perUnit: perUnit, window: window)
        let org = e.organisation
        let groups = Dictionary(grouping: staff) { org.individualBlocOwner[$0.unitID] }
        for (owner, members) in groups.sorted(by: { ($0.key ?? "~") < ($1.key ?? "~") }) {
            _ = e.addStaffBloc(owner: owner, staff: members.sorted { $0.staffID < $1.staffID })
        }
        self = e.finish(anomalies: anomalies)
    }
}
