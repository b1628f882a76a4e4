import Foundation

/// §12: quotas and shortlists. Units and staff are put in the plan's order (the id breaking the
/// last tie); `position` numbers the eligible from 1, the first *quota* are proposed, the rest
/// reserve; the excluded follow in the same order with no position and the first rule's reason.
enum PlanShortlist {
    /// A bloc's collective shortlist. `reason` gives the first eligibility rule that excludes a member.
    static func units(bloc: Bloc, members: [MemberFigures], plan: Plan, reason: (BlocMember) -> String?) -> [Nomination] {
        let quota = plan.quotas.collective(members: bloc.members.count)
        var byID: [UnitID: BlocMember] = [:]
        for m in bloc.members where byID[m.unit.id] == nil { byID[m.unit.id] = m }
        let ordered = members.sorted { a, b in
            for key in plan.unitOrder {
                switch key {
                case .priority(let c), .met(let c):
                    let x = flag(a, c), y = flag(b, c)
                    if x != y { return x }
                case .composite:
                    if a.composite != b.composite { return a.composite > b.composite }
                }
            }
            return a.unit.id < b.unit.id
        }
        return rank(ordered.map { f in
            (f.unit.id, f.unit.name, byID[f.unit.id].flatMap(reason))
        }, bloc: bloc.id, kind: .unit, quota: quota)
    }

    /// A staff bloc's individual shortlist.
    static func staff(bloc: BlocID, standings: [StaffFigures], plan: Plan, quota: Int) -> [Nomination] {
        let ordered = standings.sorted { a, b in
            for key in plan.staffOrder {
                switch key {
                case .directWorker:
                    if a.row.directWorker != b.row.directWorker { return a.row.directWorker }
                case .flag(let ref):
                    let x = flag(a, ref), y = flag(b, ref)
                    if x != y { return x }
                case .score:
                    if a.score != b.score { return a.score > b.score }
                }
            }
            return a.row.staffID < b.row.staffID
        }
        return rank(ordered.map { s in
            let reason = plan.eligibility.first { $0.excludesStaff && StaffScoring.boolValue(s.row, $0.staffFlag) }?.reason
            return (s.row.staffID, s.row.fullName, reason)
        }, bloc: bloc, kind: .staff, quota: quota)
    }

    /// §12 individual quota of `staff:<owner>`: an SPP unit's is `individual_per_spp_unit`; a
    /// province's the first tier holding its member headcount, else its own stored headcount
    /// (0 when NULL).
    static func individualQuota(owner: Unit, organisation: Organisation, quotas: Quotas) -> Int {
        guard owner.kind != .sppUnit else { return quotas.individualPerSPPUnit }
        let h = organisation.province(owner.id)?.headcount ?? owner.headcount ?? 0
        return quotas.individualProvincial(headcount: h)
    }

    /// A member's `<c>_priority` or `<c>_met`.
    static func flag(_ f: MemberFigures, _ c: Int) -> Bool { f.flags.indices.contains(c) && f.flags[c] }

    /// A staff member's bool metric or `when` part (§10).
    static func flag(_ s: StaffFigures, _ ref: StaffValueRef) -> Bool {
        switch ref {
        case .metric(let m): return StaffScoring.boolValue(s.row, m)
        case .scorePart(let p): return s.whenHolds.indices.contains(p) && s.whenHolds[p]
        }
    }

    static func rank(_ ordered: [(id: String, name: String, reason: String?)], bloc: BlocID, kind: NomineeKind, quota: Int) -> [Nomination] {
        var position = 0
        var eligible: [Nomination] = []
        var excluded: [Nomination] = []
        for n in ordered {
            if let reason = n.reason {
                excluded.append(Nomination(bloc: bloc, nomineeKind: kind, nomineeID: n.id, nomineeName: n.name, quota: quota,
                                           position: nil, status: .excluded, reason: reason))
            } else {
                position += 1
                eligible.append(Nomination(bloc: bloc, nomineeKind: kind, nomineeID: n.id, nomineeName: n.name, quota: quota,
                                           position: position, status: position <= quota ? .proposed : .reserve, reason: nil))
            }
        }
        return eligible + excluded
    }
}
