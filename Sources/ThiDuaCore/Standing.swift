import Foundation

/// The criteria ranked within a bloc (SPEC §4.3), with their CSV rank column.
public enum RankedCriterion: String, CaseIterable, Sendable {
    case e2e, retro, quality, signature, level5, composite
    public var column: String { rawValue + "_rank" }
}

/// One bloc member's metrics, composite score and ranks (SPEC §4.2–4.4).
public struct UnitStanding: Sendable {
    public var bloc: BlocID
    public var unit: Unit
    public var headcount: Int?
    public var counts: UnitCounts
    public var e2eRate: Fraction?
    public var retroRate: Fraction?
    public var qualityRate: Fraction?
    public var signatureRate: Fraction?
    public var eRecordRate: Fraction?
    /// III.2.1: level-5 share over biên chế.
    public var level5Rate: Fraction?
    public var participationRate: Fraction?
    public var proficiencyRate: Fraction?
    /// III.1.1: e2e_rate ≥ e2e_priority_rate (exact).
    public var e2ePriority: Bool
    /// III.1.1: ≥ 1 class or seminar on QLAHS, or ≥ 2 hands-on rounds.
    public var qlahsTrainingMet: Bool
    /// III.2.1: ≥ 1 class or seminar on AI.
    public var aiTrainingMet: Bool
    /// Σ weight × part, rounded half-up to 4 decimals.
    public var composite: Decimal
    public var ranks: [RankedCriterion: Int] = [:]
    /// The bloc's first-place rate per ranked rate criterion (set with the ranks).
    public var leaders: [RankedCriterion: Fraction] = [:]

    /// The province the member belongs to: a province itself, a sub-unit's province; nil in the SPP bloc.
    public var provinceID: String? {
        switch bloc {
        case .provincial: return unit.id
        case .sub(let p): return p
        default: return nil
        }
    }

    /// Every §4.2 rate by its CSV name, in the order the reports list them.
    public var rates: [(metric: String, rate: Fraction?)] {
        [("e2e_rate", e2eRate), ("retro_rate", retroRate), ("quality_rate", qualityRate),
         ("signature_rate", signatureRate), ("e_record_rate", eRecordRate), ("level5_rate", level5Rate),
         ("participation_rate", participationRate), ("proficiency_rate", proficiencyRate)]
    }

    /// SPEC §4.3: the rates whose numerator is above their denominator (bad data, never ranked).
    public var impossibleRates: [String] { rates.filter { $0.rate?.isImpossible == true }.map(\.metric) }

    /// The ranked value of a criterion: empty when the rate is impossible (SPEC §4.3).
    public func rankedRate(for c: RankedCriterion) -> Fraction? {
        guard let r = rate(for: c), !r.isImpossible else { return nil }
        return r
    }

    public func rate(for c: RankedCriterion) -> Fraction? {
        switch c {
        case .e2e: return e2eRate
        case .retro: return retroRate
        case .quality: return qualityRate
        case .signature: return signatureRate
        case .level5: return level5Rate
        case .composite: return nil
        }
    }
}

public enum Standings {
    /// The standing of one member from its summed counts.
    public static func standing(bloc: BlocID, member: BlocMember, counts c: UnitCounts, plan: LegacyPlan) -> UnitStanding {
        let e2e = Fraction(c.e2eDone, c.e2eTotal)
        let level5 = member.headcount.flatMap { Fraction(c.level5Staff, $0) }
        var s = UnitStanding(
            bloc: bloc, unit: member.unit, headcount: member.headcount, counts: c,
            e2eRate: e2e,
            retroRate: Fraction(c.retroEntered, c.retroTotal),
            qualityRate: Fraction(c.qualityClean, c.qualityTotal),
            signatureRate: Fraction(c.docsSigned, c.docsTotal),
            eRecordRate: Fraction(c.docsElectronic, c.docsTotal),
            level5Rate: level5,
            participationRate: Fraction(c.participating, c.activeStaff),
            proficiencyRate: Fraction(c.proficient, c.leadersAndProsecutors),
            e2ePriority: e2e.map { $0 >= plan.e2ePriorityRate } ?? false,
            qlahsTrainingMet: c.qlahsTrainingValue >= 1,
            aiTrainingMet: c.aiTrainingValue >= 1,
            composite: 0)
        s.composite = composite(s, weights: plan.compositeWeights)
        return s
    }

    /// SPEC §4.4: rates capped at 1 (empty → 0); a threshold criterion is 1 when met; 0–100.
    public static func composite(_ s: UnitStanding, weights: [LegacyCompositePart: Decimal]) -> Decimal {
        Score.rounded(points(s, weights: weights).reduce(Decimal(0)) { $0 + $1.points })
    }

    /// Each part's exact contribution, weight × part, in the plan's order (unit_metrics.csv shows
    /// them rounded; the composite rounds their exact sum).
    public static func points(_ s: UnitStanding, weights: [LegacyCompositePart: Decimal]) -> [(part: LegacyCompositePart, points: Decimal)] {
        func part(_ p: LegacyCompositePart) -> Decimal {
            switch p {
            case .e2eRate: return s.e2eRate?.capped.decimal ?? 0
            case .retroRate: return s.retroRate?.capped.decimal ?? 0
            case .qualityRate: return s.qualityRate?.capped.decimal ?? 0
            case .signatureRate: return s.signatureRate?.capped.decimal ?? 0
            case .level5Rate: return s.level5Rate?.capped.decimal ?? 0
            case .qlahsTrainingMet: return s.qlahsTrainingMet ? 1 : 0
            case .aiTrainingMet: return s.aiTrainingMet ? 1 : 0
            case .aiProducts: return s.counts.aiProducts >= 1 ? 1 : 0
            }
        }
        return LegacyCompositePart.allCases.map { ($0, (weights[$0] ?? 0) * part($0)) }
    }

    /// Every bloc's standings, ranked, in listing order (composite rank, then unit id).
    public static func leaderboards(org: Organisation, perUnit: [String: UnitCounts], plan: LegacyPlan) -> [UnitStanding] {
        var out: [UnitStanding] = []
        for bloc in org.blocs {
            var rows = bloc.members.map { m in
                standing(bloc: bloc.id, member: m, counts: UnitCounts.sum(scope: m.scope, of: perUnit), plan: plan)
            }
            rank(&rows)
            out += rows.sorted {
                Ranking.listingOrder(($0.ranks[.composite], $0.unit.id), ($1.ranks[.composite], $1.unit.id))
            }
        }
        return out
    }

    /// Standard competition ranks of one bloc's rows, every criterion; an impossible rate gets no
    /// rank for its criterion (SPEC §4.3: bad data never tops a leaderboard).
    public static func rank(_ rows: inout [UnitStanding]) {
        for c in RankedCriterion.allCases {
            let ranks: [String: Int]
            if c == .composite {
                ranks = Ranking.competition(rows.map { (id: $0.unit.id, value: Optional($0.composite)) })
            } else {
                ranks = Ranking.competition(rows.map { (id: $0.unit.id, value: $0.rankedRate(for: c)) })
            }
            for i in rows.indices { rows[i].ranks[c] = ranks[rows[i].unit.id] }
            if c != .composite, let best = rows.compactMap({ $0.rankedRate(for: c) }).max() {
                for i in rows.indices { rows[i].leaders[c] = best }
            }
        }
    }
}
