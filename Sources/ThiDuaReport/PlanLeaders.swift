import Foundation
import ThiDuaCore

/// One order key's value for one person in a leader list (§15 (f)); `empty` sorts last.
public enum LeaderValue: Sendable, Equatable {
    case empty
    case int(Int)
    case bool(Bool)
    case date(Day)
}

/// A person in a leader list: name, each order key's value, score.
public struct PlanLeader: Sendable, Equatable {
    public var staffID: String
    public var fullName: String
    public var values: [LeaderValue]
    public var score: Decimal
}

/// What the plan-driven unit pages need from the streamed staff (§15 (f)): per unit (its own staff)
/// and per staff bloc (a province's whole subtree), at most 5 leaders of each `output.leaders` list,
/// and the names of the staff who are dossier nominees. Fed one staff bloc at a time, as the job
/// streams them, so memory holds a few people per unit, never the staff.
public struct PlanPageCollector: Sendable {
    public static let leadersShown = 5
    let lists: [LeaderList]
    let metrics: [StaffMetric]
    /// Per unit, per list.
    var byUnit: [UnitID: [[PlanLeader]]] = [:]
    /// Per staff bloc, per list.
    var byBloc: [BlocID: [[PlanLeader]]] = [:]
    public private(set) var names: [String: String] = [:]
    let wanted: Set<String>

    public init(plan: Plan, dossierNominees: Set<String>) {
        lists = plan.output.leaders
        metrics = plan.metrics
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
            let listed = staff.compactMap { person($0, list) }
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

    /// A person with their key values, when the list shows them: the first key non-empty, and
    /// also > 0 for a count, sum or distinct_weeks metric, true for a boolean.
    func person(_ s: StaffFigures, _ list: LeaderList) -> (unit: UnitID, leader: PlanLeader)? {
        let values = list.order.map { value(s, $0) }
        guard let firstRef = list.order.first, let first = values.first else { return nil }
        switch first {
        case .empty: return nil
        case .bool(let b): if !b { return nil }
        case .int(let v): if v <= 0 && mustBePositive(firstRef) { return nil }
        case .date: break
        }
        return (s.row.unitID, PlanLeader(staffID: s.row.staffID, fullName: s.row.fullName, values: values, score: s.score))
    }

    func mustBePositive(_ ref: StaffValueRef) -> Bool {
        guard case .metric(let i) = ref, metrics.indices.contains(i) else { return false }
        switch metrics[i].kind {
        case .count, .sum, .distinctWeeks: return true
        default: return false
        }
    }

    func value(_ s: StaffFigures, _ ref: StaffValueRef) -> LeaderValue {
        switch ref {
        case .metric(let i):
            guard s.row.values.indices.contains(i) else { return .empty }
            switch s.row.values[i] {
            case .int(let v): return v.map(LeaderValue.int) ?? .empty
            case .bool(let b): return .bool(b)
            case .date(let d): return d.map(LeaderValue.date) ?? .empty
            }
        case .scorePart(let i):
            return s.whenHolds.indices.contains(i) ? .bool(s.whenHolds[i]) : .empty
        }
    }

    /// The first 5 by §15 (f): each key highest (true, latest) first, empty last, then staff_id.
    static func top(_ people: [(unit: UnitID, leader: PlanLeader)]) -> [PlanLeader] {
        Array(people.map(\.leader).sorted(by: leads).prefix(leadersShown))
    }

    static func leads(_ a: PlanLeader, _ b: PlanLeader) -> Bool {
        for (x, y) in zip(a.values, b.values) {
            let c = compare(x, y)
            if c != 0 { return c > 0 }
        }
        return a.staffID < b.staffID
    }

    /// > 0 when `x` comes first.
    static func compare(_ x: LeaderValue, _ y: LeaderValue) -> Int {
        switch (x, y) {
        case (.empty, .empty): return 0
        case (.empty, _): return -1
        case (_, .empty): return 1
        case let (.int(a), .int(b)): return a == b ? 0 : (a > b ? 1 : -1)
        case let (.bool(a), .bool(b)): return a == b ? 0 : (a ? 1 : -1)
        case let (.date(a), .date(b)): return a == b ? 0 : (a > b ? 1 : -1)
        default: return 0
        }
    }
}
