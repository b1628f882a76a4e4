/// What a unit is in the procuracy's three tiers (SPEC §3).
public enum UnitKind: String, Sendable, CaseIterable {
    /// đơn vị thuộc VKSND tối cao
    case sppUnit = "spp_unit"
    /// VKSND tỉnh, thành phố
    case provincial
    /// phòng thuộc VKSND tỉnh
    case department
    /// VKSND khu vực
    case regional
}

/// A row of `unit`. `kind` is nil when the warehouse holds an unknown kind (an anomaly).
public struct Unit: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kindText: String
    public var parentID: String?
    public var headcount: Int?

    public init(id: String, name: String, kindText: String, parentID: String?, headcount: Int?) {
        self.id = id
        self.name = name
        self.kindText = kindText
        self.parentID = parentID
        self.headcount = headcount
    }

    public var kind: UnitKind? { UnitKind(rawValue: kindText) }
}

/// The organisation read from `unit`: who belongs where.
public struct Organisation: Sendable {
    public let units: [Unit]
    public let byID: [String: Unit]
    /// The blocs, in report order: spp, provincial, then sub(province) by province id.
    public let blocs: [Bloc]
    /// Contract-breaking unit rows (SPEC §3), each listed once.
    public let anomalies: [Anomaly]
    /// For every unit that belongs somewhere: the id of its province, or itself for an SPP unit.
    public let individualBlocOwner: [String: String]

    /// A unit's biên chế above this is not a number of people (listed as headcount_out_of_range and
    /// treated as missing): sums of headcounts can then never overflow.
    public static let maxHeadcount = 1_000_000

    /// `subKinds`: the unit kinds that form `sub:` blocs (PLAN-LANGUAGE.md §13 `blocs.sub_kinds`); a
    /// sub-unit of another kind still counts in its province's scope and staff bloc.
    public init(units: [Unit], subKinds: [UnitKind] = [.department, .regional]) {
        var byID: [String: Unit] = [:]
        var unique: [Unit] = []
        // The reader already keeps one row per unit_id; a second one here would be a programming
        // error, and it must not become a crash either.
        for u in units where byID[u.id] == nil {
            byID[u.id] = u
            unique.append(u)
        }
        self.byID = byID
        var anomalies: [Anomaly] = []
        var children: [String: [Unit]] = [:]
        var owner: [String: String] = [:]
        for u in unique {
            if let h = u.headcount, h <= 0 {
                anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "headcount_not_positive", detail: "headcount=\(h)"))
            } else if let h = u.headcount, h > Organisation.maxHeadcount {
                anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "headcount_out_of_range",
                                         detail: "headcount=\(h) (expected at most \(Organisation.maxHeadcount))"))
            } else if u.headcount == nil {
                anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "headcount_missing", detail: "headcount is empty"))
            }
            switch u.kind {
            case nil:
                anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "unknown_kind", detail: "kind=\(u.kindText)"))
            case .sppUnit?, .provincial?:
                owner[u.id] = u.id
                if let p = u.parentID {
                    anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "unexpected_parent", detail: "\(u.kindText) has parent_id=\(p)"))
                }
            case .department?, .regional?:
                if let p = u.parentID, byID[p]?.kind == .provincial {
                    children[p, default: []].append(u)
                    owner[u.id] = p
                } else {
                    let why = u.parentID.map { p in byID[p] == nil ? "parent_id=\(p) is not a known unit" : "parent_id=\(p) is \((byID[p]?.kindText ?? "")), not provincial" } ?? "parent_id is empty"
                    anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "parent_not_provincial", detail: why))
                }
            }
        }
        self.units = unique
        self.individualBlocOwner = owner
        /// Biên chế of a member: empty when the unit's own headcount is missing or not positive (its
        /// rate is then empty, and the anomaly above says why); otherwise the sum over its scope of
        /// the positive headcounts (a sub-unit with a bad headcount is listed as an anomaly too).
        func usable(_ u: Unit) -> Int? { u.headcount.flatMap { (1...Organisation.maxHeadcount).contains($0) ? $0 : nil } }
        func member(_ u: Unit, scope: [Unit]) -> BlocMember {
            guard let own = usable(u) else { return BlocMember(unit: u, scope: scope.map(\.id), headcount: nil) }
            let total = scope.reduce(0) { $0 + (usable($1) ?? 0) }
            return BlocMember(unit: u, scope: scope.map(\.id), headcount: max(total, own))
        }
        let sorted = unique.sorted { $0.id < $1.id }
        var blocs: [Bloc] = []
        blocs.append(Bloc(id: .spp, members: sorted.filter { $0.kind == .sppUnit }.map { member($0, scope: [$0]) }))
        let provinces = sorted.filter { $0.kind == .provincial }
        blocs.append(Bloc(id: .provincial, members: provinces.map { p in
            member(p, scope: [p] + (children[p.id] ?? []).sorted { $0.id < $1.id })
        }))
        for p in provinces {
            let subs = (children[p.id] ?? []).filter { $0.kind.map(subKinds.contains) ?? false }.sorted { $0.id < $1.id }
            blocs.append(Bloc(id: .sub(p.id), members: subs.map { member($0, scope: [$0]) }))
        }
        self.blocs = blocs
        self.anomalies = anomalies
    }

    /// A bloc by its id.
    public func bloc(_ id: BlocID) -> Bloc? { blocs.first { $0.id == id } }

    /// The provincial member of a province: its whole subtree and biên chế.
    public func province(_ id: UnitID) -> BlocMember? { bloc(.provincial)?.members.first { $0.unit.id == id } }
}
