import Foundation
@testable import ThiDuaCore

// A small builder for typed plans written by hand in tests (what the checker would produce from a
// plan file): names are resolved to indices as they are declared, units take §6/§7's defaults.

func isoDay(_ iso: String) -> Day { Day(iso: iso)! }

func whereAll(_ entries: Condition...) -> Condition { .all(entries) }
func whereAny(_ wheres: Condition...) -> Condition { .any(wheres) }
func cond(_ name: String, _ tests: Test...) -> Condition { .test(.column(name), tests) }
func staffCond(_ name: String, _ tests: Test...) -> Condition { .test(.staffColumn(name), tests) }
func linkCond(_ name: String, _ tests: Test...) -> Condition { .test(.link(name), tests) }

struct PlanBuilder {
    var days: [NamedDay] = []
    var windows: [NamedWindow] = []
    var measures: [Measure] = []
    var criteria: [Criterion] = []
    var composite: [CompositePart] = []
    var metrics: [StaffMetric] = []
    var score: [ScorePart] = []
    var milestones: [Milestone] = []

    // MARK: Days and windows

    /// A day expression from its text: an ISO date, a built-in, a name, `x - Nd`, `min(a, b)`.
    func expr(_ text: String) -> DayExpr {
        let t = text.trimmingCharacters(in: .whitespaces)
        for (fn, make) in [("min(", DayExpr.min), ("max(", DayExpr.max)] where t.hasPrefix(fn) && t.hasSuffix(")") {
            let inner = t.dropFirst(4).dropLast()
            var depth = 0
            for i in inner.indices {
                if inner[i] == "(" { depth += 1 }
                if inner[i] == ")" { depth -= 1 }
                if inner[i] == ",", depth == 0 {
                    return make(expr(String(inner[..<i])), expr(String(inner[inner.index(after: i)...])))
                }
            }
        }
        if let r = t.range(of: " - ", options: .backwards) {
            return .offset(expr(String(t[..<r.lowerBound])), days: -Int(t[r.upperBound...].dropLast())!)
        }
        if let r = t.range(of: " + ", options: .backwards) {
            return .offset(expr(String(t[..<r.lowerBound])), days: Int(t[r.upperBound...].dropLast())!)
        }
        switch t {
        case "D": return .asOf
        case "E": return .windowEnd
        case "contract_start": return .contractStart
        case "contract_end": return .contractEnd
        default: break
        }
        if let d = Day(iso: t) { return .date(d) }
        return .named(days.firstIndex { $0.id == t }!)
    }

    mutating func day(_ id: String, _ text: String) {
        let e = expr(text)
        days.append(NamedDay(id: id, expr: e, text: text, isStatic: !text.contains("E") && !text.contains("D")))
    }

    func d(_ id: String) -> DayExpr { expr(id) }

    func staticDay(_ id: String) -> Day {
        if case .date(let d) = days.first(where: { $0.id == id })!.expr { return d }
        fatalError("\(id) is not a static day")
    }

    func inline(_ from: String, _ to: String) -> WindowExpr {
        WindowExpr(from: expr(from), to: expr(to), name: nil, fromText: from, toText: to)
    }

    mutating func window(_ id: String, _ from: String, _ to: String) {
        var w = inline(from, to)
        w.name = id
        windows.append(NamedWindow(id: id, window: w))
    }

    func win(_ id: String) -> WindowExpr { windows.first { $0.id == id }!.window }

    // MARK: Measures and criteria

    func m(_ id: String) -> MeasureRef { id == "headcount" ? .headcount : .measure(measures.firstIndex { $0.id == id }!) }
    func c(_ id: String) -> Int { criteria.firstIndex { $0.id == id }! }
    func metric(_ id: String) -> Int { metrics.firstIndex { $0.id == id }! }

    mutating func rows(_ id: String, _ relation: String, _ condition: Condition = .always, publish: Bool = false, doc: String? = nil) {
        let unit = WarehouseContract.relation(relation)!.rowUnit!
        measures.append(Measure(id: id, kind: .rows(relation: relation, where: condition), label: nil, unit: unit, publish: publish,
                                doc: doc, exprText: nil))
    }

    mutating func staff(_ id: String, _ condition: Condition = .always, publish: Bool = false) {
        measures.append(Measure(id: id, kind: .staff(where: condition), label: nil, unit: "people", publish: publish, doc: nil, exprText: nil))
    }

    /// `a + b // k` (the fixtures use `+` and `//` only).
    mutating func expression(_ id: String, _ text: String, unit: String) {
        let items = text.components(separatedBy: " + ").map { item -> ExprItem in
            let parts = item.components(separatedBy: " // ")
            return parts.count == 2 ? .floorDiv(m(parts[0]), Int(parts[1])!) : .plain(m(parts[0]))
        }
        measures.append(Measure(id: id, kind: .expr(items), label: nil, unit: unit, publish: false, doc: nil, exprText: text))
    }

    mutating func rate(_ id: String, _ numerator: String, _ denominator: String, rank: Bool = false, priorityAt: Fraction? = nil,
                       toFull: Bool = false, impossible: String = "rate_above_one", bounded: Bool = true, clause: String) {
        let rule = RateRule(numerator: m(numerator), denominator: m(denominator), rank: rank, priorityAt: priorityAt, toFull: toFull,
                            impossibleProblem: impossible, boundedByOne: bounded)
        criteria.append(Criterion(id: id, kind: .rate(rule), label: Label(id: id), clause: clause, doc: nil))
    }

    mutating func atLeast(_ id: String, _ measure: String, k: Int, clause: String) {
        criteria.append(Criterion(id: id, kind: .atLeast(measure: m(measure), k: k), label: Label(id: id), clause: clause, doc: nil))
    }

    mutating func count(_ id: String, measure: String? = nil, clause: String) {
        criteria.append(Criterion(id: id, kind: .count(measure: m(measure ?? id)), label: Label(id: id), clause: clause, doc: nil))
    }

    /// A composite part, its weight in points (stored in ten-thousandths).
    mutating func part(_ part: String, _ points: Int, atLeast k: Int? = nil) {
        let column: PartColumn
        if part.hasSuffix("_rate") { column = .rate(criterion: c(String(part.dropLast(5)))) }
        else if part.hasSuffix("_met") { column = .met(criterion: c(String(part.dropLast(4)))) }
        else { column = .atLeast(m(part), k: k!) }
        composite.append(CompositePart(part: part, column: column, weight: points * 10_000, label: nil))
    }

    // MARK: Individuals and milestones

    mutating func metric(_ id: String, _ kind: MetricKind, publish: Bool = true) {
        let unit: String
        switch kind {
        case .count(let r, _): unit = WarehouseContract.relation(r)!.rowUnit!
        case .sum(_, let column, _), .latest(_, let column, _, _): unit = column
        case .distinctWeeks, .weeksIn: unit = "weeks"
        case .exists, .firstDay: unit = ""
        }
        metrics.append(StaffMetric(id: id, kind: kind, label: nil, unit: unit, doc: nil, publish: publish))
    }

    func usesMetric(_ id: String, _ tests: Test...) -> Condition { .test(.metric(metric(id)), tests) }

    mutating func scorePart(_ id: String, _ points: Int, _ kind: ScoreKind) {
        score.append(ScorePart(id: id, weight: points * 10_000, kind: kind, label: nil))
    }

    mutating func milestone(_ id: String, _ kind: MilestoneKind, deadline: String, clause: String) {
        milestones.append(Milestone(id: id, kind: kind, label: Label(id: id), clause: clause, deadline: staticDay(deadline)))
    }

    func plan(name: String, title: String, unitOrder: [UnitOrderKey], eligibility: [EligibilityRule], dossierDeadline: String,
              recordsToFix: [(String, String)], collectiveShare: String, layout: [String]?) -> Plan {
        Plan(name: name, title: Label(vi: title, en: title), days: days, windows: windows,
             periodStartDay: days.firstIndex { $0.id == "period_start" }!, periodEndDay: days.firstIndex { $0.id == "period_end" }!,
             measures: measures, criteria: criteria, composite: composite, metrics: metrics, score: score, milestones: milestones,
             quotas: Quotas(collectiveShare: Decimal(string: collectiveShare)!, collectiveRounding: .down, individualPerSPPUnit: 1,
                            individualProvincialTiers: [(299, 3), (500, 5), (nil, 8)]),
             unitOrder: unitOrder, staffOrder: [.directWorker, .score], eligibility: eligibility,
             dossiers: DossierRules(deadline: staticDay(dossierDeadline), parts: ["proposal", "minutes", "achievement_report", "impact_confirmation"],
                                    decidedAtUnit: ["giay_khen"]),
             recordsToFix: recordsToFix.map { r in RecordProblem(problem: r.0, measure: measures.firstIndex { $0.id == r.1 }!, label: nil) },
             output: OutputSpec(unitMetricsLayout: layout, chart: nil))
    }
}
