import Foundation
import ThiDuaCore

/// How numbers and dates look on a page: dd/mm/yyyy and decimal commas in Vietnamese, ISO and
/// dots in English. (The CSV files always keep ISO dates and dot decimals.)
public struct PageFormat: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    public func day(_ d: Day?) -> String {
        guard let d else { return "—" }
        return language == .vi ? d.vietnamese : d.description
    }

    /// A rate as a percentage with one decimal, e.g. 98,0%.
    public func rate(_ f: Fraction?) -> String {
        guard let f else { return "—" }
        return decimal(f.formatted(places: 1, times: 100)) + "%"
    }

    public func score(_ d: Decimal?) -> String {
        guard let d else { return "—" }
        return decimal(Score.format(d, places: 2))
    }

    /// Whole numbers with a thousands separator (15.860 in Vietnamese, 15,860 in English).
    public func int(_ v: Int?) -> String {
        guard let v else { return "—" }
        let digits = String(abs(v))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(language == .vi ? "." : ",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// When the run was made, in the report's time zone: 29/11/2026 11:51 (ICT).
    public func timestamp(_ date: Date, zone: String) -> String {
        let fmt = DateFormatter()
        fmt.locale = Locale(identifier: "en_US_POSIX")
        fmt.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 7 * 3600)
        fmt.dateFormat = language == .vi ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm"
        return fmt.string(from: date) + " (\(fmt.timeZone.abbreviation(for: date) ?? zone))"
    }

    /// A number printed with the page's decimal mark (a comma in Vietnamese).
    func decimal(_ s: String) -> String {
        guard language == .vi, s.utf8.contains(0x2E) else { return s }
        return String(decoding: s.utf8.map { $0 == 0x2E ? 0x2C : $0 }, as: UTF8.self)
    }
}
