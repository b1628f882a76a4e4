import Foundation

/// §8 criteria and §9 composite of one bloc member, then the bloc's ranks (§14).
enum PlanCriteria {
    /// Rates (exact, impossible when n > d), `_priority`, `_met`, `_to_priority`, `_to_full`,
    /// composite and points; ranks and `_to_first` follow with the whole bloc (`rank`).
    static func figures(plan: Plan, bloc: BlocID, member: BlocMember, measures: [Int?]) -> MemberFigures {
        var f = MemberFigures(bloc: bloc, unit: member.unit, headcount: member.headcount, provinceID: provinceID(bloc, member.unit),
                              measures: measures, criteria: plan.criteria.count, parts: plan.composite.count)
        for (c, criterion) in plan.criteria.enumerated() {
            switch criterion.kind {
            case .rate(let r):
                let n = value(r.numerator, f), d = value(r.denominator, f)
                if let n, let d, d > 0, let rate = Fraction(n, d) {
                    f.rates[c] = rate
                    f.impossible[c] = n > d
                    // Decided 1 (§22): an impossible rate is never priority.
                    if let line = r.priorityAt { f.flags[c] = n <= d && rate >= line }
                }
                if let line = r.priorityAt { f.toPriority[c] = gap(line, n, d) }
                if r.toFull { f.toFull[c] = gap(.one, n, d) }
            case .atLeast(let m, let k):
                f.flags[c] = value(m, f).map { $0 >= k } ?? false
            case .count:
                break
            }
        }
        var total = Rational.zero
        for (i, part) in plan.composite.enumerated() {
            let points = Rational.weight(tenThousandths: part.weight) * partValue(part.column, f)
            f.points[i] = points.rounded()
            total = total + points
        }
        f.composite = total.rounded()
        return f
    }

    /// §9: a rate part is 0 when empty, 1 when impossible, else the rate; a `_met` part 1 or 0; an
    /// integer column with `at_least: k` 1 when ≥ k, 0 below or empty.
    static func partValue(_ column: PartColumn, _ f: MemberFigures) -> Rational {
        switch column {
        case .rate(let c):
            guard f.rates.indices.contains(c), let rate = f.rates[c] else { return .zero }
            return f.impossible[c] ? .one : Rational(rate)
        case .met(let c):
            return f.flags.indices.contains(c) && f.flags[c] ? .one : .zero
        case .atLeast(let ref, let k):
            return (value(ref, f).map { $0 >= k } ?? false) ? .one : .zero
        }
    }

    /// Standard competition ranks of one bloc's rows: every ranked rate (empty and impossible
    /// unranked), its `_to_first` against the bloc's highest ranked rate, and composite_rank.
    static func rank(_ rows: inout [MemberFigures], plan: Plan) {
        for (c, criterion) in plan.criteria.enumerated() {
            guard let r = criterion.rate, r.rank else { continue }
            let ranked: [Fraction?] = rows.map { $0.impossible[c] ? nil : $0.rates[c] }
            let ranks = Ranking.competition(rows.indices.map { (id: rows[$0].unit.id, value: ranked[$0]) })
            let first = ranked.compactMap { $0 }.max()
            for i in rows.indices {
                rows[i].ranks[c] = ranks[rows[i].unit.id]
                if let first, ranked[i] != nil {
                    rows[i].toFirst[c] = gap(first, value(r.numerator, rows[i]), value(r.denominator, rows[i]))
                }
            }
        }
        let ranks = Ranking.competition(rows.map { (id: $0.unit.id, value: Optional($0.composite)) })
        for i in rows.indices { rows[i].compositeRank = ranks[rows[i].unit.id] }
    }

    /// gap(L, n, d) (§8): empty when d is empty or ≤ 0 or n is empty; else max(0, ⌈L × d⌉ − n),
    /// ⌈L × d⌉ in 128 bits; empty when the line is not in [0, 1] or the result leaves Int64.
    static func gap(_ line: Fraction, _ n: Int?, _ d: Int?) -> Int? {
        guard let n, let d, d > 0, line.numerator >= 0, line.numerator <= line.denominator else { return nil }
        let (q, r) = line.denominator.dividingFullWidth(line.numerator.multipliedFullWidth(by: d))
        let needed = r > 0 ? q + 1 : q   // ≤ d: the line is at most 1
        let (g, o) = needed.subtractingReportingOverflow(n)
        return o ? nil : max(0, g)
    }

    /// §8: one row per impossible rate of a member (criteria in declaration order).
    static func impossibleAnomalies(_ f: MemberFigures, plan: Plan) -> [Anomaly] {
        plan.criteria.enumerated().compactMap { c, criterion -> Anomaly? in
            guard let r = criterion.rate, f.impossible[c], let n = value(r.numerator, f), let d = value(r.denominator, f) else { return nil }
            let detail = r.impossibleProblem == "rate_above_one"
                ? "bloc=\(f.bloc) \(criterion.id)_rate=\(n)/\(d)"
                : "bloc=\(f.bloc) \(name(r.numerator, plan))=\(n) \(name(r.denominator, plan))=\(d)"
            return Anomaly(relation: "unit", key: f.unit.id, problem: r.impossibleProblem, detail: detail)
        }
    }

    static func name(_ ref: MeasureRef, _ plan: Plan) -> String {
        switch ref {
        case .headcount: return "headcount"
        case .measure(let i): return plan.measures.indices.contains(i) ? plan.measures[i].id : "measure\(i)"
        }
    }

    static func value(_ ref: MeasureRef, _ f: MemberFigures) -> Int? {
        if case .measure(let i) = ref, !f.measures.indices.contains(i) { return nil }
        return f.value(ref)
    }

    /// The province a member belongs to (a province itself, a sub-unit's province); nil in spp.
    static func provinceID(_ bloc: BlocID, _ unit: Unit) -> String? {
        switch bloc {
        case .provincial: return unit.id
        case .sub(let p): return p
        case .spp, .staff: return nil
        }
    }
}
