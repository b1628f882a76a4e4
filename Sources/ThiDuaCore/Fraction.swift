import Foundation

/// An exact rate `numerator/denominator` (denominator > 0). Rates are compared exactly by
/// cross-multiplication, never as rounded figures: 49/50 equals 98/100 (SPEC §4.3).
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// nil when the denominator is 0: an empty rate (SPEC §4.2).
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Parses a plain decimal such as `0.98` exactly (for thresholds in the plan file).
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0 else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 9, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var den = 1
        for _ in 0..<frac.count { den *= 10 }
        self.init(whole * den + (Int(frac) ?? 0), den)
    }

    public static func == (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator == b.numerator * a.denominator
    }

    public func hash(into hasher: inout Hasher) {
        let g = Fraction.gcd(abs(numerator), denominator)
        hasher.combine(numerator / max(g, 1))
        hasher.combine(denominator / max(g, 1))
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// SPEC §4.3: a rate whose numerator is above its denominator (or below zero) cannot happen in
    /// good data; it is reported as computed but never ranked.
    public var isImpossible: Bool { numerator > denominator || numerator < 0 }

    /// The value capped at 1 (composite parts, SPEC §4.4).
    public var capped: Fraction { numerator > denominator ? Fraction(1, 1)! : self }

    public var decimal: Decimal { Decimal(numerator) / Decimal(denominator) }

    /// Rounded half-up to `places` decimals with integer arithmetic: exact for any counts.
    public func formatted(places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let negative = numerator < 0
        let n = abs(numerator)
        let scaled = (2 * n * scale + denominator) / (2 * denominator)
        let whole = scaled / scale
        let frac = scaled % scale
        var s = (negative && scaled != 0 ? "-" : "") + String(whole)
        if places > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: places - f.count) + f
        }
        return s
    }

    public var description: String { "\(numerator)/\(denominator)" }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

/// Score arithmetic: decimal, rounded half-up to 4 places before anyone compares it (SPEC §4.3).
public enum Score {
    public static func rounded(_ value: Decimal, places: Int = 4) -> Decimal {
        var v = value
        var out = Decimal()
        NSDecimalRound(&out, &v, places, .plain)
        return out
    }

    public static func format(_ value: Decimal, places: Int = 4) -> String {
        let r = rounded(value, places: places)
        var s = NSDecimalNumber(decimal: r).description(withLocale: Locale(identifier: "en_US_POSIX"))
        if places > 0 {
            if !s.contains(".") { s += "." }
            let frac = s.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
            s += String(repeating: "0", count: max(0, places - frac))
        }
        return s
    }
}
