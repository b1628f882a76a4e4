/// "What it takes" (issue 17): how many more records, documents or people a unit needs for a rate
/// to reach a line, computed from the exact counts. The numerator grows and the denominator stays
/// (the unit's own records processed end-to-end, entered, fixed, signed; its own staff studying):
/// after the period the same figure says by how much the final standing missed.
public enum Gaps {
    /// The smallest k ≥ 0 with (numerator + k) / denominator ≥ line, exactly: ⌈line × denominator⌉ −
    /// numerator. Nil when there is nothing to divide by, or the line is above 1 (never reachable).
    public static func toReach(_ line: Fraction, numerator: Int, denominator: Int) -> Int? {
        guard denominator > 0, line.numerator >= 0, line.numerator <= line.denominator else { return nil }
        // line.numerator × denominator can exceed 64 bits for absurd counts: use the full width.
        let product = line.numerator.multipliedFullWidth(by: denominator)
        let (q, r) = line.denominator.dividingFullWidth(product)
        let needed = r > 0 ? q + 1 : q
        return max(0, needed - numerator)
    }
}

extension UnitStanding {
    /// The numerator and denominator behind a ranked rate.
    public func counts(for c: RankedCriterion) -> (numerator: Int, denominator: Int)? {
        let k = counts
        switch c {
        case .e2e: return (k.e2eDone, k.e2eTotal)
        case .retro: return (k.retroEntered, k.retroTotal)
        case .quality: return (k.qualityClean, k.qualityTotal)
        case .signature: return (k.docsSigned, k.docsTotal)
        case .level5: return headcount.map { (k.level5Staff, $0) }
        case .composite: return nil
        }
    }

    /// Records still to process end-to-end for e2e_rate to reach the plan's priority line (III.1.1).
    public func e2eToPriority(_ plan: LegacyPlan) -> Int? { Gaps.toReach(plan.e2ePriorityRate, numerator: counts.e2eDone, denominator: counts.e2eTotal) }
    /// Retro records still to enter for 100% (II.1).
    public var retroToFull: Int? { Gaps.toReach(Fraction.one, numerator: counts.retroEntered, denominator: counts.retroTotal) }
    /// Active staff still to study on LuyenAI for 100% (II.2).
    public var participationToFull: Int? { Gaps.toReach(Fraction.one, numerator: counts.participating, denominator: counts.activeStaff) }

    /// Items still needed for the criterion's rate to equal the bloc's first place (a tie shares
    /// rank 1): 0 for the leader; nil when the rate is empty or impossible, or nobody is ranked.
    public func toFirst(_ c: RankedCriterion) -> Int? {
        guard let leader = leaders[c], rankedRate(for: c) != nil, let (n, d) = counts(for: c) else { return nil }
        return Gaps.toReach(leader, numerator: n, denominator: d)
    }
}
