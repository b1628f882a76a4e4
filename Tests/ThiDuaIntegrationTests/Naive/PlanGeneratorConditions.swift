import Foundation
@testable import ThiDuaCore

/// What a `where` entry may test (§5): a column of the relation, `parent.column`, `link.column`,
/// a staff column or a staff metric.
enum GenOperand {
    case column(WarehouseContract.Column)
    case parent(WarehouseContract.Column)
    case link(WarehouseContract.Column)
    case staffColumn(WarehouseContract.Column)
    case metric(Int, StaffMetric)

    var key: String {
        switch self {
        case .column(let c): return c.name
        case .parent(let c): return "parent.\(c.name)"
        case .link(let c): return "link.\(c.name)"
        case .staffColumn(let c): return "staff.\(c.name)"
        case .metric(_, let m): return "metric.\(m.id)"
        }
    }

    var operand: Operand {
        switch self {
        case .column(let c): return .column(c.name)
        case .parent(let c): return .parent(c.name)
        case .link(let c): return .link(c.name)
        case .staffColumn(let c): return .staffColumn(c.name)
        case .metric(let i, _): return .metric(i)
        }
    }
}

/// Random valid conditions (§5): types respected (§5.3), codes from the contract, replay-safe tests
/// on V columns (§5.4), unique keys per mapping, at most one `any` and one `all` per mapping.
struct GenConditions {
    /// Texts also used as ids by WarehouseGenerator, so text tests sometimes match.
    static let texts = ["U1", "U2", "P1", "D1", "s1", "s2", "c1", "x", ""]

    /// The operands a relation's `where` may use: its columns, its parent's, and in a staff metric
    /// its link's (`training_role.role`).
    static func vocabulary(relation name: String, metric: Bool) -> [GenOperand] {
        guard let r = WarehouseContract.relation(name) else { return [] }
        var out = r.columns.map { GenOperand.column($0) }
        if let p = r.parent, let pr = WarehouseContract.relation(p.relation) { out += pr.columns.map { .parent($0) } }
        if metric, case .linkRelation(let link, _)? = r.staffLink, let lr = WarehouseContract.relation(link) {
            out += lr.columns.filter { $0.name == "role" }.map { .link($0) }
        }
        return out
    }

    static func staffVocabulary(metrics: [StaffMetric]) -> [GenOperand] {
        let staff = WarehouseContract.relation("staff")
        return WarehouseContract.staffConditionColumns.compactMap { staff?.column($0) }.map { .staffColumn($0) }
            + metrics.enumerated().map { .metric($0.offset, $0.element) }
    }

    enum Op: CaseIterable { case eq, ne, isIn, notIn, gt, gte, lt, lte, within, onOrBefore, before, onOrAfter, after, notBy, isNull }

    /// The operators §5.1 allows on an operand (§5.4 on V columns; `within` only when allowed).
    static func ops(_ o: GenOperand, allowWithin: Bool) -> [Op] {
        var out: [Op]
        let dates: [Op] = (allowWithin ? [.within] : []) + [.onOrBefore, .before, .onOrAfter, .after]
        switch o {
        case .column(let c), .parent(let c), .link(let c), .staffColumn(let c):
            switch c.type {
            case .text, .code: out = [.eq, .ne, .isIn, .notIn]
            case .int: out = [.eq, .ne, .isIn, .notIn, .gt, .gte, .lt, .lte]
            case .bool: out = [.eq, .ne]
            case .date where c.dateRole == .event: out = (allowWithin ? [.within] : []) + [.onOrBefore, .before, .notBy]
            case .date: out = dates
            }
            if c.nullable && c.dateRole != .event { out.append(.isNull) }
        case .metric(_, let m):
            switch m.type {
            case .int: out = [.eq, .ne, .gt, .gte, .lt, .lte]
            case .bool: out = [.eq, .ne]
            case .date: out = dates
            }
            if m.canBeEmpty { out.append(.isNull) }
        }
        return out
    }

    /// One or two distinct operators on an operand, ANDed in one entry.
    static func tests(_ o: GenOperand, _ g: inout PlanGenerator, allowWithin: Bool, intColumns: [String]) -> [Test] {
        let allowed = ops(o, allowWithin: allowWithin)
        guard !allowed.isEmpty else { return [] }
        let chosen = g.random.shuffled(allowed).prefix(g.random.chance(0.25) ? 2 : 1)
        return allowed.filter { chosen.contains($0) }.map { test($0, o, &g, intColumns: intColumns) }
    }

    static func test(_ op: Op, _ o: GenOperand, _ g: inout PlanGenerator, intColumns: [String]) -> Test {
        var column: WarehouseContract.Column?
        var isOwnColumn = false
        var isEvent = false
        var type = WarehouseContract.ColumnType.int
        switch o {
        case .column(let c): column = c; isOwnColumn = true
        case .parent(let c), .link(let c), .staffColumn(let c): column = c
        case .metric(_, let m): type = m.type == .bool ? .bool : (m.type == .date ? .date : .int)
        }
        if let c = column { type = c.type; isEvent = c.dateRole == .event }
        func lit() -> Literal {
            switch type {
            case .code(let codes): return .text(g.random.pick(codes))
            case .int: return .int(g.random.pick([-1, 0, 1, 2, 3, 5, 60, 100, 1_000_000]))
            case .bool: return .bool(g.random.chance(0.5))
            case .text, .date: return .text(g.random.pick(GenConditions.texts))
            }
        }
        func list() -> [Literal] { (0..<g.random.int(1...3)).map { _ in lit() } }
        func bound() -> IntOperand {
            let others = intColumns.filter { $0 != column?.name }
            if isOwnColumn && !others.isEmpty && g.random.chance(0.3) { return .column(g.random.pick(others)) }
            return .literal(g.random.pick([-1, 0, 1, 2, 3, 5, 30, 100, 1440]))
        }
        func day() -> DayExpr { isEvent ? g.calendar.boundedDay(&g.random).expr : g.calendar.anyDay(&g.random).expr }
        switch op {
        case .eq: return .eq(lit())
        case .ne: return .ne(lit())
        case .isIn: return .isIn(list())
        case .notIn: return .notIn(list())
        case .gt: return .gt(bound())
        case .gte: return .gte(bound())
        case .lt: return .lt(bound())
        case .lte: return .lte(bound())
        case .within: return .within(g.calendar.window(&g.random, bounded: isEvent))
        case .onOrBefore: return .onOrBefore(day())
        case .before: return .before(day())
        case .onOrAfter: return .onOrAfter(day())
        case .after: return .after(day())
        case .notBy: return .notBy(g.calendar.boundedDay(&g.random).expr)
        case .isNull: return .isNull(g.random.chance(0.5))
        }
    }

    /// A mapping of entries over `vocabulary` (keys unique, at most one `any` and one `all`).
    static func mapping(_ vocabulary: [GenOperand], _ g: inout PlanGenerator, entries: ClosedRange<Int>, depth: Int = 0, maxDepth: Int = 2,
                        allowWithin: Bool, excluding: Set<String> = [], intColumns: [String]) -> [Condition] {
        var out: [Condition] = []
        var used = excluding
        let n = g.random.int(entries)
        var anyUsed = false, allUsed = false
        for _ in 0..<n {
            if depth < maxDepth && g.random.chance(0.15) && !(anyUsed && allUsed) {
                let isAny = allUsed || (!anyUsed && g.random.chance(0.6))
                let subs = (0..<g.random.int(1...3)).map { _ in
                    Condition.all(mapping(vocabulary, &g, entries: 1...2, depth: depth + 1, allowWithin: allowWithin, intColumns: intColumns))
                }
                out.append(isAny ? .any(subs) : .all(subs))
                if isAny { anyUsed = true } else { allUsed = true }
                continue
            }
            let free = vocabulary.filter { !used.contains($0.key) }
            guard !free.isEmpty else { break }
            let o = g.random.pick(free)
            let tests = GenConditions.tests(o, &g, allowWithin: allowWithin, intColumns: intColumns)
            guard !tests.isEmpty else { continue }
            used.insert(o.key)
            out.append(.test(o.operand, tests))
        }
        // A nested mapping (and any mapping asked for at least one entry) is never empty.
        if out.isEmpty && entries.lowerBound > 0, let o = vocabulary.first(where: { !used.contains($0.key) && !ops($0, allowWithin: false).isEmpty }) {
            out.append(.test(o.operand, GenConditions.tests(o, &g, allowWithin: false, intColumns: intColumns)))
        }
        return out
    }

    /// The int columns of a relation (for `{column: c}`).
    static func intColumns(_ relation: String) -> [String] {
        WarehouseContract.relation(relation)?.columns.filter { $0.type == .int }.map(\.name) ?? []
    }
}
