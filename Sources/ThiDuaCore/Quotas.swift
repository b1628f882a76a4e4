import Foundation

/// IV.5: how many nominees each bloc may propose for the Bằng khen.
public struct Quotas: Sendable, Equatable {
    public enum Rounding: String, Sendable { case down, nearest, up }
    /// IV.5.1: share of the bloc's members (0.10).
    public var collectiveShare: Decimal
    public var collectiveRounding: Rounding
    /// IV.5.2: one per SPP unit.
    public var individualPerSPPUnit: Int
    /// IV.5.2: by subtree headcount, first tier whose upper bound (inclusive) holds; nil = no bound.
    public var individualProvincialTiers: [(maxHeadcount: Int?, quota: Int)]

    public init(collectiveShare: Decimal, collectiveRounding: Rounding, individualPerSPPUnit: Int,
                individualProvincialTiers: [(maxHeadcount: Int?, quota: Int)]) {
        self.collectiveShare = collectiveShare
        self.collectiveRounding = collectiveRounding
        self.individualPerSPPUnit = individualPerSPPUnit
        self.individualProvincialTiers = individualProvincialTiers
    }

    public static func == (a: Quotas, b: Quotas) -> Bool {
        a.collectiveShare == b.collectiveShare && a.collectiveRounding == b.collectiveRounding
            && a.individualPerSPPUnit == b.individualPerSPPUnit
            && a.individualProvincialTiers.map(\.maxHeadcount) == b.individualProvincialTiers.map(\.maxHeadcount)
            && a.individualProvincialTiers.map(\.quota) == b.individualProvincialTiers.map(\.quota)
    }

    /// IV.5.1: ⌊10% × members⌋ with the plan's rounding.
    public func collective(members: Int) -> Int {
        var exact = collectiveShare * Decimal(members)
        var out = Decimal()
        let mode: NSDecimalNumber.RoundingMode = switch collectiveRounding {
        case .down: .down
        case .nearest: .plain
        case .up: .up
        }
        NSDecimalRound(&out, &exact, 0, mode)
        return NSDecimalNumber(decimal: out).intValue
    }

    /// IV.5.2: the individual quota of a province by its subtree headcount (biên chế).
    public func individualProvincial(headcount: Int) -> Int {
        for tier in individualProvincialTiers {
            if let max = tier.maxHeadcount, headcount > max { continue }
            return tier.quota
        }
        return individualProvincialTiers.last?.quota ?? 0
    }
}
