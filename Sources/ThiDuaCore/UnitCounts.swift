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

/// Why a record is on the list of records to fix (SPEC §5), in the order `problem` lists them.
public enum QualityProblem {
    public static let codes = ["missing_fields", "errors", "stale", "not_entered"]
}
