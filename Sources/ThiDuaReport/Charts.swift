import Foundation
import ThiDuaCore

/// Charts drawn by the job as inline SVG: no script, no external request, readable in print.
public enum Charts {
    /// Horizontal bars of a rate per unit, with a dashed line at the priority threshold (98%).
    public static func rateBars(_ items: [(label: String, rate: Fraction?)], threshold: Fraction, thresholdLabel: String,
                                title: String, format: PageFormat) -> String {
        let rowH = 18, labelW = 470, barW = 560, top = 24
        let height = top + items.count * rowH + 10
        let width = labelW + barW + 70
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"\(htmlEscape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        s += "<title>\(htmlEscape(title))</title>"
        // The axis starts below the lowest rate (in steps of 10%), so that differences near the
        // 98% line stay visible; its start is printed.
        let values = items.compactMap { $0.rate.map { Double($0.numerator) / Double(max($0.denominator, 1)) } }
        let lowest = min(values.min() ?? 0, Double(threshold.numerator) / Double(threshold.denominator))
        let lo = max(0, (floor(lowest * 10) / 10) - 0.1)
        func x(_ v: Double) -> Int { labelW + Int(max(0, min(1, (v - lo) / (1 - lo))) * Double(barW)) }
        let tx = x(Double(threshold.numerator) / Double(threshold.denominator))
        s += "<text x=\"\(labelW)\" y=\"\(top - 10)\" class=\"val\">\(htmlEscape(format.rate(Fraction(Int((lo * 100).rounded()), 100))))</text>"
        for (i, item) in items.enumerated() {
            let y = top + i * rowH
            let label = item.label.count > 78 ? String(item.label.prefix(77)) + "…" : item.label
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 13)\" text-anchor=\"end\" class=\"lbl\">\(htmlEscape(label))</text>"
            if let r = item.rate {
                let w = max(1, x(Double(r.numerator) / Double(r.denominator)) - labelW)
                let cls = r >= threshold ? "bar ok" : "bar"
                s += "<rect x=\"\(labelW)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowH - 6)\" class=\"\(cls)\"/>"
                s += "<text x=\"\(labelW + w + 4)\" y=\"\(y + 13)\" class=\"val\">\(htmlEscape(format.rate(r)))</text>"
            } else {
                s += "<text x=\"\(labelW + 4)\" y=\"\(y + 13)\" class=\"val\">—</text>"
            }
        }
        s += "<line x1=\"\(tx)\" y1=\"\(top - 6)\" x2=\"\(tx)\" y2=\"\(height - 6)\" class=\"threshold\"/>"
        s += "<text x=\"\(tx + 3)\" y=\"\(top - 10)\" class=\"val\">\(htmlEscape(thresholdLabel))</text>"
        return s + "</svg>"
    }

    /// A small line of a rate over the last runs (oldest first), with the current value as a dot.
    public static func sparkline(_ values: [Fraction?], label: String) -> String {
        let points = values.enumerated().compactMap { i, v in v.map { (i, Double($0.numerator) / Double(max($0.denominator, 1))) } }
        guard points.count >= 2 else { return "" }
        let w = 80.0, h = 18.0
        let n = Double(max(values.count - 1, 1))
        let coords = points.map { (i, v) in String(format: "%.1f,%.1f", Double(i) / n * (w - 4) + 2, h - 2 - min(1, max(0, v)) * (h - 4)) }
        let last = coords.last ?? "0,0"
        let xy = last.split(separator: ",")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" role=\"img\" aria-label=\"\(htmlEscape(label))\" viewBox=\"0 0 80 18\" width=\"80\" height=\"18\"><title>\(htmlEscape(label))</title><polyline points=\"\(coords.joined(separator: " "))\"/><circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\"/></svg>"
    }
}
