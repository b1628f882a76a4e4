import Foundation
@testable import ThiDuaCore

/// The validity rules of PLAN-LANGUAGE.md a typed plan must meet that its types cannot express
/// (§4 D-bounded days and static windows, §5 operator types, codes, unique keys and replay safety,
/// §6–§12 ids, weights, all_done containment, first_reached leaves …), checked on generated plans
/// so that the generator only ever hands the differential test valid plans.
enum NaivePlanRules {
    static func problems(_ plan: Plan) -> [String] {
        var out: [String] = []
        func unique(_ what: String, _ ids: [String]) {
            var seen: Set<String> = []
            for id in ids where !seen.insert(id).inserted { out.append("\(what): \(id) twice") }
            for id in ids where id.range(of: "^[a-z][a-z0-9_]{0,44}$", options: .regularExpression) == nil { out.append("\(what): bad id \(id)") }
        }
        unique("days", plan.days.map(\.id))
        unique("windows", plan.windows.map(\.id))
        unique("measures", plan.measures.map(\.id))
        unique("criteria", plan.criteria.map(\.id))
        unique("metrics", plan.metrics.map(\.id))
        unique("composite", plan.composite.map(\.part))
        unique("score", plan.score.map(\.id))
        unique("milestones", plan.milestones.map(\.id))
        unique("problems", plan.recordsToFix.map(\.problem))
        for m in plan.metrics where WarehouseContract.staffColumns.contains(m.id) { out.append("metric \(m.id) is a staff column") }
        for p in plan.score where plan.metrics.contains(where: { $0.id == p.id }) {
            if case .when = p.kind { out.append("when part \(p.id) is a metric id") }
        }
        if plan.composite.map(\.weight).reduce(0, +) != 1_000_000 || plan.composite.contains(where: { $0.weight < 0 }) { out.append("composite weights") }
        if plan.score.map(\.weight).reduce(0, +) != 1_000_000 || plan.score.contains(where: { $0.weight < 0 }) { out.append("score weights") }
        for d in plan.days where d.isStatic {
            let v = staticValue(d.expr, plan)
            if v < WarehouseContract.contractStart || v > WarehouseContract.contractEnd { out.append("day \(d.id) out of range") }
        }
        for w in plan.windows where isStatic(w.window.from, plan) && isStatic(w.window.to, plan) {
            if staticValue(w.window.from, plan) > staticValue(w.window.to, plan) { out.append("window \(w.id) from > to") }
        }
        for m in plan.measures {
            switch m.kind {
            case .rows(let r, let c): out += condition(c, relation: r, metric: false, plan).map { "\(m.id): \($0)" }
            case .staff(let c): out += condition(c, relation: nil, metric: false, plan).map { "\(m.id): \($0)" }
            case .expr: break
            }
        }
        for m in plan.metrics {
            switch m.kind {
            case .count(let r, let c), .exists(let r, let c), .sum(let r, _, let c), .latest(let r, _, _, let c), .firstDay(let r, let c),
                 .distinctWeeks(let r, _, let c):
                out += condition(c, relation: r, metric: true, plan).map { "\(m.id): \($0)" }
            case .weeksIn: break
            }
        }
        for p in plan.score { if case .when(let c) = p.kind { out += condition(c, relation: nil, metric: false, plan).map { "\(p.id): \($0)" } } }
        for ms in plan.milestones {
            switch ms.kind {
            case .allDone(let v, let t, _, _, _):
                switch (plan.measures[v].kind, plan.measures[t].kind) {
                case (.rows(let rv, .all(let ev)), .rows(let rt, .all(let et))) where rv == rt:
                    if !et.allSatisfy(ev.contains) { out.append("\(ms.id): target not contained") }
                case (.staff(.all(let ev)), .staff(.all(let et))):
                    if !et.allSatisfy(ev.contains) { out.append("\(ms.id): target not contained") }
                default: out.append("\(ms.id): all_done items not comparable")
                }
            case .restates(let c, _): if plan.criteria[c].rate == nil { out.append("\(ms.id): restates a non-rate") }
            case .firstReached(let m, let k):
                if k < 1 || !reachable(m, plan) { out.append("\(ms.id): first_reached on \(plan.measures[m].id)") }
            case .stateFrom: break
            }
        }
        for rule in plan.eligibility where plan.metrics[rule.staffFlag].type != .bool { out.append("eligibility \(rule.reason) not bool") }
        for p in plan.recordsToFix {
            if case .rows("case_record", _) = plan.measures[p.measure].kind {} else { out.append("records_to_fix \(p.problem)") }
        }
        return out
    }

    static func isStatic(_ e: DayExpr, _ plan: Plan) -> Bool {
        switch e {
        case .date, .contractStart, .contractEnd: return true
        case .asOf, .windowEnd: return false
        case .named(let i): return isStatic(plan.days[i].expr, plan)
        case .offset(let b, _): return isStatic(b, plan)
        case .min(let a, let b), .max(let a, let b): return isStatic(a, plan) && isStatic(b, plan)
        }
    }

    static func staticValue(_ e: DayExpr, _ plan: Plan) -> Day {
        NaiveDays(plan: plan, asOf: WarehouseContract.contractStart).day(e)
    }

    /// §4: D, E, b − Nd, min(b, x), min(x, b), max(b1, b2).
    static func isBounded(_ e: DayExpr, _ plan: Plan) -> Bool {
        switch e {
        case .asOf, .windowEnd: return true
        case .date, .contractStart, .contractEnd: return false
        case .named(let i): return isBounded(plan.days[i].expr, plan)
        case .offset(let b, let n): return n <= 0 && isBounded(b, plan)
        case .min(let a, let b): return isBounded(a, plan) || isBounded(b, plan)
        case .max(let a, let b): return isBounded(a, plan) && isBounded(b, plan)
        }
    }

    /// A count: R measure with exactly one `within`, at its top level, on a date column of R; or an
    /// expression of such measures.
    static func reachable(_ m: Int, _ plan: Plan) -> Bool {
        switch plan.measures[m].kind {
        case .staff: return false
        case .expr(let items): return items.allSatisfy { if case .measure(let i) = $0.ref { return reachable(i, plan) }; return false }
        case .rows(let r, let c):
            guard case .all(let entries) = c else { return false }
            let top = entries.filter {
                if case .test(.column(let name), let tests) = $0 {
                    return tests.contains { if case .within = $0 { return true }; return false }
                        && WarehouseContract.relation(r)?.column(name)?.type == .date
                }
                return false
            }
            return top.count == 1 && withins(c) == 1
        }
    }

    static func withins(_ c: Condition) -> Int {
        switch c {
        case .all(let xs), .any(let xs): return xs.map(withins).reduce(0, +)
        case .test(_, let tests): return tests.filter { if case .within = $0 { return true }; return false }.count
        }
    }

    /// §5: operator types, codes, replay safety, unique keys per mapping.
    static func condition(_ c: Condition, relation: String?, metric: Bool, _ plan: Plan) -> [String] {
        var out: [String] = []
        guard case .all(let entries) = c else { return ["a where is not a mapping"] }
        var keys: Set<String> = []
        for e in entries {
            switch e {
            case .any(let subs), .all(let subs):
                if subs.isEmpty { out.append("empty any/all") }
                for s in subs { out += condition(s, relation: relation, metric: metric, plan) }
            case .test(let o, let tests):
                if !keys.insert("\(o)").inserted { out.append("key \(o) twice") }
                if tests.isEmpty { out.append("\(o) without a test") }
                out += operand(o, tests, relation: relation, metric: metric, plan)
            }
        }
        return out
    }

    private static func operand(_ o: Operand, _ tests: [Test], relation: String?, metric: Bool, _ plan: Plan) -> [String] {
        var column: WarehouseContract.Column?
        var metricType: MetricType?
        switch o {
        case .column(let n): column = relation.flatMap { WarehouseContract.relation($0)?.column(n) }
        case .parent(let n):
            let parent = relation.flatMap { WarehouseContract.relation($0)?.parent?.relation }
            column = parent.flatMap { WarehouseContract.relation($0)?.column(n) }
        case .link(let n):
            guard metric else { return ["link outside a staff metric"] }
            column = WarehouseContract.relation("training_role")?.column(n)
        case .staffColumn(let n):
            guard relation == nil else { return ["staff column on a relation"] }
            column = WarehouseContract.relation("staff")?.column(n)
        case .metric(let i):
            guard relation == nil else { return ["metric on a relation"] }
            metricType = plan.metrics[i].type
        }
        guard column != nil || metricType != nil else { return ["unknown operand \(o)"] }
        var out: [String] = []
        for t in tests {
            if let c = column {
                out += columnTest(t, c, plan).map { "\(c.name): \($0)" }
            } else if let m = metricType {
                let ok: Bool
                switch (t, m) {
                case (.eq(.int), .int), (.ne(.int), .int), (.gt(.literal), .int), (.gte(.literal), .int), (.lt(.literal), .int),
                     (.lte(.literal), .int), (.eq(.bool), .bool), (.ne(.bool), .bool), (.within, .date), (.onOrBefore, .date),
                     (.before, .date), (.onOrAfter, .date), (.after, .date): ok = true
                case (.isNull, _): if case .metric(let i) = o { ok = plan.metrics[i].canBeEmpty } else { ok = false }
                default: ok = false
                }
                if !ok { out.append("metric test \(t) on \(m)") }
            }
        }
        return out
    }

    private static func columnTest(_ t: Test, _ c: WarehouseContract.Column, _ plan: Plan) -> [String] {
        func literalOK(_ l: Literal) -> Bool {
            switch (l, c.type) {
            case (.text, .text), (.int, .int), (.bool, .bool): return true
            case (.text(let s), .code(let codes)): return codes.contains(s)
            default: return false
            }
        }
        let event = c.dateRole == .event
        switch t {
        case .eq(let l), .ne(let l): return c.type != .date && literalOK(l) ? [] : ["\(t)"]
        case .isIn(let ls), .notIn(let ls):
            return c.type != .date && c.type != .bool && !ls.isEmpty && ls.allSatisfy(literalOK) ? [] : ["\(t)"]
        case .gt, .gte, .lt, .lte: return c.type == .int ? [] : ["\(t)"]
        case .within(let w): return c.type == .date && (!event || isBounded(w.to, plan)) ? [] : ["replay or type: \(t)"]
        case .onOrBefore(let x), .before(let x): return c.type == .date && (!event || isBounded(x, plan)) ? [] : ["replay or type: \(t)"]
        case .onOrAfter, .after: return c.type == .date && !event ? [] : ["replay or type: \(t)"]
        case .notBy(let x): return event && isBounded(x, plan) ? [] : ["not_by: \(t)"]
        case .isNull: return c.nullable && !event ? [] : ["is_null on \(c.name)"]
        }
    }
}
