import BigInt
import Foundation
import Testing
import TestSupport
@testable import ThiDuaCore

@Suite("engine: exact rationals rounded half-up once (PLAN-LANGUAGE.md §14)")
struct EngineRationalTests {
    @Test("rounding to 4 decimals, exact halves go up", arguments: [
        (1, 20_000, "0.0001"),        // 0.00005: an exact half on the 4th decimal
        (3, 20_000, "0.0002"),        // 0.00015
        (4_999, 100_000_000, "0.0000"), // 0.00004999
        (1, 3, "0.3333"),
        (2, 3, "0.6667"),
        (-1, 20_000, "-0.0001"),      // away from zero, as NSDecimalRound .plain
        (200, 2, "100.0000"),
        (0, 7, "0.0000"),
    ])
    func rounding(numerator: Int, denominator: Int, printed: String) throws {
        let r = try #require(Rational(numerator, denominator))
        #expect(Score.format(r.rounded()) == printed)
        #expect(r.rounded() == Decimal(string: printed))
    }

    @Test("lowest terms, positive denominator, exact comparison (49/50 = 98/100)")
    func normalised() throws {
        let a = try #require(Rational(49, 50)), b = try #require(Rational(-98, -100))
        #expect(a == b && a.denominator == 50)
        #expect(Rational(1, 0) == nil)
        #expect(try #require(Rational(1, 3)) < a)
        #expect(try #require(Rational(3, 2)).cappedAtOne == .one)
    }

    @Test("sums of many rates keep every digit (a Decimal would round at 38)")
    func precision() throws {
        // Σ 1/p over distinct large primes, then minus the same: exactly zero.
        let ps = [1_000_000_007, 998_244_353, 2_147_483_647, 4_294_967_291]
        var total = Rational.zero
        for p in ps { total = total + (try #require(Rational(1, p))) }
        for p in ps { total = total + (try #require(Rational(-1, p))) }
        #expect(total == .zero)
        // 1/2 + 1/(2 × Int.max²): beyond 128 bits, still just above a half.
        let tiny = try #require(Rational(1, 2)) * (try #require(Rational(1, Int.max))) * (try #require(Rational(1, Int.max)))
        let big = try #require(Rational(1, 2)) + tiny
        #expect(big > (try #require(Rational(1, 2))))
        #expect(Score.format(big.rounded()) == "0.5000")
        let half = try #require(Rational(1, 2)) * Rational.weight(tenThousandths: 1)   // 0.0001 × 1/2
        #expect(half.rounded() == Decimal(string: "0.0001"))
    }

    @Test("a weight is in ten-thousandths of a point")
    func weights() {
        #expect(Rational.weight(tenThousandths: 300_000).rounded() == 30)
        #expect(Score.format(Rational.weight(tenThousandths: 12_345).rounded()) == "1.2345")
    }

    @Test("machine-integer fast path and BigInt agree on generated sums, products, orders and roundings near Int's limits")
    func fastPathAgreesWithBigInt() throws {
        var rng = SeededGenerator(seed: 24)
        let edges = [0, 1, -1, 2, 3, 7, 10_000, 99_999, Int.max, Int.max - 1, Int.min, Int.min + 1, Int.max / 3, 1 << 62, -(1 << 62), 3_037_000_499]
        func int() -> Int {
            switch rng.next() % 4 {
            case 0: return edges[Int(rng.next() % UInt64(edges.count))]
            case 1: return Int(truncatingIfNeeded: rng.next())
            default: return Int(rng.next() % 20_001) - 10_000
            }
        }
        // The reference: every value kept as a BigInt pair in lowest terms.
        func reference(_ n: BigInt, _ d: BigInt) -> (BigInt, BigInt) {
            let g = n.greatestCommonDivisor(with: d)
            let s: BigInt = d < 0 ? -1 : 1
            return (s * n / g, s * d / g)
        }
        for _ in 0..<5_000 {
            let (an, ad, bn, bd) = (int(), int(), int(), int())
            guard ad != 0, bd != 0, let a = Rational(an, ad), let b = Rational(bn, bd) else { continue }
            let ra = reference(BigInt(an), BigInt(ad)), rb = reference(BigInt(bn), BigInt(bd))
            #expect((a.numerator, a.denominator) == ra)
            let sum = a + b, product = a * b
            #expect((sum.numerator, sum.denominator) == reference(ra.0 * rb.1 + rb.0 * ra.1, ra.1 * rb.1))
            #expect((product.numerator, product.denominator) == reference(ra.0 * rb.0, ra.1 * rb.1))
            #expect((a < b) == (ra.0 * rb.1 < rb.0 * ra.1))
            #expect((a == b) == (ra == rb))
            #expect(sum == (Rational(sum.numerator, sum.denominator) ?? .zero), "one value, one representation")
            // Rounding: the fast path against the same formula in BigInt.
            let magnitude = ra.0 < 0 ? -ra.0 : ra.0
            let units = (2 * magnitude * 10_000 + ra.1) / (2 * ra.1)
            let expected = Decimal(sign: ra.0 < 0 && !units.isZero ? .minus : .plus, exponent: -4,
                                   significand: Decimal(string: units.description) ?? 0)
            #expect(a.rounded() == expected, "\(an)/\(ad)")
        }
    }
}
