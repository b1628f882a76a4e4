import Foundation
import Testing
import TestSupport

/// Issue 13: whatever a warehouse the contract admits holds — views without keys, bigint columns,
/// NULLs, repeated keys, extreme dates and numbers, long and control-character text — a run ends 0
/// with every oddity listed exactly once in anomalies.csv, or 65 with a clear message; never a
/// signal. `make test` runs a few seeded warehouses; `THIDUA_PROPERTY_RUNS=200` runs more
/// (docs/reliability.md).
@Suite("property: any warehouse the contract admits", .serialized)
struct WarehousePropertyTests {
    static let runs = Int(ProcessInfo.processInfo.environment["THIDUA_PROPERTY_RUNS"] ?? "") ?? 6
    static let seed = UInt64(ProcessInfo.processInfo.environment["THIDUA_PROPERTY_SEED"] ?? "") ?? 20_261_129

    @Test("generated warehouses: exit 0 or 65, never a signal; each planted oddity listed exactly once")
    func generatedWarehouses() throws {
        let db = try TestDatabase(loadSchema: false)
        defer { db.drop() }
        var published = 0
        for i in 0..<Self.runs {
            var rng = SeededGenerator(seed: Self.seed &+ UInt64(i) &* 7919)
            let w = GeneratedWarehouse(schema: "w\(i)", rng: &rng)
            try db.connection.execute(w.sql)
            let scratch = try ScratchFolder()
            let asOf = w.asOf
            let run = try runThidua(["run", "--db", db.conninfo, "--schema", w.schema, "--as-of", asOf, "--out", scratch.path])
            let context = "seed \(Self.seed) run \(i) as of \(asOf)"
            #expect(run.status == 0 || run.status == 65, "\(context): exit \(run.status): \(run.stderr.suffix(600))")
            #expect(!run.stderr.contains("Fatal error"), "\(context)")
            guard run.status == 0 else {
                print("PROPERTY-65 \(context): \(run.stderr.suffix(400))")
                #expect(run.stderr.split(separator: "\n").last?.contains("thidua:") == true, "\(context): \(run.stderr.suffix(300))")
                continue
            }
            published += 1
            let anomalies = try csvRows("\(scratch.path)/\(asOf)/csv/anomalies.csv")
            var seen: [String: Int] = [:]
            for a in anomalies { seen["\(a["relation"] ?? "")|\(a["key"] ?? "")|\(a["problem"] ?? "")", default: 0] += 1 }
            let twice = seen.filter { $0.value > 1 }.map(\.key)
            #expect(twice.isEmpty, "\(context): listed more than once: \(twice.prefix(5))")
            for e in w.expected {
                let n = seen["\(e.relation)|\(e.key)|\(e.problem)"] ?? 0
                #expect(n == 1, "\(context): \(e.relation) \(e.key.prefix(40)) \(e.problem) listed \(n) times")
            }
            // Every page and CSV was written, and the pages show no control character.
            let index = try String(contentsOfFile: "\(scratch.path)/\(asOf)/index.html", encoding: .utf8)
            #expect(!index.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "\(context)")
        }
        // Every oddity the generator plants is one the job lists and survives: none needs a 65.
        #expect(published == Self.runs, "\(published) of \(Self.runs) runs published")
    }
}

/// One random warehouse: a small valid organisation with activity, plus planted oddities, each on
/// a row of its own so the anomaly it must produce is known. Relations are views over tables with
/// no keys and bigint counts, or such tables directly.
struct GeneratedWarehouse {
    let schema: String
    var sql = ""
    var expected: [(relation: String, key: String, problem: String)] = []
    let asOf: String

    static let columns: [(String, [(String, String)])] = [
        ("unit", [("unit_id", "text"), ("name", "text"), ("kind", "text"), ("parent_id", "text"), ("headcount", "bigint")]),
        ("staff", [("staff_id", "text"), ("full_name", "text"), ("unit_id", "text"), ("role", "text"), ("direct_worker", "bool"), ("active", "bool")]),
        ("case_record", [("case_id", "text"), ("unit_id", "text"), ("prosecutor_id", "text"), ("kind", "text"), ("accepted_on", "date"),
                         ("entered_on", "date"), ("end_to_end", "bool"), ("missing_required_fields", "bigint"), ("error_count", "bigint"),
                         ("status", "text"), ("last_updated_on", "date")]),
        ("procedural_document", [("document_id", "text"), ("case_id", "text"), ("unit_id", "text"), ("issued_on", "date"),
                                 ("digitally_signed", "bool"), ("electronic", "bool")]),
        ("training_session", [("session_id", "text"), ("unit_id", "text"), ("topic", "text"), ("held_on", "date"), ("title", "text"),
                              ("format", "text"), ("attendee_count", "bigint")]),
        ("training_role", [("session_id", "text"), ("staff_id", "text"), ("role", "text")]),
        ("luyenai_daily", [("staff_id", "text"), ("day", "date"), ("level", "bigint"), ("minutes", "bigint")]),
        ("platform_usage", [("staff_id", "text"), ("day", "date"), ("actions", "bigint")]),
        ("initiative", [("initiative_id", "text"), ("unit_id", "text"), ("topic", "text"), ("title", "text"), ("recognized_on", "date"),
                        ("in_regular_use", "bool")]),
        ("initiative_author", [("initiative_id", "text"), ("staff_id", "text")]),
        ("core_group", [("group_id", "text"), ("unit_id", "text"), ("kind", "text"), ("established_on", "date")]),
        ("core_group_member", [("group_id", "text"), ("staff_id", "text")]),
        ("infrastructure", [("unit_id", "text"), ("item", "text"), ("required", "bigint"), ("ready", "bigint"), ("completed_on", "date")]),
        ("discipline", [("staff_id", "text"), ("status", "text"), ("from_on", "date"), ("to_on", "date")]),
        ("award_dossier", [("dossier_id", "text"), ("nominee_kind", "text"), ("nominee_id", "text"), ("award_level", "text"),
                           ("submitted_on", "date"), ("has_proposal", "bool"), ("has_minutes", "bool"),
                           ("has_achievement_report", "bool"), ("has_impact_confirmation", "bool")]),
    ]

    /// A SQL literal: NULL, a number, or a quoted string.
    enum V {
        case null, int(Int), text(String), bool(Bool), date(String)
        var sql: String {
            switch self {
            case .null: return "NULL"
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .date(let d): return "DATE '\(d)'"
            }
        }
    }

    init(schema: String, rng: inout SeededGenerator) {
        self.schema = schema
        let raw = schema + "_raw"
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ p: Double) -> Bool { Double(rng.next() % 1000) / 1000 < p }
        func day(_ from: Int = 0, _ span: Int = 380) -> String {
            // From 2025-10-01 onwards.
            let base = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                      year: 2025, month: 10, day: 1).date!
            let d = base.addingTimeInterval(Double(from + Int(rng.next() % UInt64(span))) * 86400)
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: d)
        }
        asOf = pick(["2025-12-20", "2026-01-15", "2026-03-15", "2026-06-30", "2026-07-01", "2026-11-28"])
        var rows: [String: [[V]]] = [:]
        func add(_ relation: String, _ values: [V]) { rows[relation, default: []].append(values) }

        // A valid organisation with activity.
        let spp = ["S1", "S2", "S3"], provinces = ["P1", "P2"], subs = [("D1", "department", "P1"), ("R1", "regional", "P2")]
        for u in spp { add("unit", [.text(u), .text("Đơn vị \(u)"), .text("spp_unit"), .null, .int(Int(rng.next() % 60) + 1)]) }
        for p in provinces { add("unit", [.text(p), .text("VKSND tỉnh \(p)"), .text("provincial"), .null, .int(Int(rng.next() % 300) + 1)]) }
        for (id, kind, parent) in subs { add("unit", [.text(id), .text("Phòng \(id)"), .text(kind), .text(parent), .int(Int(rng.next() % 40) + 1)]) }
        let units = spp + provinces + subs.map(\.0)
        var staff: [String] = []
        for (i, u) in (units + units).enumerated() {
            let id = "st\(i)"
            staff.append(id)
            add("staff", [.text(id), .text("Cán bộ \(i)"), .text(u), .text(pick(["leader", "prosecutor", "inspector", "it", "other"])),
                          .bool(chance(0.6)), .bool(chance(0.9))])
            for k in 0..<Int(rng.next() % 4) {
                add("luyenai_daily", [.text(id), .date(day(k * 40, 40)), .int(Int(rng.next() % 11)), .int(Int(rng.next() % 120))])
                add("platform_usage", [.text(id), .date(day(k * 40, 40)), .int(Int(rng.next() % 20))])
            }
        }
        for i in 0..<30 {
            let accepted = day()
            add("case_record", [.text("c\(i)"), .text(pick(units)), chance(0.7) ? .text(pick(staff)) : .null, .text(pick(["case", "matter"])),
                                .date(accepted), chance(0.8) ? .date(accepted) : .null, .bool(chance(0.9)), .int(Int(rng.next() % 3)),
                                .int(Int(rng.next() % 2)), .text(pick(["open", "closed"])), .date(accepted)])
            add("procedural_document", [.text("d\(i)"), .text("c\(i)"), .text(pick(units)), .date(day()), .bool(chance(0.7)), .bool(chance(0.7))])
        }
        for i in 0..<8 {
            add("training_session", [.text("t\(i)"), .text(pick(units)), .text(pick(["qlahs", "ai"])), .date(day()), .text("Lớp \(i)"),
                                     .text(pick(["class", "hands_on", "seminar"])), .int(Int(rng.next() % 50))])
            add("training_role", [.text("t\(i)"), .text(pick(staff)), .text("trainer")])
            add("initiative", [.text("i\(i)"), .text(pick(units)), .text(pick(["qlahs", "ai"])), .text("Sáng kiến \(i)"),
                               chance(0.7) ? .date(day()) : .null, .bool(chance(0.5))])
            add("initiative_author", [.text("i\(i)"), .text(pick(staff))])
        }
        add("core_group", [.text("g1"), .text("P1"), .text("core_learners"), .date(day())])
        add("core_group_member", [.text("g1"), .text(pick(staff))])
        for u in units { add("infrastructure", [.text(u), .text("lan"), .int(2), .int(Int(rng.next() % 3)), chance(0.7) ? .date(day(0, 100)) : .null]) }
        add("discipline", [.text(pick(staff)), .text("disciplined"), .date(day()), .null])
        add("award_dossier", [.text("ds1"), .text("unit"), .text("P1"), .text("bang_khen"), chance(0.5) ? .date(day()) : .null,
                              .bool(true), .bool(chance(0.5)), .bool(true), .bool(true)])

        // Planted oddities, each on a row of its own.
        var expected: [(String, String, String)] = []
        let huge = Int.max
        for n in 0..<(4 + Int(rng.next() % 6)) {
            switch rng.next() % 9 {
            case 0: // a repeated key in a keyed relation
                switch rng.next() % 5 {
                case 0:
                    for _ in 0..<2 { add("unit", [.text("dup\(n)"), .text("Trùng \(n)"), .text("spp_unit"), .null, .int(5)]) }
                    expected.append(("unit", "dup\(n)", "duplicate_key"))
                case 1:
                    for _ in 0..<2 { add("staff", [.text("dup\(n)"), .text("Trùng \(n)"), .text("S1"), .text("leader"), .bool(true), .bool(true)]) }
                    expected.append(("staff", "dup\(n)", "duplicate_key"))
                case 2:
                    let d = day()
                    for _ in 0..<3 {
                        add("case_record", [.text("dup\(n)"), .text("S2"), .null, .text("case"), .date(d), .date(d), .bool(true), .int(0), .int(0),
                                            .text("closed"), .date(d)])
                    }
                    expected.append(("case_record", "dup\(n)", "duplicate_key"))
                case 3:
                    for m in [30, 45] { add("luyenai_daily", [.text("dup\(n)"), .date("2026-02-0\(n % 9 + 1)"), .int(5), .int(m)]) }
                    expected.append(("luyenai_daily", "dup\(n)/2026-02-0\(n % 9 + 1)", "duplicate_key"))
                default:
                    for _ in 0..<2 { add("infrastructure", [.text("S3"), .text("dup\(n)"), .int(1), .int(1), .null]) }
                    expected.append(("infrastructure", "S3/dup\(n)", "duplicate_key"))
                    expected.append(("infrastructure", "S3/dup\(n)", "unknown_item"))
                }
            case 1: // a NULL where a value is needed
                switch rng.next() % 4 {
                case 0:
                    add("staff", [.text("nul\(n)"), .text("Thiếu \(n)"), .text("S1"), .text("prosecutor"), .null, .null])
                    expected.append(("staff", "nul\(n)", "null_value"))
                case 1:
                    add("case_record", [.text("nul\(n)"), .text("S1"), .null, .null, .date(day()), .null, .null, .null, .null, .null, .null])
                    expected.append(("case_record", "nul\(n)", "null_value"))
                case 2:
                    add("award_dossier", [.text("nul\(n)"), .null, .text("S1"), .text("bang_khen"), .null, .null, .bool(true), .null, .bool(true)])
                    expected.append(("award_dossier", "nul\(n)", "null_value"))
                default:
                    add("unit", [.text("nul\(n)"), .null, .text("spp_unit"), .null, .int(3)])
                    expected.append(("unit", "nul\(n)", "null_value"))
                }
            case 2: // a date nobody can mean
                let bad = pick(["infinity", "-infinity", "1900-01-01", "2200-05-05", "0001-01-01 BC", "5874897-12-31"])
                switch rng.next() % 3 {
                case 0:
                    add("case_record", [.text("dt\(n)"), .text("S1"), .null, .text("case"), .date(bad), .date(bad), .bool(true), .int(0), .int(0),
                                        .text("open"), .date(bad)])
                    expected.append(("case_record", "dt\(n)", "date_out_of_range"))
                case 1:
                    add("award_dossier", [.text("dt\(n)"), .text("unit"), .text("S1"), .text("bang_khen"), .date(bad), .bool(true), .bool(true),
                                          .bool(true), .bool(true)])
                    expected.append(("award_dossier", "dt\(n)", "date_out_of_range"))
                default:
                    add("infrastructure", [.text("dt\(n)"), .text("wan"), .int(1), .int(1), .date(bad)])
                    expected.append(("infrastructure", "dt\(n)/wan", "date_out_of_range"))
                }
            case 3: // numbers no person produces
                switch rng.next() % 3 {
                case 0:
                    add("luyenai_daily", [.text("big\(n)"), .date("2025-12-2\(n % 9)"), .int(huge), .int(huge)])
                    expected.append(("luyenai_daily", "big\(n)/2025-12-2\(n % 9)", "value_out_of_range"))
                case 1:
                    add("platform_usage", [.text("big\(n)"), .date("2026-03-1\(n % 9)"), .int(huge)])
                    expected.append(("platform_usage", "big\(n)/2026-03-1\(n % 9)", "value_out_of_range"))
                default:
                    add("unit", [.text("big\(n)"), .text("Biên chế lạ"), .text("spp_unit"), .null, .int(huge)])
                    add("staff", [.text("big\(n)-s"), .text("Cán bộ"), .text("big\(n)"), .text("leader"), .bool(true), .bool(true)])
                    expected.append(("unit", "big\(n)", "headcount_out_of_range"))
                }
            case 4: // a very long name
                let long = String(repeating: "Viện kiểm sát ", count: 20 + Int(rng.next() % 2000))
                add("unit", [.text("long\(n)"), .text(long), .text("spp_unit"), .null, .int(7)])
                add("staff", [.text("long\(n)-s"), .text(long), .text("long\(n)"), .text("prosecutor"), .bool(true), .bool(true)])
                expected.append(("unit", "long\(n)", "name_too_long"))
                expected.append(("staff", "long\(n)-s", "name_too_long"))
            case 5: // control characters in names
                let name = "Phòng \u{1B}[31mđỏ\u{07}\u{7F} \(n)"
                add("unit", [.text("ctl\(n)"), .text(name), .text("spp_unit"), .null, .int(4)])
                add("staff", [.text("ctl\(n)-s"), .text(name), .text("ctl\(n)"), .text("leader"), .bool(false), .bool(true)])
                expected.append(("unit", "ctl\(n)", "control_characters"))
                expected.append(("staff", "ctl\(n)-s", "control_characters"))
            case 6: // a unit id too long for a file name, otherwise valid: no anomaly, but a page
                let id = "U" + String(repeating: "đơn-vị-", count: 60) + "\(n)"
                add("unit", [.text(id), .text("Đơn vị tên dài"), .text("spp_unit"), .null, .int(9)])
                add("case_record", [.text("lid\(n)"), .text(id), .null, .text("case"), .date("2026-02-02"), .null, .bool(false), .int(1), .int(0),
                                    .text("open"), .date("2025-12-01")])
            case 7: // more level-5 learners than biên chế
                add("unit", [.text("l5\(n)"), .text("Tạp chí \(n)"), .text("spp_unit"), .null, .int(1)])
                for k in 0..<3 {
                    add("staff", [.text("l5\(n)-\(k)"), .text("Học viên \(k)"), .text("l5\(n)"), .text("other"), .bool(false), .bool(true)])
                    add("luyenai_daily", [.text("l5\(n)-\(k)"), .date("2025-12-15"), .int(6), .int(30)])
                }
                if asOf >= "2025-12-15" { expected.append(("unit", "l5\(n)", "level5_above_headcount")) }
            default: // unknown codes and a staff member of no unit
                add("staff", [.text("unk\(n)"), .text("Không rõ"), .text("nowhere\(n)"), .text("thu_ky"), .bool(true), .bool(true)])
                expected.append(("staff", "unk\(n)", "unknown_role"))
                expected.append(("staff", "unk\(n)", "unknown_unit"))
            }
        }
        self.expected = expected.map { (relation: $0.0, key: $0.1, problem: $0.2) }

        var sql = "DROP SCHEMA IF EXISTS \(schema) CASCADE; DROP SCHEMA IF EXISTS \(raw) CASCADE;\n"
        sql += "CREATE SCHEMA \(schema); CREATE SCHEMA \(raw);\n"
        for (relation, cols) in Self.columns {
            let asView = chance(0.7)
            let table = asView ? "\(raw).\(relation)" : "\(schema).\(relation)"
            sql += "CREATE TABLE \(table) (" + cols.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ");\n"
            for r in rows[relation] ?? [] {
                sql += "INSERT INTO \(table) VALUES (" + r.map(\.sql).joined(separator: ", ") + ");\n"
            }
            if asView { sql += "CREATE VIEW \(schema).\(relation) AS SELECT * FROM \(table);\n" }
        }
        self.sql = sql
    }
}
