import Foundation
@testable import ThiDuaCore

/// Random valid typed plans for the differential test (PLAN-LANGUAGE.md §22 decision 10), built
/// directly as `Plan` values: measures over every fact relation and operator kind (any/all, parent
/// lookups, is_null, replay-safe tests on V columns, `{column:}`), staff counts on metrics,
/// expressions with `//` and `k *` (some overflowing), every criterion, composite part, metric,
/// score part and milestone kind, quotas, orders, eligibility, dossiers and records to fix.
/// The same seed gives the same plan.
struct PlanGenerator {
    var random: GenRandom
    var calendar = GenCalendar()
    var measures: [Measure] = []
    var metrics: [StaffMetric] = []
    /// Row-count measures with exactly one top-level `within` on a date column (first_reached leaves).
    var datedLeaves: [Int] = []
    /// first_reached-capable measures: dated leaves and expressions of them.
    var reachable: [Int] = []
    /// all_done pairs (value, target): row counts of one relation or staff counts, target ⊆ value.
    var rowPairs: [(value: Int, target: Int, relation: String)] = []
    var staffPairs: [(value: Int, target: Int)] = []

    static let unitRelations = ["case_record", "procedural_document", "training_session", "initiative", "core_group", "infrastructure"]

    init(seed: UInt64) { random = GenRandom(seed: seed) }

    /// One plan.
    mutating func plan() -> Plan {
        calendar.generate(&random)
        generateMetrics()
        generateMeasures()
        let criteria = generateCriteria()
        let composite = generateComposite(criteria)
        let score = generateScore()
        let milestones = generateMilestones(criteria)
        var plan = Plan(name: "generated", title: Label(id: "generated"), days: calendar.days, windows: calendar.windows,
                        periodStartDay: 0, periodEndDay: 1, measures: measures, criteria: criteria, composite: composite,
                        metrics: metrics, score: score, milestones: milestones, quotas: generateQuotas(),
                        unitOrder: unitOrder(criteria), staffOrder: staffOrder(score), eligibility: eligibility(),
                        dossiers: dossiers(), recordsToFix: recordsToFix(), output: OutputSpec())
        plan.subKinds = random.subset([.department, .regional], p: 0.75)
        return plan
    }

    // MARK: - Measures (§6)

    private mutating func add(_ m: Measure) -> Int {
        measures.append(m)
        return measures.count - 1
    }

    private var nextID: String { "m\(measures.count)" }

    private mutating func condition(_ relation: String, entries: ClosedRange<Int>, allowWithin: Bool = true,
                                    excluding: Set<String> = [], maxDepth: Int = 2) -> [Condition] {
        GenConditions.mapping(GenConditions.vocabulary(relation: relation, metric: false), &self, entries: entries, maxDepth: maxDepth,
                              allowWithin: allowWithin, excluding: excluding, intColumns: GenConditions.intColumns(relation))
    }

    private mutating func generateMeasures() {
        // Plain row counts over every unit relation, then dated leaves, all_done pairs, staff counts, expressions.
        for relation in random.shuffled(PlanGenerator.unitRelations).prefix(random.int(3...6)) {
            _ = add(PK.rows(nextID, relation, .all(condition(relation, entries: 0...3)), publish: random.chance(0.3)))
        }
        if !measures.contains(where: { if case .rows("case_record", _) = $0.kind { return true }; return false }) {
            _ = add(PK.rows(nextID, "case_record", .all(condition("case_record", entries: 1...2))))
        }
        for _ in 0..<random.int(1...3) {
            let relation = random.pick(PlanGenerator.unitRelations)
            guard let r = WarehouseContract.relation(relation) else { continue }
            let dated = random.pick(r.columns.filter { $0.type == .date })
            let within = Test.within(calendar.window(&random, bounded: dated.dateRole == .event))
            let rest = condition(relation, entries: 0...2, allowWithin: false, excluding: [dated.name])
            let entries = random.shuffled([Condition.test(.column(dated.name), [within])] + rest)
            let i = add(PK.rows(nextID, relation, .all(entries), publish: random.chance(0.3)))
            datedLeaves.append(i)
            reachable.append(i)
        }
        for _ in 0..<random.int(1...2) {
            let relation = random.pick(PlanGenerator.unitRelations)
            let target = condition(relation, entries: 0...2)
            let keys = Set(target.compactMap(entryKey))
            let extra = condition(relation, entries: 1...2, excluding: keys, maxDepth: 0)
            let t = add(PK.rows(nextID, relation, .all(target)))
            let v = add(PK.rows(nextID, relation, .all(random.shuffled(target + extra))))
            rowPairs.append((v, t, relation))
        }
        let staffVocabulary = GenConditions.staffVocabulary(metrics: metrics)
        for _ in 0..<random.int(1...3) {
            let target = GenConditions.mapping(staffVocabulary, &self, entries: 0...1, allowWithin: true, intColumns: [])
            let keys = Set(target.compactMap(entryKey))
            let extra = GenConditions.mapping(staffVocabulary, &self, entries: 1...2, maxDepth: 0, allowWithin: true,
                                              excluding: keys, intColumns: [])
            let t = add(PK.staff(nextID, .all(target), publish: random.chance(0.3)))
            let v = add(PK.staff(nextID, .all(random.shuffled(target + extra)), publish: random.chance(0.3)))
            staffPairs.append((v, t))
        }
        // Expressions on earlier measures and headcount; some of 10^12 × headcount, to overflow.
        for _ in 0..<random.int(1...3) {
            let refs: [MeasureRef] = measures.indices.map { .measure($0) } + [.headcount]
            var items: [ExprItem] = []
            for _ in 0..<random.int(1...3) {
                let ref = random.pick(refs)
                switch random.int(0...2) {
                case 0: items.append(.plain(ref))
                case 1: items.append(.floorDiv(ref, random.pick([1, 2, 3, 1_000_000_000_000])))
                default: items.append(.times(random.pick([2, 7, 1_000_000_000_000]), ref))
                }
            }
            if random.chance(0.3) { items += Array(repeating: .times(1_000_000_000_000, .headcount), count: random.int(2...12)) }
            _ = add(PK.expr(nextID, items, publish: random.chance(0.4)))
        }
        // first_reached expressions: `+`, `//`, `k *` over dated leaves only.
        if random.chance(0.7) {
            let items: [ExprItem] = (0..<random.int(1...3)).map { _ in
                let ref = MeasureRef.measure(random.pick(datedLeaves))
                switch random.int(0...2) {
                case 0: return .plain(ref)
                case 1: return .floorDiv(ref, random.int(1...3))
                default: return .times(random.int(2...4), ref)
                }
            }
            reachable.append(add(PK.expr(nextID, items)))
        }
    }

    /// The key a `where` entry occupies in its mapping (for containment: value = target + extras).
    func entryKey(_ c: Condition) -> String? {
        switch c {
        case .test(let o, _):
            switch o {
            case .column(let n): return n
            case .parent(let n): return "parent.\(n)"
            case .link(let n): return "link.\(n)"
            case .staffColumn(let n): return "staff.\(n)"
            case .metric(let i): return "metric.\(metrics[i].id)"
            }
        case .any: return "any"
        case .all: return "all"
        }
    }
}
