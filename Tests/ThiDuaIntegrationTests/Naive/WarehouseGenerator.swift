import Foundation
@testable import ThiDuaCore

/// Random small hostile warehouses for the differential test (tens of units, hundreds of rows):
/// the 15 relations of sql/schema.sql in `schema`, each a table with its key, or a view without
/// keys over a key-less table (in `<schema>_raw`) that may hold repeated keys and NULLs. Rows carry
/// NULLs, duplicates, empty blocs, orphans, unknown codes, absurd values (huge counts, Int64.max,
/// negative numbers, dates in 1900, 2200 and ±infinity) and biên chế near 1 000 000, so that plans
/// with `10^12 × headcount` overflow. Int columns are bigint, as GeneratedWarehouse makes them.
/// The same seed gives the same SQL.
struct WarehouseGenerator {
    typealias V = GeneratedWarehouse.V
    let schema: String
    /// The as-of day the warehouse was drawn around (before, during or after typical periods).
    let asOf: Day
    /// Ids of mixed case and with Đ (`u3`, `Đ4`, `S6`), so that byte order and a language's
    /// collation disagree.
    let mixedIDs: Bool
    private(set) var sql = ""
    private var random: GenRandom
    private var rows: [String: [[V]]] = [:]
    private var units: [String] = []
    private var staff: [String] = []

    /// Rows that share a key (NULL included) may differ in the case of a text (where byte order
    /// and a collation disagree on which is first).
    private let copiesDifferInCase: Bool

    init(seed: UInt64, schema: String = "thidua", copiesDifferInCase: Bool = true) {
        self.schema = schema
        self.copiesDifferInCase = copiesDifferInCase
        random = GenRandom(seed: seed)
        // Now and then at the ends of the contract's range: almost nothing exists yet, or everything.
        asOf = Day(iso: random.chance(0.04) ? random.pick(["2000-01-10", "2100-12-20"])
                   : random.pick(["2025-10-15", "2026-01-15", "2026-03-10", "2026-06-30", "2026-07-01", "2026-12-31", "2027-02-01"]))!
        mixedIDs = random.chance(0.35)
        generate()
        sql = render()
    }

    private mutating func add(_ relation: String, _ values: [V]) { rows[relation, default: []].append(values) }

    /// Mostly a day of 2025-09 … 2027-01; sometimes an absurd one; sometimes NULL when allowed.
    private mutating func day(nullable: Bool = false) -> V {
        if nullable && random.chance(0.2) { return .null }
        if random.chance(0.04) { return .date(random.pick(["1900-01-01", "2200-05-05", "infinity", "-infinity", "1999-12-31"])) }
        return .date("\(Day(year: 2025, month: 9, day: 1)!.adding(days: random.int(0...520)))")
    }

    private mutating func count(_ range: ClosedRange<Int>) -> V {
        if random.chance(0.03) { return .int(random.pick([-1, -7, Int.max, Int.max - 1, 5_000_000])) }
        return .int(random.int(range))
    }

    private mutating func bool(nullable: Bool = true) -> V {
        nullable && random.chance(0.03) ? .null : .bool(random.chance(0.6))
    }

    private mutating func code(_ codes: [String], odd: String) -> V {
        random.chance(0.03) ? .text(odd) : .text(random.pick(codes))
    }

    private mutating func someStaff() -> V {
        random.chance(0.1) ? (random.chance(0.5) ? .null : .text("ghost")) : .text(random.pick(staff))
    }

    private mutating func headcount() -> V {
        switch random.int(0...19) {
        case 0: return .null
        case 1: return .int(random.pick([0, -3]))
        case 2, 3: return .int(random.pick([999_999, 1_000_000]))
        case 4: return .int(random.pick([2_000_000, Int.max]))
        default: return .int(random.int(1...120))
        }
    }

    private mutating func generate() {
        // Units: SPP units, provinces with departments and regional units (some provinces empty),
        // plus a few that belong to no bloc.
        for i in 1...random.int(1...4) { units.append("U\(i)"); add("unit", [.text("U\(i)"), .text("Đơn vị U\(i)"), .text("spp_unit"), .null, headcount()]) }
        var sub = 0
        for p in 1...random.int(1...3) {
            units.append("P\(p)")
            add("unit", [.text("P\(p)"), .text("VKSND tỉnh P\(p)"), .text("provincial"), .null, headcount()])
            for _ in 0..<random.int(0...4) {
                sub += 1
                let kind = random.chance(0.5) ? "department" : "regional"
                let id = (kind == "department" ? "D" : "R") + "\(sub)"
                units.append(id)
                add("unit", [.text(id), .text("Phòng '\(id)'"), .text(kind), .text("P\(p)"), headcount()])
            }
        }
        if random.chance(0.3) { units.append("X1"); add("unit", [.text("X1"), .text("Lạ"), .text("ministry"), .null, .int(5)]) }
        if random.chance(0.3) { units.append("D99"); add("unit", [.text("D99"), .text("Mồ côi"), .text("department"), .text("U1"), .int(5)]) }
        // Units the tree cannot place: a NULL id, a NULL kind, a department with no parent, and
        // (in a view) a second row for an id with another kind.
        if random.chance(0.1) { add("unit", [.null, .text("Không mã"), .text("spp_unit"), .null, .int(7)]) }
        if random.chance(0.1) { units.append("K1"); add("unit", [.text("K1"), .null, .null, .null, .int(7)]) }
        if random.chance(0.1) { units.append("D98"); add("unit", [.text("D98"), .text("Không cha"), .text("department"), .null, .int(4)]) }
        if random.chance(0.15), let u = units.first(where: { $0.hasPrefix("D") || $0.hasPrefix("R") }) {
            add("unit", [.text(u), .text("Trùng"), .text("spp_unit"), .null, headcount()])
        }
        // Staff, a few in no known unit.
        for (i, u) in (units + units + units.prefix(random.int(0...units.count))).enumerated() {
            staff.append("s\(i + 1)")
            let unit: V = random.chance(0.03) ? .text("nowhere") : random.chance(0.02) ? .null : .text(u)
            let role: V = random.chance(0.03) ? .null : code(["leader", "prosecutor", "inspector", "it", "other"], odd: "thu_ky")
            add("staff", [.text("s\(i + 1)"), random.chance(0.02) ? .null : .text("Cán bộ \(i + 1)"), unit, role, bool(),
                          random.chance(0.03) ? .null : .bool(random.chance(0.9))])
        }
        if random.chance(0.1) { add("staff", [.null, .text("Không mã"), .text(random.pick(units)), .text("prosecutor"), .bool(true), .bool(true)]) }
        for c in 1...random.int(10...120) {
            let unit: V = random.chance(0.02) ? .text("nowhere") : random.chance(0.02) ? .null : .text(random.pick(units))
            add("case_record", [copiesDifferInCase && random.chance(0.01) ? .null : .text("c\(c)"), unit, someStaff(), code(["case", "matter"], odd: "mater"), day(nullable: random.chance(0.1)),
                                day(nullable: true), bool(), count(0...3), count(0...2), code(["open", "closed"], odd: "archived"), day()])
            if random.chance(0.8) {
                add("procedural_document", [.text("d\(c)"), .text(random.chance(0.9) ? "c\(c)" : "c9999"), .text(random.pick(units)),
                                            day(), bool(), bool()])
            }
        }
        for t in 1...random.int(1...25) {
            add("training_session", [.text("t\(t)"), .text(random.pick(units)), code(["qlahs", "ai"], odd: "law"), day(), .text("Lớp \(t)"),
                                     code(["class", "hands_on", "seminar"], odd: "webinar"), count(0...60)])
            for _ in 0..<random.int(0...3) {
                let row: [V] = [.text("t\(t)"), someStaff(), code(["trainer", "organizer", "attendee"], odd: "guest")]
                add("training_role", row)
                // The same link twice, or with another role.
                if random.chance(0.1) { add("training_role", random.chance(0.5) ? row : [row[0], row[1], .text("attendee")]) }
            }
        }
        for s in staff where random.chance(0.8) {
            for _ in 0..<random.int(0...5) {
                add("luyenai_daily", [.text(s), day(), count(0...12), count(0...200)])
                if random.chance(0.6) { add("platform_usage", [.text(s), day(), count(0...30)]) }
            }
        }
        for i in 1...random.int(1...12) {
            add("initiative", [.text("i\(i)"), .text(random.pick(units)), code(["qlahs", "ai"], odd: "law"), .text("Sáng kiến \(i)"),
                               day(nullable: true), bool()])
            for _ in 0..<random.int(0...2) { add("initiative_author", [.text("i\(i)"), someStaff()]) }
        }
        for g in 1...random.int(1...5) {
            add("core_group", [.text("g\(g)"), .text(random.pick(units)), code(["core_learners", "tech_support"], odd: "club"), day()])
            for _ in 0..<random.int(0...4) { add("core_group_member", [.text("g\(g)"), someStaff()]) }
        }
        for u in units {
            for item in random.subset(["lan", "wan", "scanner", "signature_token"]) + (random.chance(0.03) ? ["router"] : []) {
                add("infrastructure", [.text(u), .text(item), count(0...3), count(0...3), day(nullable: true)])
            }
        }
        for _ in 0..<random.int(0...6) {
            let row: [V] = [someStaff(), code(["disciplined", "under_review"], odd: "warned"), day(), day(nullable: true)]
            add("discipline", row)
            if random.chance(0.3) { add("discipline", row) }
            if random.chance(0.2) { add("discipline", [row[0], .text("under_review"), row[2], day(nullable: true)]) }
        }
        for k in 1...random.int(1...8) {
            let kind = random.chance(0.5) ? "unit" : "staff"
            add("award_dossier", [.text("ds\(k)"), .text(kind), .text(kind == "unit" ? random.pick(units) : random.pick(staff)),
                                  code(["bang_khen", "giay_khen"], odd: "huan_chuong"), day(nullable: true),
                                  bool(), bool(), bool(), bool()])
        }
    }

    /// Repeats some rows of a keyed relation with other values (views only: tables keep their key).
    private mutating func repeatKeys(_ relation: String, key: [String], columns: [(String, String)]) {
        guard let existing = rows[relation], !existing.isEmpty else { return }
        for _ in 0..<random.int(1...3) {
            var copy = random.pick(existing)
            for (i, column) in columns.enumerated() where !key.contains(column.0) && random.chance(0.5) {
                switch column.1 {
                case "bool": copy[i] = bool()
                case "date": copy[i] = day(nullable: true)
                case "bigint": copy[i] = count(0...5)
                default:
                    // Text of another case: byte order and a collation disagree on which copy is first.
                    if copiesDifferInCase, case .text(let t) = copy[i], let head = t.first, random.chance(0.5) {
                        let h = String(head)
                        copy[i] = .text((h == h.uppercased() ? h.lowercased() : h.uppercased()) + t.dropFirst())
                    }
                }
            }
            add(relation, copy)
        }
    }

    /// An id (`U3`, `s6`, `D4`, `ds9`: letters then a number) in mixed case: every third flips its
    /// first letter's case, and a `D` unit of another third becomes `Đ`. Any other text is kept.
    static func mixed(_ v: V) -> V {
        guard case .text(let t) = v else { return v }
        let letters = t.prefix { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 2, let n = Int(t.dropFirst(letters.count)) else { return v }
        let rest = t.dropFirst()
        switch n % 3 {
        case 0:
            let head = String(t.prefix(1))
            return .text((head == head.uppercased() ? head.lowercased() : head.uppercased()) + rest)
        case 1 where letters == "D":
            return .text("Đ" + rest)
        default:
            return v
        }
    }

    private mutating func render() -> String {
        let raw = schema + "_raw"
        var out = "DROP SCHEMA IF EXISTS \(schema) CASCADE; DROP SCHEMA IF EXISTS \(raw) CASCADE;\n"
        out += "CREATE SCHEMA \(schema); CREATE SCHEMA \(raw);\n"
        for (relation, columns) in GeneratedWarehouse.columns {
            let key = WarehouseContract.relation(relation)?.key ?? []
            let asView = key.isEmpty ? random.chance(0.3) : random.chance(0.5)
            if asView && !key.isEmpty { repeatKeys(relation, key: key, columns: columns) }
            let table = asView ? "\(raw).\(relation)" : "\(schema).\(relation)"
            let primary = !asView && !key.isEmpty ? ", PRIMARY KEY (\(key.joined(separator: ", ")))" : ""
            out += "CREATE TABLE \(table) (" + columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + primary + ");\n"
            var seen: Set<String> = []
            for r in rows[relation] ?? [] {
                if !asView && !key.isEmpty {
                    // A table keeps its key: one row per key, no NULL in it.
                    let k = key.compactMap { c in columns.firstIndex { $0.0 == c }.map { r[$0].sql } }
                    guard !k.contains("NULL"), seen.insert(k.joined(separator: "|")).inserted else { continue }
                }
                out += "INSERT INTO \(table) VALUES (" + r.map { mixedIDs ? WarehouseGenerator.mixed($0).sql : $0.sql }.joined(separator: ", ") + ");\n"
            }
            if asView { out += "CREATE VIEW \(schema).\(relation) AS SELECT * FROM \(table);\n" }
        }
        return out
    }
}
