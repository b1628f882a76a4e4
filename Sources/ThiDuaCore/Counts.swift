/// What the warehouse counted for one unit's own rows in one snapshot (SPEC §4.2 windows ending at E,
/// milestone counts as of D). Every field adds up over units, so a province's subtree standing is the
/// sum of its units' counts: the fact relations are read once, not once per bloc.
public struct UnitCounts: Sendable, Equatable {
    // case_record
    public var e2eTotal = 0, e2eDone = 0
    public var retroTotal = 0, retroEntered = 0
    public var qualityTotal = 0, qualityClean = 0
    public var missingFieldRecords = 0, errorRecords = 0, staleRecords = 0
    // procedural_document
    public var docsTotal = 0, docsSigned = 0, docsElectronic = 0
    // training_session, window [period_start, E]
    public var qlahsTrainings = 0, aiTrainings = 0
    public var qlahsClassesOrSeminars = 0, qlahsHandsOn = 0, aiClassesOrSeminars = 0
    // initiative
    public var qlahsInitiatives = 0, aiProducts = 0
    // staff (active), from the per-staff facts
    public var activeStaff = 0, level5Staff = 0, participating = 0
    public var leadersAndProsecutors = 0, proficient = 0

    // Milestones (SPEC §4.6). infra_ready is a state at D; every other milestone restates a §4.2
    // metric and reads the same counts, on windows ending at E: only their pace and completion days
    // are kept here. The pace counts items completed in [D−13, D] (and, for the E-bound ones, ≤ E).
    public var infraItems = 0, infraReady = 0, infraCompletedRecent = 0
    public var infraLatestCompleted: Day?
    public var retroEnteredRecent = 0
    public var retroLatestEntered: Day?
    public var firstStudyRecent = 0
    public var latestFirstStudy: Day?
    /// The first class or seminar day per topic in [period_start, E], and the first two hands-on days
    /// (qlahs), from which "the day value first reached 1" follows for any scope.
    public var qlahsFirstClass: Day?, aiFirstClass: Day?
    public var qlahsHandsOnDays: [Day] = []

    public init() {}

    /// Adds another unit's counts (roll-up over a province's subtree).
    public mutating func add(_ o: UnitCounts) {
        e2eTotal += o.e2eTotal; e2eDone += o.e2eDone
        retroTotal += o.retroTotal; retroEntered += o.retroEntered
        qualityTotal += o.qualityTotal; qualityClean += o.qualityClean
        missingFieldRecords += o.missingFieldRecords; errorRecords += o.errorRecords; staleRecords += o.staleRecords
        docsTotal += o.docsTotal; docsSigned += o.docsSigned; docsElectronic += o.docsElectronic
        qlahsTrainings += o.qlahsTrainings; aiTrainings += o.aiTrainings
        qlahsClassesOrSeminars += o.qlahsClassesOrSeminars; qlahsHandsOn += o.qlahsHandsOn
        aiClassesOrSeminars += o.aiClassesOrSeminars
        qlahsInitiatives += o.qlahsInitiatives; aiProducts += o.aiProducts
        activeStaff += o.activeStaff; level5Staff += o.level5Staff; participating += o.participating
        leadersAndProsecutors += o.leadersAndProsecutors; proficient += o.proficient
        infraItems += o.infraItems; infraReady += o.infraReady; infraCompletedRecent += o.infraCompletedRecent
        infraLatestCompleted = infraLatestCompleted.latest(o.infraLatestCompleted)
        retroEnteredRecent += o.retroEnteredRecent
        retroLatestEntered = retroLatestEntered.latest(o.retroLatestEntered)
        firstStudyRecent += o.firstStudyRecent
        latestFirstStudy = latestFirstStudy.latest(o.latestFirstStudy)
        qlahsFirstClass = qlahsFirstClass.earliest(o.qlahsFirstClass)
        aiFirstClass = aiFirstClass.earliest(o.aiFirstClass)
        qlahsHandsOnDays = Array((qlahsHandsOnDays + o.qlahsHandsOnDays).sorted().prefix(2))
    }

    /// III.1.1 on the counted scope: classes and seminars, plus ⌊hands-on rounds / 2⌋, the rounds
    /// counted over the whole scope before halving. ≥ 1 exactly when qlahs_training_met.
    public var qlahsTrainingValue: Int { qlahsClassesOrSeminars + qlahsHandsOn / 2 }
    /// III.2.1: classes and seminars on AI.
    public var aiTrainingValue: Int { aiClassesOrSeminars }

    /// The counts of a scope: the sum over its units (a unit with no rows counts zero).
    public static func sum(scope: [String], of perUnit: [String: UnitCounts]) -> UnitCounts {
        var total = UnitCounts()
        for id in scope { if let c = perUnit[id] { total.add(c) } }
        return total
    }
}

/// One staff member's facts, aggregated in SQL (SPEC §4.5); also the source of the staff-based unit
/// counts (level 5, participation, proficiency).
public struct StaffFacts: Sendable, Equatable {
    public var staffID: String
    public var fullName: String
    public var unitID: String
    /// The role as the warehouse wrote it (printed in staff_metrics.csv), and as a type: nil for an
    /// unknown role, which is listed in anomalies.csv (unknown_role) and counts as no role.
    public var roleText: String
    public var role: StaffRole? { StaffRole(rawValue: roleText) }
    public var directWorker: Bool
    public var active: Bool
    /// As prosecutor: records in the e2e window, and of those end-to-end.
    public var casesTotal = 0, casesE2E = 0
    /// As prosecutor, among quality records.
    public var staleRecords = 0, errorRecords = 0
    /// Latest level on or before E, and on or before min(E, luyenai_cutoff).
    public var levelNow: Int?, levelAtCutoff: Int?
    public var studyMinutes = 0, activeWeeks = 0
    /// First day with minutes > 0, on or before E.
    public var firstStudy: Day?
    /// Σ actions over the proficiency window ending at E.
    public var actionsE = 0
    public var trainingsLed = 0
    public var coreGroupMember = false
    public var initiativesRecognized = 0
    public var disciplined = false

    public init(staffID: String, fullName: String, unitID: String, role: String, directWorker: Bool, active: Bool) {
        self.staffID = staffID
        self.fullName = fullName
        self.unitID = unitID
        self.roleText = role
        self.directWorker = directWorker
        self.active = active
    }

    public var isLeaderOrProsecutor: Bool { role?.usesPlatform ?? false }

    /// III.1.2 "không để tồn đọng … sai sót": no stale and no error record as prosecutor.
    public var hasNoBacklogOrErrors: Bool { staleRecords == 0 && errorRecords == 0 }
}

/// The evaluation days of a run (SPEC §2 "As-of date").
public struct Window: Sendable, Equatable {
    /// D: the run reports as of this day, inclusive.
    public let asOf: Day
    /// E = min(D, period_end): where every evaluation window ends.
    public let end: Day
    public let plan: Plan

    public init(asOf: Day, plan: Plan) {
        self.asOf = asOf
        self.end = min(asOf, plan.periodEnd)
        self.plan = plan
    }

    /// After period_end the report shows the final standing.
    public var isFinal: Bool { asOf > plan.periodEnd }
    public var retroEnd: Day { min(plan.retroTo, end) }
    public var staleCutoff: Day { end.adding(days: -plan.staleDays) }
    public var luyenaiCutoff: Day { min(end, plan.luyenaiCutoff) }
    public var proficiencyFromE: Day { end.adding(days: -plan.proficiencyWindowDays + 1) }
    /// The 14 days [D−13, D] of the milestone pace.
    public var paceFrom: Day { asOf.adding(days: -13) }

    /// Adds the staff-based counts of every active staff member to their unit.
    public func addStaffCounts(_ staff: [StaffFacts], to perUnit: inout [String: UnitCounts]) {
        for s in staff where s.active {
            var c = perUnit[s.unitID] ?? UnitCounts()
            c.activeStaff += 1
            if let l = s.levelAtCutoff, l >= plan.luyenaiLevelTarget { c.level5Staff += 1 }
            if let f = s.firstStudy, f <= end {
                c.participating += 1
                c.latestFirstStudy = c.latestFirstStudy.latest(f)
                if f >= paceFrom { c.firstStudyRecent += 1 }
            }
            if s.isLeaderOrProsecutor {
                c.leadersAndProsecutors += 1
                if s.actionsE >= plan.proficiencyMinActions { c.proficient += 1 }
            }
            perUnit[s.unitID] = c
        }
    }
}
