import Foundation
import ThiDuaCore

/// Everything the plan-driven leadership pages show (PLAN-LANGUAGE.md §15 "HTML"): the checked plan,
/// the run's days, the engine's figures, the shortlists, dossiers, anomalies, records to fix, the
/// earlier runs, and the leading staff kept while the staff blocs streamed.
public struct PlanReportInput: Sendable {
    public var plan: Plan
    public var days: ResolvedDays
    /// Every bloc member (unit_metrics.csv rows), in any order: the pages sort each bloc by
    /// composite_rank then unit_id (§14).
    public var members: [MemberFigures]
    public var milestones: [MilestoneFigure]
    /// The unit blocs' shortlists (spp, provincial, sub:<p>), every status.
    public var unitNominations: [Nomination]
    /// The staff blocs' shortlists; reserve rows may be left out (the pages show proposed rows and
    /// count the excluded ones).
    public var staffNominations: [Nomination]
    public var dossiers: [(DossierInput, DossierStatus)]
    public var anomalies: [Anomaly]
    public var quality: PlanQualitySummary
    public var history: PlanHistory
    public var staff: PlanPageCollector
    /// When the run started ("Lập lúc" on the index).
    public var generatedAt: Date

    public init(plan: Plan, days: ResolvedDays, members: [MemberFigures], milestones: [MilestoneFigure],
                unitNominations: [Nomination], staffNominations: [Nomination], dossiers: [(DossierInput, DossierStatus)],
                anomalies: [Anomaly], quality: PlanQualitySummary, history: PlanHistory, staff: PlanPageCollector,
                generatedAt: Date = Date()) {
        self.plan = plan
        self.days = days
        self.members = members
        self.milestones = milestones
        self.unitNominations = unitNominations
        self.staffNominations = staffNominations
        self.dossiers = dossiers
        self.anomalies = anomalies
        self.quality = quality
        self.history = history
        self.staff = staff
        self.generatedAt = generatedAt
    }
}

/// §12 records_to_fix on the pages: per unit, how many records to fix in all and per problem (in
/// `Plan.recordsToFix` order), and the first rows a unit page lists (the rest is in the unit's CSV
/// file, linked from its page).
public struct PlanQualitySummary: Sendable {
    public static let rowsOnPage = 20

    /// One data_quality_records.csv row as a unit page lists it.
    public struct Shown: Sendable {
        public var caseID: String
        public var prosecutorID: String
        public var acceptedOn: Day
        /// Indices into `Plan.recordsToFix`.
        public var problems: [Int]
        public var lastUpdatedOn: Day?

        public init(caseID: String, prosecutorID: String, acceptedOn: Day, problems: [Int], lastUpdatedOn: Day?) {
            self.caseID = caseID
            self.prosecutorID = prosecutorID
            self.acceptedOn = acceptedOn
            self.problems = problems
            self.lastUpdatedOn = lastUpdatedOn
        }
    }

    /// Records to fix: in all, and per problem (a record with two problems counts once in `total`).
    public struct Counts: Sendable, Equatable {
        public var total = 0
        public var byProblem: [Int]
        public init(problems: Int) { byProblem = Array(repeating: 0, count: problems) }
    }

    /// The problem codes, in declaration order.
    public let problems: [String]
    public private(set) var perUnit: [UnitID: Counts] = [:]
    public private(set) var firstRows: [UnitID: [Shown]] = [:]
    public private(set) var totals: Counts

    public init(plan: Plan) { self.init(problems: plan.recordsToFix.map(\.problem)) }

    public init(problems: [String]) {
        self.problems = problems
        totals = Counts(problems: problems.count)
    }

    /// Adds one record of `unit` with the problems at these indices (an index outside the plan's
    /// list is ignored).
    public mutating func add(unit: UnitID, problems: [Int], shown: @autoclosure () -> Shown) {
        var c = perUnit[unit] ?? Counts(problems: self.problems.count)
        c.total += 1
        totals.total += 1
        for p in Set(problems) where c.byProblem.indices.contains(p) {
            c.byProblem[p] += 1
            totals.byProblem[p] += 1
        }
        perUnit[unit] = c
        if (firstRows[unit]?.count ?? 0) < Self.rowsOnPage { firstRows[unit, default: []].append(shown()) }
    }

    /// The same with the problems as the CSV writes them (codes; an unknown code is ignored).
    public mutating func add(unit: UnitID, codes: [String], shown: @autoclosure () -> Shown) {
        add(unit: unit, problems: codes.compactMap { problems.firstIndex(of: $0) }, shown: shown())
    }

    /// The indices of these codes in the plan's list.
    public func indices(of codes: [String]) -> [Int] { codes.compactMap { problems.firstIndex(of: $0) } }
}
