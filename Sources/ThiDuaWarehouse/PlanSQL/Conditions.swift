import ThiDuaCore

/// Compiles a `where` (§5) over one relation into a two-valued SQL expression. The relation is
/// aliased `r`, its parent (§3 parent lookup) `p` and its staff link relation `l`; every column name
/// is the contract's own string, found by the validated name; every literal and day is a parameter.
struct ConditionCompiler {
    let plan: Plan
    let days: ResolvedDays
    let relation: WarehouseContract.Relation
    /// The parent relation, joined as `p` (unit statements of procedural_document).
    var parent: WarehouseContract.Relation? = nil
    /// The staff link relation, joined as `l` (staff metrics of training_session …).
    var link: WarehouseContract.Relation? = nil

    /// The SQL of a condition: never NULL (§5.2: each test is wrapped in `coalesce(…, false)`).
    func compile(_ condition: Condition, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        switch condition {
        case .all(let parts):
            if parts.isEmpty { return "true" }
            var out: [String] = []
            for p in parts { out.append(try compile(p, &b)) }
            return out.count == 1 ? out[0] : "(" + out.joined(separator: " AND ") + ")"
        case .any(let parts):
            if parts.isEmpty { return "false" }
            var out: [String] = []
            for p in parts { out.append(try compile(p, &b)) }
            return out.count == 1 ? out[0] : "(" + out.joined(separator: " OR ") + ")"
        case .test(let operand, let tests):
            let target = try resolve(operand)
            var out: [String] = []
            for t in tests {
                let test = try compile(t, on: target, &b)
                // A parent that does not exist as of D makes every parent test false (§5.2).
                out.append("coalesce(" + (target.guardSQL.map { "\($0) AND " } ?? "") + test + ", false)")
            }
            if out.isEmpty { return "true" }
            return out.count == 1 ? out[0] : "(" + out.joined(separator: " AND ") + ")"
        }
    }

    /// A tested column: its SQL, its contract entry, the relation `{column: …}` looks in.
    struct Target {
        var sql: String
        var column: WarehouseContract.Column
        var relation: WarehouseContract.Relation
        var alias: String
        var guardSQL: String?
    }

    func resolve(_ operand: Operand) throws(PlanSQLError) -> Target {
        switch operand {
        case .column(let name):
            return try target(relation, "r", name, guardSQL: nil)
        case .parent(let name):
            guard let parent, relation.parent != nil, let key = parent.key.first else {
                throw PlanSQLError("\(relation.name) has no parent lookup for \(name)")
            }
            return try target(parent, "p", name, guardSQL: "p.\(try contractColumn(parent, key).name) IS NOT NULL")
        case .link(let name):
            guard let link else { throw PlanSQLError("\(relation.name) has no staff link for \(name)") }
            return try target(link, "l", name, guardSQL: nil)
        case .staffColumn(let name):
            throw PlanSQLError("staff column \(name) tested on \(relation.name)")
        case .metric(let i):
            throw PlanSQLError("staff metric #\(i) tested on \(relation.name)")
        }
    }

    private func target(_ r: WarehouseContract.Relation, _ alias: String, _ name: String,
                        guardSQL: String?) throws(PlanSQLError) -> Target {
        let c = try contractColumn(r, name)
        return Target(sql: "\(alias).\(c.name)", column: c, relation: r, alias: alias, guardSQL: guardSQL)
    }

    func compile(_ test: Test, on t: Target, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        let col = t.sql
        switch test {
        case .eq(let v): return "\(col) = \(try literal(v, for: t, &b))"
        case .ne(let v): return "\(col) <> \(try literal(v, for: t, &b))"
        case .isIn(let values): return "\(col) = ANY(\(try list(values, for: t, &b)))"
        case .notIn(let values): return "\(col) <> ALL(\(try list(values, for: t, &b)))"
        case .gt(let v): return "\(col) > \(try int(v, for: t, &b))"
        case .gte(let v): return "\(col) >= \(try int(v, for: t, &b))"
        case .lt(let v): return "\(col) < \(try int(v, for: t, &b))"
        case .lte(let v): return "\(col) <= \(try int(v, for: t, &b))"
        case .within(let w):
            try requireDate(t)
            let (from, to) = days.resolve(w)
            return "\(col) BETWEEN \(b.day(from, note: planDayText(w.from, plan))) AND \(b.day(to, note: planDayText(w.to, plan)))"
        case .onOrBefore(let x): return "\(col) <= \(try day(x, for: t, &b))"
        case .before(let x): return "\(col) < \(try day(x, for: t, &b))"
        case .onOrAfter(let x): return "\(col) >= \(try day(x, for: t, &b))"
        case .after(let x): return "\(col) > \(try day(x, for: t, &b))"
        case .notBy(let x): return "(\(col) IS NULL OR \(col) > \(try day(x, for: t, &b)))"
        case .isNull(let yes): return yes ? "\(col) IS NULL" : "\(col) IS NOT NULL"
        }
    }

    private func literal(_ v: Literal, for t: Target, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        switch (v, t.column.type) {
        case (.text(let s), .text), (.text(let s), .code):
            return b.bind(s, cast: "text", note: SQLBuilder.shown(v))
        case (.int(let i), .int):
            return b.int(i, note: SQLBuilder.shown(v))
        case (.bool(let x), .bool):
            return b.bind(x ? "true" : "false", cast: "boolean", note: SQLBuilder.shown(v))
        default:
            throw PlanSQLError("\(SQLBuilder.shown(v)) does not fit \(t.relation.name).\(t.column.name)")
        }
    }

    private func list(_ values: [Literal], for t: Target, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        guard !values.isEmpty else { throw PlanSQLError("an empty list tested on \(t.column.name)") }
        let note = "[" + values.map(SQLBuilder.shown).joined(separator: ", ") + "]"
        switch t.column.type {
        case .text, .code:
            var texts: [String] = []
            for v in values {
                guard case .text(let s) = v else { throw PlanSQLError("\(note) does not fit \(t.column.name)") }
                texts.append(s)
            }
            return b.bind(texts.postgresText, cast: "text[]", note: note)
        case .int:
            var ints: [String] = []
            for v in values {
                guard case .int(let i) = v else { throw PlanSQLError("\(note) does not fit \(t.column.name)") }
                ints.append(String(i))
            }
            return b.bind("{" + ints.joined(separator: ",") + "}", cast: "bigint[]", note: note)
        default:
            throw PlanSQLError("in/not_in on \(t.relation.name).\(t.column.name)")
        }
    }

    private func int(_ v: IntOperand, for t: Target, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        guard t.column.type == .int else { throw PlanSQLError("comparison on non-int \(t.column.name)") }
        switch v {
        case .literal(let i): return b.int(i, note: String(i))
        case .column(let name):
            let other = try contractColumn(t.relation, name)
            guard other.type == .int else { throw PlanSQLError("\(name) is not an int column") }
            return "\(t.alias).\(other.name)"
        }
    }

    private func day(_ x: DayExpr, for t: Target, _ b: inout SQLBuilder) throws(PlanSQLError) -> String {
        try requireDate(t)
        return b.day(days.resolve(x), note: planDayText(x, plan))
    }

    private func requireDate(_ t: Target) throws(PlanSQLError) {
        guard t.column.type == .date else { throw PlanSQLError("a day test on non-date \(t.column.name)") }
    }
}

/// The contract's entry for a validated name: its `name` is what reaches SQL.
func contractColumn(_ r: WarehouseContract.Relation, _ name: String) throws(PlanSQLError) -> WarehouseContract.Column {
    guard let c = r.column(name) else { throw PlanSQLError("\(r.name) has no column \(name)") }
    return c
}

func contractRelation(_ name: String) throws(PlanSQLError) -> WarehouseContract.Relation {
    guard let r = WarehouseContract.relation(name) else { throw PlanSQLError("no relation \(name)") }
    return r
}
