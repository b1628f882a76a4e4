import Foundation
@testable import ThiDuaCore

/// Small constructors for typed plans (the self tests' hand-made plans and the plan generator):
/// each builds one declaration as the checker would have produced it from a plan file.
enum PK {
    static func date(_ iso: String) -> Day { Day(iso: iso)! }

    static func day(_ id: String, _ expr: DayExpr, text: String, isStatic: Bool) -> NamedDay {
        NamedDay(id: id, expr: expr, text: text, isStatic: isStatic)
    }

    static func window(_ from: DayExpr, _ to: DayExpr, name: String? = nil) -> WindowExpr {
        WindowExpr(from: from, to: to, name: name, fromText: "\(from)", toText: "\(to)")
    }

    /// A mapping `{entry, …}`.
    static func where_(_ entries: Condition...) -> Condition { .all(entries) }

    static func col(_ c: String, _ tests: Test...) -> Condition { .test(.column(c), tests) }

    static func rows(_ id: String, _ relation: String, _ condition: Condition = .always, publish: Bool = false) -> Measure {
        Measure(id: id, kind: .rows(relation: relation, where: condition), label: nil,
                unit: WarehouseContract.relation(relation)?.rowUnit ?? "rows", publish: publish, doc: nil, exprText: nil)
    }

    static func staff(_ id: String, _ condition: Condition = .always, publish: Bool = false) -> Measure {
        Measure(id: id, kind: .staff(where: condition), label: nil, unit: "people", publish: publish, doc: nil, exprText: nil)
    }

    static func expr(_ id: String, _ items: [ExprItem], publish: Bool = false) -> Measure {
        Measure(id: id, kind: .expr(items), label: nil, unit: "items", publish: publish, doc: nil, exprText: "\(items)")
    }

    static func rate(_ id: String, _ num: MeasureRef, _ den: MeasureRef, rank: Bool = false, priorityAt: Fraction? = nil,
                     toFull: Bool = false, problem: String = "rate_above_one") -> Criterion {
        Criterion(id: id, kind: .rate(RateRule(numerator: num, denominator: den, rank: rank, priorityAt: priorityAt, toFull: toFull,
                                               impossibleProblem: problem, boundedByOne: false)),
                  label: Label(id: id), clause: "I.1", doc: nil)
    }

    static func atLeast(_ id: String, _ measure: MeasureRef, k: Int) -> Criterion {
        Criterion(id: id, kind: .atLeast(measure: measure, k: k), label: Label(id: id), clause: "I.2", doc: nil)
    }

    static func count(_ id: String, _ measure: MeasureRef) -> Criterion {
        Criterion(id: id, kind: .count(measure: measure), label: Label(id: id), clause: "I.3", doc: nil)
    }

    static func part(_ name: String, _ column: PartColumn, weight: Int) -> CompositePart {
        CompositePart(part: name, column: column, weight: weight, label: nil)
    }

    static func metric(_ id: String, _ kind: MetricKind, publish: Bool = true) -> StaffMetric {
        StaffMetric(id: id, kind: kind, label: nil, unit: "count", doc: nil, publish: publish)
    }

    static func scorePart(_ id: String, _ kind: ScoreKind, weight: Int) -> ScorePart {
        ScorePart(id: id, weight: weight, kind: kind, label: nil)
    }

    static func milestone(_ id: String, _ kind: MilestoneKind, deadline: Day) -> Milestone {
        Milestone(id: id, kind: kind, label: Label(id: id), clause: "II.1", deadline: deadline)
    }

    /// A plan with `period_start` and `period_end` as its first two days, everything else given.
    static func plan(days: [NamedDay], windows: [NamedWindow] = [], measures: [Measure], criteria: [Criterion],
                     composite: [CompositePart], metrics: [StaffMetric], score: [ScorePart], milestones: [Milestone],
                     quotas: Quotas, unitOrder: [UnitOrderKey], staffOrder: [StaffOrderKey], eligibility: [EligibilityRule],
                     dossiers: DossierRules, recordsToFix: [RecordProblem], subKinds: [UnitKind] = [.department, .regional]) -> Plan {
        var p = Plan(name: "naive", title: Label(id: "naive"), days: days, windows: windows, periodStartDay: 0, periodEndDay: 1,
                     measures: measures, criteria: criteria, composite: composite, metrics: metrics, score: score,
                     milestones: milestones, quotas: quotas, unitOrder: unitOrder, staffOrder: staffOrder,
                     eligibility: eligibility, dossiers: dossiers, recordsToFix: recordsToFix, output: OutputSpec())
        p.subKinds = subKinds
        return p
    }
}
