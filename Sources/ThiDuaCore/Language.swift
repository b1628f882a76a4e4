/// The language of the report pages (SPEC §5: Vietnamese by default, English switchable).
public enum Language: String, Sendable, CaseIterable {
    case vi, en
}
