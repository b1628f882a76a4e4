import Foundation
import ThiDuaCore

// The plan's texts on a page (PLAN-LANGUAGE.md §2 labels, §15 "Texts"): each declaration's label in
// the page's language, else its id; lines, weights and medians in the page's number format.
extension PlanHTMLReport {
    func criterionLabel(_ plan: Plan, _ i: Int) -> String {
        plan.criteria.indices.contains(i) ? plan.criteria[i].label.text(language) : ""
    }

    func measureLabel(_ plan: Plan, _ ref: MeasureRef) -> String {
        switch ref {
        case .headcount: return "headcount"
        case .measure(let i):
            guard plan.measures.indices.contains(i) else { return "" }
            return plan.measures[i].label?.text(language) ?? plan.measures[i].id
        }
    }

    /// The dictionary unit of a measure (`headcount` counts people), as §15 prints it.
    func unitWord(_ plan: Plan, _ ref: MeasureRef) -> String {
        switch ref {
        case .headcount: return l.unitWord("people")
        case .measure(let i): return plan.measures.indices.contains(i) ? l.unitWord(plan.measures[i].unit) : ""
        }
    }

    /// §2: a composite part's label, else the label of the criterion whose column it is, else the
    /// measure's label, else the id; followed by " ≥ k" for an `at_least` part.
    func partLabel(_ plan: Plan, _ part: CompositePart) -> String {
        if let label = part.label { return label.text(language) }
        switch part.column {
        case .rate(let c), .met(let c): return criterionLabel(plan, c)
        case .atLeast(let ref, let k):
            let owner = plan.criteria.first { if case .count(let m) = $0.kind { return m == ref } else { return false } }
            var name = owner?.label.text(language) ?? part.part
            if owner == nil, case .measure(let i) = ref, plan.measures.indices.contains(i), let label = plan.measures[i].label {
                name = label.text(language)
            }
            return "\(name) ≥ \(f.int(k))"
        }
    }

    func scorePartLabel(_ part: ScorePart) -> String { part.label?.text(language) ?? part.id }

    /// A leader list's key: the staff metric's label (else its id), or the `when` part's.
    func staffValueLabel(_ plan: Plan, _ ref: StaffValueRef) -> String {
        switch ref {
        case .metric(let i):
            guard plan.metrics.indices.contains(i) else { return "" }
            return plan.metrics[i].label?.text(language) ?? plan.metrics[i].id
        case .scorePart(let i):
            return plan.score.indices.contains(i) ? scorePartLabel(plan.score[i]) : ""
        }
    }

    func reasonLabel(_ plan: Plan, _ reason: String) -> String {
        plan.eligibility.first { $0.reason == reason }.map { $0.label?.text(language) ?? $0.reason } ?? reason
    }

    func problemLabel(_ plan: Plan, _ i: Int) -> String {
        guard plan.recordsToFix.indices.contains(i) else { return "" }
        return plan.recordsToFix[i].label?.text(language) ?? plan.recordsToFix[i].problem
    }

    func milestoneLabel(_ plan: Plan, _ i: Int) -> String {
        plan.milestones.indices.contains(i) ? plan.milestones[i].label.text(language) : ""
    }

    /// A line such as `priority_at` as a percentage with as few decimals as show it exactly (one at
    /// least, four at most): 0.98 → 98,0%; 0.985 → 98,5%; 0.9875 → 98,75%.
    func line(_ r: Fraction) -> String {
        for places in 1...3 {
            var scale = 100
            for _ in 0..<places { scale *= 10 }
            let (n, o) = r.numerator.multipliedReportingOverflow(by: scale)
            if !o && n % r.denominator == 0 { return f.decimal(r.formatted(places: places, times: 100)) + "%" }
        }
        return f.decimal(r.formatted(places: 4, times: 100)) + "%"
    }

    /// A weight in ten-thousandths of a point, with the decimals it has: 300000 → 30; 125000 → 12,5.
    func weight(_ tenThousandths: Int) -> String {
        let whole = tenThousandths / 10_000, rest = abs(tenThousandths % 10_000)
        guard rest != 0 else { return f.int(whole) }
        var digits = String(rest)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return f.int(whole) + (language == .vi ? "," : ".") + digits
    }

    /// The median of integers: the middle one, or the mean of the two middle ones (x,5).
    func medianText(_ values: [Int]) -> String {
        let v = values.sorted()
        guard !v.isEmpty else { return "—" }
        if v.count % 2 == 1 { return f.int(v[v.count / 2]) }
        let a = v[v.count / 2 - 1], b = v[v.count / 2]
        let (sum, o) = a.addingReportingOverflow(b)
        if o { return f.int(a) }
        return sum % 2 == 0 ? f.int(sum / 2) : f.decimal(Fraction(sum, 2).map { $0.formatted(places: 1) } ?? "—")
    }

    /// "What it takes" for a line: the items still needed, or by how much the final standing
    /// missed; "reached" on or above it; nil when there is nothing to count.
    func lineText(_ needed: Int?, noun: String, line lineValue: Fraction, final: Bool) -> String? {
        guard let needed else { return nil }
        if needed == 0 { return l.fill("reached_line", ["line": line(lineValue)]) }
        return l.fill(final ? "missed_line" : "need_line", ["n": f.int(needed), "noun": l.counted(noun, needed), "line": line(lineValue)])
    }

    func firstText(_ needed: Int?, noun: String, final: Bool) -> String? {
        guard let needed else { return nil }
        if needed == 0 { return l["first_place"] }
        return l.fill(final ? "missed_first" : "need_first", ["n": f.int(needed), "noun": l.counted(noun, needed)])
    }

    /// A text a template tests with a section: an empty one is `false` (the templates' mustache
    /// treats "" as true).
    func shown(_ s: String) -> Any { s.isEmpty ? false : s }

    /// A rate as a table shows it: the value, flagged when impossible (§8).
    func rateCell(_ r: Fraction?, impossible: Bool) -> [String: Any] {
        ["text": f.rate(r), "impossible": impossible || r?.isImpossible == true]
    }

    /// A ✓/✗ mark: the symbol for the eye, its word for a screen reader.
    func mark(_ on: Bool, onText: String, offText: String = "") -> [String: Any] {
        on ? ["symbol": "✓", "text": onText, "cls": "met"] : ["symbol": "✗", "text": offText, "cls": "missed"]
    }

    func milestoneCell(_ m: MilestoneFigure) -> [String: Any] {
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
        return ["cls": m.status.rawValue, "symbol": symbol, "text": l["s_" + m.status.rawValue], "detail": shown(detail),
                "value": "\(f.int(m.value))/\(f.int(m.target))"]
    }
}
