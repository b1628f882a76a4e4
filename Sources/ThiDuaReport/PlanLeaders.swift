import Foundation
import ThiDuaCore

/// A person in a leader list: name, each order key's value (PlanLeaders.Key: empty sorts last), score.
public struct PlanLeader: Sendable, Equatable {
    public var staffID: String
    public var fullName: String
    public var values: [PlanLeaders.Key]
    public var score: Decimal
}

/// What the plan-driven unit pages need from the streamed staff (§15 (f)): per unit (its own staff)
/// and per staff bloc (a province's whole subtree), at most 5 leaders of each `output.leaders` list,
/// and the names of the staff who are dossier nominees. Fed one staff bloc at a time, as the job
/// streams them, so memory holds a few people per unit, never the staff. Who is listed and in which
/// order is the engine's rule (`PlanLeaders`).
public struct PlanPageCollector: Sendable {
    public static let leadersShown = PlanLeaders.shown
    let plan: Plan
    var lists: [LeaderList] { plan.output.leaders }
    /// Per unit, per list.
    var byUnit: [UnitID: [[PlanLeader]]] = [:]
    /// Per staff bloc, per list.
    var byBloc: [BlocID: [[PlanLeader]]] = [:]
    public private(set) var names: [String: String] = [:]
    let wanted: Set<String>

    public init(plan: Plan, dossierNominees: Set<String>) {
        self.plan = plan
        wanted = dossierNominees
    }

    /// The leader lists of a unit's own staff, one per `output.leaders` entry.
    public func leaders(ofUnit unit: UnitID) -> [[PlanLeader]] { byUnit[unit] ?? lists.map { _ in [] } }

    /// The leader lists of a whole staff bloc.
    public func leaders(of bloc: BlocID) -> [[PlanLeader]] { byBloc[bloc] ?? lists.map { _ in [] } }

    /// Adds one staff bloc (every person of it, as the engine scored them).
    public mutating func add(bloc: BlocID, staff: [StaffFigures]) {
        for s in staff where wanted.contains(s.row.staffID) { names[s.row.staffID] = s.row.fullName }
        var blocLists: [[PlanLeader]] = []
        var unitLists: [UnitID: [[PlanLeader]]] = [:]
        for (li, list) in lists.enumerated() {
            let listed = staff.compactMap { s in
                PlanLeaders.keys(list, s, plan).map {
                    (unit: s.row.unitID, leader: PlanLeader(staffID: s.row.staffID, fullName: s.row.fullName, values: $0, score: s.score))
                }
            }
            blocLists.append(Self.top(listed))
            for (unit, people) in Dictionary(grouping: listed, by: { $0.unit }) {
                var lists = unitLists[unit] ?? self.lists.map { _ in [] }
                lists[li] = Self.top(people)
                unitLists[unit] = lists
            }
        }
        byBloc[bloc] = blocLists
        for (unit, l) in unitLists { byUnit[unit] = l }
    }

    /// The first 5 in the engine's listing order.
    static func top(_ people: [(unit: UnitID, leader: PlanLeader)]) -> [PlanLeader] {
        Array(people.map(\.leader).sorted { PlanLeaders.precedes($0.values, $0.staffID, $1.values, $1.staffID) }.prefix(leadersShown))
    }
}
