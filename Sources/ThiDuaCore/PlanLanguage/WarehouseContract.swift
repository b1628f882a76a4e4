/// The warehouse as the plan language sees it (PLAN-LANGUAGE.md §3): the 15 relations of SPEC §3,
/// each column's type, code list, date role and summing bounds, and how a row reaches a unit and a
/// staff member. The checker, the SQL compiler and the data dictionary all read this one table;
/// an identifier reaches SQL only from here.
public enum WarehouseContract {
    /// A column's type: `t` text, `c{…}` text with a closed code list, `i` int, `b` bool, `d` date.
    public enum ColumnType: Sendable, Equatable {
        case text
        case code([String])
        case int
        case bool
        case date
    }

    /// The role of a date column (§3): existence, event or state.
    public enum DateRole: Sendable, Equatable {
        /// X: a row whose X-column is NULL or after D is not read at all.
        case existence
        /// V: NULL = not happened yet; replay-restricted (§5.4).
        case event
        /// S: current state, taken as it is.
        case state
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let type: ColumnType
        public let nullable: Bool
        public let dateRole: DateRole?
        /// Bounds a value is clamped into when summed (§3); nil: the column may not be summed.
        public let bounds: ClosedRange<Int>?

        public init(_ name: String, _ type: ColumnType, nullable: Bool = false, role: DateRole? = nil, bounds: ClosedRange<Int>? = nil) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.dateRole = role
            self.bounds = bounds
        }
    }

    /// How the rows of a relation reach a staff member (§3 "staff link").
    public enum StaffLink: Sendable, Equatable {
        /// A column of the relation itself holds the staff_id (`case_record.prosecutor_id`,
        /// `luyenai_daily.staff_id`).
        case column(String)
        /// A link relation holds (key, staff_id) pairs (`training_role`, `initiative_author`,
        /// `core_group_member`); `keyColumn` joins it to the relation's key.
        case linkRelation(name: String, keyColumn: String)
        /// The relation is `staff` itself.
        case itself
    }

    /// A lookup of a parent relation's columns (`procedural_document` → `case_record` via case_id).
    public struct ParentLink: Sendable, Equatable {
        public let relation: String
        /// The column of this relation holding the parent's key.
        public let via: String
    }

    public struct Relation: Sendable, Equatable {
        public let name: String
        public let columns: [Column]
        /// The columns that identify a row (a view may repeat them: §13 reads one row per key).
        public let key: [String]
        /// The column that names the row's unit, for `count:` measures; nil for staff-keyed relations.
        public let unitColumn: String?
        public let staffLink: StaffLink?
        public let parent: ParentLink?
        /// Counted by measures and metrics (§3 fact relations, and `staff`).
        public let isFact: Bool
        /// The default dictionary unit of a row count (§6).
        public let rowUnit: String?

        public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
        /// The existence (X) column, if the relation has one.
        public var existenceColumn: Column? { columns.first { $0.dateRole == .existence } }
    }

    private static func codes(_ c: String...) -> ColumnType { .code(c) }

    /// SPEC §3, as §3 of the plan language annotates it.
    public static let relations: [Relation] = [
        Relation(name: "unit", columns: [
            Column("unit_id", .text), Column("name", .text),
            Column("kind", codes("spp_unit", "provincial", "department", "regional")),
            Column("parent_id", .text, nullable: true), Column("headcount", .int),
        ], key: ["unit_id"], unitColumn: nil, staffLink: nil, parent: nil, isFact: false, rowUnit: nil),
        Relation(name: "staff", columns: [
            Column("staff_id", .text), Column("full_name", .text), Column("unit_id", .text),
            Column("role", codes("leader", "prosecutor", "inspector", "it", "other")),
            Column("direct_worker", .bool), Column("active", .bool),
        ], key: ["staff_id"], unitColumn: "unit_id", staffLink: .itself, parent: nil, isFact: false, rowUnit: "people"),
        Relation(name: "case_record", columns: [
            Column("case_id", .text), Column("unit_id", .text), Column("prosecutor_id", .text, nullable: true),
            Column("kind", codes("case", "matter")), Column("accepted_on", .date, role: .existence),
            Column("entered_on", .date, nullable: true, role: .event), Column("end_to_end", .bool),
            Column("missing_required_fields", .int, bounds: 0...1_000_000), Column("error_count", .int, bounds: 0...1_000_000),
            Column("status", codes("open", "closed")), Column("last_updated_on", .date, role: .state),
        ], key: ["case_id"], unitColumn: "unit_id", staffLink: .column("prosecutor_id"), parent: nil, isFact: true, rowUnit: "records"),
        Relation(name: "procedural_document", columns: [
            Column("document_id", .text), Column("case_id", .text), Column("unit_id", .text),
            Column("issued_on", .date, role: .existence), Column("digitally_signed", .bool), Column("electronic", .bool),
        ], key: ["document_id"], unitColumn: "unit_id", staffLink: nil,
           parent: ParentLink(relation: "case_record", via: "case_id"), isFact: true, rowUnit: "documents"),
        Relation(name: "training_session", columns: [
            Column("session_id", .text), Column("unit_id", .text), Column("topic", codes("qlahs", "ai")),
            Column("held_on", .date, role: .existence), Column("title", .text),
            Column("format", codes("class", "hands_on", "seminar")), Column("attendee_count", .int, bounds: 0...100_000),
        ], key: ["session_id"], unitColumn: "unit_id", staffLink: .linkRelation(name: "training_role", keyColumn: "session_id"),
           parent: nil, isFact: true, rowUnit: "sessions"),
        Relation(name: "training_role", columns: [
            Column("session_id", .text), Column("staff_id", .text), Column("role", codes("trainer", "organizer", "attendee")),
        ], key: [], unitColumn: nil, staffLink: nil, parent: nil, isFact: false, rowUnit: nil),
        Relation(name: "luyenai_daily", columns: [
            Column("staff_id", .text), Column("day", .date, role: .existence), Column("level", .int),
            Column("minutes", .int, bounds: 0...1440),
        ], key: ["staff_id", "day"], unitColumn: nil, staffLink: .column("staff_id"), parent: nil, isFact: true, rowUnit: nil),
        Relation(name: "platform_usage", columns: [
            Column("staff_id", .text), Column("day", .date, role: .existence), Column("actions", .int, bounds: 0...100_000),
        ], key: ["staff_id", "day"], unitColumn: nil, staffLink: .column("staff_id"), parent: nil, isFact: true, rowUnit: nil),
        Relation(name: "initiative", columns: [
            Column("initiative_id", .text), Column("unit_id", .text), Column("topic", codes("qlahs", "ai")), Column("title", .text),
            Column("recognized_on", .date, nullable: true, role: .event), Column("in_regular_use", .bool),
        ], key: ["initiative_id"], unitColumn: "unit_id", staffLink: .linkRelation(name: "initiative_author", keyColumn: "initiative_id"),
           parent: nil, isFact: true, rowUnit: "initiatives"),
        Relation(name: "initiative_author", columns: [Column("initiative_id", .text), Column("staff_id", .text)],
                 key: [], unitColumn: nil, staffLink: nil, parent: nil, isFact: false, rowUnit: nil),
        Relation(name: "core_group", columns: [
            Column("group_id", .text), Column("unit_id", .text), Column("kind", codes("core_learners", "tech_support")),
            Column("established_on", .date, role: .existence),
        ], key: ["group_id"], unitColumn: "unit_id", staffLink: .linkRelation(name: "core_group_member", keyColumn: "group_id"),
           parent: nil, isFact: true, rowUnit: "groups"),
        Relation(name: "core_group_member", columns: [Column("group_id", .text), Column("staff_id", .text)],
                 key: [], unitColumn: nil, staffLink: nil, parent: nil, isFact: false, rowUnit: nil),
        Relation(name: "infrastructure", columns: [
            Column("unit_id", .text), Column("item", codes("lan", "wan", "scanner", "signature_token")),
            Column("required", .int, bounds: 0...1_000_000), Column("ready", .int, bounds: 0...1_000_000),
            Column("completed_on", .date, nullable: true, role: .state),
        ], key: ["unit_id", "item"], unitColumn: "unit_id", staffLink: nil, parent: nil, isFact: true, rowUnit: "items"),
        Relation(name: "discipline", columns: [
            Column("staff_id", .text), Column("status", codes("disciplined", "under_review")),
            Column("from_on", .date, role: .existence), Column("to_on", .date, nullable: true, role: .state),
        ], key: [], unitColumn: nil, staffLink: .column("staff_id"), parent: nil, isFact: true, rowUnit: nil),
        Relation(name: "award_dossier", columns: [
            Column("dossier_id", .text), Column("nominee_kind", codes("unit", "staff")), Column("nominee_id", .text),
            Column("award_level", codes("bang_khen", "giay_khen")), Column("submitted_on", .date, nullable: true),
            Column("has_proposal", .bool), Column("has_minutes", .bool), Column("has_achievement_report", .bool),
            Column("has_impact_confirmation", .bool),
        ], key: ["dossier_id"], unitColumn: nil, staffLink: nil, parent: nil, isFact: false, rowUnit: nil),
    ]

    public static func relation(_ name: String) -> Relation? { relations.first { $0.name == name } }

    /// Staff columns usable in `count: staff` conditions and score `when` parts (§5).
    public static let staffConditionColumns = ["role", "direct_worker"]
    /// Every column of `staff`: a staff metric may not take one of these names.
    public static var staffColumns: [String] { relation("staff")?.columns.map(\.name) ?? [] }

    /// The first and last day of the contract's date range (§4 `contract_start`, `contract_end`).
    public static let contractStart = Day(year: 2000, month: 1, day: 1)!
    public static let contractEnd = Day(year: 2100, month: 12, day: 31)!
}
