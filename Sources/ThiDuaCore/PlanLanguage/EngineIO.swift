import Foundation

// What the compiled SQL hands the engine (per unit and per staff member), and what the engine hands
// the reports. Arrays are indexed like the plan's own lists (measures, milestones, metrics …), so
// nothing is looked up by name.

/// The run's days: D, E and every `dates:` entry resolved (§4).
public struct ResolvedDays: Sendable, Equatable {
    public let asOf: Day
    /// E = min(D, period_end).
    public let end: Day
    /// `Plan.days`, resolved, same order.
    public let days: [Day]
    public let periodStart: Day
    public let periodEnd: Day

    public init(plan: Plan, asOf: Day) {
        self.asOf = asOf
        var resolved: [Day?] = Array(repeating: nil, count: plan.days.count)
        // period_end first: E depends on it, and other days may depend on E. The checker refuses
        // cycles, and period_end is static (so it never depends on E).
        func eval(_ e: DayExpr, _ end: Day?) -> Day {
            switch e {
            case .date(let d): return d
            case .named(let i):
                if let d = resolved[i] { return d }
                let d = eval(plan.days[i].expr, end)
                resolved[i] = d
                return d
            case .asOf: return asOf
            case .windowEnd: return end ?? asOf
            case .contractStart: return WarehouseContract.contractStart
            case .contractEnd: return WarehouseContract.contractEnd
            case .offset(let b, let n): return eval(b, end).adding(days: n)
            case .min(let a, let b): return Swift.min(eval(a, end), eval(b, end))
            case .max(let a, let b): return Swift.max(eval(a, end), eval(b, end))
            }
        }
        let periodEnd = eval(.named(plan.periodEndDay), nil)
        let end = Swift.min(asOf, periodEnd)
        self.end = end
        self.periodEnd = periodEnd
        self.periodStart = eval(.named(plan.periodStartDay), end)
        for i in plan.days.indices where resolved[i] == nil { resolved[i] = eval(plan.days[i].expr, end) }
        days = resolved.map { $0 ?? asOf }
    }

    /// A day expression on this run's days.
    public func resolve(_ e: DayExpr) -> Day {
        switch e {
        case .date(let d): return d
        case .named(let i): return days[i]
        case .asOf: return asOf
        case .windowEnd: return end
        case .contractStart: return WarehouseContract.contractStart
        case .contractEnd: return WarehouseContract.contractEnd
        case .offset(let b, let n): return resolve(b).adding(days: n)
        case .min(let a, let b): return Swift.min(resolve(a), resolve(b))
        case .max(let a, let b): return Swift.max(resolve(a), resolve(b))
        }
    }

    /// A window's ends; empty (counts 0) when from > to at run time.
    public func resolve(_ w: WindowExpr) -> (from: Day, to: Day) { (resolve(w.from), resolve(w.to)) }

    /// After period_end the standing is final.
    public var isFinal: Bool { asOf > periodEnd }
}

// MARK: - Warehouse → engine

/// One unit's own rows, as the compiled per-relation statements counted them.
public struct UnitFacts: Sendable, Equatable {
    /// Per measure: the number of this unit's own rows satisfying a `count: <relation>` measure's
    /// condition (0 for other kinds). Nil when the value did not fit 64 bits.
    public var counts: [Int?]
    /// Per milestone (all_done over a row count): the latest `done_on` of the done items on or
    /// before D, within 2000–2100; nil when none.
    public var latestDone: [Day?]
    /// Per milestone (all_done over a row count): done items with done_on in [D − pace_days + 1, D].
    public var recentDone: [Int]
    /// Per measure (a first_reached leaf): the first days of its dated column among counted rows,
    /// ascending, at most as many as the milestone needs (§16.2).
    public var firstDays: [[Day]]

    public init(measures: Int, milestones: Int) {
        counts = Array(repeating: 0, count: measures)
        latestDone = Array(repeating: nil, count: milestones)
        recentDone = Array(repeating: 0, count: milestones)
        firstDays = Array(repeating: [], count: measures)
    }
}

/// A staff metric's value for one person (§7); nil: empty.
public enum MetricValue: Sendable, Equatable {
    case int(Int?)
    case bool(Bool)
    case date(Day?)

    public var int: Int? { if case .int(let v) = self { return v }; return nil }
    public var bool: Bool { if case .bool(let v) = self { return v }; return false }
    public var date: Day? { if case .date(let v) = self { return v }; return nil }
}

/// One active staff member as the streamed staff statement gives them.
public struct StaffRow: Sendable, Equatable {
    public var staffID: String
    public var fullName: String
    public var unitID: String
    /// The role as the warehouse wrote it (an unknown role is an anomaly and matches no code).
    public var roleText: String
    public var directWorker: Bool
    /// Per staff metric, in `Plan.metrics` order.
    public var values: [MetricValue]
    /// Metrics whose value did not fit 64 bits (their value is empty; listed as integer_overflow).
    public var overflowed: [Int] = []
    /// The warehouse's role / direct_worker was NULL (a contract anomaly): printed as `roleText` ''
    /// and `directWorker` false, but every condition test on it is false (§5.2).
    public var roleIsNull = false
    public var directWorkerIsNull = false

    public init(staffID: String, fullName: String, unitID: String, roleText: String, directWorker: Bool,
                values: [MetricValue], overflowed: [Int] = [], roleIsNull: Bool = false, directWorkerIsNull: Bool = false) {
        self.staffID = staffID
        self.fullName = fullName
        self.unitID = unitID
        self.roleText = roleText
        self.directWorker = directWorker
        self.values = values
        self.overflowed = overflowed
        self.roleIsNull = roleIsNull
        self.directWorkerIsNull = directWorkerIsNull
    }
}

// MARK: - Engine → reports

/// One bloc member's figures (unit_metrics.csv row), per plan declaration.
public struct MemberFigures: Sendable {
    public var bloc: BlocID
    public var unit: Unit
    /// The member's biên chế (§13); nil: empty.
    public var headcount: Int?
    /// The province the member belongs to (a province itself, a sub-unit's province); nil in spp.
    public var provinceID: String?
    /// Per measure: row and staff counts summed over the scope, expressions on the sums; nil: empty.
    public var measures: [Int?]
    /// Per criterion (rates only; nil elsewhere or when empty): numerator / denominator, exact.
    public var rates: [Fraction?]
    /// Per criterion: the rate is impossible (numerator above denominator).
    public var impossible: [Bool]
    /// Per criterion: `<id>_priority` (rates with priority_at) or `<id>_met` (at_least); false elsewhere.
    public var flags: [Bool]
    /// Per criterion: `<id>_rank` (ranked rates).
    public var ranks: [Int?]
    /// Per criterion: `<id>_to_priority`, `<id>_to_full`, `<id>_to_first`.
    public var toPriority: [Int?]
    public var toFull: [Int?]
    public var toFirst: [Int?]
    /// composite_score, rounded half-up to 4 decimals, and its rank.
    public var composite: Decimal
    public var compositeRank: Int?
    /// Per composite part: weight × value, rounded to 4 decimals.
    public var points: [Decimal]

    public init(bloc: BlocID, unit: Unit, headcount: Int?, provinceID: String?, measures: [Int?], criteria: Int, parts: Int) {
        self.bloc = bloc
        self.unit = unit
        self.headcount = headcount
        self.provinceID = provinceID
        self.measures = measures
        rates = Array(repeating: nil, count: criteria)
        impossible = Array(repeating: false, count: criteria)
        flags = Array(repeating: false, count: criteria)
        ranks = Array(repeating: nil, count: criteria)
        toPriority = Array(repeating: nil, count: criteria)
        toFull = Array(repeating: nil, count: criteria)
        toFirst = Array(repeating: nil, count: criteria)
        composite = 0
        compositeRank = nil
        points = Array(repeating: 0, count: parts)
    }

    /// The value of a measure reference on this member (`headcount` is the member's biên chế).
    public func value(_ ref: MeasureRef) -> Int? {
        switch ref {
        case .measure(let i): return measures[i]
        case .headcount: return headcount
        }
    }
}

/// One milestone of one bloc member (milestones.csv row).
public struct MilestoneFigure: Sendable, Equatable {
    public var bloc: BlocID
    public var unitID: UnitID
    /// Index in `Plan.milestones`.
    public var milestone: Int
    public var deadline: Day
    public var status: MilestoneStatus
    public var value: Int
    public var target: Int
    public var completedOn: Day?
    public var projectedOn: Day?
}

/// One active staff member's standing in their `staff:<owner>` bloc (staff_metrics.csv row).
public struct StaffFigures: Sendable {
    public var bloc: BlocID
    public var row: StaffRow
    /// Per score part: its value was 1 (a `when` part that holds); false for other kinds.
    public var whenHolds: [Bool]
    public var score: Decimal
    public var rank: Int?
}

extension Plan {
    /// A day expression as written (§4): a name, `D`, `E`, an ISO date, `b - Nd`, `min(a, b)`;
    /// what `--explain` notes and the dictionary's generated texts print.
    public func text(of e: DayExpr) -> String {
        switch e {
        case .date(let d): return d.description
        case .named(let i): return days.indices.contains(i) ? days[i].id : "?"
        case .asOf: return "D"
        case .windowEnd: return "E"
        case .contractStart: return "contract_start"
        case .contractEnd: return "contract_end"
        case .offset(let base, let n): return text(of: base) + (n < 0 ? " - \(n.magnitude)d" : " + \(n)d")
        case .min(let a, let b): return "min(\(text(of: a)), \(text(of: b)))"
        case .max(let a, let b): return "max(\(text(of: a)), \(text(of: b)))"
        }
    }
}
