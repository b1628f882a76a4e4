import Postgres
import ThiDuaCore

extension StaffStatement {
    /// Streams the active staff one `staff:<owner>` bloc at a time (as `streamStaffBlocs` does):
    /// `body` gets the owner (nil for staff whose unit belongs to no bloc) and the bloc's rows.
    func stream(_ c: Connection, owners: [UnitID: UnitID], _ body: (String?, [StaffRow]) throws -> Void) throws {
        let units = owners.keys.sorted()
        let ownerOf = units.map { owners[$0] ?? "" }
        var owner: String?? = .none
        var group: [StaffRow] = []
        var columns: StaffColumns?
        try c.stream(statement.query(replacing: [0: units.postgresText ?? "{}", 1: ownerOf.postgresText ?? "{}"])) { row in
            let positions = try columns ?? StaffColumns(row, metrics: kinds.count)
            columns = positions
            let r = try decode(row, positions)
            let o: String? = try row.decode(positions.owner)
            if let current = owner, current != o {
                try body(current, group)
                group.removeAll(keepingCapacity: true)
            }
            owner = .some(o)
            group.append(r)
        }
        if let current = owner { try body(current, group) }
    }

    /// One staff row: each metric from its column `v<i>`; an integer that does not fit 64 bits is
    /// empty and listed in `overflowed` (§14).
    func decode(_ row: Row, _ p: StaffColumns) throws(PostgresError) -> StaffRow {
        var values: [MetricValue] = []
        values.reserveCapacity(kinds.count)
        var overflowed: [Int] = []
        for (i, kind) in kinds.enumerated() {
            switch kind {
            case .weeksIn:
                values.append(.int(constants[i]))
            case .exists:
                values.append(.bool(try row.decode(p.values[i], as: Bool?.self) ?? false))
            case .firstDay:
                values.append(.date(try row.decode(p.values[i], as: Day?.self)))
            case .count, .sum, .latest, .distinctWeeks:
                let (v, o) = try ExactInt.decode(row, p.values[i])
                if o { overflowed.append(i) }
                values.append(.int(v))
            }
        }
        // A NULL role or direct_worker prints as '' / false; conditions see it as NULL (§5.2).
        let role: String? = try row.decode(p.role)
        let direct: Bool? = try row.decode(p.directWorker)
        return StaffRow(staffID: try row.decode(p.staffID), fullName: try row.decode(p.fullName),
                        unitID: try row.decode(p.unitID), roleText: role ?? "", directWorker: direct ?? false,
                        values: values, overflowed: overflowed, roleIsNull: role == nil, directWorkerIsNull: direct == nil)
    }
}

/// Where the staff statement's columns are, looked up by name once per statement (the metric `i`
/// is column `v<i>`; `weeks_in` has none).
struct StaffColumns {
    let staffID, fullName, unitID, role, directWorker, owner: Int
    let values: [Int]

    init(_ row: Row, metrics: Int) throws(PostgresError) {
        staffID = try row.column(named: "staff_id")
        fullName = try row.column(named: "full_name")
        unitID = try row.column(named: "unit_id")
        role = try row.column(named: "role")
        directWorker = try row.column(named: "direct_worker")
        owner = try row.column(named: "owner")
        var values: [Int] = []
        for i in 0..<metrics { values.append((try? row.column(named: "v\(i)")) ?? -1) }
        self.values = values
    }
}

/// §12 records_to_fix: every case_record row (with a unit and an id, existing as of D) that at least
/// one problem's measure counts, tested row by row whatever its unit; problem k is the column `q<k>`.
struct RecordsStatement: Sendable {
    var statement: CompiledStatement
    var problems: [String]

    static func compile(_ plan: Plan, _ days: ResolvedDays, _ sources: KeyedSources) throws(PlanSQLError) -> RecordsStatement? {
        guard !plan.recordsToFix.isEmpty else { return nil }
        let relation = try contractRelation("case_record")
        func c(_ name: String) throws(PlanSQLError) -> String { "r." + (try contractColumn(relation, name).name) }
        var b = SQLBuilder()
        let compiler = ConditionCompiler(plan: plan, days: days, relation: relation)
        var tests: [String] = []
        var aliases: [(String, String)] = []
        for (k, problem) in plan.recordsToFix.enumerated() {
            guard plan.measures.indices.contains(problem.measure),
                  case .rows(relation.name, let w) = plan.measures[problem.measure].kind else {
                throw PlanSQLError("records_to_fix \(problem.problem) does not name a count: case_record measure")
            }
            tests.append("\(try compiler.compile(w, &b)) AS q\(k)")
            aliases.append(("q\(k)", "\(problem.problem) (\(plan.measures[problem.measure].id))"))
        }
        let x = relation.existenceColumn.map { "r.\($0.name)" } ?? "NULL"
        let accepted = try c("accepted_on"), updated = try c("last_updated_on")
        let sql = """
            SELECT * FROM (
              SELECT \(try c("unit_id")) AS unit_id, \(try c("case_id")) AS case_id, \(try c("prosecutor_id")) AS prosecutor_id,
                \(accepted) AS accepted_on,
                CASE WHEN isfinite(\(accepted)) THEN \(accepted) - DATE '1970-01-01' END AS accepted_day,
                coalesce(\(try c("missing_required_fields")), 0) AS missing_required_fields,
                coalesce(\(try c("error_count")), 0) AS error_count,
                CASE WHEN \(updated) BETWEEN DATE '2000-01-01' AND DATE '2100-12-31' THEN \(updated) END AS last_updated_on,
                \(tests.joined(separator: ",\n    "))
              FROM \(sources(relation.name, as: "r").text)
              WHERE \(try c("unit_id")) IS NOT NULL AND \(try c("case_id")) IS NOT NULL AND \(x) <= \(b.day(days.asOf, note: "D"))
            ) c
            WHERE \(plan.recordsToFix.indices.map { "q\($0)" }.joined(separator: " OR "))
            ORDER BY unit_id COLLATE "C", accepted_on, case_id COLLATE "C"
            """
        return RecordsStatement(statement: CompiledStatement(title: "case_record (records to fix)", sql: sql,
                                                             parameters: b.parameters, aliases: aliases),
                                problems: plan.recordsToFix.map(\.problem))
    }

    func stream(_ c: Connection, _ body: (QualityRecord) throws -> Void) throws {
        var columns: RecordColumns?
        try c.stream(statement.query()) { row in
            var problems: [String] = []
            let p = try columns ?? RecordColumns(row, problems: self.problems.count)
            columns = p
            for (k, code) in self.problems.enumerated() where try row.decode(p.problems[k], as: Bool.self) {
                problems.append(code)
            }
            // An accepted_on of -infinity (an anomaly of the contract) is shown as the earliest
            // day a statement binds, rather than stopping the run.
            let day = try row.decode(p.acceptedDay, as: Int?.self).map(Day.init(ordinal:)) ?? SQLBuilder.earliest
            try body(QualityRecord(unitID: try row.decode(p.unitID), caseID: try row.decode(p.caseID),
                                   prosecutorID: try row.decode(p.prosecutorID), acceptedOn: day, problems: problems,
                                   missingRequiredFields: try ExactInt.decode(row, p.missing).value ?? 0,
                                   errorCount: try ExactInt.decode(row, p.errors).value ?? 0,
                                   lastUpdatedOn: try row.decode(p.lastUpdated)))
        }
    }
}

/// Where the records statement's columns are, looked up by name once per statement.
struct RecordColumns {
    let unitID, caseID, prosecutorID, acceptedDay, missing, errors, lastUpdated: Int
    let problems: [Int]

    init(_ row: Row, problems count: Int) throws(PostgresError) {
        unitID = try row.column(named: "unit_id")
        caseID = try row.column(named: "case_id")
        prosecutorID = try row.column(named: "prosecutor_id")
        acceptedDay = try row.column(named: "accepted_day")
        missing = try row.column(named: "missing_required_fields")
        errors = try row.column(named: "error_count")
        lastUpdated = try row.column(named: "last_updated_on")
        var problems: [Int] = []
        for k in 0..<count { problems.append(try row.column(named: "q\(k)")) }
        self.problems = problems
    }
}
