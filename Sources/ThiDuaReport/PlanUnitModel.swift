import Foundation
import ThiDuaCore

// A unit's page (§15 (e), (f)): the composite, every criterion in declaration order, milestones,
// leader lists, a province's sub-bloc, the unit's records to fix.
extension PlanHTMLReport {
    func unitModel(_ ctx: PlanContext, _ s: MemberFigures) -> [String: Any] {
        let plan = ctx.input.plan
        var m = common(ctx, title: s.unit.name, root: "../")
        m["unit"] = s.unit.name
        m["bloc"] = blocTitle(s.bloc, ctx)
        m["headcount"] = f.int(s.headcount)
        let members = ctx.members(s.bloc)
        func rankText(_ r: Int?) -> String { r.map { "\($0) \(l["of"]) \(members.count)" } ?? "—" }
        var rows: [[String: Any]] = [[
            "name": l["composite"], "clause": false, "value": ["rate": false, "mark": false, "plain": f.score(s.composite)],
            "rank": rankText(s.compositeRank),
            "bloc": l.fill("median", ["v": f.score(HTMLReport.medianScore(members.map(\.composite)))]), "needs": [String](),
        ]]
        for i in plan.criteria.indices { rows.append(criterionRow(ctx, s, i, members: members, rankText: rankText)) }
        m["metrics"] = rows
        m["has_impossible"] = s.impossible.contains(true)
        m["milestone_rows"] = (ctx.milestones[MemberKey(bloc: s.bloc, unit: s.unit.id)] ?? [])
            .filter { plan.milestones.indices.contains($0.milestone) }
            .sorted { $0.milestone < $1.milestone }
            .map { ms -> [String: Any] in
                var r = milestoneCell(ms)
                r["name"] = milestoneLabel(plan, ms.milestone)
                r["deadline"] = f.day(ms.deadline)
                r["completed"] = f.day(ms.completedOn)
                r["projected"] = f.day(ms.projectedOn)
                // The items still to do (after the period: by how much it was missed).
                let open: Set<MilestoneStatus> = [.pending, .atRisk, .missed]
                let (left, o) = ms.target.subtractingReportingOverflow(ms.value)
                r["remaining"] = open.contains(ms.status) && !o && left > 0 ? f.int(left) : ""
                return r
            }
        m["has_milestones"] = !plan.milestones.isEmpty
        // A province page lists the leaders of its whole staff bloc; any other page its own staff.
        let leaders = s.bloc == .provincial ? ctx.input.staff.leaders(of: .staff(s.unit.id)) : ctx.input.staff.leaders(ofUnit: s.unit.id)
        m["leader_lists"] = plan.output.leaders.enumerated().map { li, list -> [String: Any] in
            let people = leaders.indices.contains(li) ? leaders[li] : []
            return ["title": list.label.text(language), "has": !people.isEmpty,
                    "heads": list.order.map { ["name": staffValueLabel(plan, $0)] },
                    "rows": people.map { p -> [String: Any] in
                        ["name": p.fullName, "values": p.values.map(leaderValueText), "score": f.score(p.score)]
                    }]
        }
        if s.bloc == .provincial {
            m["sub"] = blocModel(ctx, .sub(s.unit.id), root: "../")
            m["sub_matrix"] = plan.milestones.isEmpty ? false : milestoneMatrix(ctx, .sub(s.unit.id), root: "../")
            m["milestone_heads"] = milestoneHeads(plan)
        }
        recordsSection(ctx, s.unit.id, into: &m)
        return m
    }

    /// One criterion's row: a rate with value, rank, bloc median and what it takes; an at_least as
    /// ✓/✗ with how many members meet it; a count with its value and the bloc median.
    func criterionRow(_ ctx: PlanContext, _ s: MemberFigures, _ i: Int, members: [MemberFigures],
                      rankText: (Int?) -> String) -> [String: Any] {
        let plan = ctx.input.plan, c = plan.criteria[i], final = ctx.input.days.isFinal
        func at<T>(_ a: [T], _ fallback: T) -> T { a.indices.contains(i) ? a[i] : fallback }
        var row: [String: Any] = ["name": c.label.text(language), "clause": shown(c.clause), "rank": "—", "bloc": "", "needs": [String]()]
        switch c.kind {
        case .rate(let r):
            row["value"] = ["rate": rateCell(at(s.rates, nil), impossible: at(s.impossible, false)), "mark": false, "plain": false]
            if r.rank { row["rank"] = rankText(at(s.ranks, nil)) }
            // The bloc median leaves empty and impossible rates out, as the ranking does.
            let possible = members.compactMap { m -> Fraction? in
                guard m.rates.indices.contains(i), let v = m.rates[i], !v.isImpossible, !(m.impossible.indices.contains(i) && m.impossible[i]) else { return nil }
                return v
            }
            row["bloc"] = l.fill("median", ["v": f.rate(HTMLReport.median(possible))])
            let noun = unitWord(plan, r.numerator)
            var needs: [String?] = []
            // An impossible rate has no line to reach: the figures are to be checked first.
            let impossible = at(s.impossible, false) || at(s.rates, nil)?.isImpossible == true
            if let p = r.priorityAt { needs.append(lineText(at(s.toPriority, nil), noun: noun, line: p, final: final)) }
            if r.toFull { needs.append(lineText(at(s.toFull, nil), noun: noun, line: .one, final: final)) }
            if r.rank { needs.append(firstText(at(s.toFirst, nil), noun: noun, final: final)) }
            row["needs"] = impossible ? [String]() : needs.compactMap { $0 }
        case .atLeast(let ref, let k):
            row["value"] = ["rate": false, "mark": mark(at(s.flags, false), onText: l["met"], offText: l["not_met"]), "plain": false]
            let meeting = members.filter { $0.flags.indices.contains(i) && $0.flags[i] }.count
            row["bloc"] = l.fill("members_meeting", ["n": f.int(meeting), "total": f.int(members.count)])
            row["clause"] = "\(c.clause) · \(measureLabel(plan, ref)) ≥ \(f.int(k))"
        case .count(let ref):
            row["value"] = ["rate": false, "mark": false, "plain": Self.value(s, ref).map { "\(f.int($0)) \(l.counted(unitWord(plan, ref), $0))" } ?? "—"]
            row["bloc"] = l.fill("median", ["v": medianText(members.compactMap { Self.value($0, ref) })])
        }
        return row
    }

    /// A measure's value on a member, empty when the figures hold no such measure.
    static func value(_ m: MemberFigures, _ ref: MeasureRef) -> Int? {
        if case .measure(let i) = ref, !m.measures.indices.contains(i) { return nil }
        return m.value(ref)
    }

    func leaderValueText(_ v: PlanLeaders.Key) -> String {
        switch v {
        case .none: return "—"
        case .int(let n): return f.int(n)
        case .bool(let b): return b ? l["yes"] : l["no"]
        case .day(let d): return f.day(d)
        }
    }

    /// §12 records_to_fix on a unit page: counts per problem (plan labels), the first rows, the link
    /// to the unit's CSV file.
    func recordsSection(_ ctx: PlanContext, _ unit: UnitID, into m: inout [String: Any]) {
        let plan = ctx.input.plan, quality = ctx.input.quality
        let counts = quality.perUnit[unit] ?? PlanQualitySummary.Counts(problems: plan.recordsToFix.count)
        m["has_problems"] = !plan.recordsToFix.isEmpty
        m["quality_counts"] = [["name": l["records_to_fix"], "count": f.int(counts.total)]]
            + plan.recordsToFix.indices.map { ["name": problemLabel(plan, $0), "count": f.int(counts.byProblem.indices.contains($0) ? counts.byProblem[$0] : 0)] }
        m["records"] = (quality.firstRows[unit] ?? []).map { r -> [String: String] in
            ["case": r.caseID, "prosecutor": r.prosecutorID, "accepted": f.day(r.acceptedOn),
             "problem": r.problems.map { problemLabel(plan, $0) }.joined(separator: "; "), "updated": f.day(r.lastUpdatedOn)]
        }
        m["has_records"] = counts.total > 0
        m["records_csv"] = counts.total > 0 ? "\(unitFileName(unit)).records.csv" : ""
        m["more_rows"] = counts.total > PlanQualitySummary.rowsOnPage
            ? l.fill("more_rows", ["n": f.int(counts.total - PlanQualitySummary.rowsOnPage)]) : ""
    }
}
