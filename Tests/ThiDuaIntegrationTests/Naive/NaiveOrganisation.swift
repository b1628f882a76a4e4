import Foundation
@testable import ThiDuaCore

/// A bloc member as §13 defines it, computed from the unit rows alone.
struct NaiveMember {
    var bloc: BlocID
    var unit: ThiDuaCore.Unit
    /// Unit ids whose rows count for the member.
    var scope: Set<String>
    var headcount: Int?
    var provinceID: String?
}

/// §13 blocs (spp; provincial on the whole subtree; sub:<p> for `plan.subKinds`), member headcount,
/// and the individual blocs `staff:<owner>` (SPEC §4.1, §4.5).
struct NaiveOrganisation {
    /// Unit rows by id (one per key already).
    var units: [String: ThiDuaCore.Unit] = [:]
    /// Blocs in report order: spp, provincial, then sub:<p> by province id; members by unit_id.
    var blocs: [(id: BlocID, members: [NaiveMember])] = []
    /// unit_id → the owner of its staff bloc (an SPP unit itself, a province for its subtree).
    var staffOwner: [String: String] = [:]

    init(unitRows: [NaiveRow], subKinds: [UnitKind]) {
        for r in unitRows {
            guard let id = r.text("unit_id") else { continue }
            units[id] = ThiDuaCore.Unit(id: id, name: r.text("name") ?? "", kindText: r.text("kind") ?? "",
                             parentID: r.text("parent_id"), headcount: r.int("headcount"))
        }
        let ids = units.keys.sorted(by: naiveBytesLess)
        func kind(_ id: String) -> String { units[id]?.kindText ?? "" }
        let spp = ids.filter { kind($0) == "spp_unit" }
        let provinces = ids.filter { kind($0) == "provincial" }
        // Departments and regional units whose parent is a known provincial unit.
        func children(_ p: String) -> [String] {
            ids.filter { ["department", "regional"].contains(kind($0)) && units[$0]?.parentID == p }
        }
        func usable(_ id: String) -> Int? {
            guard let h = units[id]?.headcount, h >= 1, h <= 1_000_000 else { return nil }
            return h
        }
        func headcount(_ id: String, scope: [String]) -> Int? {
            guard usable(id) != nil else { return nil }
            return scope.reduce(0) { $0 + (usable($1) ?? 0) }
        }
        func member(_ bloc: BlocID, _ id: String, scope: [String], province: String?) -> NaiveMember {
            NaiveMember(bloc: bloc, unit: units[id]!, scope: Set(scope), headcount: headcount(id, scope: scope), provinceID: province)
        }
        blocs.append((.spp, spp.map { member(.spp, $0, scope: [$0], province: nil) }))
        blocs.append((.provincial, provinces.map { member(.provincial, $0, scope: [$0] + children($0), province: $0) }))
        let subKindTexts = subKinds.map(\.rawValue)
        for p in provinces {
            let subs = children(p).filter { subKindTexts.contains(kind($0)) }
            blocs.append((.sub(p), subs.map { member(.sub(p), $0, scope: [$0], province: p) }))
        }
        for id in spp { staffOwner[id] = id }
        for p in provinces {
            staffOwner[p] = p
            for c in children(p) { staffOwner[c] = p }
        }
    }

    /// The provincial member of a province (its whole subtree and biên chế).
    func provinceMember(_ id: String) -> NaiveMember? {
        blocs.first { $0.id == .provincial }?.members.first { $0.unit.id == id }
    }
}

/// Standard competition ranking (1, 2, 2, 4), highest first; nil values get no rank (§14).
/// Quadratic on purpose: a value's rank is one more than the number of values strictly above it.
func naiveCompetitionRanks<T>(_ values: [T?], greater: (T, T) -> Bool) -> [Int?] {
    values.map { v in
        guard let v else { return nil }
        return 1 + values.filter { o in o.map { greater($0, v) } ?? false }.count
    }
}
