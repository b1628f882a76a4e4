import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore

/// The generators the differential test will use: plans are valid and replayable from their seed,
/// warehouses load, and the oracle evaluates every generated pair without trapping, with figures
/// of the right shape. `NAIVE_RUNS` sets how many pairs (default 6), `NAIVE_SEED` the first seed.
@Suite("naive oracle: generated plans and warehouses", .serialized)
struct NaiveGeneratorTests {
    static let runs = Int(ProcessInfo.processInfo.environment["NAIVE_RUNS"] ?? "") ?? 6
    static let seed = UInt64(ProcessInfo.processInfo.environment["NAIVE_SEED"] ?? "") ?? 20_261_130

    @Test("generated plans keep the language's validity rules; a seed replays the same plan and warehouse")
    func validPlans() {
        var seen: Set<String> = []
        func tally(_ c: Condition) {
            switch c {
            case .all(let xs): xs.forEach(tally)
            case .any(let xs): seen.insert("any"); xs.forEach(tally)
            case .test(let o, let tests):
                if case .parent = o { seen.insert("parent") }
                if case .link = o { seen.insert("link") }
                if case .metric = o { seen.insert("metric") }
                for t in tests {
                    seen.insert(String("\(t)".prefix { $0 != "(" }))
                    if case .gt(.column) = t { seen.insert("{column:}") }
                }
            }
        }
        for i in 0..<300 {
            var g = PlanGenerator(seed: Self.seed &+ UInt64(i))
            let plan = g.plan()
            for m in plan.measures {
                if case .rows(_, let c) = m.kind { tally(c) }
                if case .staff(let c) = m.kind { tally(c) }
            }
            for m in plan.metrics {
                switch m.kind {
                case .count(_, let c), .exists(_, let c), .sum(_, _, let c), .latest(_, _, _, let c), .firstDay(_, let c),
                     .distinctWeeks(_, _, let c): tally(c)
                case .weeksIn: break
                }
            }
            let problems = NaivePlanRules.problems(plan)
            #expect(problems.isEmpty, "seed \(Self.seed &+ UInt64(i)): \(problems.prefix(5))")
            var again = PlanGenerator(seed: Self.seed &+ UInt64(i))
            #expect("\(again.plan())" == "\(plan)")
        }
        let kinds = ["eq", "ne", "isIn", "notIn", "gt", "gte", "lt", "lte", "within", "onOrBefore", "before", "onOrAfter", "after",
                     "notBy", "isNull", "any", "parent", "link", "metric", "{column:}"]
        #expect(kinds.filter { !seen.contains($0) }.isEmpty, "never generated: \(kinds.filter { !seen.contains($0) })")
        #expect(WarehouseGenerator(seed: 7, schema: "w").sql == WarehouseGenerator(seed: 7, schema: "w").sql)
    }

    @Test("the oracle evaluates generated plans on generated warehouses")
    func oracleOnGeneratedPairs() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        var statuses: [String: Int] = [:]
        var anomalies: [String: Int] = [:]
        for i in 0..<Self.runs {
            let seed = Self.seed &+ UInt64(i) &* 7919
            let w = WarehouseGenerator(seed: seed, schema: "w\(i)")
            try db.connection.execute(w.sql)
            for k in 0..<3 {
                var g = PlanGenerator(seed: seed &+ UInt64(k))
                let plan = g.plan()
                let r = try NaiveEvaluator.evaluate(plan: plan, asOf: w.asOf, connection: db.connection, schema: w.schema)
                let context = "warehouse seed \(seed), plan seed \(seed &+ UInt64(k)), as of \(w.asOf)"
                #expect(r.milestones.count == r.members.count * plan.milestones.count, "\(context)")
                #expect(r.members.allSatisfy { $0.measures.count == plan.measures.count && $0.composite >= 0 && $0.composite <= 100 }, "\(context)")
                #expect(r.staff.allSatisfy { $0.score >= 0 && $0.score <= 100 && $0.rank != nil }, "\(context)")
                #expect(r.shortlist.count == r.members.count + r.staff.count, "\(context)")
                #expect(r == r, "\(context)")
                for m in r.milestones { statuses[m.status.rawValue, default: 0] += 1 }
                for a in r.anomalies { anomalies[a.problem, default: 0] += 1 }
            }
        }
        print("NAIVE-COVERAGE statuses \(statuses.sorted { $0.key < $1.key }) anomalies \(anomalies.sorted { $0.key < $1.key })")
        #expect(statuses.count >= 4, "generated milestones reach few statuses: \(statuses)")
    }

    @Test("differences name the figure that differs")
    func differences() {
        var a = NaiveResult()
        a.members = [MemberFigures(bloc: .spp, unit: ThiDuaCore.Unit(id: "U1", name: "", kindText: "spp_unit", parentID: nil, headcount: 3),
                                   headcount: 3, provinceID: nil, measures: [1, 2], criteria: 0, parts: 0)]
        var b = a
        b.members[0].measures[1] = nil
        #expect(a != b)
        #expect(a.differences(from: b, plan: nil) == ["unit_metrics spp/U1 measure#1: expected 2, actual empty"])
    }
}
