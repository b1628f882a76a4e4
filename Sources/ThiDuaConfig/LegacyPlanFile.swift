import Foundation
import ThiDuaCore
import Yams

/// Value-only plan files of thidua 0.4 (SPEC §2's keys): YAML, every key but `milestone_clauses`
/// required, unknown keys refused. Read only by `thidua plan convert`.
public enum LegacyPlanFile {
    /// Reads a plan file from disk; `names` are the weight tables' and clauses' keys.
    public static func load(path: String, names: LegacyPlanNames) throws(ConfigError) -> LegacyPlan {
        try plan(from: try MappingReader.load(path: path), file: path, names: names)
    }

    public static func parse(_ text: String, file: String, names: LegacyPlanNames) throws(ConfigError) -> LegacyPlan {
        try plan(from: try MappingReader.document(text: text, file: file), file: file, names: names)
    }

    static func plan(from reader: MappingReader, file: String, names: LegacyPlanNames) throws(ConfigError) -> LegacyPlan {
        var r = reader
        let name = try r.scalar("name")
        let title = try r.optionalScalar("title") ?? name
        let periodStart = try r.day("period_start")
        let periodEnd = try r.day("period_end")
        let infra = try r.day("infra_deadline")
        let goLive = try r.day("go_live")
        let retroFrom = try r.day("retro_from")
        let retroTo = try r.day("retro_to")
        let retroDeadline = try r.day("retro_deadline")
        let proficiency = try r.day("proficiency_deadline")
        let cutoff = try r.day("luyenai_cutoff")
        let dossier = try r.day("dossier_deadline")
        let target = try r.integer("luyenai_level_target", 0...100)
        let rateText = try r.scalar("e2e_priority_rate")
        guard let rate = Fraction(decimal: rateText), rate <= Fraction(1, 1)!, rate >= Fraction(0, 1)! else {
            throw ConfigError(file: file, key: "e2e_priority_rate", message: "'\(rateText)' is not a share between 0 and 1 (expected e.g. 0.98)")
        }
        let staleDays = try r.integer("stale_days", 1...3650)
        let window = try r.integer("proficiency_window_days", 1...366)
        let minActions = try r.integer("proficiency_min_actions", 1...100_000)
        let scaleMax = try r.integer("level_scale_max", 1...100)

        var q = try r.mapping("quotas")
        let share = try q.decimal("collective_share", 0...1)
        let roundingText = try q.scalar("collective_rounding")
        guard let rounding = Quotas.Rounding(rawValue: roundingText) else {
            throw ConfigError(file: file, key: "quotas.collective_rounding", message: "'\(roundingText)' is not down, nearest or up")
        }
        let perSPP = try q.integer("individual_per_spp_unit", 0...1000)
        let tiersNode = try q.node("individual_provincial")
        guard let seq = tiersNode.sequence, !seq.isEmpty else {
            throw ConfigError(file: file, key: "quotas.individual_provincial", message: "expected a list of { max_headcount, quota }")
        }
        var tiers: [(maxHeadcount: Int?, quota: Int)] = []
        for (i, n) in seq.enumerated() {
            var t = try MappingReader(file: file, path: "quotas.individual_provincial[\(i)]", node: n)
            let max = t.has("max_headcount") ? try t.integer("max_headcount", 0...10_000_000) : nil
            let quota = try t.integer("quota", 0...1000)
            try t.finish()
            if let last = tiers.last {
                guard let lastMax = last.maxHeadcount, max.map({ $0 > lastMax }) ?? true else {
                    throw ConfigError(file: file, key: "quotas.individual_provincial[\(i)]", message: "tiers must rise by max_headcount and only the last may omit it")
                }
            }
            tiers.append((max, quota))
        }
        try q.finish()

        let composite = try weights(&r, "composite_weights", names.compositeParts, file: file)
        let individual = try weights(&r, "individual_weights", names.scoreParts, file: file)
        var clauses: [String: String] = [:]
        if r.has("milestone_clauses") {
            var m = try r.mapping("milestone_clauses")
            for k in names.milestones { clauses[k] = try m.optionalScalar(k) }
            try m.finish()
        }
        try r.finish()

        for (key, d) in [("period_start", periodStart), ("period_end", periodEnd), ("infra_deadline", infra), ("go_live", goLive),
                         ("retro_from", retroFrom), ("retro_to", retroTo), ("retro_deadline", retroDeadline),
                         ("proficiency_deadline", proficiency), ("luyenai_cutoff", cutoff), ("dossier_deadline", dossier)]
            where d < Day(year: 2000, month: 1, day: 1)! || d > Day(year: 2100, month: 12, day: 31)! {
            throw ConfigError(file: file, key: key, message: "\(d) is outside 2000–2100")
        }
        func order(_ a: Day, _ b: Day, _ ka: String, _ kb: String) throws(ConfigError) {
            if a > b { throw ConfigError(file: file, key: kb, message: "\(b) is before \(ka) \(a)") }
        }
        try order(periodStart, periodEnd, "period_start", "period_end")
        try order(retroFrom, retroTo, "retro_from", "retro_to")

        var plan = LegacyPlan(
            name: name, title: title, periodStart: periodStart, periodEnd: periodEnd, infraDeadline: infra,
            goLive: goLive, retroFrom: retroFrom, retroTo: retroTo, retroDeadline: retroDeadline,
            proficiencyDeadline: proficiency, luyenaiCutoff: cutoff, luyenaiLevelTarget: target,
            e2ePriorityRate: rate, dossierDeadline: dossier, staleDays: staleDays,
            proficiencyWindowDays: window, proficiencyMinActions: minActions,
            quotas: Quotas(collectiveShare: share, collectiveRounding: rounding, individualPerSPPUnit: perSPP,
                           individualProvincialTiers: tiers),
            compositeWeights: composite, individualWeights: individual,
            levelScaleMax: scaleMax)
        plan.milestoneClauses = clauses
        return plan
    }

    /// A weight table: every part named, none negative, summing to 100 (scores are 0–100).
    private static func weights(_ r: inout MappingReader, _ name: String, _ parts: [String], file: String) throws(ConfigError) -> [String: Decimal] {
        var m = try r.mapping(name)
        var out: [String: Decimal] = [:]
        for p in parts { out[p] = try m.decimal(p, 0...100) }
        try m.finish()
        let total = out.values.reduce(0, +)
        if total != 100 {
            throw ConfigError(file: file, key: name, message: "weights add up to \(total), expected 100 (scores run 0–100)")
        }
        return out
    }
}
