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
