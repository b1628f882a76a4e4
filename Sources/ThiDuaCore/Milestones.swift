/// SPEC §4.6: the plan's hard dates ("mốc thời gian cứng"), per bloc member, as of D.
public enum MilestoneStatus: String, Sendable, CaseIterable {
    case met, metLate = "met_late", missed, pending, atRisk = "at_risk", notApplicable = "not_applicable", noData = "no_data"
}

public enum LegacyMilestoneKind: String, Sendable, CaseIterable {
    /// II.1: LAN, WAN, scanners, tokens "xong trước ngày 20/12/2025".
    case infraReady = "infra_ready"
    /// II.1: retrospective entry of cases accepted from 01/10/2025, "đến 01/01/2026".
    case retroEntry = "retro_entry"
    /// II.1, I.1: 100% of new cases end-to-end from 01/01/2026.
    case e2eFull = "e2e_full"
    /// II.1: 100% of leaders and prosecutors use the platform.
    case proficiency
    /// II.2: 100% of staff practise on LuyenAI.vn.
    case luyenaiParticipation = "luyenai_participation"
    /// III.1.1: at least one QLAHS class or seminar, or two hands-on rounds.
    case qlahsTraining = "qlahs_training"
    /// III.2.1: at least one AI class or seminar.
    case aiTraining = "ai_training"
}

public struct MilestoneRow: Sendable, Equatable {
    public var bloc: BlocID
    public var unitID: UnitID
    public var kind: LegacyMilestoneKind
    public var deadline: Day
    public var status: MilestoneStatus
    public var value: Int
    public var target: Int
    public var completedOn: Day?
    public var projectedOn: Day?
}

public enum Milestones {
    /// The seven milestones of one bloc member. Statuses use D; every milestone that restates a §4.2
    /// metric (retro entry, e2e, proficiency, participation, trainings) takes its value and target
    /// from the same counts, on windows ending at E, so a page never contradicts itself (SPEC §4.6).
    public static func rows(bloc: BlocID, unitID: UnitID, counts c: UnitCounts, window w: Window) -> [MilestoneRow] {
        let p = w.plan, d = w.asOf
        func row(_ k: LegacyMilestoneKind, _ deadline: Day, _ s: MilestoneStatus, _ v: Int, _ t: Int,
                 _ done: Day? = nil, _ proj: Day? = nil) -> MilestoneRow {
            MilestoneRow(bloc: bloc, unitID: unitID, kind: k, deadline: deadline, status: s, value: v, target: t,
                         completedOn: done, projectedOn: proj)
        }
        /// A count milestone with a 14-day pace forecast (infra, retro, participation).
        func paced(_ k: LegacyMilestoneKind, deadline: Day, value: Int, target: Int, completed: Day?, recent: Int,
                   empty: MilestoneStatus) -> MilestoneRow {
            guard target > 0 else { return row(k, deadline, empty, value, target) }
            if value >= target {
                let late = completed.map { $0 > deadline } ?? false
                return row(k, deadline, late ? .metLate : .met, value, target, completed)
            }
            let projected: Day? = recent > 0 ? d.adding(days: ceilDiv((target - value) * 14, recent)) : nil
            if d > deadline { return row(k, deadline, .missed, value, target, nil, projected) }
            let risky = projected.map { $0 > deadline } ?? true
            return row(k, deadline, risky ? .atRisk : .pending, value, target, nil, projected)
        }
        /// A threshold milestone: met (late) or missed/pending, no forecast.
        func threshold(_ k: LegacyMilestoneKind, deadline: Day, value: Int, target: Int, completed: Day?) -> MilestoneRow {
            if value >= target {
                let late = completed.map { $0 > deadline } ?? false
                return row(k, deadline, late ? .metLate : .met, value, target, completed)
            }
            return row(k, deadline, d > deadline ? .missed : .pending, value, target)
        }

        var out: [MilestoneRow] = []
        out.append(paced(.infraReady, deadline: p.infraDeadline, value: c.infraReady, target: c.infraItems,
                         completed: c.infraLatestCompleted, recent: c.infraCompletedRecent, empty: .noData))
        out.append(paced(.retroEntry, deadline: p.retroDeadline, value: c.retroEntered, target: c.retroTotal,
                         completed: c.retroLatestEntered, recent: c.retroEnteredRecent, empty: .notApplicable))
        if d < p.goLive {
            out.append(row(.e2eFull, p.goLive, .pending, c.e2eDone, c.e2eTotal))
        } else if c.e2eTotal == 0 {
            out.append(row(.e2eFull, p.goLive, .noData, 0, 0))
        } else {
            out.append(row(.e2eFull, p.goLive, c.e2eDone == c.e2eTotal ? .met : .missed, c.e2eDone, c.e2eTotal))
        }
        if c.leadersAndProsecutors == 0 {
            out.append(row(.proficiency, p.proficiencyDeadline, .notApplicable, 0, 0))
        } else {
            out.append(threshold(.proficiency, deadline: p.proficiencyDeadline, value: c.proficient,
                                 target: c.leadersAndProsecutors, completed: nil))
        }
        out.append(paced(.luyenaiParticipation, deadline: p.periodEnd, value: c.participating, target: c.activeStaff,
                         completed: c.latestFirstStudy, recent: c.firstStudyRecent, empty: .notApplicable))
        let secondHandsOn = c.qlahsHandsOnDays.count >= 2 ? c.qlahsHandsOnDays[1] : nil
        out.append(threshold(.qlahsTraining, deadline: p.periodEnd, value: c.qlahsTrainingValue, target: 1,
                             completed: c.qlahsFirstClass.earliest(secondHandsOn)))
        out.append(threshold(.aiTraining, deadline: p.periodEnd, value: c.aiTrainingValue, target: 1, completed: c.aiFirstClass))
        return out
    }

    /// Every milestone of every bloc member, in the standings' listing order.
    public static func all(_ standings: [UnitStanding], window: Window) -> [MilestoneRow] {
        standings.flatMap { rows(bloc: $0.bloc, unitID: $0.unit.id, counts: $0.counts, window: window) }
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
