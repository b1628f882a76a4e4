import Dispatch
import Foundation
import Mustache
import ThiDuaCore


/// Text from the warehouse as a page shows it: control characters (ESC, BEL …) removed, and at
/// most `limit` characters (the CSV files keep the whole text; over-long names are anomalies).
public func pageText(_ s: String, limit: Int = pageTextLimit) -> String {
    // Most texts are short and clean: one pass over the UTF-8 bytes settles it.
    if s.utf8.count <= limit && !mayHoldControls(s) { return s }
    let clean = s.unicodeScalars.contains { isControl($0) }
        ? String(String.UnicodeScalarView(s.unicodeScalars.filter { !isControl($0) })) : s
    return clean.count > limit ? String(clean.prefix(limit - 1)) + "…" : clean
}

/// Whether `s` holds a C0 control byte, DEL, or the lead byte of a C1 control (0xC2).
private func mayHoldControls(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { bytes in
        for b in bytes where b < 0x20 || b == 0x7F || b == 0xC2 { return true }
        return false
    }
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

/// What every page shares: one Content-Security-Policy and one way to make a view model safe to print.
enum HTMLReport {
    /// Every page's one policy: no script, no request of any kind, inline styles and data images
    /// only (the report works on an offline intranet and cannot call out).
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

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

    /// The median of rates: the middle one, or the mean of the two middle ones.
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

    /// The median of scores: the middle one, or the mean of the two middle ones.
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

