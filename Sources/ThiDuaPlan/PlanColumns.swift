import ThiDuaCore

/// Which declaration writes a column (for `duplicate_column`).
enum ColumnOrigin: Equatable {
    case engine
    case measure(Int)
    case criterion(Int)
    case part(Int)
    case metric(Int)
    case scorePart(Int)
}

/// The declarations the column lists are built from; indexes are those of the plan's lists, so a
/// partly broken file still names the declaration of each column.
struct ColumnInputs {
    var measures: [Measure?]
    var criteria: [(Int, Criterion)]
    var parts: [(Int, CompositePart)]
    var metrics: [(Int, StaffMetric)]
    var score: [(Int, ScorePart)]

    init(measures: [Measure?], criteria: [(Int, Criterion)], parts: [(Int, CompositePart)], metrics: [(Int, StaffMetric)], score: [(Int, ScorePart)]) {
        self.measures = measures
        self.criteria = criteria
        self.parts = parts
        self.metrics = metrics
        self.score = score
    }

    init(_ plan: Plan) {
        measures = plan.measures
        criteria = Array(plan.criteria.enumerated()).map { ($0.offset, $0.element) }
        parts = Array(plan.composite.enumerated()).map { ($0.offset, $0.element) }
        metrics = Array(plan.metrics.enumerated()).map { ($0.offset, $0.element) }
        score = Array(plan.score.enumerated()).map { ($0.offset, $0.element) }
    }
}

/// The column lists of unit_metrics.csv, staff_metrics.csv and run.csv derived from a plan
/// (PLAN-LANGUAGE.md §15). The checker uses them for `duplicate_column` and `layout`; the reports
/// write their headers from them.
public enum PlanColumns {
    /// unit_metrics.csv's engine columns before the plan's own.
    public static let unitLeading = ["as_of", "bloc", "unit_id", "unit_name", "unit_kind", "headcount"]
    /// Engine columns of unit_metrics.csv among the plan's (`output.column_docs` cannot name them).
    public static let unitEngine = ["composite_score", "composite_rank", "period_final", "parent_id", "province_id"]
    public static let staffLeading = ["as_of", "bloc", "unit_id", "staff_id", "full_name", "role", "direct_worker"]
    public static let staffTrailing = ["score", "rank"]
    public static let runLeading = ["run_id", "as_of", "generated_at", "thidua_version", "plan_name", "plan_title",
                                    "period_start", "period_end", "window_end", "period_final"]

    /// Every unit_metrics.csv column in order: the 6 engine columns, then `output.unit_metrics` or §15's default.
    public static func unitMetrics(_ plan: Plan) -> [String] {
        unitLeading + (plan.output.unitMetricsLayout ?? defaultUnitMetrics(plan))
    }

    /// §15's default order of the columns after `headcount`.
    public static func defaultUnitMetrics(_ plan: Plan) -> [String] { unitTail(ColumnInputs(plan)).map(\.name) }

    /// Every staff_metrics.csv column in order.
    public static func staffMetrics(_ plan: Plan) -> [String] { staff(ColumnInputs(plan)).map(\.name) }

    /// Every run.csv column in order.
    public static func run(_ plan: Plan) -> [String] { run(ColumnInputs(plan)).map(\.name) }

    static func unitTail(_ x: ColumnInputs) -> [(name: String, origin: ColumnOrigin)] {
        var out: [(name: String, origin: ColumnOrigin)] = []
        var written = Set<String>()
        func measureColumn(_ ref: MeasureRef) {
            guard case .measure(let j) = ref, j < x.measures.count, let m = x.measures[j], !written.contains(m.id) else { return }
            written.insert(m.id)
            out.append((m.id, .measure(j)))
        }
        for (i, c) in x.criteria {
            switch c.kind {
            case .rate(let r):
                measureColumn(r.denominator)
                measureColumn(r.numerator)
                out.append((c.id + "_rate", .criterion(i)))
                if r.priorityAt != nil { out.append((c.id + "_priority", .criterion(i))) }
            case .atLeast:
                out.append((c.id + "_met", .criterion(i)))
            case .count(let ref):
                if case .measure(let j) = ref, j < x.measures.count, x.measures[j]?.id == c.id {
                    if !written.contains(c.id) { written.insert(c.id); out.append((c.id, .criterion(i))) }
                } else {
                    written.insert(c.id)
                    out.append((c.id, .criterion(i)))
                }
            }
        }
        for (j, m) in x.measures.enumerated() {
            guard let m, m.publish, !written.contains(m.id) else { continue }
            written.insert(m.id)
            out.append((m.id, .measure(j)))
        }
        out.append(("composite_score", .engine))
        for (i, c) in x.criteria where c.rate?.rank == true { out.append((c.id + "_rank", .criterion(i))) }
        out.append(("composite_rank", .engine))
        out += [("period_final", .engine), ("parent_id", .engine), ("province_id", .engine)]
        for (i, p) in x.parts { out.append(("points_" + p.part, .part(i))) }
        for (i, c) in x.criteria {
            guard let r = c.rate else { continue }
            if r.priorityAt != nil { out.append((c.id + "_to_priority", .criterion(i))) }
            if r.toFull { out.append((c.id + "_to_full", .criterion(i))) }
        }
        for (i, c) in x.criteria where c.rate?.rank == true { out.append((c.id + "_to_first", .criterion(i))) }
        return out
    }

    static func staff(_ x: ColumnInputs) -> [(name: String, origin: ColumnOrigin)] {
        staffLeading.map { ($0, ColumnOrigin.engine) }
            + x.metrics.filter { $0.1.publish }.map { ($0.1.id, .metric($0.0)) }
            + staffTrailing.map { ($0, .engine) }
    }

    static func run(_ x: ColumnInputs) -> [(name: String, origin: ColumnOrigin)] {
        var out: [(name: String, origin: ColumnOrigin)] = runLeading.map { ($0, .engine) }
        for (i, c) in x.criteria where c.rate?.priorityAt != nil { out.append((c.id + "_priority_rate", .criterion(i))) }
        for (i, p) in x.parts { out.append(("weight_" + p.part, .part(i))) }
        for (i, s) in x.score { out.append(("individual_weight_" + s.id, .scorePart(i))) }
        return out
    }

    /// The columns `output.column_docs` may document (§15): unit_metrics' after headcount but the
    /// engine's, and run.csv's after period_final.
    static func documentable(_ x: ColumnInputs) -> [String] {
        unitTail(x).filter { $0.origin != .engine }.map(\.name) + run(x).filter { $0.origin != .engine }.map(\.name)
    }
}
