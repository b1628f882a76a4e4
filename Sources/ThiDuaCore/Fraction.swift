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

    /// 1/1: the 100% line.
    public static let one = Fraction(1, 1)!

    /// Parses a plain decimal such as `0.98` exactly (for thresholds in the plan file); nil for
    /// anything else, or a number too large to hold.
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let whole = Int(parts[0]) else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 9, frac.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !frac.isEmpty else { return nil }
        var den = 1
        for _ in 0..<frac.count { den *= 10 }
        self.init(whole * den + (Int(frac) ?? 0), den)
    }

    /// a/b against c/d by cross-multiplication in 128 bits: exact for any counts, never a trap.
    static func compare(_ a: Fraction, _ b: Fraction) -> Int {
        let l = a.numerator.multipliedFullWidth(by: b.denominator)
        let r = b.numerator.multipliedFullWidth(by: a.denominator)
        if l.high != r.high { return l.high < r.high ? -1 : 1 }
        if l.low != r.low { return l.low < r.low ? -1 : 1 }
        return 0
    }

    public static func == (a: Fraction, b: Fraction) -> Bool { compare(a, b) == 0 }

    public func hash(into hasher: inout Hasher) {
        let g = Fraction.gcd(numerator.magnitude, UInt(denominator))
        hasher.combine(numerator.signum())
        hasher.combine(numerator.magnitude / max(g, 1))
        hasher.combine(UInt(denominator) / max(g, 1))
    }

    public static func < (a: Fraction, b: Fraction) -> Bool { compare(a, b) < 0 }

    /// SPEC §4.3: a rate whose numerator is above its denominator (or below zero) cannot happen in
    /// good data; it is reported as computed but never ranked.
    public var isImpossible: Bool { numerator > denominator || numerator < 0 }

    /// The value capped at 1 (composite parts, SPEC §4.4).
    public var capped: Fraction { numerator > denominator ? Fraction(1, 1)! : self }

    public var decimal: Decimal { Decimal(numerator) / Decimal(denominator) }

    /// Rounded half-up to `places` decimals with integer arithmetic: exact for any counts, and
    /// never a trap (the value is `numerator × times / denominator`; `times` is 100 for a percentage).
    public func formatted(places: Int, times: Int = 1) -> String {
        var scale: UInt = 1
        for _ in 0..<places { scale *= 10 }
        let d = UInt(denominator)
        let n = numerator.magnitude
        // Whole part and remainder of n × times / d without overflow: (n / d) × times + (n % d) × times / d.
        let (q1, r1) = (n / d, n % d)
        let (t1, t1Over) = q1.multipliedReportingOverflow(by: UInt(times))
        let (rhi, rlo) = r1.multipliedFullWidth(by: UInt(times))
        let (q2, r2) = d.dividingFullWidth((rhi, rlo))   // r1 < d, so the quotient fits
        let (whole0, wholeOver) = t1.addingReportingOverflow(q2)
        // Fraction digits of r2 / d, rounded half-up.
        let (fhi, flo) = r2.multipliedFullWidth(by: scale)
        var (frac, rest) = d.dividingFullWidth((fhi, flo))
        if rest >= d - rest { frac += 1 }
        var whole = whole0
        var carryOver = false
        if frac == scale { frac = 0; (whole, carryOver) = whole.addingReportingOverflow(1) }
        let wholeText: String
        if t1Over || wholeOver || carryOver {
            wholeText = "\(Decimal(numerator.magnitude) * Decimal(times) / Decimal(denominator))".split(separator: ".").first.map(String.init) ?? "0"
        } else {
            wholeText = String(whole)
        }
        var s = (numerator < 0 && (whole != 0 || frac != 0) ? "-" : "") + wholeText
        if places > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: places - f.count) + f
        }
        return s
    }

    public var description: String { "\(numerator)/\(denominator)" }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt { b == 0 ? a : gcd(b, a % b) }
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
