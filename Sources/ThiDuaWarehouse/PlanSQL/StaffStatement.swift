import Postgres
import ThiDuaCore

/// §16.3: the one streamed staff statement. Per staff-keyed or linked relation a CTE aggregated
/// per staff_id (`c<j>`, j the relation's place in the contract; `s<i>` for a sum over a linked
/// relation), left-joined to the active staff; metric i is the column `v<i>`. Parameters $1 and $2
/// are the unit tree's unit ids and their staff bloc owners, bound when the statement runs.
struct StaffStatement: Sendable {
    var statement: CompiledStatement
    var kinds: [MetricKind]
    /// `weeks_in` metrics, computed here (the same for everyone).
    var constants: [Int: Int]

    static func compile(_ plan: Plan, _ days: ResolvedDays, _ sources: KeyedSources) throws(PlanSQLError) -> StaffStatement {
        var b = SQLBuilder()
        let unitIDs = b.bind(nil, cast: "text[]", note: "the unit ids of the unit tree")
        let ownerIDs = b.bind(nil, cast: "text[]", note: "their staff bloc owners (SPEC §4.5)")
        let staff = try contractRelation("staff")
        func s(_ name: String) throws(PlanSQLError) -> String { "s." + (try contractColumn(staff, name).name) }
        var ctes: [String] = []
        var joins: [String] = []
        var values: [String] = []
        var aliases: [(String, String)] = []
        var constants: [Int: Int] = [:]
        var grouped: [String: [String]] = [:]
        var metricSQL: [Int: String] = [:]
        for (i, metric) in plan.metrics.enumerated() {
            aliases.append(("v\(i)", metric.id))
            let relationName: String
            let condition: Condition
            switch metric.kind {
            case .weeksIn(let w):
                constants[i] = weeksIn(days.resolve(w))
                continue
            case .count(let r, let w), .exists(let r, let w), .sum(let r, _, let w), .latest(let r, _, _, let w),
                 .firstDay(let r, let w), .distinctWeeks(let r, _, let w):
                relationName = r
                condition = w
            }
            let relation = try contractRelation(relationName)
            let from = try MetricSource(relation, sources, days, &b)
            let compiler = ConditionCompiler(plan: plan, days: days, relation: relation, link: from.link)
            let cond = try compiler.compile(condition, &b)
            let x = relation.existenceColumn.map { "r.\($0.name)" }
            // Bound only where used: every parameter of a statement appears in its SQL.
            func cs() -> String { b.day(WarehouseContract.contractStart, note: "contract_start") }
            func ce() -> String { b.day(WarehouseContract.contractEnd, note: "contract_end") }
            func needX() throws(PlanSQLError) -> String {
                guard let x else { throw PlanSQLError("metric \(metric.id): \(relation.name) has no existence column") }
                return x
            }
            let aggregate: String
            switch metric.kind {
            case .weeksIn: continue
            case .count:
                let keys = try relation.key.map { k throws(PlanSQLError) in "r." + (try contractColumn(relation, k).name) }
                if from.link == nil, relation.key.isEmpty, let x {
                    // discipline is read as it is (§13), its rows told apart by (staff_id, from_on)
                    // (§3, §7): per person, the distinct X days.
                    aggregate = "count(DISTINCT \(x)) FILTER (WHERE \(cond))"
                } else if from.link == nil {
                    // Each row reaches one person and is read once per key (§13; a NULL key is one
                    // key, as DISTINCT ON groups it): counting the rows counts the distinct keys,
                    // without the sort DISTINCT costs.
                    aggregate = "count(*) FILTER (WHERE \(cond))"
                } else {
                    let key = keys.count == 1 ? keys[0] : "ROW(" + keys.joined(separator: ", ") + ")"
                    aggregate = "count(DISTINCT \(key)) FILTER (WHERE \(cond))"
                }
                metricSQL[i] = "coalesce(%, 0)"
            case .exists:
                aggregate = "bool_or(\(cond))"
                metricSQL[i] = "coalesce(%, false)"
            case .sum(_, let columnName, _):
                let column = try contractColumn(relation, columnName)
                guard let bounds = column.bounds else { throw PlanSQLError("\(relation.name).\(columnName) may not be summed") }
                let lo = b.int(bounds.lowerBound, note: "lowest \(relation.name).\(column.name) summed")
                let hi = b.int(bounds.upperBound, note: "highest \(relation.name).\(column.name) summed")
                metricSQL[i] = "coalesce(%, 0)"
                if from.link != nil {
                    // One row per (staff_id, R key) of the link join, already filtered (§16.3).
                    let keys = try relation.key.map { k throws(PlanSQLError) in "r." + (try contractColumn(relation, k).name) }
                    let on = ([from.staffID] + keys).joined(separator: ", ")
                    ctes.append("""
                        s\(i) AS (
                          SELECT staff_id, sum(least(greatest(v, \(lo)), \(hi))::numeric) AS v\(i)
                          FROM (SELECT DISTINCT ON (\(on)) \(from.staffID) AS staff_id, r.\(column.name) AS v
                                FROM \(from.sql)\(cond == "true" ? "" : " AND \(cond)")
                                ORDER BY \(on)) x
                          GROUP BY staff_id
                        )
                        """)
                    joins.append("LEFT JOIN s\(i) ON s\(i).staff_id = s.staff_id")
                    values.append(metricSQL[i, default: "%"].replacingOccurrences(of: "%", with: "s\(i).v\(i)") + " AS v\(i)")
                    continue
                }
                aggregate = "sum(least(greatest(r.\(column.name), \(lo)), \(hi))::numeric) FILTER (WHERE \(cond))"
            case .latest(_, let columnName, let onOrBefore, _):
                let column = try contractColumn(relation, columnName)
                let day = try needX()
                let upTo = b.day(days.resolve(onOrBefore), note: planDayText(onOrBefore, plan))
                let start = cs()
                let filter = sqlConjunction(cond, "r.\(column.name) IS NOT NULL", "\(day) BETWEEN \(start) AND \(upTo)")
                aggregate = "(max(ARRAY[\(day) - \(start), r.\(column.name)]) FILTER (WHERE \(filter)))[2]"
                metricSQL[i] = "%"
            case .firstDay:
                let day = try needX()
                aggregate = "min(\(day)) FILTER (WHERE \(sqlConjunction(cond, "\(day) BETWEEN \(cs()) AND \(ce())")))"
                metricSQL[i] = "%"
            case .distinctWeeks(_, let w, _):
                let day = try needX()
                let (f, t) = days.resolve(w)
                let fromSQL = b.day(f, note: planDayText(w.from, plan)), toSQL = b.day(t, note: planDayText(w.to, plan))
                // Weeks are counted from the window's own first day, even when it lies outside
                // PostgreSQL's dates: its day number is bound, not the clamped date.
                let origin = b.int(f.ordinal, note: "\(planDayText(w.from, plan)) as days since 1970-01-01")
                let filter = sqlConjunction(cond, "\(day) BETWEEN \(fromSQL) AND \(toSQL)", "\(day) BETWEEN \(cs()) AND \(ce())")
                let week = "(\(day) - DATE '1970-01-01' - \(origin)) / 7"
                // A window of at most 63 weeks: a bit per week, counted at the end (a hash
                // aggregate, as streamStaffBlocs does); count(DISTINCT) sorts every row otherwise.
                aggregate = Self.weeksIn((f, t)) <= 63
                    ? "bit_count(bit_or(1::bigint << (\(week))::integer) FILTER (WHERE \(filter))::bit(64))"
                    : "count(DISTINCT \(week)) FILTER (WHERE \(filter))"
                metricSQL[i] = "coalesce(%, 0)"
            }
            grouped[relation.name, default: []].append("\(aggregate) AS v\(i)")
        }
        for (j, relation) in WarehouseContract.relations.enumerated() {
            guard let lines = grouped[relation.name] else { continue }
            let from = try MetricSource(relation, sources, days, &b)
            ctes.append("""
                c\(j) AS (
                  SELECT \(from.staffID) AS staff_id,
                    \(lines.joined(separator: ",\n    "))
                  FROM \(from.sql)
                  GROUP BY \(from.staffID)
                )
                """)
            joins.append("LEFT JOIN c\(j) ON c\(j).staff_id = s.staff_id")
            for (i, metric) in plan.metrics.enumerated() where metric.relation == relation.name && metricSQL[i] != nil {
                if case .sum = metric.kind, from.link != nil { continue }
                values.append(metricSQL[i, default: "%"].replacingOccurrences(of: "%", with: "c\(j).v\(i)") + " AS v\(i)")
            }
        }
        let sql = (ctes.isEmpty ? "" : "WITH " + ctes.joined(separator: ", ") + "\n") + """
            SELECT \(try s("staff_id")) AS staff_id, coalesce(\(try s("full_name")), '') AS full_name,
              coalesce(\(try s("unit_id")), '') AS unit_id, \(try s("role")) AS role,
              \(try s("direct_worker")) AS direct_worker, o.owner AS owner\(values.map { ",\n  " + $0 }.joined())
            FROM \(sources("staff", as: "s").text)
            LEFT JOIN unnest(\(unitIDs), \(ownerIDs)) AS o(unit_id, owner) ON o.unit_id = \(try s("unit_id"))
            \(joins.joined(separator: "\n"))
            WHERE \(try s("active")) AND \(try s("staff_id")) IS NOT NULL
            ORDER BY o.owner COLLATE "C" NULLS LAST, \(try s("staff_id")) COLLATE "C"
            """
        return StaffStatement(
            statement: CompiledStatement(title: "staff (\(plan.metrics.count) metric\(plan.metrics.count == 1 ? "" : "s"))",
                                         sql: sql, parameters: b.parameters, aliases: aliases),
            kinds: plan.metrics.map(\.kind), constants: constants)
    }

    /// ⌈(to − from + 1) / 7⌉, 0 when the window is empty (§7 weeks_in).
    static func weeksIn(_ w: (from: Day, to: Day)) -> Int {
        guard w.from <= w.to else { return 0 }
        let (span, o) = w.to.ordinal.subtractingReportingOverflow(w.from.ordinal)
        guard !o, span < Int.max - 7 else { return Int.max / 7 }
        return (span + 7) / 7
    }
}

/// Where a staff metric's rows come from: the relation (`r`) and, for a linked relation, its link
/// relation (`l`); only rows that exist as of D (§13).
struct MetricSource {
    var sql: String
    var staffID: String
    var link: WarehouseContract.Relation?

    init(_ relation: WarehouseContract.Relation, _ sources: KeyedSources, _ days: ResolvedDays,
         _ b: inout SQLBuilder) throws(PlanSQLError) {
        let guardX = relation.existenceColumn.map { " AND r.\($0.name) <= \(b.day(days.asOf, note: "D"))" } ?? ""
        switch relation.staffLink {
        case .column(let c)?:
            staffID = "r." + (try contractColumn(relation, c).name)
            sql = "\(sources(relation.name, as: "r").text) WHERE \(staffID) IS NOT NULL\(guardX)"
        case .linkRelation(let name, let keyColumn)?:
            let l = try contractRelation(name)
            link = l
            let lk = try contractColumn(l, keyColumn).name, rk = try contractColumn(relation, keyColumn).name
            staffID = "l." + (try contractColumn(l, "staff_id").name)
            sql = "\(sources(l.name, as: "l").text) JOIN \(sources(relation.name, as: "r").text) ON r.\(rk) = l.\(lk)"
                + " WHERE \(staffID) IS NOT NULL\(guardX)"
        default:
            throw PlanSQLError("\(relation.name) has no staff link")
        }
    }
}

extension StaffMetric {
    /// The relation a metric reads (nil for `weeks_in`).
    var relation: String? {
        switch kind {
        case .count(let r, _), .exists(let r, _), .sum(let r, _, _), .latest(let r, _, _, _), .firstDay(let r, _),
             .distinctWeeks(let r, _, _): return r
        case .weeksIn: return nil
        }
    }
}
