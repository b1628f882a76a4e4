/// The done items of a paced milestone on some units: the latest done day (on or before D, within
/// 2000–2100) and how many were done in the pace window [D − pace_days + 1, D].
struct DoneSummary: Sendable, Equatable {
    var latest: Day?
    var recent = 0

    mutating func add(latest day: Day?, recent n: Int) {
        latest = latest.latest(day)
        let (s, o) = recent.addingReportingOverflow(max(0, n))
        recent = o ? Int.max : s
    }
}

/// §11: the four milestone kinds of one bloc member, statuses as of D, values on the member's scope.
struct PlanMilestones {
    let plan: Plan
    let days: ResolvedDays
    let unitFacts: [String: UnitFacts]
    /// Per unit: per milestone, the done items of a staff-based all_done (§11 on `count: staff`).
    let staffDone: [String: [DoneSummary]]

    /// Every milestone of one member, in declaration order.
    func rows(_ f: MemberFigures, scope: [UnitID]) -> [MilestoneFigure] {
        plan.milestones.enumerated().map { i, m in
            var row = MilestoneFigure(bloc: f.bloc, unitID: f.unit.id, milestone: i, deadline: m.deadline, status: .pending,
                                      value: 0, target: 0, completedOn: nil, projectedOn: nil)
            switch m.kind {
            case .allDone(let value, let target, _, let whenEmpty, let paceDays):
                allDone(&row, value: measure(value, f), target: measure(target, f), done: done(i, value: value, scope: scope),
                        whenEmpty: whenEmpty, paceDays: paceDays)
            case .stateFrom(let value, let target, let whenEmpty):
                stateFrom(&row, value: PlanCriteria.value(value, f), target: PlanCriteria.value(target, f), whenEmpty: whenEmpty)
            case .restates(let c, let whenEmpty):
                let rate = plan.criteria.indices.contains(c) ? plan.criteria[c].rate : nil
                restates(&row, value: rate.flatMap { PlanCriteria.value($0.numerator, f) },
                         target: rate.flatMap { PlanCriteria.value($0.denominator, f) }, whenEmpty: whenEmpty)
            case .firstReached(let measure, let k):
                firstReached(&row, measure: measure, k: k, value: self.measure(measure, f), scope: scope)
            }
            return row
        }
    }

    private func measure(_ i: Int, _ f: MemberFigures) -> Int? { PlanCriteria.value(.measure(i), f) }

    /// The done items over the scope: from the units' SQL facts for a row count, from the streamed
    /// staff for a staff count.
    private func done(_ milestone: Int, value: Int, scope: [UnitID]) -> DoneSummary {
        var s = DoneSummary()
        let staffBased: Bool
        if plan.measures.indices.contains(value), case .staff = plan.measures[value].kind { staffBased = true } else { staffBased = false }
        for u in scope {
            if staffBased {
                guard let d = staffDone[u], d.indices.contains(milestone) else { continue }
                s.add(latest: d[milestone].latest, recent: d[milestone].recent)
            } else {
                guard let f = unitFacts[u] else { continue }
                let latest = f.latestDone.indices.contains(milestone) ? f.latestDone[milestone] : nil
                s.add(latest: latest.flatMap { usable($0) ? $0 : nil },
                      recent: f.recentDone.indices.contains(milestone) ? f.recentDone[milestone] : 0)
            }
        }
        return s
    }

    /// A done day counts when it lies on or before D and within 2000–2100.
    func usable(_ day: Day) -> Bool {
        day <= days.asOf && day >= WarehouseContract.contractStart && day <= WarehouseContract.contractEnd
    }

    /// all_done, rules 1–3.
    private func allDone(_ row: inout MilestoneFigure, value: Int?, target: Int?, done: DoneSummary,
                         whenEmpty: MilestoneStatus, paceDays: Int) {
        row.value = value ?? 0
        row.target = target ?? 0
        guard let target, target > 0 else { row.status = whenEmpty; return }
        if let value, value >= target {
            row.completedOn = done.latest
            row.status = (done.latest.map { $0 > row.deadline } ?? false) ? .metLate : .met
            return
        }
        row.projectedOn = projection(remaining: target - max(value ?? 0, 0), recent: done.recent, paceDays: paceDays)
        if days.asOf > row.deadline {
            row.status = .missed
        } else {
            row.status = (row.projectedOn.map { $0 > row.deadline } ?? true) ? .atRisk : .pending
        }
    }

    /// D + ⌈remaining × pace_days / n⌉; empty when n is 0, or the day is after 2100-12-31 or not
    /// computable in 64 bits.
    func projection(remaining: Int, recent n: Int, paceDays: Int) -> Day? {
        guard n > 0, paceDays > 0, remaining >= 0 else { return nil }
        let (work, o) = remaining.multipliedReportingOverflow(by: paceDays)
        if o { return nil }
        let ahead = work / n + (work % n > 0 ? 1 : 0)
        let (ordinal, o2) = days.asOf.ordinal.addingReportingOverflow(ahead)
        guard !o2 else { return nil }
        let day = Day(ordinal: ordinal)
        return day > WarehouseContract.contractEnd ? nil : day
    }

    /// state_from: pending before the deadline, then met when value = target, else missed.
    private func stateFrom(_ row: inout MilestoneFigure, value: Int?, target: Int?, whenEmpty: MilestoneStatus) {
        if days.asOf < row.deadline {
            row.value = value ?? 0
            row.target = target ?? 0
            row.status = .pending
            return
        }
        guard let target, target > 0 else { row.status = whenEmpty; return }
        row.value = value ?? 0
        row.target = target
        row.status = value == target ? .met : .missed
    }

    /// restates: a rate's numerator and denominator; met, else missed after the deadline.
    private func restates(_ row: inout MilestoneFigure, value: Int?, target: Int?, whenEmpty: MilestoneStatus) {
        guard let target, target > 0 else { row.status = whenEmpty; return }
        row.value = value ?? 0
        row.target = target
        if let value, value >= target {
            row.status = .met
        } else {
            row.status = days.asOf > row.deadline ? .missed : .pending
        }
    }

    /// first_reached: target k; completed on the least day t with value(t) ≥ k.
    private func firstReached(_ row: inout MilestoneFigure, measure: Int, k: Int, value: Int?, scope: [UnitID]) {
        row.value = value ?? 0
        row.target = k
        guard let value, value >= k else {
            row.status = days.asOf > row.deadline ? .missed : .pending
            return
        }
        row.completedOn = FirstReached(plan: plan, scope: scope, unitFacts: unitFacts).firstDay(measure: measure, k: k)
        row.status = (row.completedOn.map { $0 > row.deadline } ?? false) ? .metLate : .met
    }
}
