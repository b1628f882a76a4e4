/// SPEC §4.6: the plan's hard dates ("mốc thời gian cứng"), per bloc member, as of D.
public enum MilestoneStatus: String, Sendable, CaseIterable {
    case met, metLate = "met_late", missed, pending, atRisk = "at_risk", notApplicable = "not_applicable", noData = "no_data"
}
