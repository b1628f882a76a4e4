import Foundation

/// The oracle's own exact arithmetic (PLAN-LANGUAGE.md §14): a deliberately simple, slow unsigned
/// big integer on little-endian UInt32 limbs, and non-negative rationals on it. Every figure the
/// oracle rounds (composite, points, scores) or multiplies beyond 64 bits (gaps) goes through here,
/// so it shares no arithmetic with the engine.
struct NaiveBig: Comparable, CustomStringConvertible {
    /// Little-endian limbs, no trailing zero limb (zero is `[]`).
    private(set) var limbs: [UInt32]

    init(_ value: Int) {
        precondition(value >= 0, "NaiveBig is unsigned")
        var v = UInt64(value)
        limbs = []
        while v > 0 {
            limbs.append(UInt32(truncatingIfNeeded: v))
            v >>= 32
        }
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        trim()
    }

    static let zero = NaiveBig(0)
    static let one = NaiveBig(1)

    var isZero: Bool { limbs.isEmpty }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    /// The value as an Int when it fits.
    var int: Int? {
        guard limbs.count <= 2 else { return nil }
        var v: UInt64 = 0
        for (i, l) in limbs.enumerated() { v |= UInt64(l) << (32 * UInt64(i)) }
        return v <= UInt64(Int.max) ? Int(v) : nil
    }

    static func + (a: NaiveBig, b: NaiveBig) -> NaiveBig {
        var out: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return NaiveBig(limbs: out)
    }

    /// a − b, for a ≥ b.
    static func - (a: NaiveBig, b: NaiveBig) -> NaiveBig {
        precondition(a >= b, "NaiveBig subtraction below zero")
        var out: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.limbs.count {
            var d = Int64(a.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            borrow = 0
            if d < 0 { d += 1 << 32; borrow = 1 }
            out.append(UInt32(d))
        }
        return NaiveBig(limbs: out)
    }

    static func * (a: NaiveBig, b: NaiveBig) -> NaiveBig {
        if a.isZero || b.isZero { return .zero }
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            for j in 0..<b.limbs.count {
                let t = UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + out[i + j] + carry
                out[i + j] = t & 0xFFFF_FFFF
                carry = t >> 32
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let t = out[k] + carry
                out[k] = t & 0xFFFF_FFFF
                carry = t >> 32
                k += 1
            }
        }
        return NaiveBig(limbs: out.map { UInt32($0) })
    }

    private var bitCount: Int {
        guard let last = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - last.leadingZeroBitCount)
    }

    private func bit(_ i: Int) -> Bool {
        let limb = i / 32
        return limb < limbs.count && (limbs[limb] >> UInt32(i % 32)) & 1 == 1
    }

    private func shiftedLeftOne(orBit b: Bool) -> NaiveBig {
        var out: [UInt32] = []
        var carry: UInt32 = b ? 1 : 0
        for l in limbs {
            out.append((l << 1) | carry)
            carry = l >> 31
        }
        if carry > 0 { out.append(carry) }
        return NaiveBig(limbs: out)
    }

    /// Quotient and remainder, bit by bit (schoolbook binary long division).
    func quotientAndRemainder(dividingBy d: NaiveBig) -> (quotient: NaiveBig, remainder: NaiveBig) {
        precondition(!d.isZero, "NaiveBig division by zero")
        var q = [UInt32](repeating: 0, count: limbs.count)
        var r = NaiveBig.zero
        var i = bitCount - 1
        while i >= 0 {
            r = r.shiftedLeftOne(orBit: bit(i))
            if r >= d {
                r = r - d
                q[i / 32] |= 1 << UInt32(i % 32)
            }
            i -= 1
        }
        return (NaiveBig(limbs: q), r)
    }

    static func < (a: NaiveBig, b: NaiveBig) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
            i -= 1
        }
        return false
    }

    var description: String {
        if isZero { return "0" }
        var digits: [Character] = []
        var v = self
        let ten = NaiveBig(10)
        while !v.isZero {
            let (q, r) = v.quotientAndRemainder(dividingBy: ten)
            digits.append(Character(String(r.int ?? 0)))
            v = q
        }
        return String(digits.reversed())
    }
}

/// A non-negative exact rational `num / den` (den > 0), never reduced: slow and obviously right.
struct NaiveRational {
    var num: NaiveBig
    var den: NaiveBig

    init(_ num: NaiveBig, _ den: NaiveBig) {
        precondition(!den.isZero, "NaiveRational with a zero denominator")
        self.num = num
        self.den = den
    }

    init(_ num: Int, _ den: Int) { self.init(NaiveBig(num), NaiveBig(den)) }

    static let zero = NaiveRational(0, 1)
    static let one = NaiveRational(1, 1)

    static func + (a: NaiveRational, b: NaiveRational) -> NaiveRational {
        NaiveRational(a.num * b.den + b.num * a.den, a.den * b.den)
    }

    /// Times a non-negative integer.
    static func * (a: NaiveRational, k: Int) -> NaiveRational { NaiveRational(a.num * NaiveBig(k), a.den) }

    static func < (a: NaiveRational, b: NaiveRational) -> Bool { a.num * b.den < b.num * a.den }

    /// ⌊num / den⌋.
    var floor: NaiveBig { num.quotientAndRemainder(dividingBy: den).quotient }

    /// ⌈num / den⌉.
    var ceiling: NaiveBig {
        let (q, r) = num.quotientAndRemainder(dividingBy: den)
        return r.isZero ? q : q + .one
    }

    /// Rounded half-up to an integer: ⌊(2·num + den) / (2·den)⌋.
    var roundedHalfUp: NaiveBig {
        let two = NaiveBig(2)
        return (two * num + den).quotientAndRemainder(dividingBy: two * den).quotient
    }
}

extension Decimal {
    /// `tenThousandths` / 10 000, exactly (scores and points are printed with 4 decimals).
    static func naive(tenThousandths k: Int) -> Decimal {
        Decimal(sign: .plus, exponent: -4, significand: Decimal(k))
    }
}
