import Foundation
import ThiDuaCore

/// A mapping of the file with the keys it may hold already checked (§1: any other key is `unknown_key`).
struct MapView {
    let node: YNode
    let path: Path
    let entries: [YEntry]

    func entry(_ key: String) -> YEntry? { entries.first { $0.key == key } }
    func value(_ key: String) -> YNode? { entry(key)?.value }
    func has(_ key: String) -> Bool { entry(key) != nil }
}

/// An exact decimal as written (§2): at most 9 digits before and 9 after the point.
struct Decimal9: Equatable {
    var negative: Bool
    var whole: Int
    /// The digits after the point, as written.
    var fraction: String

    var places: Int { fraction.count }

    /// The value × 10^places, exactly (nil when it does not fit, which 9 + 9 digits never do).
    func scaled(to places: Int) -> Int? {
        guard places >= self.places else { return nil }
        var f = fraction
        while f.count < places { f += "0" }
        var unit = 1
        for _ in 0..<places { unit *= 10 }
        let (w, o1) = whole.multipliedReportingOverflow(by: unit)
        let (v, o2) = w.addingReportingOverflow(Int(f) ?? 0)
        guard !o1, !o2 else { return nil }
        return negative ? -v : v
    }

    var exact: Fraction? {
        guard let n = scaled(to: places) else { return nil }
        var den = 1
        for _ in 0..<places { den *= 10 }
        return Fraction(n, den)
    }

    var decimal: Decimal {
        let text = (negative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    static func parse(_ s: String) -> Decimal9? {
        var scalars = Substring(s)
        var negative = false
        if scalars.first == "-" { negative = true; scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...9).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
              let whole = Int(parts[0]) else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 1 || (1...9).contains(frac.count), frac.allSatisfy(\.isASCIIDigit) else { return nil }
        return Decimal9(negative: negative, whole: whole, fraction: frac)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension PlanChecker {
    // MARK: issues

    func error(_ code: String, _ pos: Pos, _ path: Path, _ message: String) {
        errors.append(PlanIssue(file: file, line: pos.line, column: pos.column, code: code, path: path.text, message: message))
    }

    func warn(_ pos: Pos, _ path: Path, _ message: String) {
        warnings.append(PlanIssue(file: file, line: pos.line, column: pos.column, code: "unused", path: path.text,
                                  message: message, isWarning: true))
    }

    /// A name as messages quote it: cut to 60 characters.
    func quoted(_ s: String) -> String { "'\(s.count > 60 ? s.prefix(60) + "…" : Substring(s))'" }

    // MARK: mappings and lists

    /// The node as the mapping `spec` declares (PlanGrammar): its keys are among the declared ones
    /// (`unknown_key` for the others, with a suggestion); nil and `value_type` when it is not a mapping.
    func map(_ node: YNode, _ path: Path, _ spec: Mapping) -> MapView? {
        map(node, path, allowed: spec.names, what: spec.what)
    }

    private func map(_ node: YNode, _ path: Path, allowed: [String], what: String) -> MapView? {
        guard let entries = node.entries else {
            error("value_type", node.pos, path, "expected \(what) (a mapping)\(nullNote(node))")
            return nil
        }
        for e in entries {
            guard let k = e.key else {
                error("unknown_key", e.keyPos, path.key("?"), "a key must be a plain name")
                continue
            }
            if !allowed.contains(k) {
                error("unknown_key", e.keyPos, path.key(k), "unknown key \(quoted(k)) in \(what)\(suggestion(k, allowed))")
            }
        }
        return MapView(node: node, path: path, entries: entries.filter { $0.key.map(allowed.contains) ?? false })
    }

    /// The value of a required key; `missing_key` at the mapping when it is absent.
    func require(_ m: MapView, _ key: String, _ what: String = "") -> YNode? {
        if let v = m.value(key) { return v }
        error("missing_key", m.node.pos, m.path.key(key), "missing key \(quoted(key))\(what.isEmpty ? "" : " (\(what))")")
        return nil
    }

    /// The node as a list; nil and `value_type` otherwise.
    func list(_ node: YNode, _ path: Path, what: String, nonEmpty: Bool = false) -> [YNode]? {
        guard let items = node.items else {
            error("value_type", node.pos, path, "expected \(what) (a list)\(nullNote(node))")
            return nil
        }
        if nonEmpty && items.isEmpty {
            error("value_type", node.pos, path, "expected \(what) (a non-empty list)")
            return nil
        }
        return items
    }

    private func nullNote(_ node: YNode) -> String {
        if let s = node.scalar, PlanChecker.isNull(s) { return "; there is no null value in a plan file" }
        return ""
    }

    // MARK: scalars (§1, §2)

    /// empty, `~`, `null`, `Null`, `NULL`: no value (§1).
    static func isNull(_ s: String) -> Bool { ["", "~", "null", "Null", "NULL"].contains(s) }

    /// The text of a scalar that is a value (`value_type` for a null text or a non-scalar).
    func text(_ node: YNode, _ path: Path, what: String = "a text") -> String? {
        guard let s = node.scalar else {
            error("value_type", node.pos, path, "expected \(what), not a \(node.entries != nil ? "mapping" : "list")")
            return nil
        }
        if PlanChecker.isNull(s) {
            error("value_type", node.pos, path, "expected \(what); \(s.isEmpty ? "an empty value" : quoted(s)) is no value (there is no null in a plan file)")
            return nil
        }
        return s
    }

    /// An int literal (§2: signed 64-bit, literals within ±10^12) in `range`.
    func int(_ node: YNode, _ path: Path, _ range: ClosedRange<Int>, what: String = "an integer") -> Int? {
        guard let s = text(node, path, what: what) else { return nil }
        guard let v = PlanChecker.parseInt(s) else {
            error("value_type", node.pos, path, "\(quoted(s)) is not \(what) (whole number)")
            return nil
        }
        guard range.contains(v) else {
            error("value_type", node.pos, path, "\(v) is out of range for \(what) (\(range.lowerBound)…\(range.upperBound))")
            return nil
        }
        return v
    }

    static func parseInt(_ s: String) -> Int? {
        var digits = Substring(s)
        var negative = false
        if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 13, digits.allSatisfy(\.isASCIIDigit), let v = Int(digits) else { return nil }
        guard v <= 1_000_000_000_000 else { return nil }
        return negative ? -v : v
    }

    /// `true` or `false` only (§1).
    func bool(_ node: YNode, _ path: Path) -> Bool? {
        guard let s = text(node, path, what: "true or false") else { return nil }
        switch s {
        case "true": return true
        case "false": return false
        default:
            error("value_type", node.pos, path, "\(quoted(s)) is not a boolean: write true or false")
            return nil
        }
    }

    /// An id `[a-z][a-z0-9_]{0,44}` (§1).
    func id(_ node: YNode, _ path: Path) -> String? {
        guard let s = text(node, path, what: "an id") else { return nil }
        guard PlanChecker.isID(s) else {
            error("value_type", node.pos, path, "\(quoted(s)) is not an id: a lower-case letter, then up to 44 lower-case letters, digits or _")
            return nil
        }
        return s
    }

    static func isID(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard (1...45).contains(u.count), u[0] >= "a", u[0] <= "z" else { return false }
        return u.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }

    /// A decimal with at most `maxPlaces` decimals (§2).
    func decimal(_ node: YNode, _ path: Path, maxPlaces: Int, what: String) -> Decimal9? {
        guard let s = text(node, path, what: what) else { return nil }
        guard let d = Decimal9.parse(s) else {
            error("value_type", node.pos, path, "\(quoted(s)) is not \(what) (a decimal such as 0.98 or 12.5)")
            return nil
        }
        guard d.places <= maxPlaces else {
            error("value_type", node.pos, path, "\(s) has more than \(maxPlaces) decimals (\(what))")
            return nil
        }
        return d
    }

    /// A label `{vi, en}`, both required (§2).
    func label(_ node: YNode, _ path: Path) -> Label? {
        guard let m = map(node, path, PlanGrammar.label) else { return nil }
        let vi = require(m, "vi").flatMap { text($0, path.key("vi")) }
        let en = require(m, "en").flatMap { text($0, path.key("en")) }
        guard let vi, let en else { return nil }
        return Label(vi: vi, en: en)
    }

    /// An optional label under `key`: `.some(nil)` when absent, nil when broken.
    func optionalLabel(_ m: MapView, _ key: String = "label") -> Label?? {
        guard let n = m.value(key) else { return .some(nil) }
        guard let l = label(n, m.path.key(key)) else { return nil }
        return .some(l)
    }

    /// An optional boolean with a default.
    func flag(_ m: MapView, _ key: String, default value: Bool) -> Bool? {
        guard let n = m.value(key) else { return value }
        return bool(n, m.path.key(key))
    }

    /// An optional text.
    func optionalText(_ m: MapView, _ key: String) -> String?? {
        guard let n = m.value(key) else { return .some(nil) }
        guard let t = text(n, m.path.key(key)) else { return nil }
        return .some(t)
    }

    // MARK: suggestions

    /// " (did you mean 'x'?)" for the nearest candidate within edit distance 2 (§17), else "".
    func suggestion(_ name: String, _ candidates: [String]) -> String {
        let n = Array(name.unicodeScalars)
        guard n.count <= 60 else { return "" }
        var best: (String, Int)?
        for c in candidates where c != name {
            let m = Array(c.unicodeScalars)
            guard abs(m.count - n.count) <= 2 else { continue }
            let d = PlanChecker.editDistance(n, m)
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
