import Foundation
import ThiDuaCore

// The index page (§15 (a)–(d), (g)): header, leaderboards, milestones, shortlists, dossiers,
// records to fix, anomalies, and the plan's dates, lines and weights.
extension PlanHTMLReport {
    func indexModel(_ ctx: PlanContext) -> [String: Any] {
        let plan = ctx.input.plan
        var m = common(ctx, title: plan.title.text(language), root: "")
        m["generated"] = f.timestamp(ctx.input.generatedAt, zone: timeZone)
        m["blocs"] = [BlocID.spp, .provincial].map { blocModel(ctx, $0, root: "") }
        m["provinces"] = ctx.members(.provincial).sorted { ($0.unit.name, $0.unit.id) < ($1.unit.name, $1.unit.id) }.map { p -> [String: Any] in
            let sub = ctx.members(.sub(p.unit.id))
            return ["name": p.unit.name, "href": "units/\(unitFileName(p.unit.id)).html#sub", "count": f.int(sub.count),
                    "leader": sub.first?.unit.name ?? "—"]
        }
        m["has_milestones"] = !plan.milestones.isEmpty
        m["milestone_heads"] = milestoneHeads(plan)
        m["matrices"] = [BlocID.spp, .provincial].map { milestoneMatrix(ctx, $0, root: "") }
        let unitNoms = ctx.input.unitNominations.filter { $0.status != .reserve || ($0.position ?? Int.max) <= $0.quota + 2 }
        m["unit_nominations"] = nominationRows(ctx, unitNoms.filter { $0.bloc == .spp || $0.bloc == .provincial }, root: "")
        m["sub_nominations"] = nominationRows(ctx, ctx.input.unitNominations.filter {
            if case .sub = $0.bloc { return $0.status == .proposed } else { return false }
        }, root: "")
        m["staff_nominations"] = nominationRows(ctx, ctx.input.staffNominations.filter { $0.status == .proposed }, root: "")
        m["staff_excluded"] = excludedText(ctx, ctx.input.staffNominations.filter { $0.status == .excluded })
        m["dossiers"] = dossierRows(ctx)
        let problems = plan.recordsToFix.indices
        let totals = ctx.input.quality.totals
        m["quality_totals"] = [["name": l["records_to_fix"], "count": f.int(totals.total)]]
            + problems.map { ["name": problemLabel(plan, $0), "count": f.int(totals.byProblem.indices.contains($0) ? totals.byProblem[$0] : 0)] }
        m["problem_heads"] = problems.map { ["name": problemLabel(plan, $0)] }
        let worst = ctx.input.quality.perUnit.sorted { ($0.value.total, $1.key) > ($1.value.total, $0.key) }.prefix(10)
        m["worst_units"] = worst.map { (id, c) -> [String: Any] in
            ["name": ctx.name(id), "href": "units/\(unitFileName(id)).html", "total": f.int(c.total),
             "counts": problems.map { f.int(c.byProblem.indices.contains($0) ? c.byProblem[$0] : 0) }]
        }
        let grouped = Dictionary(grouping: ctx.input.anomalies, by: { "\($0.relation)|\($0.problem)" })
        m["anomaly_counts"] = grouped.keys.sorted().map { k -> [String: String] in
            let parts = k.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return ["relation": parts.first ?? "", "problem": parts.count > 1 ? parts[1] : "", "count": f.int(grouped[k]?.count ?? 0)]
        }
        m["anomalies"] = ctx.input.anomalies.prefix(100).map { ["relation": $0.relation, "key": $0.key, "problem": $0.problem, "detail": $0.detail] }
        m["has_anomalies"] = !ctx.input.anomalies.isEmpty
        m["anomaly_total"] = f.int(ctx.input.anomalies.count)
        planSection(ctx, into: &m)
        return m
    }

    /// §15 (g), "Texts": the key dates with their labels, the priority lines, both weight tables.
    func planSection(_ ctx: PlanContext, into m: inout [String: Any]) {
        let plan = ctx.input.plan, days = ctx.input.days
        m["dates"] = plan.output.keyDates.compactMap { k -> [String: String]? in
            guard plan.days.indices.contains(k.day), days.days.indices.contains(k.day) else { return nil }
            return ["name": k.label?.text(language) ?? plan.days[k.day].id, "date": f.day(days.days[k.day])]
        }
        m["lines"] = plan.criteria.compactMap { c -> [String: Any]? in
            guard let p = c.rate?.priorityAt else { return nil }
            return ["name": c.label.text(language), "clause": shown(c.clause), "line": line(p)]
        }
        m["has_lines"] = plan.criteria.contains { $0.rate?.priorityAt != nil }
        m["weights"] = plan.composite.map { ["name": partLabel(plan, $0), "weight": weight($0.weight)] }
        m["individual_weights"] = plan.score.map { ["name": scorePartLabel($0), "weight": weight($0.weight)] }
        m["has_individual_weights"] = !plan.score.isEmpty
    }

    /// The shortlist's bloc column: a staff bloc's column is headed "Cá nhân thuộc…", so the unit's
    /// name is enough there.
    func nominationBloc(_ ctx: PlanContext, _ bloc: BlocID) -> String {
        if case .staff(let id) = bloc { return ctx.name(id) }
        return blocTitle(bloc, ctx)
    }

    func nominationRows(_ ctx: PlanContext, _ list: [Nomination], root: String) -> [[String: Any]] {
        list.map { n in
            [
                "position": n.position.map(String.init) ?? "—", "name": n.nomineeName, "status": l[n.status.rawValue],
                "cls": n.status.rawValue, "quota": f.int(n.quota), "bloc": nominationBloc(ctx, n.bloc),
                "reason": n.reason.map { reasonLabel(ctx.input.plan, $0) } ?? "",
                "href": n.nomineeKind == .unit ? unitHref(n.nomineeID, root: root) : "",
            ]
        }
    }

    /// "n (‹reason›: n; …)": the excluded staff by the plan's labelled reasons (§15 (g)).
    func excludedText(_ ctx: PlanContext, _ excluded: [Nomination]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for n in excluded {
            let r = n.reason ?? ""
            if counts[r] == nil { order.append(r) }
            counts[r, default: 0] += 1
        }
        let parts = order.filter { !$0.isEmpty }.map { "\(reasonLabel(ctx.input.plan, $0)): \(f.int(counts[$0] ?? 0))" }
        return f.int(excluded.count) + (parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")")
    }

    func dossierRows(_ ctx: PlanContext) -> [[String: Any]] {
        func urgency(_ s: DossierStatus) -> Int {
            switch s.status {
            case .pending: return 0
            case .incomplete: return 1
            case .missing: return 2
            case .lateRejected: return 3
            case .accepted: return 4
            case .unitLevel: return 5
            }
        }
        let sorted = ctx.input.dossiers.sorted { a, b in
            if urgency(a.1) != urgency(b.1) { return urgency(a.1) < urgency(b.1) }
            if (a.1.daysLeft ?? 0) != (b.1.daysLeft ?? 0) { return (a.1.daysLeft ?? 0) < (b.1.daysLeft ?? 0) }
            return a.0.dossierID < b.0.dossierID
        }
        return sorted.map { d, s in
            let name = d.nomineeKind == .unit ? ctx.name(d.nomineeID) : (ctx.input.staff.names[d.nomineeID] ?? d.nomineeID)
            return ["id": d.dossierID, "nominee": name, "level": AwardLevel(rawValue: d.awardLevelText).map { l[$0.rawValue] } ?? d.awardLevelText, "submitted": f.day(s.submittedOn),
                    "status": l["dossier_" + s.status.rawValue], "cls": s.status.rawValue,
                    "missing": s.missingParts.map { l["part_" + $0] }.joined(separator: "; "),
                    "days_left": s.daysLeft.map { f.int($0) } ?? ""]
        }
    }
}
