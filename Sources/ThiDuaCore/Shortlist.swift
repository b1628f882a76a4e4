import Foundation

/// IV.5: a nominee for the Procurator General's Bằng khen, with the bloc's quota (SPEC §4.7).
public struct Nomination: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case proposed, reserve, excluded }
    public var bloc: BlocID
    public var nomineeKind: NomineeKind
    public var nomineeID: String
    public var nomineeName: String
    public var quota: Int
    public var position: Int?
    public var status: Status
    /// Why a nominee is excluded: `discipline` (IV.4). Never what the discipline record says.
    public var reason: String?
}

public enum Shortlist {
    /// IV.5.1: units ordered by e2e_priority first (III.1.1), composite highest first, unit_id;
    /// a unit with any disciplined or under-review staff in its scope is excluded (IV.4).
    public static func units(bloc: Bloc, standings: [UnitStanding], unitsWithDiscipline: Set<String>, quotas: Quotas) -> [Nomination] {
        let quota = quotas.collective(members: bloc.members.count)
        let scopes = Dictionary(bloc.members.map { ($0.unit.id, $0.scope) }, uniquingKeysWith: { first, _ in first })
        let ordered = standings.sorted {
            if $0.e2ePriority != $1.e2ePriority { return $0.e2ePriority }
            if $0.composite != $1.composite { return $0.composite > $1.composite }
            return $0.unit.id < $1.unit.id
        }
        return rank(ordered.map { s in
            let excluded = (scopes[s.unit.id] ?? [s.unit.id]).contains { unitsWithDiscipline.contains($0) }
            return (s.unit.id, s.unit.name, excluded)
        }, bloc: bloc.id, kind: .unit, quota: quota)
    }

    /// IV.5.2: staff ordered by direct workers first ("người lao động trực tiếp"), score highest
    /// first, staff_id; a disciplined or under-review person is excluded.
    public static func staff(bloc: BlocID, standings: [StaffStanding], quota: Int) -> [Nomination] {
        let ordered = standings.sorted {
            if $0.facts.directWorker != $1.facts.directWorker { return $0.facts.directWorker }
            if $0.score != $1.score { return $0.score > $1.score }
            return $0.facts.staffID < $1.facts.staffID
        }
        return rank(ordered.map { ($0.facts.staffID, $0.facts.fullName, $0.facts.disciplined) },
                    bloc: bloc, kind: .staff, quota: quota)
    }

    /// IV.5.2: the individual quota of a staff bloc.
    public static func individualQuota(owner: Unit, subtreeHeadcount: Int?, quotas: Quotas) -> Int {
        owner.kind == .sppUnit ? quotas.individualPerSPPUnit : quotas.individualProvincial(headcount: subtreeHeadcount ?? 0)
    }

    static func rank(_ ordered: [(id: String, name: String, excluded: Bool)], bloc: BlocID, kind: NomineeKind, quota: Int) -> [Nomination] {
        var position = 0
        var eligible: [Nomination] = []
        var excluded: [Nomination] = []
        for n in ordered {
            if n.excluded {
                excluded.append(Nomination(bloc: bloc, nomineeKind: kind, nomineeID: n.id, nomineeName: n.name, quota: quota,
                                           position: nil, status: .excluded, reason: "discipline"))
            } else {
                position += 1
                eligible.append(Nomination(bloc: bloc, nomineeKind: kind, nomineeID: n.id, nomineeName: n.name, quota: quota,
                                           position: position, status: position <= quota ? .proposed : .reserve, reason: nil))
            }
        }
        return eligible + excluded
    }
}
