import Foundation
@testable import ThiDuaCore

/// §11 milestones of one bloc member, in declaration order; statuses use D, values come from the
/// member's measures on its scope.
struct NaiveMilestones {
    let plan: Plan
    let days: NaiveDays
    let measures: NaiveMeasures

    func figures(member: NaiveMember, figures f: MemberFigures) -> [MilestoneFigure] {
        plan.milestones.enumerated().map { i, m in
            var out = MilestoneFigure(bloc: f.bloc, unitID: f.unit.id, milestone: i, deadline: m.deadline, status: .pending,
                                      value: 0, target: 0, completedOn: nil, projectedOn: nil)
            switch m.kind {
            case .allDone(let value, let target, let doneOn, let whenEmpty, let pace):
                allDone(&out, member: member, f: f, value: value, target: target, doneOn: doneOn, whenEmpty: whenEmpty, pace: pace)
            case .stateFrom(let value, let target, let whenEmpty):
                let v = f.value(value), t = f.value(target)
                if days.d < m.deadline {
                    (out.status, out.value, out.target) = (.pending, v ?? 0, t ?? 0)
                } else if t == nil || t == 0 {
                    (out.status, out.value, out.target) = (whenEmpty, 0, 0)
                } else {
                    (out.status, out.value, out.target) = (v == t ? .met : .missed, v ?? 0, t ?? 0)
                }
            case .restates(let c, let whenEmpty):
                guard let rule = plan.criteria[c].rate else { break }
                let v = f.value(rule.numerator), t = f.value(rule.denominator)
                if t == nil || t == 0 {
                    (out.status, out.value, out.target) = (whenEmpty, 0, 0)
                } else {
                    out.value = v ?? 0
                    out.target = t ?? 0
                    if let v, let t, v >= t { out.status = .met } else { out.status = days.d > m.deadline ? .missed : .pending }
                }
            case .firstReached(let measure, let k):
                firstReached(&out, member: member, f: f, measure: measure, k: k)
            }
            return out
        }
    }

    private func allDone(_ out: inout MilestoneFigure, member: NaiveMember, f: MemberFigures, value: Int, target: Int,
                         doneOn: DoneOn, whenEmpty: MilestoneStatus, pace: Int) {
        let v = f.measures[value], t = f.measures[target]
        out.value = v ?? 0
        out.target = t ?? 0
        guard let t, t != 0 else { out.status = whenEmpty; return }
        // The done items: what the value measure counts, each with its done_on day (or none).
        var doneDays: [Day?] = []
        switch plan.measures[value].kind {
        case .rows:
            guard case .column(let c) = doneOn else { break }
            doneDays = measures.rows(value, scope: member.scope).map { $0.date(c) }
        case .staff(let condition):
            guard case .metric(let k) = doneOn else { break }
            doneDays = measures.staff(condition, scope: member.scope).map { $0.values[k].date }
        case .expr:
            break
        }
        let d = days.d
        if let v, v >= t {
            let completed = doneDays.compactMap { $0 }.filter { $0 <= d && naiveInContractRange($0) }.max()
            out.completedOn = completed
            out.status = (completed.map { $0 > out.deadline } ?? false) ? .metLate : .met
            return
        }
        let paceFrom = Day(ordinal: d.ordinal - pace + 1)
        let n = doneDays.compactMap { $0 }.filter { $0 >= paceFrom && $0 <= d }.count
        if n > 0, let v {
            let (product, o1) = (t - v).multipliedReportingOverflow(by: pace)
            if !o1 {
                let ahead = NaiveRational(product, n).ceiling.int ?? Int.max
                let (ordinal, o2) = d.ordinal.addingReportingOverflow(ahead)
                if !o2, Day(ordinal: ordinal) <= Day(year: 2100, month: 12, day: 31)! { out.projectedOn = Day(ordinal: ordinal) }
            }
        }
        if d > out.deadline {
            out.status = .missed
        } else {
            out.status = (out.projectedOn.map { $0 > out.deadline } ?? true) ? .atRisk : .pending
        }
    }

    private func firstReached(_ out: inout MilestoneFigure, member: NaiveMember, f: MemberFigures, measure: Int, k: Int) {
        out.target = k
        out.value = f.measures[measure] ?? 0
        guard let full = f.measures[measure], full >= k else {
            out.status = days.d > out.deadline ? .missed : .pending
            return
        }
        let leaves = Set(measures.leaves(of: measure))
        var dated: [Int: [Day]] = [:]
        for leaf in leaves {
            guard let c = measures.datedColumn(of: leaf) else { continue }
            dated[leaf] = measures.rows(leaf, scope: member.scope).compactMap { $0.date(c) }
        }
        // value(t) only changes on a counted row's dated day: try those days in order.
        for t in Set(dated.values.flatMap { $0 }).sorted() {
            let (values, _) = measures.values(member: NaiveMember(bloc: member.bloc, unit: member.unit, scope: member.scope,
                                                                  headcount: member.headcount, provinceID: member.provinceID),
                                              leaf: { i in dated[i].map { days in days.filter { $0 <= t }.count } ?? 0 })
            if let v = values[measure], v >= k {
                out.completedOn = t
                out.status = t > out.deadline ? .metLate : .met
                return
            }
        }
        // Unreachable on a valid plan (value(t) at the last counted day is the full value).
        out.status = .met
    }
}
