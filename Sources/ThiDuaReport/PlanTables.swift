import Foundation
import ThiDuaCore

/// A row whose cells do not match its table's header: refused, never shifted.
public struct PlanRowError: Error, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The header names a column the row has no cell for.
        case missingCell
        /// The row has a cell for a column the header does not name.
        case extraCell
    }
    public let table: String
    public let column: String
    public let problem: Problem

    public var description: String {
        switch problem {
        case .missingCell: return "\(table).csv: the row has no cell for the column \(column)"
        case .extraCell: return "\(table).csv: the row has a cell for \(column), which is not a column of the table"
        }
    }
}

/// The rows of every output table of a plan-language run (PLAN-LANGUAGE.md §14, §15). Each row is
/// built by column name from the engine's figures, then put in the order of its table's header
/// (`PlanDictionary`): a row with a missing or an extra cell is refused, naming the column.
/// Printing (§14): rates with 6 decimals (an impossible rate as computed), scores and points with
/// 4, booleans `true`/`false`, empty for none.
public struct PlanTables: Sendable {
    public let dictionary: PlanDictionary
    public let days: ResolvedDays
    public var plan: Plan { dictionary.plan }

    public init(dictionary: PlanDictionary, days: ResolvedDays) {
        self.dictionary = dictionary
        self.days = days
    }

    /// The cells of a row put in the table's header order.
    public static func ordered(_ cells: [String: CSVCell], by table: DataTable) throws -> [CSVCell] {
        var row = [CSVCell?](repeating: nil, count: table.header.count)
        var extra: String?
        for (name, cell) in cells {
            if let i = table.positions[name] {
                row[i] = cell
            } else if extra.map({ name < $0 }) ?? true {
                extra = name
            }
        }
        if let extra { throw PlanRowError(table: table.id, column: extra, problem: .extraCell) }
        return try row.enumerated().map { i, cell in
            guard let cell = cell ?? cells[table.header[i]] else { throw PlanRowError(table: table.id, column: table.header[i], problem: .missingCell) }
            return cell
        }
    }

    /// A weight in ten-thousandths of a point as a Decimal (30 → 30.0000 when printed).
    public static func points(tenThousandths w: Int) -> Decimal {
        Decimal(sign: w < 0 ? .minus : .plus, exponent: -4, significand: Decimal(w.magnitude))
    }

    static func at<T>(_ list: [T], _ i: Int) -> T? { list.indices.contains(i) ? list[i] : nil }

    // MARK: run.csv

    public func runCells(runID: String, generatedAt: String, version: String) -> [String: CSVCell] {
        var cells: [String: CSVCell] = [
            "run_id": .text(runID), "as_of": .day(days.asOf), "generated_at": .number(generatedAt), "thidua_version": .text(version),
            "plan_name": .text(plan.name), "plan_title": .text(plan.title.vi), "period_start": .day(days.periodStart),
            "period_end": .day(days.periodEnd), "window_end": .day(days.end), "period_final": .bool(days.isFinal),
        ]
        for c in plan.criteria {
            if let line = c.rate?.priorityAt { cells[c.id + "_priority_rate"] = .rate(line) }
        }
        for p in plan.composite { cells["weight_" + p.part] = .score(PlanTables.points(tenThousandths: p.weight)) }
        for p in plan.score { cells["individual_weight_" + p.id] = .score(PlanTables.points(tenThousandths: p.weight)) }
        return cells
    }

    public func runRow(runID: String, generatedAt: String, version: String) throws -> [CSVCell] {
        try PlanTables.ordered(runCells(runID: runID, generatedAt: generatedAt, version: version), by: dictionary.run)
    }

    // MARK: unit_metrics.csv

    /// One bloc member's cells, written declaration by declaration (§8, §9, §15).
    public func unitMetricsCells(_ f: MemberFigures) -> [String: CSVCell] {
        var cells: [String: CSVCell] = [
            "as_of": .day(days.asOf), "bloc": .text(f.bloc.description), "unit_id": .text(f.unit.id), "unit_name": .text(f.unit.name),
            "unit_kind": .text(f.unit.kindText), "headcount": .int(f.headcount),
            "composite_score": .score(f.composite), "composite_rank": .int(f.compositeRank), "period_final": .bool(days.isFinal),
            "parent_id": .string(f.unit.parentID), "province_id": .string(f.provinceID),
        ]
        func at<T>(_ list: [T], _ i: Int) -> T? { PlanTables.at(list, i) }
        func measure(_ m: Int) {
            guard let name = PlanTables.at(plan.measures, m)?.id, let value = at(f.measures, m) else { return }
            cells[name] = .int(value)
        }
        for (i, c) in plan.criteria.enumerated() {
            switch c.kind {
            case .rate(let r):
                for ref in [r.denominator, r.numerator] { if case .measure(let m) = ref { measure(m) } }
                if let rate = at(f.rates, i) { cells[c.id + "_rate"] = .rate(rate) }
                if r.priorityAt != nil {
                    if let flag = at(f.flags, i) { cells[c.id + "_priority"] = .bool(flag) }
                    if let gap = at(f.toPriority, i) { cells[c.id + "_to_priority"] = .int(gap) }
                }
                if r.toFull, let gap = at(f.toFull, i) { cells[c.id + "_to_full"] = .int(gap) }
                if r.rank {
                    if let rank = at(f.ranks, i) { cells[c.id + "_rank"] = .int(rank) }
                    if let gap = at(f.toFirst, i) { cells[c.id + "_to_first"] = .int(gap) }
                }
            case .atLeast:
                if let flag = at(f.flags, i) { cells[c.id + "_met"] = .bool(flag) }
            case .count(let ref):
                if case .measure(let m) = ref, !f.measures.indices.contains(m) { continue }
                cells[c.id] = .int(f.value(ref))
            }
        }
        for (m, declared) in plan.measures.enumerated() where declared.publish { measure(m) }
        for (p, part) in plan.composite.enumerated() {
            if let points = at(f.points, p) { cells["points_" + part.part] = .score(points) }
        }
        return cells
    }

    public func unitMetricsRow(_ f: MemberFigures) throws -> [CSVCell] {
        try PlanTables.ordered(unitMetricsCells(f), by: dictionary.unitMetrics)
    }

    // MARK: staff_metrics.csv

    public func staffMetricsCells(_ s: StaffFigures) -> [String: CSVCell] {
        let r = s.row
        var cells: [String: CSVCell] = [
            "as_of": .day(days.asOf), "bloc": .text(s.bloc.description), "unit_id": .text(r.unitID), "staff_id": .text(r.staffID),
            "full_name": .text(r.fullName), "role": .text(r.roleText), "direct_worker": .bool(r.directWorker),
            "score": .score(s.score), "rank": .int(s.rank),
        ]
        for (i, m) in plan.metrics.enumerated() where m.publish {
            guard let value = PlanTables.at(r.values, i) else { continue }
            switch value {
            case .int(let v): cells[m.id] = .int(v)
            case .bool(let b): cells[m.id] = .bool(b)
            case .date(let d): cells[m.id] = .day(d)
            }
        }
        return cells
    }

    public func staffMetricsRow(_ s: StaffFigures) throws -> [CSVCell] {
        try PlanTables.ordered(staffMetricsCells(s), by: dictionary.staffMetrics)
    }

    // MARK: The tables with fixed columns

    public func milestoneCells(_ m: MilestoneFigure) -> [String: CSVCell] {
        var cells: [String: CSVCell] = [
            "as_of": .day(days.asOf), "bloc": .text(m.bloc.description), "unit_id": .text(m.unitID), "deadline": .day(m.deadline),
            "status": .text(m.status.rawValue), "value": .int(m.value), "target": .int(m.target),
            "completed_on": .day(m.completedOn), "projected_on": .day(m.projectedOn),
        ]
        if let declared = PlanTables.at(plan.milestones, m.milestone) {
            cells["milestone"] = .text(declared.id)
            cells["clause"] = .string(declared.clause)
        }
        return cells
    }

    public func milestoneRow(_ m: MilestoneFigure) throws -> [CSVCell] {
        try PlanTables.ordered(milestoneCells(m), by: dictionary.milestones)
    }

    public func nominationRow(_ n: Nomination) throws -> [CSVCell] {
        try PlanTables.ordered([
            "as_of": .day(days.asOf), "bloc": .text(n.bloc.description), "nominee_kind": .text(n.nomineeKind.rawValue),
            "nominee_id": .text(n.nomineeID), "nominee_name": .text(n.nomineeName), "quota": .int(n.quota), "position": .int(n.position),
            "status": .text(n.status.rawValue), "reason": .string(n.reason),
        ], by: dictionary.awardShortlist)
    }

    public func dossierRow(_ d: DossierInput, _ s: DossierStatus) throws -> [CSVCell] {
        try PlanTables.ordered([
            "as_of": .day(days.asOf), "dossier_id": .text(d.dossierID), "nominee_kind": .text(d.nomineeKindText),
            "nominee_id": .text(d.nomineeID), "award_level": .text(d.awardLevelText), "submitted_on": .day(s.submittedOn),
            "status": .text(s.status.rawValue), "missing_parts": .text(s.missingParts.joined(separator: ";")), "days_left": .int(s.daysLeft),
        ], by: dictionary.dossiers)
    }

    /// A record to fix (§12): `problems` are the matching codes in declaration order.
    public func qualityRow(unitID: String, caseID: String, prosecutorID: String?, acceptedOn: Day, problems: [String],
                           missingRequiredFields: Int, errorCount: Int, lastUpdatedOn: Day?) throws -> [CSVCell] {
        try PlanTables.ordered([
            "as_of": .day(days.asOf), "unit_id": .text(unitID), "case_id": .text(caseID), "prosecutor_id": .string(prosecutorID),
            "accepted_on": .day(acceptedOn), "problem": .text(problems.joined(separator: ";")),
            "missing_required_fields": .int(missingRequiredFields), "error_count": .int(errorCount), "last_updated_on": .day(lastUpdatedOn),
        ], by: dictionary.qualityRecords)
    }

    public func anomalyRow(_ a: Anomaly) throws -> [CSVCell] {
        try PlanTables.ordered([
            "as_of": .day(days.asOf), "relation": .text(a.relation), "key": .text(a.key), "problem": .text(a.problem), "detail": .text(a.detail),
        ], by: dictionary.anomalies)
    }
}
