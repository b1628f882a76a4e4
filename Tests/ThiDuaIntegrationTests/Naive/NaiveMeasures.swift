import Foundation
@testable import ThiDuaCore

/// §6 unit measures. Row counts: the rows of the relation with the unit's own unit_id satisfying
/// the condition, summed over the member's scope; staff counts: active staff of the scope;
/// expressions on the summed values; 64-bit overflow → empty and one integer_overflow (§14).
struct NaiveMeasures {
    let plan: Plan
    let conditions: NaiveConditions
    let people: [NaivePerson]
    /// Per measure (row counts only): unit_id → the rows it counts.
    private(set) var counted: [[String: [NaiveRow]]]

    init(plan: Plan, facts: NaiveFacts, conditions: NaiveConditions, people: [NaivePerson]) {
        self.plan = plan
        self.conditions = conditions
        self.people = people
        counted = plan.measures.map { m in
            guard case .rows(let relation, let condition) = m.kind,
                  let unitColumn = WarehouseContract.relation(relation)?.unitColumn else { return [:] }
            var byUnit: [String: [NaiveRow]] = [:]
            for f in facts.facts(relation) where conditions.holds(condition, read: f.read, intColumn: f.intColumn) {
                guard let u = f.row.text(unitColumn) else { continue }
                byUnit[u, default: []].append(f.row)
            }
            return byUnit
        }
    }

    /// The rows a row-count measure counts over a scope.
    func rows(_ m: Int, scope: Set<String>) -> [NaiveRow] {
        scope.sorted(by: naiveBytesLess).flatMap { counted[m][$0] ?? [] }
    }

    /// The active staff of a scope a `count: staff` measure counts.
    func staff(_ condition: Condition, scope: Set<String>) -> [NaivePerson] {
        people.filter { p in
            guard let u = p.unitID, scope.contains(u) else { return false }
            return conditions.holds(condition, read: p.read, intColumn: { _, _ in nil })
        }
    }

    /// Every measure of a member, and the measures whose own computation overflowed (declaration
    /// order). `leaf` overrides a row-count measure's per-unit counting (first_reached's value(t)).
    func values(member: NaiveMember, leaf: ((Int) -> Int?)? = nil) -> (values: [Int?], overflowed: [Int]) {
        var memo: [Int: Int?] = [:]
        var overflowed: Set<Int> = []
        func ref(_ r: MeasureRef) -> Int? {
            switch r {
            case .headcount: return member.headcount
            case .measure(let i): return value(i)
            }
        }
        func value(_ i: Int) -> Int? {
            if let v = memo[i] { return v }
            var result: Int?
            switch plan.measures[i].kind {
            case .rows:
                if let leaf {
                    result = leaf(i)
                } else {
                    var total = 0
                    var overflow = false
                    for u in member.scope {
                        let (s, o) = total.addingReportingOverflow(counted[i][u]?.count ?? 0)
                        total = s
                        overflow = overflow || o
                    }
                    if overflow { overflowed.insert(i) } else { result = total }
                }
            case .staff(let condition):
                result = staff(condition, scope: member.scope).count
            case .expr(let items):
                let operands = items.map { ref($0.ref) }
                if operands.allSatisfy({ $0 != nil }) {
                    var total = 0
                    var overflow = false
                    for (item, operand) in zip(items, operands) {
                        guard let v = operand else { continue }
                        var term = v
                        switch item {
                        case .plain: term = v
                        case .floorDiv(_, let k): term = naiveFloorDiv(v, k)
                        case .times(let k, _):
                            let (p, o) = k.multipliedReportingOverflow(by: v)
                            term = p
                            overflow = overflow || o
                        }
                        let (s, o) = total.addingReportingOverflow(term)
                        total = s
                        overflow = overflow || o
                    }
                    if overflow { overflowed.insert(i) } else { result = total }
                }
            }
            memo[i] = result
            return result
        }
        let all = plan.measures.indices.map { value($0) }
        return (all, overflowed.sorted())
    }

    /// The row-count measures (leaves) a first_reached measure is built from.
    func leaves(of m: Int) -> [Int] {
        switch plan.measures[m].kind {
        case .rows: return [m]
        case .staff: return []
        case .expr(let items):
            return items.flatMap { item -> [Int] in
                if case .measure(let i) = item.ref { return leaves(of: i) }
                return []
            }
        }
    }

    /// A first_reached leaf's dated column: its one top-level `within` test (§11).
    func datedColumn(of m: Int) -> String? {
        guard case .rows(_, let condition) = plan.measures[m].kind, case .all(let entries) = condition else { return nil }
        for entry in entries {
            if case .test(.column(let c), let tests) = entry, tests.contains(where: { if case .within = $0 { return true }; return false }) {
                return c
            }
        }
        return nil
    }
}

/// ⌊a / k⌋ for k ≥ 1, also for a negative a.
func naiveFloorDiv(_ a: Int, _ k: Int) -> Int {
    let q = a / k
    return (a % k != 0 && a < 0) ? q - 1 : q
}
