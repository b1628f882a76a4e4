import BigInt
import Foundation

/// An exact rational number of arbitrary precision (§14): composite, points and individual scores
/// are summed exactly as `Rational` and rounded half-up to 4 decimals once, at the end.
/// The denominator is always positive; values are kept in lowest terms. A value whose numerator and
/// denominator fit in machine integers is held and computed as such (the common case: rates of
/// counts and weights); an operation that would overflow is done again in BigInt, so no digit is
/// ever lost.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Lowest terms, positive denominator; `.small` whenever both fit in an Int.
    private enum Storage: Sendable, Hashable {
        case small(Int, Int)
        case big(BigInt, BigInt)
    }
    private let storage: Storage

    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .big(let n, _): return n
        }
    }

    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .big(_, let d): return d
        }
    }

    /// `numerator / denominator`; nil when the denominator is 0.
    public init?(_ numerator: BigInt, _ denominator: BigInt) {
        guard !denominator.isZero else { return nil }
        let sign: BigInt = denominator < 0 ? -1 : 1
        let g = numerator.greatestCommonDivisor(with: denominator)
        let divisor = g.isZero ? BigInt(1) : g
        let n = sign * numerator / divisor, d = sign * denominator / divisor
        if let small = Int(exactly: n), let smallD = Int(exactly: d) {
            storage = .small(small, smallD)
        } else {
            storage = .big(n, d)
        }
    }

    /// An integer.
    public init(_ value: Int) {
        self.init(storage: .small(value, 1))
    }

    /// `numerator / denominator` of machine integers; nil when the denominator is 0.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        // Int.min has no positive counterpart: such a value is normalised in BigInt.
        guard numerator != .min, denominator != .min else {
            self.init(BigInt(numerator), BigInt(denominator))
            return
        }
        let g = Rational.gcd(numerator.magnitude, denominator.magnitude)
        let divisor = g == 0 ? 1 : Int(g)
        let sign = denominator < 0 ? -1 : 1
        self.init(storage: .small(sign * (numerator / divisor), sign * (denominator / divisor)))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// An exact rate.
    public init(_ fraction: Fraction) {
        // A Fraction's denominator is positive, so this never fails.
        self = Rational(fraction.numerator, fraction.denominator) ?? .zero
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// A weight given in ten-thousandths of a point (§2: weights have at most 4 decimals).
    public static func weight(tenThousandths w: Int) -> Rational {
        Rational(w, 10_000) ?? .zero
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            let (x, o1) = an.multipliedReportingOverflow(by: bd)
            let (y, o2) = bn.multipliedReportingOverflow(by: ad)
            let (n, o3) = x.addingReportingOverflow(y)
            let (d, o4) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2 || o3 || o4), let r = Rational(n, d) { return r }
        }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) ?? .zero
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            let (n, o1) = an.multipliedReportingOverflow(by: bn)
            let (d, o2) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2), let r = Rational(n, d) { return r }
        }
        return Rational(a.numerator * b.numerator, a.denominator * b.denominator) ?? .zero
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            // Exact in 128 bits: |n × d| < 2^126.
            let x = an.multipliedFullWidth(by: bd), y = bn.multipliedFullWidth(by: ad)
            return x.high != y.high ? x.high < y.high : x.low < y.low
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The smaller of the value and 1.
    public var cappedAtOne: Rational { self > .one ? .one : self }

    /// Rounded half-up (a half goes away from zero, as `NSDecimalRound`'s `.plain`) to `places`
    /// decimals, as a Decimal with that many places.
    public func rounded(places: Int = 4) -> Decimal {
        let p = max(0, places)
        if case .small(let n, let d) = storage, p <= 18, n != .min {
            // ⌊(2 × |n| × 10^p + d) / 2d⌋ = ⌊|x| × 10^p + 1/2⌋, when every step fits.
            var scale = 1
            for _ in 0..<p { scale *= 10 }
            let (twice, o1) = n.magnitude.multipliedReportingOverflow(by: 2)
            let (scaled, o2) = twice.multipliedReportingOverflow(by: UInt(scale))
            let (top, o3) = scaled.addingReportingOverflow(UInt(d))
            let (bottom, o4) = UInt(d).multipliedReportingOverflow(by: 2)
            if !(o1 || o2 || o3 || o4) {
                let units = top / bottom
                return Decimal(sign: n < 0 && units != 0 ? .minus : .plus, exponent: -p, significand: Decimal(units))
            }
        }
        let scale = BigInt(10).power(p)
        let numerator = self.numerator, denominator = self.denominator
        let magnitude = numerator < 0 ? -numerator : numerator
        let units = (2 * magnitude * scale + denominator) / (2 * denominator)
        let significand: Decimal
        if let small = Int(exactly: units) {
            significand = Decimal(small)
        } else {
            significand = Decimal(string: units.description) ?? Decimal(0)
        }
        let zero = units.isZero
        return Decimal(sign: numerator < 0 && !zero ? .minus : .plus, exponent: -p, significand: significand)
    }

    public var description: String { "\(numerator)/\(denominator)" }

    private static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
