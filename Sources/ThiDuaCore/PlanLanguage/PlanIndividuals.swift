// The plan's individual metrics and score, milestones, awards, records to fix and output layout
// (PLAN-LANGUAGE.md §7, §10–§12, §15).

// MARK: - Staff metrics (§7)

public enum MetricKind: Sendable, Equatable {
    /// int: distinct rows of the relation linked to the person satisfying the condition.
    case count(relation: String, where: Condition)
    /// bool: at least one such row.
    case exists(relation: String, where: Condition)
    /// int: Σ of the column (clamped to its bounds) over such rows, each distinct row once.
    case sum(relation: String, column: String, where: Condition)
    /// int or empty: the column of the row with the greatest day in [contract_start, X].
    case latest(relation: String, column: String, onOrBefore: DayExpr, where: Condition)
    /// date or empty: the least existence-column day of such rows.
    case firstDay(relation: String, where: Condition)
    /// int: distinct ⌊(x − W.from) / 7⌋ over such rows whose day x lies in W.
    case distinctWeeks(relation: String, window: WindowExpr, where: Condition)
    /// int: ⌈(W.to − W.from + 1) / 7⌉, 0 when W is empty; the same for everyone.
    case weeksIn(WindowExpr)
}

/// The type of a staff metric's value.
public enum MetricType: Sendable, Equatable {
    case int, bool, date
}

public struct StaffMetric: Sendable, Equatable {
    public var id: String
    public var kind: MetricKind
    public var label: Label?
    public var unit: String
    public var doc: String?
    public var publish: Bool

    public init(id: String, kind: MetricKind, label: Label? = nil, unit: String, doc: String? = nil, publish: Bool) {
        self.id = id
        self.kind = kind
        self.label = label
        self.unit = unit
        self.doc = doc
        self.publish = publish
    }

    public var type: MetricType {
        switch kind {
        case .exists: return .bool
        case .firstDay: return .date
        default: return .int
        }
    }

    /// Can be empty (`latest`, `first_day`, or an int that overflowed).
    public var canBeEmpty: Bool {
        switch kind {
        case .latest, .firstDay: return true
        default: return false
        }
    }
}

// MARK: - Individual score (§10)

public enum ScoreKind: Sendable, Equatable {
    /// max(v, 0) / M, M = max of the metric over the person's staff bloc; 0 when M ≤ 0 or v empty.
    case shareOfBlocMax(metric: Int)
    /// 1 when the condition (staff columns and metrics) holds.
    case when(Condition)
    /// min(max(v, 0), K) / K; empty → 0.
    case scaled(metric: Int, max: Int)
    /// min(1, max(v, 0) / w), w = the other metric; 0 when v is empty, or w empty or ≤ 0.
    case ratio(metric: Int, over: Int)
}

public struct ScorePart: Sendable, Equatable {
    public var id: String
    /// Ten-thousandths of a point.
    public var weight: Int
    public var kind: ScoreKind
    public var label: Label?

    public init(id: String, weight: Int, kind: ScoreKind, label: Label? = nil) {
        self.id = id
        self.weight = weight
        self.kind = kind
        self.label = label
    }
}

/// A name in `shortlist.staff.order` `{flag: …}` and `output.leaders`: a staff metric of that id if
/// there is one, else a `when` part of the score (§10).
public enum StaffValueRef: Sendable, Equatable {
    case metric(Int)
    case scorePart(Int)
}

// MARK: - Milestones (§11)

/// The day an all_done milestone's items were done: a date column of the measure's relation, or a
/// date staff metric for `count: staff` measures.
public enum DoneOn: Sendable, Equatable {
    case column(String)
    case metric(Int)
}

public enum MilestoneKind: Sendable, Equatable {
    /// Paced: value and target are row (or staff) counts whose target conditions are contained in
    /// the value's.
    case allDone(value: Int, target: Int, doneOn: DoneOn, whenEmpty: MilestoneStatus, paceDays: Int)
    /// Pending before the deadline, then met when value = target, else missed.
    case stateFrom(value: MeasureRef, target: MeasureRef, whenEmpty: MilestoneStatus)
    /// The numerator and denominator of a rate criterion.
    case restates(criterion: Int, whenEmpty: MilestoneStatus)
    /// The first day the measure (windowed row counts and their `+`, `//`, `k *`) reached k.
    case firstReached(measure: Int, k: Int)
}

public struct Milestone: Sendable, Equatable {
    public var id: String
    public var kind: MilestoneKind
    public var label: Label
    public var clause: String
    /// The last day on time (a static day).
    public var deadline: Day

    public init(id: String, kind: MilestoneKind, label: Label, clause: String, deadline: Day) {
        self.id = id
        self.kind = kind
        self.label = label
        self.clause = clause
        self.deadline = deadline
    }
}

// MARK: - Awards, dossiers, records (§12)

public enum UnitOrderKey: Sendable, Equatable {
    /// `<c>_priority` true first (a rate with priority_at).
    case priority(criterion: Int)
    /// `<c>_met` true first (an at_least).
    case met(criterion: Int)
    /// composite_score highest first.
    case composite
}

public enum StaffOrderKey: Sendable, Equatable {
    case directWorker
    case flag(StaffValueRef)
    case score
}

public struct EligibilityRule: Sendable, Equatable {
    public var reason: String
    /// A boolean staff metric.
    public var staffFlag: Int
    public var excludesStaff: Bool
    public var excludesUnits: Bool
    public var label: Label?

    public init(reason: String, staffFlag: Int, excludesStaff: Bool, excludesUnits: Bool, label: Label? = nil) {
        self.reason = reason
        self.staffFlag = staffFlag
        self.excludesStaff = excludesStaff
        self.excludesUnits = excludesUnits
        self.label = label
    }
}

public struct DossierRules: Sendable, Equatable {
    public var deadline: Day
    /// A subsequence of proposal, minutes, achievement_report, impact_confirmation, in that order.
    public var parts: [String]
    /// Award levels decided at the unit (status `unit_level`).
    public var decidedAtUnit: [String]

    public init(deadline: Day, parts: [String], decidedAtUnit: [String]) {
        self.deadline = deadline
        self.parts = parts
        self.decidedAtUnit = decidedAtUnit
    }
}

public struct RecordProblem: Sendable, Equatable {
    public var problem: String
    /// A `count: case_record` measure.
    public var measure: Int
    public var label: Label?

    public init(problem: String, measure: Int, label: Label? = nil) {
        self.problem = problem
        self.measure = measure
        self.label = label
    }
}

// MARK: - Output (§15)

public struct LeaderList: Sendable, Equatable {
    public var id: String
    public var label: Label
    public var order: [StaffValueRef]

    public init(id: String, label: Label, order: [StaffValueRef]) {
        self.id = id
        self.label = label
        self.order = order
    }
}

public struct KeyDate: Sendable, Equatable {
    /// A static `dates:` entry.
    public var day: Int
    public var label: Label?

    public init(day: Int, label: Label? = nil) {
        self.day = day
        self.label = label
    }
}

public struct OutputSpec: Sendable, Equatable {
    /// `output.unit_metrics`: every column after `headcount` exactly once, or nil for §15's default.
    public var unitMetricsLayout: [String]?
    /// The chart's rate criterion (explicit, or §15 (c)'s default), nil for no chart.
    public var chart: Int?
    public var leaders: [LeaderList]
    public var keyDates: [KeyDate]
    /// `output.column_docs`: a derived column → its meaning.
    public var columnDocs: [String: String]

    public init(unitMetricsLayout: [String]? = nil, chart: Int? = nil, leaders: [LeaderList] = [], keyDates: [KeyDate] = [],
                columnDocs: [String: String] = [:]) {
        self.unitMetricsLayout = unitMetricsLayout
        self.chart = chart
        self.leaders = leaders
        self.keyDates = keyDates
        self.columnDocs = columnDocs
    }
}
