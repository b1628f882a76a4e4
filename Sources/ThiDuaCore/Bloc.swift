/// A unit's `unit_id`, as the warehouse names it.
public typealias UnitID = String

/// A khối thi đua (SPEC §4.1, §4.5). The text form (`spp`, `provincial`, `sub:<unit_id>`,
/// `staff:<unit_id>`) is what the CSV files print; `init?(parsing:)` is its one parser.
public enum BlocID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Every `spp_unit`, each on its own rows.
    case spp
    /// Every provincial unit, each on its whole subtree.
    case provincial
    /// The departments and regional units of one province, each on its own rows.
    case sub(UnitID)
    /// The individuals of one SPP unit, or of one province's whole subtree (IV.5.2).
    case staff(UnitID)

    public var description: String {
        switch self {
        case .spp: return "spp"
        case .provincial: return "provincial"
        case .sub(let id): return "sub:\(id)"
        case .staff(let id): return "staff:\(id)"
        }
    }

    /// Reads the text form back (earlier runs' CSV files); nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "spp": self = .spp
        case "provincial": self = .provincial
        default:
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            switch parts[0] {
            case "sub": self = .sub(parts[1])
            case "staff": self = .staff(parts[1])
            default: return nil
            }
        }
    }

    /// The unit a `sub` or `staff` bloc belongs to.
    public var owner: UnitID? {
        switch self {
        case .spp, .provincial: return nil
        case .sub(let id), .staff(let id): return id
        }
    }

    /// Order of the text form, as the files list blocs.
    public static func < (a: BlocID, b: BlocID) -> Bool { a.description < b.description }
}

/// One member of a bloc: a unit measured on a scope of units (itself, or its whole subtree).
public struct BlocMember: Sendable {
    public var unit: Unit
    /// The unit ids whose rows count for this member.
    public var scope: [UnitID]
    /// Biên chế of the scope; nil when the unit's own is missing or unusable.
    public var headcount: Int?
}

/// A collective bloc and its members, in unit_id order.
public struct Bloc: Sendable {
    public var id: BlocID
    public var members: [BlocMember]
}

/// Who a nomination or a dossier names (SPEC §3 award_dossier.nominee_kind).
public enum NomineeKind: String, Sendable, CaseIterable {
    case unit, staff
}

/// The award a dossier asks for (SPEC §3 award_dossier.award_level).
public enum AwardLevel: String, Sendable, CaseIterable {
    /// Bằng khen của Viện trưởng VKSND tối cao.
    case bangKhen = "bang_khen"
    /// Giấy khen, decided at the unit (V.2).
    case giayKhen = "giay_khen"
}

/// A staff member's role (SPEC §3 staff.role).
public enum StaffRole: String, Sendable, CaseIterable {
    case leader, prosecutor
    /// kiểm tra viên
    case inspector
    case it, other

    /// II.1: leaders and prosecutors must use the platform.
    public var usesPlatform: Bool { self == .leader || self == .prosecutor }
}
