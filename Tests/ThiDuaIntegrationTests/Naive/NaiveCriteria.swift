import Foundation
@testable import ThiDuaCore

/// §8 criteria and §9 composite of one bloc: rates, impossible rates, priority and met flags, gaps,
/// ranks among possible rates, the exact composite rounded half-up once, its rank, and the order
/// of unit_metrics.csv (composite_rank, then unit_id).
struct NaiveBlocStanding {
    var figures: [MemberFigures] = []
    /// Per member (same order): measures whose own computation overflowed.
    var overflowed: [[Int]] = []
    /// One row per impossible rate (members in order, criteria in declaration order).
    var impossibleRows: [Anomaly] = []
}

enum NaiveCriteria {
    static func measureName(_ plan: Plan, _ r: MeasureRef) -> String {
        switch r {
        case .headcount: return "headcount"
        case .measure(let i): return plan.measures[i].id
        }
    }

    /// max(0, ⌈L × d⌉ − n) with L = p/q, exactly; nil when d is empty or ≤ 0 or n is empty.
    static func gap(_ p: Int, _ q: Int, n: Int?, d: Int?) -> Int? {
        guard let n, let d, d > 0, p >= 0 else { return nil }
        guard let need = NaiveRational(NaiveBig(p) * NaiveBig(d), NaiveBig(q)).ceiling.int else { return nil }
        let (g, o) = need.subtractingReportingOverflow(n)
        return o ? nil : max(0, g)
    }

    /// a/b > c/d for non-negative a, c and positive b, d, by cross-multiplication.
    static func greater(_ x: Fraction, _ y: Fraction) -> Bool {
        NaiveBig(y.numerator) * NaiveBig(x.denominator) < NaiveBig(x.numerator) * NaiveBig(y.denominator)
    }

    static func standing(plan: Plan, bloc: BlocID, members: [NaiveMember], measures: NaiveMeasures) -> NaiveBlocStanding {
        var figures: [MemberFigures] = []
        var overflowed: [[Int]] = []
        for m in members {
            let (values, over) = measures.values(member: m)
            var f = MemberFigures(bloc: bloc, unit: m.unit, headcount: m.headcount, provinceID: m.provinceID, measures: values,
                                  criteria: plan.criteria.count, parts: plan.composite.count)
            for (c, criterion) in plan.criteria.enumerated() {
                switch criterion.kind {
                case .rate(let rule):
                    let n = f.value(rule.numerator), d = f.value(rule.denominator)
                    if let n, let d, d > 0, n >= 0 {
                        f.rates[c] = Fraction(n, d)
                        f.impossible[c] = n > d
                    }
                    if let p = rule.priorityAt {
                        if let rate = f.rates[c], !f.impossible[c] {
                            f.flags[c] = !greater(p, rate)
                        }
                        f.toPriority[c] = gap(p.numerator, p.denominator, n: n, d: d)
                    }
                    if rule.toFull { f.toFull[c] = gap(1, 1, n: n, d: d) }
                case .atLeast(let measure, let k):
                    f.flags[c] = (f.value(measure) ?? Int.min) >= k
                case .count:
                    break
                }
            }
            figures.append(f)
            overflowed.append(over)
        }
        // Ranks and the gap to the first, among the bloc's non-empty, possible rates.
        for (c, criterion) in plan.criteria.enumerated() {
            guard let rule = criterion.rate, rule.rank else { continue }
            let possible: [Fraction?] = figures.map { $0.impossible[c] ? nil : $0.rates[c] }
            let ranks = naiveCompetitionRanks(possible, greater: greater)
            let first = possible.compactMap { $0 }.reduce(nil as Fraction?) { best, r in best.map { greater(r, $0) ? r : $0 } ?? r }
            for i in figures.indices {
                figures[i].ranks[c] = ranks[i]
                if let f = first, possible[i] != nil {
                    figures[i].toFirst[c] = gap(f.numerator, f.denominator, n: figures[i].value(rule.numerator),
                                                d: figures[i].value(rule.denominator))
                }
            }
        }
        // Composite: Σ weight × value in ten-thousandths of a point, exact, rounded half-up once.
        var totals: [Int] = []
        for i in figures.indices {
            var total = NaiveRational.zero
            for (p, part) in plan.composite.enumerated() {
                let v = partValue(part.column, figures[i])
                let weighted = v * part.weight
                total = total + weighted
                figures[i].points[p] = .naive(tenThousandths: weighted.roundedHalfUp.int ?? 0)
            }
            let t = total.roundedHalfUp.int ?? 0
            totals.append(t)
            figures[i].composite = .naive(tenThousandths: t)
        }
        let compositeRanks = naiveCompetitionRanks(totals.map { Optional($0) }, greater: >)
        for i in figures.indices { figures[i].compositeRank = compositeRanks[i] }
        let order = figures.indices.sorted { a, b in
            let ra = compositeRanks[a] ?? Int.max, rb = compositeRanks[b] ?? Int.max
            return ra != rb ? ra < rb : naiveBytesLess(figures[a].unit.id, figures[b].unit.id)
        }
        var out = NaiveBlocStanding()
        out.figures = order.map { figures[$0] }
        out.overflowed = order.map { overflowed[$0] }
        for f in out.figures {
            for (c, criterion) in plan.criteria.enumerated() {
                guard let rule = criterion.rate, f.impossible[c], let rate = f.rates[c] else { continue }
                let detail = rule.impossibleProblem == "rate_above_one"
                    ? "bloc=\(bloc) \(criterion.id)_rate=\(rate.numerator)/\(rate.denominator)"
                    : "bloc=\(bloc) \(measureName(plan, rule.numerator))=\(rate.numerator) \(measureName(plan, rule.denominator))=\(rate.denominator)"
                out.impossibleRows.append(Anomaly(relation: "unit", key: f.unit.id, problem: rule.impossibleProblem, detail: detail))
            }
        }
        return out
    }

    /// A composite part's value in [0, 1] (§9).
    static func partValue(_ column: PartColumn, _ f: MemberFigures) -> NaiveRational {
        switch column {
        case .rate(let c):
            guard let r = f.rates[c] else { return .zero }
            return f.impossible[c] ? .one : NaiveRational(r.numerator, r.denominator)
        case .met(let c):
            return f.flags[c] ? .one : .zero
        case .atLeast(let ref, let k):
            return (f.value(ref) ?? Int.min) >= k ? .one : .zero
        }
    }
}
