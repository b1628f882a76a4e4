import Foundation
import ThiDuaConfig
import ThiDuaCore

/// `thidua plan convert OLD` (PLAN-LANGUAGE.md §22, decided 3): a value-only plan file of thidua 0.4
/// becomes the language-1 plan 251 (the §19 listing) with the old file's dates, thresholds,
/// weights, quotas and milestone clauses substituted. A missing milestone clause takes plan 251's.
public enum PlanConvert {
    /// The keys a value-only file's tables hold: the built-in plan 251's composite parts, score
    /// parts and milestones.
    public static func legacyNames() throws(PlanLoadError) -> LegacyPlanNames {
        let plan = try PlanReader.shipped().plan
        return LegacyPlanNames(compositeParts: plan.composite.map(\.part), scoreParts: plan.score.map(\.id),
                               milestones: plan.milestones.map(\.id))
    }

    /// The shipped plan's text no longer has a place a value of the old file goes (a defect of
    /// thidua: a test converts 0.4.0's file).
    public struct TemplateDrift: Error, CustomStringConvertible {
        public let pattern: String
        public var description: String { "plan convert: the built-in plan 251 has no single place matching \(pattern)" }
    }

    /// The language-1 text of a value-only plan: the built-in plan 251 (`plans/251-KH-VKSTC.yaml`,
    /// with its docs and labels) with the old file's name, title, dates, thresholds, weights, quotas
    /// and milestone clauses put in the places that hold them.
    public static func languageOne(from old: LegacyPlan) throws(TemplateDrift) -> String {
        var text = shippedPlanYAML
        // Each value goes where one pattern matches exactly once; `$1` keeps the text before it.
        func put(_ pattern: String, _ value: String, in part: inout String) throws(TemplateDrift) {
            guard let re = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
                  re.numberOfMatches(in: part, range: NSRange(part.startIndex..., in: part)) == 1 else {
                throw TemplateDrift(pattern: pattern)
            }
            part = re.stringByReplacingMatches(in: part, range: NSRange(part.startIndex..., in: part),
                                               withTemplate: "$1" + NSRegularExpression.escapedTemplate(for: value))
        }
        func put(_ pattern: String, _ value: String) throws(TemplateDrift) { try put(pattern, value, in: &text) }

        try put(#"^(name: )"[^"\n]*""#, q(old.name))
        try put(#"^(title: )\{vi: "[^"]*",\s*en: "[^"]*"\}"#, q(old.title))
        let dates: [(String, Day)] = [
            ("period_start", old.periodStart), ("period_end", old.periodEnd), ("infra_deadline", old.infraDeadline),
            ("go_live", old.goLive), ("retro_from", old.retroFrom), ("retro_to", old.retroTo),
            ("retro_deadline", old.retroDeadline), ("proficiency_deadline", old.proficiencyDeadline),
            ("luyenai_cutoff", old.luyenaiCutoff), ("dossier_deadline", old.dossierDeadline),
        ]
        for (key, day) in dates { try put("^(  \(key): )\\d{4}-\\d{2}-\\d{2}", day.description) }
        try put(#"^(  stale_cutoff: E - )\d+d"#, "\(old.staleDays)d")
        try put(#"^(  proficiency: \[E - )\d+d"#, "\(old.proficiencyWindowDays - 1)d")
        try put(#"(level_cutoff: \{gte: )\d+"#, String(old.luyenaiLevelTarget))
        try put(#"(actions_30d: \{gte: )\d+"#, String(old.proficiencyMinActions))
        try put(#"(priority_at: )[0-9.]+"#, decimal(old.e2ePriorityRate))
        try put(#"(scaled: level_now, max: )\d+"#, String(old.levelScaleMax))
        for (part, weight) in old.compositeWeights.sorted(by: { $0.key < $1.key }) {
            try put("(\\{part: \(part), weight: )[0-9.]+", number(weight))
        }
        for (part, weight) in old.individualWeights.sorted(by: { $0.key < $1.key }) {
            try put("(\\{part: \(part), weight: )[0-9.]+", number(weight))
        }
        try put(#"^(  collective_share: )[0-9.]+"#, number(old.quotas.collectiveShare))
        try put(#"^(  collective_rounding: )[a-z]+"#, old.quotas.collectiveRounding.rawValue)
        try put(#"^(  individual_per_spp_unit: )\d+"#, String(old.quotas.individualPerSPPUnit))
        try put(#"^(  individual_provincial:)[^\n]*\n(?:    - [^\n]*\n)+"#, " " + tiers(old.quotas) + "\n")
        // A milestone's clause, within the milestones (criteria share some ids); a milestone the old
        // file does not name keeps the built-in plan's clause.
        guard let start = text.range(of: "\nmilestones:"), let end = text.range(of: "\nquotas:", range: start.upperBound..<text.endIndex) else {
            throw TemplateDrift(pattern: "milestones: … quotas:")
        }
        var milestones = String(text[start.lowerBound..<end.lowerBound])
        for (id, clause) in old.milestoneClauses.sorted(by: { $0.key < $1.key }) {
            try put("(\\{id: \(id), kind: [^{]*?clause: )\"[^\"]*\"", q(clause), in: &milestones)
        }
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: milestones)
        return """
            # Converted by `thidua plan convert` from a value-only plan file of thidua 0.4: the built-in plan 251
            # (PLAN-LANGUAGE.md §19, with its docs and labels) with the old file's name, title, dates, thresholds,
            # weights, quotas and clauses. Check it with: thidua plan check FILE

            """ + text
    }

    /// A YAML double-quoted scalar.
    static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// An exact decimal as the old file wrote it (`0.98`, `12.5`).
    static func number(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    /// A fraction whose denominator is a power of ten, as a decimal (`98/100` → `0.98`).
    static func decimal(_ f: Fraction) -> String {
        var places = 0
        var den = f.denominator
        while den > 1 && den % 10 == 0 { den /= 10; places += 1 }
        guard den == 1 else { return f.formatted(places: 6) }
        var digits = String(f.numerator)
        while digits.count <= places { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -places)
        return places == 0 ? digits : digits[..<cut] + "." + digits[cut...]
    }

    static func tiers(_ quotas: Quotas) -> String {
        "[" + quotas.individualProvincialTiers.map { t in
            t.maxHeadcount.map { "{max_headcount: \($0), quota: \(t.quota)}" } ?? "{quota: \(t.quota)}"
        }.joined(separator: ", ") + "]"
    }
}
