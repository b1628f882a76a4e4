import Foundation
@testable import ThiDuaCore

/// Small typed plans built by hand for the engine's tests: every list empty unless given, a period
/// 2026-01-01 … 2026-06-30, quotas of plan 251, units by composite, staff by direct worker then score.
enum TP {
    /// A day written `YYYY-MM-DD`.
    static func iso(_ s: String) -> Day { Day(iso: s)! }
    static let periodStart = iso("2026-01-01")
    static let periodEnd = iso("2026-06-30")

    static func plan(measures: [Measure] = [], criteria: [Criterion] = [], composite: [CompositePart] = [],
                     metrics: [StaffMetric] = [], score: [ScorePart] = [], milestones: [Milestone] = [],
                     quotas: Quotas = TP.quotas(), unitOrder: [UnitOrderKey] = [.composite],
                     staffOrder: [StaffOrderKey] = [.directWorker, .score], eligibility: [EligibilityRule] = [],
                     dossiers: DossierRules = DossierRules(deadline: TP.iso("2026-06-29"),
                                                           parts: ["proposal", "minutes", "achievement_report", "impact_confirmation"],
                                                           decidedAtUnit: ["giay_khen"]),
                     days extra: [NamedDay] = [], subKinds: [UnitKind]? = nil) -> Plan {
        let days = [NamedDay(id: "period_start", expr: .date(periodStart), text: "2026-01-01", isStatic: true),
                    NamedDay(id: "period_end", expr: .date(periodEnd), text: "2026-06-30", isStatic: true)] + extra
        var p = Plan(name: "test", title: Label(id: "test"), days: days, windows: [], periodStartDay: 0, periodEndDay: 1,
                     measures: measures, criteria: criteria, composite: composite, metrics: metrics, score: score,
                     milestones: milestones, quotas: quotas, unitOrder: unitOrder, staffOrder: staffOrder,
                     eligibility: eligibility, dossiers: dossiers, recordsToFix: [], output: OutputSpec())
        if let subKinds { p.subKinds = subKinds }
        return p
    }

    static func quotas(share: String = "0.10", rounding: Quotas.Rounding = .down) -> Quotas {
        Quotas(collectiveShare: Decimal(string: share)!, collectiveRounding: rounding, individualPerSPPUnit: 1,
               individualProvincialTiers: [(299, 3), (500, 5), (nil, 8)])
    }

    // MARK: declarations

    static func rows(_ id: String, _ relation: String = "case_record", _ c: Condition = .always) -> Measure {
        Measure(id: id, kind: .rows(relation: relation, where: c), label: nil, unit: "records", publish: false, doc: nil, exprText: nil)
    }

    static func staff(_ id: String, _ c: Condition = .always) -> Measure {
        Measure(id: id, kind: .staff(where: c), label: nil, unit: "people", publish: false, doc: nil, exprText: nil)
    }

    static func expr(_ id: String, _ items: [ExprItem]) -> Measure {
        Measure(id: id, kind: .expr(items), label: nil, unit: "records", publish: false, doc: nil, exprText: nil)
    }

    static func rate(_ id: String, _ num: MeasureRef, _ den: MeasureRef, rank: Bool = true, priorityAt: String? = nil,
                     toFull: Bool = false, problem: String = "rate_above_one") -> Criterion {
        Criterion(id: id, kind: .rate(RateRule(numerator: num, denominator: den, rank: rank,
                                               priorityAt: priorityAt.flatMap { Fraction(decimal: $0) }, toFull: toFull,
                                               impossibleProblem: problem, boundedByOne: false)),
                  label: Label(id: id), clause: "I", doc: nil)
    }

    static func atLeast(_ id: String, _ m: MeasureRef, _ k: Int) -> Criterion {
        Criterion(id: id, kind: .atLeast(measure: m, k: k), label: Label(id: id), clause: "I", doc: nil)
    }

    /// A composite part; the weight in points (converted to ten-thousandths).
    static func part(_ name: String, _ column: PartColumn, _ weight: String) -> CompositePart {
        CompositePart(part: name, column: column, weight: tenThousandths(weight), label: nil)
    }

    static func tenThousandths(_ w: String) -> Int {
        NSDecimalNumber(decimal: Decimal(string: w)! * 10_000).intValue
    }

    static func metric(_ id: String, _ kind: MetricKind) -> StaffMetric {
        StaffMetric(id: id, kind: kind, label: nil, unit: "", doc: nil, publish: true)
    }

    static func intMetric(_ id: String) -> StaffMetric { metric(id, .count(relation: "case_record", where: .always)) }
    static func boolMetric(_ id: String) -> StaffMetric { metric(id, .exists(relation: "discipline", where: .always)) }
    static func dateMetric(_ id: String) -> StaffMetric { metric(id, .firstDay(relation: "luyenai_daily", where: .always)) }
    static func latestMetric(_ id: String) -> StaffMetric {
        metric(id, .latest(relation: "luyenai_daily", column: "level", onOrBefore: .windowEnd, where: .always))
    }

    static func scorePart(_ id: String, _ weight: String, _ kind: ScoreKind) -> ScorePart {
        ScorePart(id: id, weight: tenThousandths(weight), kind: kind, label: nil)
    }

    static func milestone(_ id: String, _ kind: MilestoneKind, deadline: String) -> Milestone {
        Milestone(id: id, kind: kind, label: Label(id: id), clause: "II", deadline: iso(deadline))
    }

    static func test(_ o: Operand, _ t: Test...) -> Condition { .test(o, t) }

    // MARK: warehouse

    static func unit(_ id: String, _ kind: String, parent: String? = nil, headcount: Int? = 10) -> ThiDuaCore.Unit {
        Unit(id: id, name: "Unit \(id)", kindText: kind, parentID: parent, headcount: headcount)
    }

    /// Unit facts with the given counts per measure index.
    static func facts(_ plan: Plan, _ counts: [Int: Int?] = [:]) -> UnitFacts {
        var f = UnitFacts(measures: plan.measures.count, milestones: plan.milestones.count)
        for (i, c) in counts { f.counts[i] = c }
        return f
    }

    static func person(_ id: String, unit: String, role: String = "prosecutor", direct: Bool = true, _ values: [MetricValue] = [],
                       overflowed: [Int] = []) -> StaffRow {
        StaffRow(staffID: id, fullName: "Cán bộ \(id)", unitID: unit, roleText: role, directWorker: direct, values: values,
                 overflowed: overflowed)
    }

    /// One run: staff fed bloc by bloc (owners in id order), then finished.
    static func run(_ plan: Plan, asOf: String = "2026-03-15", units: [ThiDuaCore.Unit], facts: [String: UnitFacts] = [:],
                    staff: [StaffRow] = [], anomalies: [Anomaly] = []) -> (PlanComputation, [PlanEvaluation.StaffBoard]) {
        var e = PlanEvaluation(plan: plan, days: ResolvedDays(plan: plan, asOf: iso(asOf)), units: units)
        let owners = e.organisation.individualBlocOwner
        let groups = Dictionary(grouping: staff) { owners[$0.unitID] ?? "~" }
        var boards: [PlanEvaluation.StaffBoard] = []
        for (owner, members) in groups.sorted(by: { $0.key < $1.key }) {
            boards.append(e.addStaffBloc(owner: owner == "~" ? nil : owner, staff: members))
        }
        return (e.finish(unitFacts: facts, anomalies: anomalies), boards)
    }
}

extension PlanComputation {
    func member(_ id: String, in bloc: BlocID) -> MemberFigures? { members.first { $0.unit.id == id && $0.bloc == bloc } }
}
