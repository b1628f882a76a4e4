import Foundation
import ThiDuaCore

/// The columns of each CSV file (SPEC §5) and how a row fills them. `docs/csv.md` documents every
/// column; a test keeps the two in step.
public enum Tables {
    public static var unitMetrics: [String] { DataDictionary.unitMetrics.header }

    /// The one row of run.csv.
    public static func runRow(runID: String, generatedAt: String, version: String, window: Window) -> [CSVCell] {
        let p = window.plan
        let cells: [CSVCell] = [.text(runID), .day(window.asOf), .number(generatedAt), .text(version), .text(p.name), .text(p.title),
                                .day(p.periodStart), .day(p.periodEnd), .day(window.end), .bool(window.isFinal), .rate(p.e2ePriorityRate)]
        let weights: [CSVCell] = LegacyCompositePart.allCases.map { .score(p.compositeWeights[$0] ?? 0) }
        return cells + weights
    }

    public static func unitMetricsRow(_ s: UnitStanding, window: Window) -> [CSVCell] {
        let c = s.counts
        let cells: [CSVCell] = [
            .day(window.asOf), .text(s.bloc.description), .text(s.unit.id), .text(s.unit.name), .text(s.unit.kindText), .int(s.headcount),
            .int(c.e2eTotal), .int(c.e2eDone), .rate(s.e2eRate), .bool(s.e2ePriority),
            .int(c.retroTotal), .int(c.retroEntered), .rate(s.retroRate),
            .int(c.qualityTotal), .int(c.qualityClean), .rate(s.qualityRate),
            .int(c.missingFieldRecords), .int(c.errorRecords), .int(c.staleRecords),
            .int(c.docsTotal), .int(c.docsSigned), .int(c.docsElectronic), .rate(s.signatureRate), .rate(s.eRecordRate),
            .int(c.qlahsTrainings), .int(c.aiTrainings), .bool(s.qlahsTrainingMet), .bool(s.aiTrainingMet),
            .int(c.qlahsInitiatives), .int(c.aiProducts), .int(c.level5Staff), .rate(s.level5Rate),
            .rate(s.participationRate), .rate(s.proficiencyRate),
            .score(s.composite),
            .int(s.ranks[.e2e]), .int(s.ranks[.retro]), .int(s.ranks[.quality]), .int(s.ranks[.signature]),
            .int(s.ranks[.level5]), .int(s.ranks[.composite]),
            .int(c.activeStaff), .bool(window.isFinal),
            .int(c.participating), .int(c.proficient), .int(c.leadersAndProsecutors),
            .string(s.unit.parentID), .string(s.provinceID),
        ]
        let points: [CSVCell] = Standings.points(s, weights: window.plan.compositeWeights).map { .score(Score.rounded($0.points)) }
        let gaps: [CSVCell] = [.int(s.e2eToPriority(window.plan)), .int(s.retroToFull), .int(s.participationToFull)]
            + RankedCriterion.allCases.filter { $0 != .composite }.map { .int(s.toFirst($0)) }
        return cells + points + gaps
    }

    public static var anomalies: [String] { DataDictionary.anomalies.header }

    public static func anomalyRow(_ a: Anomaly, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(a.relation), .text(a.key), .text(a.problem), .text(a.detail)]
    }

    public static var qualityRecords: [String] { DataDictionary.qualityRecords.header }

    public static var staffMetrics: [String] { DataDictionary.staffMetrics.header }

    public static func staffMetricsRow(_ s: StaffStanding, window: Window) -> [CSVCell] {
        let f = s.facts
        return [
            .day(window.asOf), .text(s.bloc.description), .text(f.unitID), .text(f.staffID), .text(f.fullName), .text(f.roleText),
            .bool(f.directWorker), .int(f.casesTotal), .int(f.casesE2E), .int(f.staleRecords), .int(f.errorRecords),
            .int(f.levelNow), .int(f.levelAtCutoff), .int(f.studyMinutes), .int(f.activeWeeks),
            .int(Individuals.weeksInPeriod(window)), .int(f.trainingsLed), .bool(f.coreGroupMember),
            .int(f.initiativesRecognized), .bool(f.disciplined), .score(s.score), .int(s.rank),
        ]
    }

    public static var milestones: [String] { DataDictionary.milestones.header }

    public static func milestoneRow(_ m: MilestoneRow, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(m.bloc.description), .text(m.unitID), .text(m.kind.rawValue), .day(m.deadline), .text(m.status.rawValue),
         .int(m.value), .int(m.target), .day(m.completedOn), .day(m.projectedOn), .string(window.plan.milestoneClauses[m.kind])]
    }

    public static var awardShortlist: [String] { DataDictionary.awardShortlist.header }

    public static func nominationRow(_ n: Nomination, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(n.bloc.description), .text(n.nomineeKind.rawValue), .text(n.nomineeID), .text(n.nomineeName), .int(n.quota),
         .int(n.position), .text(n.status.rawValue), .string(n.reason)]
    }

    public static var dossiers: [String] { DataDictionary.dossiers.header }

    public static func dossierRow(_ d: DossierInput, _ s: DossierStatus, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(d.dossierID), .text(d.nomineeKindText), .text(d.nomineeID), .text(d.awardLevelText),
         .day(s.submittedOn), .text(s.status.rawValue), .text(s.missingParts.joined(separator: ";")), .int(s.daysLeft)]
    }

    public static func qualityRow(_ unit: String, _ caseID: String, _ prosecutor: String?, _ accepted: Day, _ problems: [String],
                                  _ missing: Int, _ errors: Int, _ updated: Day?, window: Window) -> [CSVCell] {
        [.day(window.asOf), .text(unit), .text(caseID), .string(prosecutor), .day(accepted), .text(problems.joined(separator: ";")),
         .int(missing), .int(errors), .day(updated)]
    }
}
