import Foundation
import ThiDuaCore

/// Charts drawn by the job: no script, no external request, readable in print and on a phone.
public enum Charts {
    /// Horizontal bars of a rate per unit, with a dashed line at the priority threshold when there is
    /// one (a plan's rate without `priority_at` has none, PLAN-LANGUAGE.md §15 (c)). Drawn
    /// as HTML (a list: label, bar, value), so its text is the page's text at any width (an SVG of
    /// fixed width shrank its labels to 4 px on a phone) and a screen reader reads it as a list.
    public static func rateBars(_ items: [(label: String, rate: Fraction?)], threshold: Fraction?, thresholdLabel: String,
                                title: String, format: PageFormat) -> String {
        // The axis starts below the lowest rate (in steps of 10%), so that differences near the
        // threshold stay visible; its start is printed.
        let values = items.compactMap { $0.rate.map(\.double) }
        let lowest = min(values.min() ?? 0, threshold?.double ?? 1)
        let lo = max(0, (floor(lowest * 10) / 10) - 0.1)
        func pct(_ v: Double) -> String { String(format: "%.2f", max(0, min(1, (v - lo) / (1 - lo))) * 100) }
        let tx = threshold.map { pct($0.double) }
        var s = "<figure class=\"bars\"><figcaption>\(htmlEscape(title))</figcaption><ol>"
        s += "<li class=\"b-axis\" aria-hidden=\"true\"><span class=\"b-lbl\"></span><span class=\"b-track\">"
        s += "<span class=\"b-lo\">\(htmlEscape(format.rate(Fraction(Int((lo * 100).rounded()), 100))))</span>"
        if let tx { s += "<span class=\"b-thl\" style=\"left:\(tx)%\">\(htmlEscape(thresholdLabel))</span>" }
        s += "</span><span class=\"b-val\"></span></li>"
        for item in items {
            s += "<li><span class=\"b-lbl\" title=\"\(htmlEscape(item.label))\">\(htmlEscape(item.label))</span><span class=\"b-track\">"
            if let r = item.rate {
                let ok = threshold.map { r >= $0 && !r.isImpossible } ?? false
                s += "<span class=\"b-bar\(ok ? " ok" : "")\" style=\"width:\(pct(r.double))%\"></span>"
            }
            if let tx { s += "<span class=\"b-thr\" style=\"left:\(tx)%\"></span>" }
            s += "</span>"
            s += "<span class=\"b-val\">\(htmlEscape(format.rate(item.rate)))</span></li>"
        }
        return s + "</ol></figure>"
    }

    /// The vertical range shared by every sparkline of one table, so rows stay comparable: the span
    /// of their values, widened to at least one percentage point, never outside 0–100%.
    public static func sparkRange(_ series: [[Fraction?]]) -> ClosedRange<Double> {
        let all = series.flatMap { $0.compactMap { $0?.double } }.map { min(1, max(0, $0)) }
        guard var lo = all.min(), var hi = all.max() else { return 0...1 }
        if hi - lo < 0.01 {
            let mid = (hi + lo) / 2
            lo = mid - 0.005
            hi = mid + 0.005
            if lo < 0 { hi -= lo; lo = 0 }
            if hi > 1 { lo -= hi - 1; hi = 1 }
        }
        return lo...hi
    }

    /// A small line of a rate over the last runs (oldest first), with the current value as a dot,
    /// on the table's shared range; the line at `mark` (the priority line, if any) is drawn where it
    /// falls inside.
    public static func sparkline(_ values: [Fraction?], range: ClosedRange<Double>, mark: Fraction?, label: String) -> String {
        let points = values.enumerated().compactMap { i, v in v.map { (i, $0.double) } }
        guard points.count >= 2 else { return "" }
        let w = 80.0, h = 18.0
        let n = Double(max(values.count - 1, 1))
        let span = max(range.upperBound - range.lowerBound, 1e-9)
        func y(_ v: Double) -> Double { h - 2 - (min(range.upperBound, max(range.lowerBound, v)) - range.lowerBound) / span * (h - 4) }
        let coords = points.map { (i, v) in String(format: "%.1f,%.1f", Double(i) / n * (w - 4) + 2, y(v)) }
        let last = coords.last ?? "0,0"
        let xy = last.split(separator: ",")
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" role=\"img\" aria-label=\"\(htmlEscape(label))\" viewBox=\"0 0 80 18\" width=\"80\" height=\"18\"><title>\(htmlEscape(label))</title>"
        if let mark, range.contains(mark.double) {
            let my = String(format: "%.1f", y(mark.double))
            s += "<line x1=\"0\" x2=\"80\" y1=\"\(my)\" y2=\"\(my)\" class=\"mark\"/>"
        }
        return s + "<polyline points=\"\(coords.joined(separator: " "))\"/><circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\"/></svg>"
    }

    /// The text equivalent of a sparkline: the first and the last value, "94,0% → 98,6%".
    public static func sparkText(_ values: [Fraction?], format: PageFormat) -> String {
        let present = values.compactMap { $0 }
        guard present.count >= 2, let first = present.first, let last = present.last else { return "" }
        return "\(format.rate(first)) → \(format.rate(last))"
    }
}

extension Fraction {
    /// For drawing only (every comparison stays exact).
    var double: Double { Double(numerator) / Double(max(denominator, 1)) }
}
