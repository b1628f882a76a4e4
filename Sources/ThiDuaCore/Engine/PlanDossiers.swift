/// §12 dossiers (SPEC §4.8) against the plan's `dossiers:` rules, as of D.
public enum PlanDossiers {
    /// Every dossier with its status, by dossier_id in byte order (§15), whatever order the
    /// warehouse's collation gave them in.
    public static func statuses(_ d: [DossierInput], rules: DossierRules, asOf: Day) -> [(DossierInput, DossierStatus)] {
        d.sorted { Array($0.dossierID.utf8).lexicographicallyPrecedes(Array($1.dossierID.utf8)) }
            .map { ($0, status($0, rules: rules, asOf: asOf)) }
    }

    /// `unit_level` for a level decided at the unit; otherwise accepted, incomplete, late_rejected,
    /// pending (with days_left) or missing. A submitted_on after D or outside 2000–2100 counts as
    /// not submitted. missing_parts lists, in `parts` order, every part not present (empty for
    /// unit_level).
    public static func status(_ d: DossierInput, rules: DossierRules, asOf: Day) -> DossierStatus {
        let submitted = d.submittedOn.flatMap { s in
            s <= asOf && s >= WarehouseContract.contractStart && s <= WarehouseContract.contractEnd ? s : nil
        }
        if rules.decidedAtUnit.contains(d.awardLevelText) {
            return DossierStatus(status: .unitLevel, missingParts: [], daysLeft: nil, submittedOn: submitted)
        }
        let missing = rules.parts.filter { !has(d, $0) }
        guard let s = submitted else {
            if asOf <= rules.deadline {
                return DossierStatus(status: .pending, missingParts: missing, daysLeft: asOf.days(to: rules.deadline), submittedOn: nil)
            }
            return DossierStatus(status: .missing, missingParts: missing, daysLeft: nil, submittedOn: nil)
        }
        if s > rules.deadline { return DossierStatus(status: .lateRejected, missingParts: missing, daysLeft: nil, submittedOn: s) }
        return DossierStatus(status: missing.isEmpty ? .accepted : .incomplete, missingParts: missing, daysLeft: nil, submittedOn: s)
    }

    /// `has_<part>` of the dossier; an unknown part is never present.
    static func has(_ d: DossierInput, _ part: String) -> Bool {
        switch part {
        case "proposal": return d.hasProposal
        case "minutes": return d.hasMinutes
        case "achievement_report": return d.hasAchievementReport
        case "impact_confirmation": return d.hasImpactConfirmation
        default: return false
        }
    }
}
