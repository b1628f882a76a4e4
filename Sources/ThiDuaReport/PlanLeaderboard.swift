import Foundation
import ThiDuaCore

// §15 (b) a unit bloc's leaderboard, (c) its chart, (d) its milestone matrix.
extension PlanHTMLReport {
    /// The leaderboard's criterion columns, in this order: each ranked rate, each at_least, each
    /// rate with priority_at (a marker).
    enum Column {
        case rate(Int)
        case met(Int)
        case priority(Int, Fraction)
    }

    func columns(_ plan: Plan) -> [Column] {
        var cols: [Column] = []
        for (i, c) in plan.criteria.enumerated() { if let r = c.rate, r.rank { cols.append(.rate(i)) } }
        for (i, c) in plan.criteria.enumerated() { if case .atLeast = c.kind { cols.append(.met(i)) } }
        for (i, c) in plan.criteria.enumerated() { if let p = c.rate?.priorityAt { cols.append(.priority(i, p)) } }
        return cols
    }

    func columnHeads(_ plan: Plan) -> [[String: String]] {
        columns(plan).map { col in
            switch col {
            case .rate(let i), .met(let i): return ["name": criterionLabel(plan, i)]
            case .priority(let i, let p): return ["name": "\(criterionLabel(plan, i)) ≥ \(line(p))"]
            }
        }
    }

    /// One cell: a rate (flagged when impossible) or a mark; the other key is false.
    func cell(_ plan: Plan, _ m: MemberFigures, _ col: Column) -> [String: Any] {
        switch col {
        case .rate(let i):
            let r = m.rates.indices.contains(i) ? m.rates[i] : nil
            let impossible = m.impossible.indices.contains(i) && m.impossible[i]
            return ["rate": rateCell(r, impossible: impossible), "mark": false]
        case .met(let i):
            let met = m.flags.indices.contains(i) && m.flags[i]
            return ["rate": false, "mark": mark(met, onText: l["met"], offText: l["not_met"])]
        case .priority(let i, _):
            let on = m.flags.indices.contains(i) && m.flags[i]
            return ["rate": false, "mark": on ? mark(true, onText: l["met"]) : false]
        }
    }

    func movement(_ ctx: PlanContext, _ m: MemberFigures) -> [String: String] {
        guard let prev = ctx.input.history.previous(m.bloc, m.unit.id) else { return ["text": "", "cls": "", "label": ""] }
        guard let point = prev, let before = point.compositeRank else { return ["text": l["new"], "cls": "new", "label": l["new"]] }
        guard let now = m.compositeRank else { return ["text": "—", "cls": "", "label": ""] }
        if now < before { return ["text": "↑\(before - now)", "cls": "up", "label": "+\(before - now)"] }
        if now > before { return ["text": "↓\(now - before)", "cls": "down", "label": "-\(now - before)"] }
        return ["text": "=", "cls": "same", "label": "0"]
    }

    /// Every positive `<id>_to_priority` and `<id>_to_full`, as "n ‹unit› · ‹criterion› ‹line›"
    /// (the numerator's unit), criteria in declaration order.
    func compactNeeds(_ plan: Plan, _ m: MemberFigures) -> [String] {
        var out: [String] = []
        for (i, c) in plan.criteria.enumerated() {
            guard let r = c.rate else { continue }
            let noun = unitWord(plan, r.numerator)
            var lines: [(Int?, Fraction)] = []
            if let p = r.priorityAt { lines.append((m.toPriority.indices.contains(i) ? m.toPriority[i] : nil, p)) }
            if r.toFull { lines.append((m.toFull.indices.contains(i) ? m.toFull[i] : nil, .one)) }
            for (needed, lineValue) in lines {
                guard let needed, needed > 0 else { continue }
                out.append(l.fill("compact_need", ["n": f.int(needed), "noun": l.counted(noun, needed), "metric": c.label.text(language),
                                                   "line": line(lineValue)]))
            }
        }
        return out
    }

    /// The chart rate of a member now.
    func chartRate(_ ctx: PlanContext, _ m: MemberFigures) -> Fraction? {
        guard let c = ctx.chart, m.rates.indices.contains(c) else { return nil }
        return m.rates[c]
    }

    func chartLine(_ ctx: PlanContext) -> Fraction? {
        ctx.chart.flatMap { ctx.input.plan.criteria[$0].rate?.priorityAt }
    }

    func leaderboardRows(_ ctx: PlanContext, _ rows: [MemberFigures], root: String) -> [[String: Any]] {
        let plan = ctx.input.plan, cols = columns(plan)
        // One vertical range for every sparkline of the table, so rows stay comparable.
        let trends = rows.map { ctx.input.history.trend($0.bloc, $0.unit.id) + [chartRate(ctx, $0)] }
        let range = Charts.sparkRange(trends)
        let chartName = ctx.chart.map { criterionLabel(plan, $0) } ?? ""
        return zip(rows, trends).map { m, trend in
            let sparkText = Charts.sparkText(trend, format: f)
            let spark = ctx.chart == nil ? "" : Charts.sparkline(trend, range: range, mark: chartLine(ctx),
                label: l["trend"] + " " + chartName + " – " + m.unit.name + (sparkText.isEmpty ? "" : ": " + sparkText))
            return [
                "rank": m.compositeRank.map(String.init) ?? "—",
                "unit": m.unit.name, "href": unitHref(m.unit.id, root: root),
                "composite": f.score(m.composite), "movement": movement(ctx, m),
                "cells": cols.map { cell(plan, m, $0) },
                "spark": spark, "spark_text": shown(sparkText),
                "needs": compactNeeds(plan, m),
            ]
        }
    }

    /// §15 (b), (c): a bloc's chart, priority notes and leaderboard.
    func blocModel(_ ctx: PlanContext, _ bloc: BlocID, root: String) -> [String: Any] {
        let plan = ctx.input.plan
        let rows = ctx.members(bloc)
        var model: [String: Any] = [
            "id": bloc.description.replacingOccurrences(of: ":", with: "-"), "title": blocTitle(bloc, ctx),
            "heads": columnHeads(plan), "rows": leaderboardRows(ctx, rows, root: root), "count": rows.count,
            "has_impossible": rows.contains { $0.impossible.contains(true) },
            "priority_notes": plan.criteria.compactMap { c -> String? in
                guard let p = c.rate?.priorityAt else { return nil }
                return l.fill("priority_note", ["label": c.label.text(language), "line": line(p), "clause": c.clause])
            },
            "chart": "", "has_chart": false, "has_trend": false, "spark_range": "",
        ]
        guard let c = ctx.chart else { return model }
        let lineValue = chartLine(ctx)
        let sorted = rows.enumerated().sorted { a, b in
            let ra = chartRate(ctx, a.element), rb = chartRate(ctx, b.element)
            switch (ra, rb) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
        model["has_chart"] = true
        model["chart_head"] = l["trend"] + ": " + criterionLabel(plan, c)
        model["chart"] = Charts.rateBars(sorted.map { (label: $0.unit.name, rate: chartRate(ctx, $0)) },
                                         threshold: lineValue, thresholdLabel: lineValue.map(line) ?? "",
                                         title: criterionLabel(plan, c) + " – " + blocTitle(bloc, ctx), format: f)
        let range = Charts.sparkRange(rows.map { ctx.input.history.trend($0.bloc, $0.unit.id) + [chartRate(ctx, $0)] })
        func edge(_ v: Double) -> String { f.rate(Fraction(Int((v * 1000).rounded()), 1000)) }
        model["spark_range"] = lineValue.map { l.fill("spark_range_line", ["lo": edge(range.lowerBound), "hi": edge(range.upperBound), "line": line($0)]) }
            ?? l.fill("spark_range", ["lo": edge(range.lowerBound), "hi": edge(range.upperBound)])
        model["has_trend"] = rows.contains { ctx.input.history.trend($0.bloc, $0.unit.id).contains { $0 != nil } && chartRate(ctx, $0) != nil }
        return model
    }

    var noMilestoneCell: [String: Any] { ["cls": "no_data", "symbol": "", "text": "—", "detail": false, "value": ""] }

    /// §15 (d): units × milestones, one column per milestone in declaration order.
    func milestoneMatrix(_ ctx: PlanContext, _ bloc: BlocID, root: String) -> [String: Any] {
        let count = ctx.input.plan.milestones.count
        let rows: [[String: Any]] = ctx.members(bloc).sorted { $0.unit.id < $1.unit.id }.map { m in
            let figures = ctx.milestones[MemberKey(bloc: bloc, unit: m.unit.id)] ?? []
            let cells = (0..<count).map { j in figures.first { $0.milestone == j }.map(milestoneCell) ?? noMilestoneCell }
            return ["unit": m.unit.name, "href": unitHref(m.unit.id, root: root), "cells": cells]
        }
        return ["title": blocTitle(bloc, ctx), "rows": rows]
    }

    func milestoneHeads(_ plan: Plan) -> [[String: String]] {
        plan.milestones.indices.map { ["name": milestoneLabel(plan, $0)] }
    }
}
