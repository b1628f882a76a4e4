import BigInt
import Foundation

/// An exact rational number of arbitrary precision (§14): composite, points and individual scores
/// are summed exactly as `Rational` and rounded half-up to 4 decimals once, at the end.
/// The denominator is always positive; values are kept in lowest terms.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    /// `numerator / denominator`; nil when the denominator is 0.
    public init?(_ numerator: BigInt, _ denominator: BigInt) {
        guard !denominator.isZero else { return nil }
        let sign: BigInt = denominator < 0 ? -1 : 1
        let g = numerator.greatestCommonDivisor(with: denominator)
        let divisor = g.isZero ? BigInt(1) : g
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// An integer.
    public init(_ value: Int) {
        numerator = BigInt(value)
        denominator = 1
    }

    /// `numerator / denominator` of machine integers; nil when the denominator is 0.
    public init?(_ numerator: Int, _ denominator: Int) {
        self.init(BigInt(numerator), BigInt(denominator))
    }

    /// An exact rate.
    public init(_ fraction: Fraction) {
        // A Fraction's denominator is positive, so this never fails.
        self = Rational(BigInt(fraction.numerator), BigInt(fraction.denominator)) ?? .zero
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// A weight given in ten-thousandths of a point (§2: weights have at most 4 decimals).
    public static func weight(tenThousandths w: Int) -> Rational {
        Rational(BigInt(w), 10_000) ?? .zero
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) ?? .zero
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator) ?? .zero
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The smaller of the value and 1.
    public var cappedAtOne: Rational { self > .one ? .one : self }

    /// Rounded half-up (a half goes away from zero, as `NSDecimalRound`'s `.plain`) to `places`
    /// decimals, as a Decimal with that many places.
    public func rounded(places: Int = 4) -> Decimal {
        let scale = BigInt(10).power(max(0, places))
        let magnitude = numerator < 0 ? -numerator : numerator
        // ⌊(2 × |n| × 10^p + d) / 2d⌋ = ⌊|x| × 10^p + 1/2⌋.
        let units = (2 * magnitude * scale + denominator) / (2 * denominator)
        let significand: Decimal
        if let small = Int(exactly: units) {
            significand = Decimal(small)
        } else {
            significand = Decimal(string: units.description) ?? Decimal(0)
        }
        let zero = units.isZero
        return Decimal(sign: numerator < 0 && !zero ? .minus : .plus, exponent: -max(0, places), significand: significand)
    }

    public var description: String { "\(numerator)/\(denominator)" }
}
