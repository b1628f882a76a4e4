import Dispatch
import Foundation
import Mustache
import ThiDuaCore


/// Text from the warehouse as a page shows it: control characters (ESC, BEL …) removed, and at
/// most `limit` characters (the CSV files keep the whole text; over-long names are anomalies).
public func pageText(_ s: String, limit: Int = pageTextLimit) -> String {
    // Most texts are short and clean: one pass over the UTF-8 bytes settles it.
    if s.utf8.count <= limit && !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) { return s }
    let clean = s.unicodeScalars.contains { isControl($0) }
        ? String(String.UnicodeScalarView(s.unicodeScalars.filter { !isControl($0) })) : s
    return clean.count > limit ? String(clean.prefix(limit - 1)) + "…" : clean
}

/// How many characters of one warehouse text a page shows.
public let pageTextLimit = 200

/// C0 (but tab and line ends), DEL and C1 control characters.
func isControl(_ u: Unicode.Scalar) -> Bool {
    (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || (0x7F...0x9F).contains(u.value)
}

/// Escapes text for HTML element content and attribute values (NFC first, controls removed, capped).
public func htmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in pageText(s, limit: 400).precomposedStringWithCanonicalMapping {
        switch ch {
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}

/// A template folder that cannot be used (exit 78).
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A bloc member: the key of its milestones.
struct MemberKey: Hashable, Sendable {
    var bloc: BlocID
    var unit: UnitID
}

/// One page of a run.
public struct Page: Sendable {
    public var path: String
    public var html: String
}

/// The leadership report (SPEC §5, issue 7): mustache templates (built in, or overridden from a
/// folder) filled with view models of pre-formatted, escaped-by-the-template strings.
public struct HTMLReport: Sendable {
    public let language: Language
    let library: MustacheLibrary
    let l: Labels
    let f: PageFormat

    let timeZone: String

    public init(language: Language, templatesDir: String? = nil, timeZone: String = "Asia/Ho_Chi_Minh") throws {
        self.language = language
        self.timeZone = timeZone
        l = Labels(language)
        f = PageFormat(language)
        var lib = MustacheLibrary()
        for (name, text) in DefaultTemplates.all {
            var source = text
            if let dir = templatesDir {
                let path = "\(dir)/\(name).mustache"
                if FileManager.default.fileExists(atPath: path) {
                    guard let t = try? String(contentsOfFile: path, encoding: .utf8) else {
                        throw TemplateError(description: "template \(path) cannot be read as UTF-8 text")
                    }
                    source = t
                }
            }
            do { try lib.register(source, named: name) } catch {
                throw TemplateError(description: "template \(templatesDir.map { "\($0)/" } ?? "(built in) ")\(name).mustache does not parse: \(error)")
            }
        }
        library = lib
    }

    /// Every page's one policy: no script, no request of any kind, inline styles and data images
    /// only (the report works on an offline intranet and cannot call out).
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    func render(_ name: String, _ model: [String: Any]) -> String {
        library.render(HTMLReport.sanitized(model) as? [String: Any] ?? [:], withTemplate: name) ?? ""
    }

    /// Every text of a view model as a page may show it (`pageText`), but the label catalogue `l`
    /// and the pre-rendered SVG (`chart`, `spark`, built with `htmlEscape`).
    static func sanitized(_ value: Any, key: String = "") -> Any {
        switch value {
        case let s as String: return ["chart", "spark"].contains(key) ? s : pageText(s)
        case let d as [String: Any]:
            if key == "l" { return d }
            var out: [String: Any] = [:]
            for (k, v) in d { out[k] = sanitized(v, key: k) }
            return out
        case let d as [String: String]:
            if key == "l" { return d }
            var out: [String: String] = [:]
            for (k, v) in d { out[k] = pageText(v) }
            return out
        case let a as [[String: Any]]: return a.map { sanitized($0, key: key) }
        case let a as [[String: String]]: return a.map { sanitized($0, key: key) }
        case let a as [Any]: return a.map { sanitized($0, key: key) }
        default: return value
        }
    }

    // MARK: Pages

    /// Renders the index and one page per bloc member, handing each to `write` as soon as it is
    /// ready: pages are rendered in parallel batches, so memory holds one batch, not the report.
    public func pages(report: Computation, window: Window, plan: LegacyPlan, dossiers: [(DossierInput, DossierStatus)],
                      collector: PageCollector, quality: QualitySummary, history: History,
                      write: (Page) throws -> Void) throws {
        let ctx = Context(report: report, window: window, plan: plan, collector: collector, quality: quality, history: history)
        try write(Page(path: "index.html", html: render("index", indexModel(ctx, dossiers: dossiers))))
        let members = report.standings
        let batch = 64
        var start = 0
        while start < members.count {
            let slice = Array(members[start..<min(start + batch, members.count)])
            let rendered = RenderedBatch(count: slice.count)
            let report = self
            DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                rendered.set(i, report.render("unit", report.unitModel(ctx, slice[i])))
            }
            for (i, s) in slice.enumerated() {
                try write(Page(path: "units/\(unitFileName(s.unit.id)).html", html: rendered.get(i)))
            }
            start += batch
        }
    }

    struct Context: Sendable {
        let report: Computation
        let window: Window
        let plan: LegacyPlan
        let collector: PageCollector
        let quality: QualitySummary
        let history: History
        let blocRows: [BlocID: [UnitStanding]]
        let milestones: [MemberKey: [MilestoneRow]]

        init(report: Computation, window: Window, plan: LegacyPlan, collector: PageCollector, quality: QualitySummary, history: History) {
            self.report = report
            self.window = window
            self.plan = plan
            self.collector = collector
            self.quality = quality
            self.history = history
            blocRows = Dictionary(grouping: report.standings, by: \.bloc)
            milestones = Dictionary(grouping: report.milestones, by: { MemberKey(bloc: $0.bloc, unit: $0.unitID) })
        }
    }

    func common(_ ctx: Context, title: String, root: String) -> [String: Any] {
        var labels: [String: String] = [:]
        for key in Labels.vi.keys { labels[key] = l[key] }
        return [
            "lang": language.rawValue, "title": title, "l": labels, "root": root, "csp": HTMLReport.contentSecurityPolicy,
            "plan_name": ctx.plan.name, "plan_title": ctx.plan.title,
            "as_of": f.day(ctx.window.asOf), "as_of_iso": ctx.window.asOf.description,
            "final": ctx.window.isFinal, "status_note": ctx.window.isFinal ? l["final"] : l["in_progress"],
        ]
    }

    func blocTitle(_ bloc: BlocID, _ ctx: Context) -> String {
        switch bloc {
        case .spp: return l["bloc_spp"]
        case .provincial: return l["bloc_provincial"]
        case .sub(let id): return l["bloc_sub"] + " " + (ctx.report.organisation.byID[id]?.name ?? id)
        case .staff(let id): return l["bloc_staff"] + " " + (ctx.report.organisation.byID[id]?.name ?? id)
        }
    }

    func movement(_ ctx: Context, _ s: UnitStanding) -> [String: String] {
        guard let prev = ctx.history.previous(s.bloc, s.unit.id) else { return ["text": "", "cls": "", "label": ""] }
        guard let point = prev, let before = point.compositeRank else { return ["text": l["new"], "cls": "new", "label": l["new"]] }
        guard let now = s.ranks[.composite] else { return ["text": "—", "cls": "", "label": ""] }
        if now < before { return ["text": "↑\(before - now)", "cls": "up", "label": "+\(before - now)"] }
        if now > before { return ["text": "↓\(now - before)", "cls": "down", "label": "-\(now - before)"] }
        return ["text": "=", "cls": "same", "label": "0"]
    }

    /// A label with its {placeholders} filled.
    func fill(_ key: String, _ values: [String: String]) -> String {
        values.reduce(l[key]) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// "What it takes" for a line (98%, 100%): the items still needed, or by how much the final
    /// standing missed; "reached" when on or above it; nil when there is nothing to count.
    func lineText(_ needed: Int?, noun: String, line: Fraction, final: Bool) -> String? {
        guard let needed else { return nil }
        if needed == 0 { return fill("reached_line", ["line": f.rate(line)]) }
        return fill(final ? "missed_line" : "need_line", ["n": f.int(needed), "noun": l[noun], "line": f.rate(line)])
    }

    func firstText(_ needed: Int?, noun: String, final: Bool) -> String? {
        guard let needed else { return nil }
        if needed == 0 { return l["first_place"] }
        return fill(final ? "missed_first" : "need_first", ["n": f.int(needed), "noun": l[noun]])
    }

    static func noun(_ c: RankedCriterion) -> String {
        c == .signature ? "noun_documents" : (c == .level5 ? "noun_people" : "noun_records")
    }

    /// The compact form in a leaderboard row: each line the unit is still below (e2e 98%, retro and
    /// participation 100%), as "13 vụ · toàn trình 98,0%".
    func compactNeeds(_ ctx: Context, _ s: UnitStanding) -> [String] {
        [(s.e2eToPriority(ctx.plan), "noun_records", "short_e2e", ctx.plan.e2ePriorityRate),
         (s.retroToFull, "noun_records", "short_retro", Fraction.one),
         (s.participationToFull, "noun_people", "short_participation", Fraction.one)].compactMap { needed, noun, metric, line in
            guard let needed, needed > 0 else { return nil }
            return fill("compact_need", ["n": f.int(needed), "noun": l[noun], "metric": l[metric], "line": f.rate(line)])
        }
    }

    func leaderboardRows(_ ctx: Context, _ rows: [UnitStanding], root: String) -> [[String: Any]] {
        // One vertical range for every sparkline of the table, so rows stay comparable.
        let trends = rows.map { ctx.history.trend($0.bloc, $0.unit.id) + [$0.e2eRate] }
        let range = Charts.sparkRange(trends)
        return zip(rows, trends).map { s, trend in
            let sparkText = Charts.sparkText(trend, format: f)
            return [
                "rank": s.ranks[.composite].map(String.init) ?? "—",
                "unit": s.unit.name, "href": "\(root)units/\(unitFileName(s.unit.id)).html",
                "composite": f.score(s.composite), "movement": movement(ctx, s),
                "e2e": rateCell(s.e2eRate), "priority": s.e2ePriority,
                "retro": rateCell(s.retroRate), "quality": rateCell(s.qualityRate),
                "signature": rateCell(s.signatureRate), "level5": rateCell(s.level5Rate),
                "spark": Charts.sparkline(trend, range: range, mark: ctx.plan.e2ePriorityRate,
                                          label: l["trend"] + " " + s.unit.name + (sparkText.isEmpty ? "" : ": " + sparkText)),
                "spark_text": sparkText,
                "needs": compactNeeds(ctx, s),
            ]
        }
    }

    /// A rate as shown in a table: the formatted value, and a flag when it is impossible (SPEC §4.3).
    func rateCell(_ r: Fraction?) -> [String: Any] {
        ["text": f.rate(r), "impossible": r?.isImpossible == true]
    }

    func blocModel(_ ctx: Context, _ bloc: BlocID, root: String) -> [String: Any] {
        let rows = ctx.blocRows[bloc] ?? []
        let chart = Charts.rateBars(rows.sorted { ($0.e2eRate ?? Fraction(-1, 1)!) > ($1.e2eRate ?? Fraction(-1, 1)!) }
                                        .map { (label: $0.unit.name, rate: $0.e2eRate) },
                                    threshold: ctx.plan.e2ePriorityRate, thresholdLabel: f.rate(ctx.plan.e2ePriorityRate),
                                    title: l["chart_e2e"] + " – " + blocTitle(bloc, ctx), format: f)
        let range = Charts.sparkRange(rows.map { ctx.history.trend($0.bloc, $0.unit.id) + [$0.e2eRate] })
        let rangeNote = fill("spark_range", ["lo": f.rate(Fraction(Int((range.lowerBound * 1000).rounded()), 1000)),
                                             "hi": f.rate(Fraction(Int((range.upperBound * 1000).rounded()), 1000)),
                                             "line": f.rate(ctx.plan.e2ePriorityRate)])
        return ["id": bloc.description.replacingOccurrences(of: ":", with: "-"), "title": blocTitle(bloc, ctx), "chart": chart,
                "rows": leaderboardRows(ctx, rows, root: root), "count": rows.count,
                "has_trend": rows.contains { ctx.history.trend($0.bloc, $0.unit.id).contains { $0 != nil } && $0.e2eRate != nil },
                "spark_range": rangeNote,
                "has_impossible": rows.contains { !$0.impossibleRates.isEmpty }]
    }

    func statusCell(_ m: MilestoneRow) -> [String: Any] {
        let symbol: String
        switch m.status {
        case .met: symbol = "✓"
        case .metLate: symbol = "✓!"
        case .missed: symbol = "✗"
        case .pending: symbol = "…"
        case .atRisk: symbol = "⚠"
        case .notApplicable: symbol = "–"
        case .noData: symbol = "?"
        }
        var detail = ""
        if m.status == .atRisk || m.status == .pending, let p = m.projectedOn { detail = f.day(p) }
        if m.status == .metLate, let c = m.completedOn { detail = f.day(c) }
        return ["cls": m.status.rawValue, "symbol": symbol, "text": l["s_" + m.status.rawValue], "detail": detail,
                "value": "\(f.int(m.value))/\(f.int(m.target))"]
    }

    func milestoneMatrix(_ ctx: Context, _ bloc: BlocID, root: String) -> [String: Any] {
        let rows: [[String: Any]] = (ctx.blocRows[bloc] ?? []).sorted { $0.unit.id < $1.unit.id }.map { s in
            let ms = ctx.milestones[MemberKey(bloc: bloc, unit: s.unit.id)] ?? []
            return ["unit": s.unit.name, "href": "\(root)units/\(unitFileName(s.unit.id)).html", "cells": ms.map(statusCell)]
        }
        return ["title": blocTitle(bloc, ctx), "rows": rows]
    }

    /// The shortlist's bloc column: a staff bloc's column is headed "Cá nhân thuộc…", so the unit's
    /// name is enough there.
    func nominationBloc(_ ctx: Context, _ bloc: BlocID) -> String {
        if case .staff(let id) = bloc { return ctx.report.organisation.byID[id]?.name ?? id }
        return blocTitle(bloc, ctx)
    }

    var milestoneHeads: [[String: String]] {
        LegacyMilestoneKind.allCases.map { ["name": l["m_" + $0.rawValue]] }
    }

    func nominationRows(_ ctx: Context, _ list: [Nomination], root: String) -> [[String: Any]] {
        list.map { n in
            [
                "position": n.position.map(String.init) ?? "—", "name": n.nomineeName, "status": l[n.status.rawValue],
                "cls": n.status.rawValue, "quota": String(n.quota),
                // A staff bloc's column is headed "Cá nhân thuộc…": the unit's name is enough.
                "bloc": nominationBloc(ctx, n.bloc),
                "reason": n.reason.map { _ in l[n.nomineeKind == .unit ? "reason_discipline" : "reason_discipline_staff"] } ?? "",
                "href": n.nomineeKind == .unit ? "\(root)units/\(unitFileName(n.nomineeID)).html" : "",
            ]
        }
    }

    func indexModel(_ ctx: Context, dossiers: [(DossierInput, DossierStatus)]) -> [String: Any] {
        var m = common(ctx, title: l["title"], root: "")
        m["generated"] = f.timestamp(Date(), zone: timeZone)
        m["blocs"] = [BlocID.spp, .provincial].map { blocModel(ctx, $0, root: "") }
        let provinces = ctx.blocRows[.provincial] ?? []
        m["provinces"] = provinces.sorted { $0.unit.name < $1.unit.name }.map { p -> [String: Any] in
            let sub = ctx.blocRows[.sub(p.unit.id)] ?? []
            return ["name": p.unit.name, "href": "units/\(unitFileName(p.unit.id)).html#sub", "count": sub.count,
                    "leader": sub.first?.unit.name ?? "—"]
        }
        m["milestone_heads"] = milestoneHeads
        m["matrices"] = [BlocID.spp, .provincial].map { milestoneMatrix(ctx, $0, root: "") }
        let unitNoms = ctx.report.unitNominations.filter { $0.status != .reserve || ($0.position ?? 99) <= $0.quota + 2 }
        m["unit_nominations"] = nominationRows(ctx, unitNoms.filter { $0.bloc == .spp || $0.bloc == .provincial }, root: "")
        m["sub_nominations"] = nominationRows(ctx, ctx.report.unitNominations.filter {
            if case .sub = $0.bloc { return $0.status == .proposed } else { return false }
        }, root: "")
        m["staff_nominations"] = nominationRows(ctx, ctx.collector.nominations.filter { $0.status == .proposed }, root: "")
        m["staff_excluded"] = ctx.collector.nominations.filter { $0.status == .excluded }.count
        m["dossiers"] = dossierRows(ctx, dossiers)
        m["quality_totals"] = (["total"] + QualityProblem.codes).map {
            ["name": $0 == "total" ? l["records_to_fix"] : l[$0], "count": f.int(ctx.quality.totals[$0] ?? 0)]
        }
        let worst = ctx.quality.perUnit.sorted { ($0.value["total"] ?? 0, $1.key) > ($1.value["total"] ?? 0, $0.key) }.prefix(10)
        m["worst_units"] = worst.map { (id, c) -> [String: String] in
            ["name": ctx.report.organisation.byID[id]?.name ?? id, "href": "units/\(unitFileName(id)).html",
             "total": f.int(c["total"] ?? 0), "missing": f.int(c["missing_fields"] ?? 0), "errors": f.int(c["errors"] ?? 0),
             "stale": f.int(c["stale"] ?? 0), "not_entered": f.int(c["not_entered"] ?? 0)]
        }
        let grouped = Dictionary(grouping: ctx.report.anomalies, by: { "\($0.relation)|\($0.problem)" })
        m["anomaly_counts"] = grouped.keys.sorted().map { k -> [String: String] in
            let parts = k.split(separator: "|").map(String.init)
            return ["relation": parts[0], "problem": parts[1], "count": f.int(grouped[k]?.count ?? 0)]
        }
        m["anomalies"] = ctx.report.anomalies.prefix(100).map { ["relation": $0.relation, "key": $0.key, "problem": $0.problem, "detail": $0.detail] }
        m["has_anomalies"] = !ctx.report.anomalies.isEmpty
        m["anomaly_total"] = f.int(ctx.report.anomalies.count)
        m["dates"] = [("period_start", ctx.plan.periodStart), ("infra_deadline", ctx.plan.infraDeadline), ("go_live", ctx.plan.goLive),
                      ("retro_deadline", ctx.plan.retroDeadline), ("proficiency_deadline", ctx.plan.proficiencyDeadline),
                      ("luyenai_cutoff", ctx.plan.luyenaiCutoff), ("dossier_deadline", ctx.plan.dossierDeadline),
                      ("period_end", ctx.plan.periodEnd)].map { ["name": l[$0.0], "date": f.day($0.1)] }
        m["weights"] = LegacyCompositePart.allCases.map { ["name": l["w_" + $0.rawValue], "weight": f.score(ctx.plan.compositeWeights[$0] ?? 0)] }
        return m
    }

    func dossierRows(_ ctx: Context, _ dossiers: [(DossierInput, DossierStatus)]) -> [[String: Any]] {
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
        let sorted = dossiers.sorted { a, b in
            if urgency(a.1) != urgency(b.1) { return urgency(a.1) < urgency(b.1) }
            if (a.1.daysLeft ?? 0) != (b.1.daysLeft ?? 0) { return (a.1.daysLeft ?? 0) < (b.1.daysLeft ?? 0) }
            return a.0.dossierID < b.0.dossierID
        }
        return sorted.map { d, s in
            let name = d.nomineeKind == .unit ? (ctx.report.organisation.byID[d.nomineeID]?.name ?? d.nomineeID)
                                               : (ctx.collector.names[d.nomineeID] ?? d.nomineeID)
            return ["id": d.dossierID, "nominee": name, "level": l[d.awardLevelText], "submitted": f.day(s.submittedOn),
                    "status": l["dossier_" + s.status.rawValue], "cls": s.status.rawValue,
                    "missing": s.missingParts.map { l["part_" + $0] }.joined(separator: "; "),
                    "days_left": s.daysLeft.map(String.init) ?? ""]
        }
    }

    static func median(_ values: [Fraction]) -> Fraction? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        if v.count % 2 == 1 { return v[v.count / 2] }
        let a = v[v.count / 2 - 1], b = v[v.count / 2]
        // (a + b) / 2; with counts so large that this overflows, the lower middle value.
        let (x, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (y, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        let (n, o3) = x.addingReportingOverflow(y)
        let (d, o4) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        let (d2, o5) = d.multipliedReportingOverflow(by: 2)
        if o1 || o2 || o3 || o4 || o5 { return a }
        return Fraction(n, d2)
    }

    func unitModel(_ ctx: Context, _ s: UnitStanding) -> [String: Any] {
        var m = common(ctx, title: s.unit.name, root: "../")
        m["unit"] = s.unit.name
        m["bloc"] = blocTitle(s.bloc, ctx)
        m["headcount"] = f.int(s.headcount)
        let members = ctx.blocRows[s.bloc] ?? []
        let metrics: [(String, (UnitStanding) -> Fraction?, RankedCriterion?)] = [
            ("e2e_rate", { $0.e2eRate }, .e2e), ("retro_rate", { $0.retroRate }, .retro), ("quality_rate", { $0.qualityRate }, .quality),
            ("signature_rate", { $0.signatureRate }, .signature), ("e_record_rate", { $0.eRecordRate }, nil),
            ("level5_rate", { $0.level5Rate }, .level5), ("participation_rate", { $0.participationRate }, nil),
            ("proficiency_rate", { $0.proficiencyRate }, nil),
        ]
        var rows: [[String: Any]] = [["name": l["composite"], "value": ["text": f.score(s.composite), "impossible": false],
                                      "rank": s.ranks[.composite].map { "\($0) \(l["of"]) \(members.count)" } ?? "—",
                                      "median": f.score(HTMLReport.medianScore(members.map(\.composite))), "needs": [String]()]]
        let final = ctx.window.isFinal
        for (key, get, criterion) in metrics {
            // What it takes: the plan's line for this metric (98% e2e, 100% retro and participation),
            // then the bloc's first place for a ranked one.
            var needs: [String?] = []
            switch key {
            case "e2e_rate": needs.append(lineText(s.e2eToPriority(ctx.plan), noun: "noun_records", line: ctx.plan.e2ePriorityRate, final: final))
            case "retro_rate": needs.append(lineText(s.retroToFull, noun: "noun_records", line: .one, final: final))
            case "participation_rate": needs.append(lineText(s.participationToFull, noun: "noun_people", line: .one, final: final))
            default: break
            }
            if let c = criterion { needs.append(firstText(s.toFirst(c), noun: HTMLReport.noun(c), final: final)) }
            // The bloc median leaves impossible rates out, as the ranking does.
            rows.append(["name": l[key], "value": rateCell(get(s)),
                         "rank": criterion.flatMap { s.ranks[$0] }.map { "\($0) \(l["of"]) \(members.count)" } ?? "—",
                         "median": f.rate(HTMLReport.median(members.compactMap(get).filter { !$0.isImpossible })),
                         "needs": needs.compactMap { $0 }])
        }
        m["metrics"] = rows
        m["has_impossible"] = !s.impossibleRates.isEmpty
        m["milestone_rows"] = (ctx.milestones[MemberKey(bloc: s.bloc, unit: s.unit.id)] ?? []).map { ms -> [String: Any] in
            var r = statusCell(ms)
            r["name"] = l["m_" + ms.kind.rawValue]
            r["deadline"] = f.day(ms.deadline)
            r["completed"] = f.day(ms.completedOn)
            r["projected"] = f.day(ms.projectedOn)
            // The items still to do (after the period: by how much it was missed).
            let open: Set<MilestoneStatus> = [.pending, .atRisk, .missed]
            r["remaining"] = open.contains(ms.status) && ms.target > ms.value ? f.int(ms.target - ms.value) : ""
            return r
        }
        // A province page shows the leaders of its whole staff bloc; any other page its own staff.
        let leaders = s.bloc == .provincial ? ctx.collector.leaders(of: .staff(s.unit.id)) : ctx.collector.leaders(ofUnit: s.unit.id)
        m["leaders_qlahs"] = leaders.qlahs.map { p -> [String: String] in
            ["name": p.facts.fullName, "cases": f.int(p.facts.casesE2E),
             "clean": p.facts.hasNoBacklogOrErrors ? l["yes"] : l["no"], "score": f.score(p.score)]
        }
        m["has_leaders_qlahs"] = !leaders.qlahs.isEmpty
        m["has_leaders_ai"] = !leaders.ai.isEmpty
        m["leaders_ai"] = leaders.ai.map { p -> [String: String] in
            ["name": p.facts.fullName, "level": f.int(p.facts.levelNow), "minutes": f.int(p.facts.studyMinutes),
             "weeks": "\(p.facts.activeWeeks)/\(Individuals.weeksInPeriod(ctx.window))"]
        }
        if s.bloc == .provincial {
            m["sub"] = blocModel(ctx, .sub(s.unit.id), root: "../")
            m["sub_matrix"] = milestoneMatrix(ctx, .sub(s.unit.id), root: "../")
            m["milestone_heads"] = milestoneHeads
        }
        let counts = ctx.quality.perUnit[s.unit.id] ?? [:]
        m["quality_counts"] = (["total"] + QualityProblem.codes).map {
            ["name": $0 == "total" ? l["records_to_fix"] : l[$0], "count": f.int(counts[$0] ?? 0)]
        }
        m["records"] = (ctx.quality.firstRows[s.unit.id] ?? []).map { r -> [String: String] in
            ["case": r.caseID, "prosecutor": r.prosecutorID, "accepted": f.day(r.acceptedOn),
             "problem": r.problems.map { l[$0] }.joined(separator: "; "), "updated": f.day(r.lastUpdatedOn)]
        }
        let total = counts["total"] ?? 0
        m["has_records"] = total > 0
        m["records_csv"] = total > 0 ? "\(unitFileName(s.unit.id)).records.csv" : ""
        m["more_rows"] = total > QualitySummary.rowsOnPage
            ? l["more_rows"].replacingOccurrences(of: "%d", with: f.int(total - QualitySummary.rowsOnPage)) : ""
        return m
    }

    static func medianScore(_ values: [Decimal]) -> Decimal? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}

/// Pages rendered by parallel workers, each writing its own slot.
final class RenderedBatch: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ i: Int, _ html: String) { lock.lock(); slots[i] = html; lock.unlock() }
    func get(_ i: Int) -> String { lock.lock(); defer { lock.unlock() }; return slots[i] }
}

/// `OUT/index.html`: the runs in the folder, newest first, for readers whose share shows no
/// symbolic links.
public struct ArchivePage {
    public let language: Language
    public init(language: Language) { self.language = language }

    public func html(runs: [Day], latest: Day?) -> String {
        let l = Labels(language), f = PageFormat(language)
        var items = ""
        for d in runs {
            let mark = d == latest ? " <strong>(\(htmlEscape(l["newest"])))</strong>" : ""
            items += "<li><a href=\"\(d)/index.html\">\(htmlEscape(f.day(d)))</a>\(mark)</li>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReport.contentSecurityPolicy)">
            <title>\(htmlEscape(l["archive"]))</title>
            <style>body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem;color:#1a1a1a}a{color:#0b4f8a}</style>
            </head><body><h1>\(htmlEscape(l["title"]))</h1><h2>\(htmlEscape(l["archive"]))</h2>
            <ul>
            \(items)</ul></body></html>

            """
    }
}
