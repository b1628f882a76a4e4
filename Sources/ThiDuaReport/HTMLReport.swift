import Foundation
import ThiDuaCore

public enum Language: String, Sendable { case vi, en }

/// Escapes text for HTML element content and attribute values.
public func htmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s.precomposedStringWithCanonicalMapping {
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

/// The leadership page (SPEC §5): self-contained, Vietnamese by default, escaped.
public struct HTMLReport {
    public var language: Language
    public init(language: Language) { self.language = language }

    var labels: Labels { Labels(language) }

    public func index(report: Computation, window: Window, plan: Plan) -> String {
        let l = labels
        var body = ""
        body += "<header><h1>\(htmlEscape(l["title"]))</h1>"
        body += "<p>\(htmlEscape(l["plan"])) \(htmlEscape(plan.name)) · \(htmlEscape(l["as_of"])) <strong>\(formatDay(window.asOf))</strong>"
        if window.isFinal { body += " · <strong class=\"final\">\(htmlEscape(l["final"]))</strong>" }
        body += "</p></header>"
        var current = ""
        for s in report.standings {
            if s.bloc != current {
                if !current.isEmpty { body += "</tbody></table></section>" }
                current = s.bloc
                body += "<section><h2>\(htmlEscape(blocTitle(s.bloc, report: report)))</h2>"
                body += "<table><thead><tr>"
                for h in ["rank", "unit", "composite", "e2e_rate", "retro_rate", "quality_rate", "signature_rate", "level5_rate"] {
                    body += "<th scope=\"col\">\(htmlEscape(l[h]))</th>"
                }
                body += "</tr></thead><tbody>"
            }
            body += "<tr><td>\(s.ranks[.composite].map(String.init) ?? "—")</td><th scope=\"row\">\(htmlEscape(s.unit.name))</th>"
            body += "<td class=\"num\">\(formatScore(s.composite))</td>"
            for r in [s.e2eRate, s.retroRate, s.qualityRate, s.signatureRate, s.level5Rate] {
                body += "<td class=\"num\">\(formatRate(r))</td>"
            }
            body += "</tr>"
        }
        if !current.isEmpty { body += "</tbody></table></section>" }
        body += "<section><h2>\(htmlEscape(l["anomalies"]))</h2><p>\(report.anomalies.count)</p></section>"
        return page(title: l["title"], body: body)
    }

    func blocTitle(_ bloc: String, report: Computation) -> String {
        let l = labels
        if bloc == "spp" { return l["bloc_spp"] }
        if bloc == "provincial" { return l["bloc_provincial"] }
        let id = String(bloc.dropFirst(4))
        return l["bloc_sub"] + " " + (report.organisation.byID[id]?.name ?? id)
    }

    func formatDay(_ d: Day) -> String { language == .vi ? d.vietnamese : d.description }

    func formatRate(_ f: Fraction?) -> String {
        guard let f else { return "—" }
        let pct = Fraction(f.numerator * 100, f.denominator)!.formatted(places: 1)
        return (language == .vi ? pct.replacingOccurrences(of: ".", with: ",") : pct) + "%"
    }

    func formatScore(_ d: Decimal) -> String {
        let s = Score.format(d, places: 2)
        return language == .vi ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(htmlEscape(title))</title>
        <style>
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 1.5rem; color: #1a1a1a; }
        table { border-collapse: collapse; margin-bottom: 1.5rem; }
        th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: #eef2f7; }
        .final { color: #8a1c1c; }
        @media print { @page { size: A4; margin: 12mm; } table { page-break-inside: auto; } tr { page-break-inside: avoid; } thead { display: table-header-group; } }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}

/// One label catalogue per language.
struct Labels {
    let language: Language
    init(_ language: Language) { self.language = language }

    static let vi: [String: String] = [
        "title": "Kết quả phong trào thi đua QLAHS và “Bình dân học vụ số”",
        "plan": "Kế hoạch", "as_of": "Số liệu đến hết ngày", "final": "Kỳ thi đua đã kết thúc: kết quả chung cuộc",
        "rank": "Hạng", "unit": "Đơn vị", "composite": "Điểm tổng hợp", "e2e_rate": "Tỷ lệ toàn trình",
        "retro_rate": "Nhập liệu truy hồi", "quality_rate": "Dữ liệu sạch", "signature_rate": "Ký số",
        "level5_rate": "Đẳng 5 / biên chế", "anomalies": "Dữ liệu bất thường",
        "bloc_spp": "Khối các đơn vị thuộc VKSND tối cao", "bloc_provincial": "Khối VKSND tỉnh, thành phố",
        "bloc_sub": "Khối phòng, VKSND khu vực thuộc",
    ]
    static let en: [String: String] = [
        "title": "QLAHS and “Digital literacy for all” emulation results",
        "plan": "Plan", "as_of": "Data through", "final": "The emulation period has ended: final standing",
        "rank": "Rank", "unit": "Unit", "composite": "Composite score", "e2e_rate": "End-to-end rate",
        "retro_rate": "Retrospective entry", "quality_rate": "Clean data", "signature_rate": "Digitally signed",
        "level5_rate": "Level 5 / headcount", "anomalies": "Data anomalies",
        "bloc_spp": "Units of the Supreme People's Procuracy", "bloc_provincial": "Provincial procuracies",
        "bloc_sub": "Departments and regional procuracies of",
    ]

    subscript(_ key: String) -> String {
        (language == .vi ? Labels.vi : Labels.en)[key] ?? key
    }
}
