import Foundation
@testable import ThiDuaCore

/// The generated plan's metrics (§7), criteria (§8), composite (§9), score (§10), milestones (§11)
/// and awards (§12). Ids carry a prefix per namespace (m, c, s, p, ms, r), so no two derived
/// columns share a name.
extension PlanGenerator {
    static let linkedRelations = ["case_record", "training_session", "initiative", "core_group", "luyenai_daily", "platform_usage", "discipline"]
    static let sums = [("case_record", "missing_required_fields"), ("case_record", "error_count"), ("training_session", "attendee_count"),
                       ("luyenai_daily", "minutes"), ("platform_usage", "actions")]
    static let latests = [("luyenai_daily", "level"), ("luyenai_daily", "minutes"), ("platform_usage", "actions")]

    private mutating func metricWhere(_ relation: String) -> Condition {
        .all(GenConditions.mapping(GenConditions.vocabulary(relation: relation, metric: true), &self, entries: 0...2,
                                   allowWithin: true, intColumns: GenConditions.intColumns(relation)))
    }

    mutating func generateMetrics() {
        let withX = PlanGenerator.linkedRelations.filter { WarehouseContract.relation($0)?.existenceColumn != nil }
        // Always a bool (eligibility, flags), an int (score parts) and a date (staff all_done) metric.
        var kinds = [0, 2, 4] + (0..<random.int(1...5)).map { _ in random.int(0...6) }
        kinds = random.shuffled(kinds)
        for k in kinds {
            let id = "s\(metrics.count)"
            let kind: MetricKind
            switch k {
            case 0:
                let r = random.pick(PlanGenerator.linkedRelations)
                kind = .exists(relation: r, where: metricWhere(r))
            case 1:
                let r = random.pick(PlanGenerator.linkedRelations)
                kind = .count(relation: r, where: metricWhere(r))
            case 2:
                let (r, c) = random.pick(PlanGenerator.sums)
                kind = .sum(relation: r, column: c, where: metricWhere(r))
            case 3:
                let (r, c) = random.pick(PlanGenerator.latests)
                kind = .latest(relation: r, column: c, onOrBefore: calendar.anyDay(&random).expr, where: metricWhere(r))
            case 4:
                let r = random.pick(withX)
                kind = .firstDay(relation: r, where: metricWhere(r))
            case 5:
                let r = random.pick(withX)
                kind = .distinctWeeks(relation: r, window: calendar.window(&random, bounded: false), where: metricWhere(r))
            default:
                kind = .weeksIn(calendar.window(&random, bounded: false))
            }
            metrics.append(PK.metric(id, kind, publish: random.chance(0.6)))
        }
    }

    private mutating func ref() -> MeasureRef {
        random.chance(0.1) ? .headcount : .measure(random.int(0...(measures.count - 1)))
    }

    mutating func generateCriteria() -> [Criterion] {
        var out: [Criterion] = []
        let n = random.int(2...6)
        for i in 0..<n {
            let id = "c\(i)"
            switch i == 0 ? 0 : random.int(0...2) {
            case 0:
                var num = ref(), den = ref()
                if random.chance(0.5) {
                    let pairs = rowPairs.map { ($0.value, $0.target) } + staffPairs.map { ($0.value, $0.target) }
                    let (v, t) = random.pick(pairs)
                    (num, den) = (.measure(v), .measure(t))
                }
                let priority: Fraction? = random.chance(0.5)
                    ? random.pick([Fraction(0, 1), Fraction(1, 1), Fraction(5, 10), Fraction(75, 100), Fraction(98, 100),
                                   Fraction(333_333, 1_000_000), Fraction(1, 1_000_000)]) : nil
                out.append(PK.rate(id, num, den, rank: random.chance(0.6), priorityAt: priority, toFull: random.chance(0.4),
                                   problem: random.chance(0.7) ? "rate_above_one" : "\(id)_too_high"))
            case 1:
                out.append(PK.atLeast(id, ref(), k: random.int(1...3)))
            default:
                out.append(PK.count(id, .measure(random.int(0...(measures.count - 1)))))
            }
        }
        return out
    }

    mutating func generateComposite(_ criteria: [Criterion]) -> [CompositePart] {
        var candidates: [(String, PartColumn)] = []
        func measureColumn(_ r: MeasureRef) -> String {
            if case .measure(let i) = r { return measures[i].id }
            return "headcount"
        }
        for (c, criterion) in criteria.enumerated() {
            switch criterion.kind {
            case .rate(let rule):
                candidates.append(("\(criterion.id)_rate", .rate(criterion: c)))
                for r in [rule.numerator, rule.denominator] { candidates.append((measureColumn(r), .atLeast(r, k: random.int(1...3)))) }
            case .atLeast:
                candidates.append(("\(criterion.id)_met", .met(criterion: c)))
            case .count(let m):
                candidates.append((criterion.id, .atLeast(m, k: random.int(1...3))))
            }
        }
        candidates.append(("headcount", .atLeast(.headcount, k: random.pick([1, 20, 100]))))
        for (i, m) in measures.enumerated() where m.publish { candidates.append((m.id, .atLeast(.measure(i), k: random.int(1...2)))) }
        var seen: Set<String> = []
        let unique = random.shuffled(candidates).filter { seen.insert($0.0).inserted }
        let chosen = Array(unique.prefix(random.int(1...5)))
        let weights = random.parts(chosen.count, summingTo: 1_000_000)
        return zip(chosen, weights).map { PK.part($0.0.0, $0.0.1, weight: $0.1) }
    }

    mutating func generateScore() -> [ScorePart] {
        let ints = metrics.indices.filter { metrics[$0].type == .int }
        let vocabulary = GenConditions.staffVocabulary(metrics: metrics)
        let n = random.int(1...4)
        let weights = random.parts(n, summingTo: 1_000_000)
        return (0..<n).map { i in
            let kind: ScoreKind
            switch random.int(0...3) {
            case 0: kind = .shareOfBlocMax(metric: random.pick(ints))
            case 1: kind = .when(.all(GenConditions.mapping(vocabulary, &self, entries: 1...2, allowWithin: true, intColumns: [])))
            case 2: kind = .scaled(metric: random.pick(ints), max: random.int(1...20))
            default: kind = .ratio(metric: random.pick(ints), over: random.pick(ints))
            }
            return PK.scorePart("p\(i)", kind, weight: weights[i])
        }
    }

    mutating func generateMilestones(_ criteria: [Criterion]) -> [Milestone] {
        let rates = criteria.indices.filter { criteria[$0].rate != nil }
        let dates = metrics.indices.filter { metrics[$0].type == .date }
        var out: [Milestone] = []
        for i in 0..<random.int(0...5) {
            let kind: MilestoneKind
            let whenEmpty: MilestoneStatus = random.chance(0.5) ? .noData : .notApplicable
            switch random.int(0...4) {
            case 0:
                let p = random.pick(rowPairs)
                let columns = WarehouseContract.relation(p.relation)?.columns.filter { $0.type == .date }.map(\.name) ?? []
                kind = .allDone(value: p.value, target: p.target, doneOn: .column(random.pick(columns)), whenEmpty: whenEmpty,
                                paceDays: random.pick([1, 7, 14, 30, 60, 9_500, 36_600]))
            case 1:
                let p = random.pick(staffPairs)
                kind = .allDone(value: p.value, target: p.target, doneOn: .metric(random.pick(dates)), whenEmpty: whenEmpty,
                                paceDays: random.pick([1, 14, 60]))
            case 2:
                kind = .stateFrom(value: ref(), target: ref(), whenEmpty: whenEmpty)
            case 3:
                kind = .restates(criterion: random.pick(rates), whenEmpty: whenEmpty)
            default:
                kind = .firstReached(measure: random.pick(reachable), k: random.int(1...3))
            }
            out.append(PK.milestone("ms\(i)", kind, deadline: calendar.staticDate(&random)))
        }
        return out
    }

    mutating func generateQuotas() -> Quotas {
        var tiers: [(maxHeadcount: Int?, quota: Int)] = []
        var bound = random.int(0...150)
        for _ in 0..<random.int(0...2) {
            tiers.append((bound, random.int(0...5)))
            bound += random.int(1...300)
        }
        tiers.append((nil, random.int(0...9)))
        let share = random.pick(["0", "0.1", "0.15", "0.25", "0.5", "0.333333333", "1"])
        let rounding = random.pick([Quotas.Rounding.down, .nearest, .up])
        return Quotas(collectiveShare: Decimal(string: share) ?? 0, collectiveRounding: rounding, individualPerSPPUnit: random.int(0...3),
                      individualProvincialTiers: tiers)
    }

    mutating func unitOrder(_ criteria: [Criterion]) -> [UnitOrderKey] {
        var keys: [UnitOrderKey] = [.composite]
        for (c, criterion) in criteria.enumerated() {
            switch criterion.kind {
            case .rate(let rule) where rule.priorityAt != nil: keys.append(.priority(criterion: c))
            case .atLeast: keys.append(.met(criterion: c))
            default: break
            }
        }
        return Array(random.shuffled(keys).prefix(random.int(0...3)))
    }

    mutating func staffOrder(_ score: [ScorePart]) -> [StaffOrderKey] {
        var keys: [StaffOrderKey] = [.directWorker, .score]
        keys += metrics.indices.filter { metrics[$0].type == .bool }.map { .flag(.metric($0)) }
        keys += score.indices.filter { if case .when = score[$0].kind { return true }; return false }.map { .flag(.scorePart($0)) }
        return Array(random.shuffled(keys).prefix(random.int(0...3)))
    }

    mutating func eligibility() -> [EligibilityRule] {
        let flags = metrics.indices.filter { metrics[$0].type == .bool }
        return (0..<random.int(0...2)).map { i in
            let which = random.int(0...2)
            return EligibilityRule(reason: i == 0 ? "discipline" : "e\(i)", staffFlag: random.pick(flags),
                                   excludesStaff: which != 1, excludesUnits: which != 0, label: nil)
        }
    }

    mutating func dossiers() -> DossierRules {
        DossierRules(deadline: calendar.staticDate(&random), parts: random.subset(Dossiers.parts, p: 0.7),
                     decidedAtUnit: random.subset(["bang_khen", "giay_khen"], p: 0.4))
    }

    mutating func recordsToFix() -> [RecordProblem] {
        let cases = measures.indices.filter { if case .rows("case_record", _) = measures[$0].kind { return true }; return false }
        return (0..<random.int(0...3)).map { RecordProblem(problem: "r\($0)", measure: random.pick(cases), label: nil) }
    }
}
