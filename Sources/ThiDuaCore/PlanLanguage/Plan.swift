/// A checked plan file of the plan language, version 1 (PLAN-LANGUAGE.md): the only form in which
/// the other modules see a plan. Every name of the file is resolved to a reference (an index into
/// one of the lists below) once, by the checker, so nothing downstream looks a name up in a string
/// map or can meet an unknown one. Declaration order is kept: it is the order of columns, rows and
/// anomalies (§15).
public struct Plan: Sendable {
    /// `language` (§18); 1.
    public var language: Int = 1
    public var name: String
    public var title: Label
    /// `dates:` in declaration order; `period_start` and `period_end` among them.
    public var days: [NamedDay]
    /// `windows:` in declaration order.
    public var windows: [NamedWindow]
    /// The index of `period_start` and `period_end` in `days`.
    public var periodStartDay: Int
    public var periodEndDay: Int
    /// `blocs.sub_kinds` (§13): the unit kinds that form `sub:` blocs.
    public var subKinds: [UnitKind] = [.department, .regional]
    public var measures: [Measure]
    public var criteria: [Criterion]
    public var composite: [CompositePart]
    public var metrics: [StaffMetric]
    public var score: [ScorePart]
    public var milestones: [Milestone]
    public var quotas: Quotas
    public var unitOrder: [UnitOrderKey]
    public var staffOrder: [StaffOrderKey]
    public var eligibility: [EligibilityRule]
    public var dossiers: DossierRules
    public var recordsToFix: [RecordProblem]
    public var output: OutputSpec

    public init(name: String, title: Label, days: [NamedDay], windows: [NamedWindow], periodStartDay: Int, periodEndDay: Int,
                measures: [Measure], criteria: [Criterion], composite: [CompositePart], metrics: [StaffMetric],
                score: [ScorePart], milestones: [Milestone], quotas: Quotas, unitOrder: [UnitOrderKey],
                staffOrder: [StaffOrderKey], eligibility: [EligibilityRule], dossiers: DossierRules,
                recordsToFix: [RecordProblem], output: OutputSpec) {
        self.name = name
        self.title = title
        self.days = days
        self.windows = windows
        self.periodStartDay = periodStartDay
        self.periodEndDay = periodEndDay
        self.measures = measures
        self.criteria = criteria
        self.composite = composite
        self.metrics = metrics
        self.score = score
        self.milestones = milestones
        self.quotas = quotas
        self.unitOrder = unitOrder
        self.staffOrder = staffOrder
        self.eligibility = eligibility
        self.dossiers = dossiers
        self.recordsToFix = recordsToFix
        self.output = output
    }
}

/// A text in both report languages (§2). Where an optional label is omitted, the id serves in both.
public struct Label: Sendable, Equatable {
    public var vi: String
    public var en: String
    public init(vi: String, en: String) { self.vi = vi; self.en = en }
    public init(id: String) { self.init(vi: id, en: id) }
    public func text(_ language: Language) -> String { language == .vi ? vi : en }
}

// MARK: - Days and windows (§4)

/// A day expression: `term (± INT d)*`, terms being ISO dates, names, `min(a, b)`, `max(a, b)`.
public indirect enum DayExpr: Sendable, Equatable {
    case date(Day)
    /// A `dates:` entry, by its index in `Plan.days`.
    case named(Int)
    /// `D`: the run's as-of day.
    case asOf
    /// `E` = min(D, period_end).
    case windowEnd
    case contractStart
    case contractEnd
    case offset(DayExpr, days: Int)
    case min(DayExpr, DayExpr)
    case max(DayExpr, DayExpr)
}

public struct NamedDay: Sendable, Equatable {
    public var id: String
    public var expr: DayExpr
    /// The expression as written (printed by `--explain` and in generated dictionary texts).
    public var text: String
    /// Independent of D and E (§4); a static day lies in 2000–2100.
    public var isStatic: Bool

    public init(id: String, expr: DayExpr, text: String, isStatic: Bool) {
        self.id = id
        self.expr = expr
        self.text = text
        self.isStatic = isStatic
    }
}

/// An inclusive day range `[from, to]`; a name from `windows:` or written inline.
public struct WindowExpr: Sendable, Equatable {
    public var from: DayExpr
    public var to: DayExpr
    /// The `windows:` entry it names, if any (for containment and generated texts).
    public var name: String?
    /// The ends as written, e.g. `period_start` and `E` (generated dictionary texts).
    public var fromText: String
    public var toText: String

    public init(from: DayExpr, to: DayExpr, name: String? = nil, fromText: String, toText: String) {
        self.from = from
        self.to = to
        self.name = name
        self.fromText = fromText
        self.toText = toText
    }
}

public struct NamedWindow: Sendable, Equatable {
    public var id: String
    public var window: WindowExpr

    public init(id: String, window: WindowExpr) {
        self.id = id
        self.window = window
    }
}

// MARK: - Conditions (§5)

/// A literal of a condition, typed by the column it tests.
public enum Literal: Sendable, Equatable, Hashable {
    case text(String)
    case int(Int)
    case bool(Bool)
}

/// What a condition entry tests.
public enum Operand: Sendable, Equatable {
    /// A column of the relation being counted.
    case column(String)
    /// `parent.column`: a column of the parent relation (§3 parent lookup).
    case parent(String)
    /// `link.column`: a column of the staff link relation (in staff metrics only, e.g. `training_role.role`).
    case link(String)
    /// A column of `staff` (`role`, `direct_worker`) in `count: staff` and score `when` conditions.
    case staffColumn(String)
    /// A staff metric, by its index in `Plan.metrics`.
    case metric(Int)
}

/// The right-hand side of `gt`, `gte`, `lt`, `lte`: an int, or another int column of the same row.
public enum IntOperand: Sendable, Equatable {
    case literal(Int)
    case column(String)
}

/// One operator and its operand (§5.1). Every test on NULL is false, but `isNull(true)` and `notBy`.
public enum Test: Sendable, Equatable {
    case eq(Literal)
    case ne(Literal)
    case isIn([Literal])
    case notIn([Literal])
    case gt(IntOperand)
    case gte(IntOperand)
    case lt(IntOperand)
    case lte(IntOperand)
    case within(WindowExpr)
    case onOrBefore(DayExpr)
    case before(DayExpr)
    case onOrAfter(DayExpr)
    case after(DayExpr)
    case notBy(DayExpr)
    case isNull(Bool)
}

/// A `where`: a mapping is `all` of its entries; `any`/`all` combine nested mappings (§5).
public indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    /// One entry `operand: {op: value, …}`: the tests are ANDed.
    case test(Operand, [Test])

    /// Every row (an empty `where`).
    public static let always = Condition.all([])
}

// MARK: - Measures (§6)

/// A reference to a per-unit integer: a declared measure or the built-in `headcount`.
public enum MeasureRef: Sendable, Equatable, Hashable {
    case measure(Int)
    case headcount
}

public enum ExprItem: Sendable, Equatable {
    case plain(MeasureRef)
    /// `NAME // INT`: floor division.
    case floorDiv(MeasureRef, Int)
    /// `INT * NAME`.
    case times(Int, MeasureRef)

    public var ref: MeasureRef {
        switch self {
        case .plain(let r), .floorDiv(let r, _), .times(_, let r): return r
        }
    }
}

public enum MeasureKind: Sendable, Equatable {
    /// `count: <relation>`: rows of the relation with this unit_id satisfying the condition.
    case rows(relation: String, where: Condition)
    /// `count: staff`: active staff with this unit_id satisfying the condition.
    case staff(where: Condition)
    /// `expr:`: evaluated on the scope's summed values (never summed itself).
    case expr([ExprItem])
}

public struct Measure: Sendable, Equatable {
    public var id: String
    public var kind: MeasureKind
    public var label: Label?
    /// The dictionary unit (records, documents, people …).
    public var unit: String
    public var publish: Bool
    public var doc: String?
    /// The `expr:` text or nil (generated dictionary texts).
    public var exprText: String?

    public init(id: String, kind: MeasureKind, label: Label? = nil, unit: String, publish: Bool, doc: String? = nil, exprText: String? = nil) {
        self.id = id
        self.kind = kind
        self.label = label
        self.unit = unit
        self.publish = publish
        self.doc = doc
        self.exprText = exprText
    }
}

// MARK: - Criteria (§8)

public struct RateRule: Sendable, Equatable {
    public var numerator: MeasureRef
    public var denominator: MeasureRef
    public var rank: Bool
    /// `priority_at`: the line `<id>_priority` compares against, exactly.
    public var priorityAt: Fraction?
    /// `to_full`: write `<id>_to_full`, the items still needed for 100%.
    public var toFull: Bool
    /// The anomaly problem code of an impossible rate (default `rate_above_one`).
    public var impossibleProblem: String
    /// §8: numerator and denominator count the same relation and the denominator's conditions are
    /// contained in the numerator's, so the rate lies in [0, 1] in sound data (dictionary maximum 1).
    public var boundedByOne: Bool

    public init(numerator: MeasureRef, denominator: MeasureRef, rank: Bool, priorityAt: Fraction? = nil, toFull: Bool, impossibleProblem: String, boundedByOne: Bool) {
        self.numerator = numerator
        self.denominator = denominator
        self.rank = rank
        self.priorityAt = priorityAt
        self.toFull = toFull
        self.impossibleProblem = impossibleProblem
        self.boundedByOne = boundedByOne
    }
}

public enum CriterionKind: Sendable, Equatable {
    case rate(RateRule)
    case atLeast(measure: MeasureRef, k: Int)
    case count(measure: MeasureRef)
}

public struct Criterion: Sendable, Equatable {
    public var id: String
    public var kind: CriterionKind
    public var label: Label
    public var clause: String
    public var doc: String?

    public init(id: String, kind: CriterionKind, label: Label, clause: String, doc: String? = nil) {
        self.id = id
        self.kind = kind
        self.label = label
        self.clause = clause
        self.doc = doc
    }

    public var rate: RateRule? {
        if case .rate(let r) = kind { return r }
        return nil
    }
}

// MARK: - Composite (§9)

/// The column a composite part reads.
public enum PartColumn: Sendable, Equatable {
    /// `<id>_rate` of a rate criterion: 0 when empty, 1 when impossible, else the rate.
    case rate(criterion: Int)
    /// `<id>_met` of an at_least criterion: 1 or 0.
    case met(criterion: Int)
    /// An integer column of unit_metrics with `at_least: k`: 1 when ≥ k, 0 below or empty.
    case atLeast(MeasureRef, k: Int)
}

public struct CompositePart: Sendable, Equatable {
    /// The column's name (`<criterion>_rate`, `<criterion>_met`, a measure's id): `points_<part>`, `weight_<part>`.
    public var part: String
    public var column: PartColumn
    /// The weight in ten-thousandths of a point (weights have at most 4 decimals).
    public var weight: Int
    public var label: Label?

    public init(part: String, column: PartColumn, weight: Int, label: Label? = nil) {
        self.part = part
        self.column = column
        self.weight = weight
        self.label = label
    }
}
