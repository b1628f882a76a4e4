import Foundation
import ThiDuaCore

/// Earlier published runs of the same plan, for rank movement and the chart rate's sparkline
/// (PLAN-LANGUAGE.md §15 (b), (c)): read from their unit_metrics.csv, the rate from its numerator and
/// denominator columns. A run lacking either column gives no point.
public struct PlanHistory: Sendable {
    public struct Point: Sendable, Equatable {
        /// The chart rate as numerator / denominator; nil when either column is missing or empty.
        public var rate: Fraction?
        public var compositeRank: Int?
        public init(rate: Fraction?, compositeRank: Int?) {
            self.rate = rate
            self.compositeRank = compositeRank
        }
    }

    /// One earlier run: its as-of day and each member's point, keyed by bloc and unit.
    public struct Run: Sendable {
        public var day: Day
        public var points: [Key: Point]
        public init(day: Day, points: [Key: Point]) {
            self.day = day
            self.points = points
        }
    }

    public struct Key: Hashable, Sendable {
        public var bloc: BlocID
        public var unit: UnitID
        public init(bloc: BlocID, unit: UnitID) {
            self.bloc = bloc
            self.unit = unit
        }
    }

    /// Oldest first.
    public var runs: [Run]

    public init(runs: [Run] = []) { self.runs = runs }

    /// The unit_metrics.csv columns of the plan's chart rate (§15 (c)): its numerator's and
    /// denominator's measure ids, or `headcount`; nil when the plan has no chart.
    public static func chartColumns(_ plan: Plan) -> (numerator: String, denominator: String)? {
        guard let c = plan.output.chart, plan.criteria.indices.contains(c), let rate = plan.criteria[c].rate else { return nil }
        func column(_ ref: MeasureRef) -> String? {
            switch ref {
            case .headcount: return "headcount"
            case .measure(let i): return plan.measures.indices.contains(i) ? plan.measures[i].id : nil
            }
        }
        guard let n = column(rate.numerator), let d = column(rate.denominator) else { return nil }
        return (n, d)
    }

    /// Up to `limit` published runs before `day` in `outDir`, of the plan named `plan.name` (a run
    /// whose run.csv names another plan is skipped: its figures mean something else).
    public static func read(outDir: String, before day: Day, plan: Plan, limit: Int = 8) -> PlanHistory {
        let columns = chartColumns(plan)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []
        let candidates = names.compactMap { Day(iso: $0) }.filter { $0 < day }.sorted(by: >)
        var runs: [Run] = []
        for d in candidates where runs.count < limit {
            let folder = "\(outDir)/\(d)/csv"
            if let run = try? String(contentsOfFile: "\(folder)/run.csv", encoding: .utf8),
               let name = CSVReader.rows(run).first?["plan_name"], name != plan.name { continue }
            guard let text = try? String(contentsOfFile: "\(folder)/unit_metrics.csv", encoding: .utf8) else { continue }
            runs.append(Run(day: d, points: points(CSVReader.rows(text), columns: columns)))
        }
        return PlanHistory(runs: runs.reversed())
    }

    /// Each row's point: the rate from the two columns (no point when a column is absent or empty,
    /// or the denominator is not positive), the composite rank.
    static func points(_ rows: [[String: String]], columns: (numerator: String, denominator: String)?) -> [Key: Point] {
        var points: [Key: Point] = [:]
        for r in rows {
            guard let blocText = r["bloc"], let bloc = BlocID(parsing: blocText), let unit = r["unit_id"] else { continue }
            var rate: Fraction?
            if let c = columns, let n = r[c.numerator].flatMap({ Int($0) }), let d = r[c.denominator].flatMap({ Int($0) }) {
                rate = Fraction(n, d)
            }
            points[Key(bloc: bloc, unit: unit)] = Point(rate: rate, compositeRank: r["composite_rank"].flatMap { Int($0) })
        }
        return points
    }

    /// The previous published run's point for a member: `.none` without any earlier run,
    /// `.some(nil)` when that run did not have the member.
    public func previous(_ bloc: BlocID, _ unit: UnitID) -> Point?? {
        guard let last = runs.last else { return .none }
        return .some(last.points[Key(bloc: bloc, unit: unit)])
    }

    /// The chart rate in each earlier run, oldest first.
    public func trend(_ bloc: BlocID, _ unit: UnitID) -> [Fraction?] {
        runs.map { $0.points[Key(bloc: bloc, unit: unit)]?.rate }
    }
}
