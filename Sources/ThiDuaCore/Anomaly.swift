/// A row that breaks the contract's meaning (SPEC §3): listed, counted, never a crash.
public struct Anomaly: Sendable, Equatable {
    public var relation: String
    public var key: String
    public var problem: String
    public var detail: String

    public init(relation: String, key: String, problem: String, detail: String) {
        self.relation = relation
        self.key = key
        self.problem = problem
        self.detail = detail
    }
}
