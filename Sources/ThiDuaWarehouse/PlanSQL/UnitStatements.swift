import Postgres
import ThiDuaCore

/// §16.2: one statement per unit-keyed fact relation that a measure counts, grouped by unit_id.
/// Columns (aliases made by the compiler from indexes): `m<i>` the count of measure i; `l<k>` and
/// `n<k>` an all_done milestone k's latest done day and pace count; `f<i>` the first days of a
/// first_reached leaf measure i.
struct UnitStatement: Sendable {
    var statement: CompiledStatement
    var measures: [Int] = []
    var latestDone: [Int] = []
    var recentDone: [Int] = []
    var firstDays: [Int] = []

    /// Adds this statement's rows to each unit's facts; rows of no unit (NULL unit_id) are skipped.
    func read(_ c: Connection, into facts: inout [String: UnitFacts], blank: UnitFacts) throws(PostgresError) {
        for row in try c.query(statement.query()) {
            guard let unit = try row.decode(named: "unit_id", as: String?.self) else { continue }
            var f = facts[unit] ?? blank
            for i in measures where f.counts.indices.contains(i) { f.counts[i] = try ExactInt.decode(row, "m\(i)").value }
            for k in latestDone where f.latestDone.indices.contains(k) { f.latestDone[k] = try row.decode(named: "l\(k)", as: Day?.self) }
            for k in recentDone where f.recentDone.indices.contains(k) { f.recentDone[k] = try ExactInt.decode(row, "n\(k)").value ?? 0 }
            for i in firstDays where f.firstDays.indices.contains(i) {
                f.firstDays[i] = ExactInt.array(try row.decode(named: "f\(i)", as: String?.self)).map(Day.init(ordinal:))
            }
            facts[unit] = f
        }
    }
}

extension UnitStatement {
    /// The statements of a plan, in contract order of the relations they read.
    static func compile(_ plan: Plan, _ days: ResolvedDays, _ sources: KeyedSources) throws(PlanSQLError) -> [UnitStatement] {
        let limits = firstReachedLimits(plan)
        var out: [UnitStatement] = []
        for relation in WarehouseContract.relations {
            let counted = plan.measures.indices.filter {
                if case .rows(let r, _) = plan.measures[$0].kind { return r == relation.name }
                return false
            }
            guard !counted.isEmpty else { continue }
            out.append(try compile(relation, counted, plan, days, sources, limits))
        }
        for m in plan.measures {
            if case .rows(let r, _) = m.kind, WarehouseContract.relation(r)?.unitColumn == nil {
                throw PlanSQLError("measure \(m.id) counts \(r), which has no unit column")
            }
        }
        return out
    }

    private static func compile(_ relation: WarehouseContract.Relation, _ counted: [Int], _ plan: Plan, _ days: ResolvedDays,
                                _ sources: KeyedSources, _ limits: [Int: Int]) throws(PlanSQLError) -> UnitStatement {
        guard let unitName = relation.unitColumn else { throw PlanSQLError("\(relation.name) has no unit column") }
        let unit = try contractColumn(relation, unitName).name
        var b = SQLBuilder()
        let asOf = days.asOf
        let conditions = counted.map { i -> Condition in
            if case .rows(_, let w) = plan.measures[i].kind { return w }
            return .always
        }
        let needsParent = conditions.contains(where: conditionUsesParent)
        let parent = needsParent ? try relation.parent.map { p throws(PlanSQLError) in try contractRelation(p.relation) } : nil
        let compiler = ConditionCompiler(plan: plan, days: days, relation: relation, parent: parent)
        var lines: [String] = []
        var s = UnitStatement(statement: CompiledStatement(title: "", sql: "", parameters: [], aliases: []))
        var aliases: [(String, String)] = []
        for (i, condition) in zip(counted, conditions) {
            lines.append("count(*) FILTER (WHERE \(try compiler.compile(condition, &b))) AS m\(i)")
            s.measures.append(i)
            aliases.append(("m\(i)", plan.measures[i].id))
        }
        // §11 all_done over a row count: the latest done day and the pace count of the done items.
        for (k, milestone) in plan.milestones.enumerated() {
            guard case .allDone(let value, _, .column(let doneName), _, let paceDays) = milestone.kind,
                  counted.contains(value), case .rows(_, let w) = plan.measures[value].kind else { continue }
            let done = try contractColumn(relation, doneName)
            guard done.type == .date else { throw PlanSQLError("done_on \(doneName) of \(milestone.id) is not a date") }
            let cond = try compiler.compile(w, &b)
            let col = "r.\(done.name)"
            let d = b.day(asOf, note: "D")
            let cs = b.day(WarehouseContract.contractStart, note: "contract_start")
            let ce = b.day(WarehouseContract.contractEnd, note: "contract_end")
            lines.append("max(\(col)) FILTER (WHERE \(sqlConjunction(cond, "\(col) <= \(d)", "\(col) BETWEEN \(cs) AND \(ce)"))) AS l\(k)")
            let (back, o1) = asOf.ordinal.subtractingReportingOverflow(paceDays)
            let (from, o2) = back.addingReportingOverflow(1)
            let paceFrom = o1 || o2 ? SQLBuilder.earliest : Day(ordinal: from)
            let pace = "\(col) BETWEEN \(b.day(paceFrom, note: "D - \(paceDays)d + 1d")) AND \(d)"
            lines.append("count(*) FILTER (WHERE \(sqlConjunction(cond, pace))) AS n\(k)")
            s.latestDone.append(k)
            s.recentDone.append(k)
            aliases.append(("l\(k)", "\(milestone.id): latest \(doneName)"))
            aliases.append(("n\(k)", "\(milestone.id): done in the last \(paceDays) days"))
        }
        // §11 first_reached: the first N days of each leaf's dated column, as day numbers.
        for i in counted {
            guard let n = limits[i], case .rows(_, let w) = plan.measures[i].kind else { continue }
            guard let datedName = datedColumn(w) else { throw PlanSQLError("measure \(plan.measures[i].id) has no dated test") }
            let dated = try contractColumn(relation, datedName)
            guard dated.type == .date else { throw PlanSQLError("\(datedName) is not a date column") }
            let col = "r.\(dated.name)"
            let cond = sqlConjunction(try compiler.compile(w, &b), "\(col) IS NOT NULL")
            lines.append("(array_agg(\(col) - DATE '1970-01-01' ORDER BY \(col)) FILTER (WHERE \(cond)))"
                         + "[1:\(b.int(n, note: "first days needed"))] AS f\(i)")
            s.firstDays.append(i)
            aliases.append(("f\(i)", "\(plan.measures[i].id): first \(dated.name) days, as days since 1970-01-01"))
        }
        var from = sources(relation.name, as: "r").text
        if let parent, let link = relation.parent, let key = parent.key.first {
            let via = try contractColumn(relation, link.via).name
            let parentKey = try contractColumn(parent, key).name
            var on = "p.\(parentKey) = r.\(via)"
            if let x = parent.existenceColumn { on += " AND p.\(x.name) <= \(b.day(asOf, note: "D"))" }
            from += "\nLEFT JOIN \(sources(parent.name, as: "p").text) ON \(on)"
        }
        var sql = "SELECT r.\(unit) AS unit_id,\n  " + lines.joined(separator: ",\n  ") + "\nFROM " + from
        if let x = relation.existenceColumn { sql += "\nWHERE r.\(x.name) <= \(b.day(asOf, note: "D"))" }
        sql += "\nGROUP BY r.\(unit)"
        s.statement = CompiledStatement(title: "\(relation.name) (\(counted.count) measure\(counted.count == 1 ? "" : "s"))",
                                        sql: sql, parameters: b.parameters, aliases: aliases)
        return s
    }

    /// The one top-level `within` test of a first_reached leaf (§11): its date column.
    static func datedColumn(_ w: Condition) -> String? {
        switch w {
        case .test(.column(let c), let tests):
            return tests.contains(where: { if case .within = $0 { return true }; return false }) ? c : nil
        case .all(let parts):
            for p in parts { if let c = datedColumn(p) { return c } }
            return nil
        default:
            return nil
        }
    }

    /// Per first_reached leaf measure: how many first days a scope may need (§16.2): k × the `//`
    /// divisors on the path from the milestone's measure, the largest over occurrences, at most
    /// what a PostgreSQL array subscript holds.
    static func firstReachedLimits(_ plan: Plan) -> [Int: Int] {
        let cap = Int(Int32.max)
        var limits: [Int: Int] = [:]
        func walk(_ m: Int, _ factor: Int, _ depth: Int) {
            guard plan.measures.indices.contains(m), depth <= plan.measures.count else { return }
            switch plan.measures[m].kind {
            case .rows: limits[m] = max(limits[m] ?? 0, factor)
            case .staff: break
            case .expr(let items):
                for item in items {
                    guard case .measure(let j) = item.ref else { continue }
                    var f = factor
                    if case .floorDiv(_, let d) = item {
                        let (p, o) = factor.multipliedReportingOverflow(by: max(d, 1))
                        f = o ? cap : min(p, cap)
                    }
                    walk(j, f, depth + 1)
                }
            }
        }
        for milestone in plan.milestones {
            if case .firstReached(let m, let k) = milestone.kind { walk(m, min(max(k, 1), cap), 0) }
        }
        return limits
    }
}

/// Does a condition test a `parent.column`?
func conditionUsesParent(_ c: Condition) -> Bool {
    switch c {
    case .all(let p), .any(let p): return p.contains(where: conditionUsesParent)
    case .test(.parent, _): return true
    case .test: return false
    }
}
