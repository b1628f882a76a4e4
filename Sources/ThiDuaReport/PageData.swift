import Foundation
import ThiDuaCore

/// Per unit: how many records to fix, by problem, and the first rows the unit page lists (the
/// rest is in the unit's CSV file, linked from its page).
public struct QualitySummary: Sendable {
    public static let rowsOnPage = 20
    public struct Shown: Sendable {
        public var caseID: String
        public var prosecutorID: String
        public var acceptedOn: Day
        public var problems: [String]
        public var lastUpdatedOn: Day?

        public init(caseID: String, prosecutorID: String, acceptedOn: Day, problems: [String], lastUpdatedOn: Day?) {
            self.caseID = caseID
            self.prosecutorID = prosecutorID
            self.acceptedOn = acceptedOn
            self.problems = problems
            self.lastUpdatedOn = lastUpdatedOn
        }
    }
    public var perUnit: [String: [String: Int]] = [:]
    public var firstRows: [String: [Shown]] = [:]
    public var totals: [String: Int] = [:]

    public init() {}

    public mutating func add(unit: String, problems: [String], shown: @autoclosure () -> Shown) {
        var c = perUnit[unit] ?? [:]
        c["total", default: 0] += 1
        for p in problems { c[p, default: 0] += 1; totals[p, default: 0] += 1 }
        totals["total", default: 0] += 1
        perUnit[unit] = c
        if (firstRows[unit]?.count ?? 0) < QualitySummary.rowsOnPage { firstRows[unit, default: []].append(shown()) }
    }
}

/// What the unit pages need from the streamed staff: a few leading staff per unit and per staff
/// bloc, the proposed staff, and the names of dossier nominees.
public struct PageCollector: Sendable {
    public static let leadersShown = 5
    /// Leaders per unit (its own staff) and per staff bloc (a province's whole subtree).
    var byUnit: [UnitID: Leaders] = [:]
    var byBloc: [BlocID: Leaders] = [:]
    public var nominations: [Nomination] = []
    public var names: [String: String] = [:]
    let wanted: Set<String>

    public init(dossierNominees: Set<String>) { wanted = dossierNominees }

    /// The leading staff shown on a unit page (III.1.2 and III.2.2).
    public struct Leaders: Sendable {
        public var qlahs: [StaffStanding] = []
        public var ai: [StaffStanding] = []
    }

    public func leaders(ofUnit unit: UnitID) -> Leaders { byUnit[unit] ?? Leaders() }
    public func leaders(of bloc: BlocID) -> Leaders { byBloc[bloc] ?? Leaders() }

    public mutating func add(_ board: StaffBoard) {
        guard let bloc = board.bloc else { return }
        for s in board.standings where wanted.contains(s.facts.staffID) { names[s.facts.staffID] = s.facts.fullName }
        nominations += board.nominations.filter { $0.status != .reserve }
        let cases = board.standings.filter { $0.facts.casesE2E > 0 }
        for (unit, list) in Dictionary(grouping: cases, by: { $0.facts.unitID }) {
            byUnit[unit, default: Leaders()].qlahs = Array(list.sorted(by: Individuals.qlahsLeaderOrder).prefix(Self.leadersShown))
        }
        byBloc[bloc, default: Leaders()].qlahs = Array(cases.sorted(by: Individuals.qlahsLeaderOrder).prefix(Self.leadersShown))
        let learners = board.standings.filter { $0.facts.levelNow != nil }
        for (unit, list) in Dictionary(grouping: learners, by: { $0.facts.unitID }) {
            byUnit[unit, default: Leaders()].ai = Array(list.sorted(by: Individuals.aiLeaderOrder).prefix(Self.leadersShown))
        }
        byBloc[bloc, default: Leaders()].ai = Array(learners.sorted(by: Individuals.aiLeaderOrder).prefix(Self.leadersShown))
    }
}
