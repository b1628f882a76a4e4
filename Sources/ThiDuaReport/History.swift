import Foundation
import ThiDuaCore

/// Reads CSV text written by `CSVWriter` (RFC 4180, optional BOM) into header-keyed rows.
public enum CSVReader {
    public static func rows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for c in body.unicodeScalars {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\r":
                afterQuote = false
            case "\n":
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
            default:
                afterQuote = false
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() where i < r.count { row[h] = r[i] }
            return row
        }
    }
}

/// Earlier published runs, for rank movement and the end-to-end sparkline (issue 7).
public struct History: Sendable {
    public struct Point: Sendable {
        public var e2e: Fraction?
        public var compositeRank: Int?
    }
    /// Oldest first; each maps "bloc|unit_id" to its point.
    public var runs: [(day: Day, points: [String: Point])] = []

    public init() {}

    /// Up to `limit` published runs before `day`, read from their unit_metrics.csv.
    public static func read(outDir: String, before day: Day, limit: Int = 8) -> History {
        var h = History()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []
        let days = names.compactMap { Day(iso: $0) }.filter { $0 < day }.sorted(by: >).prefix(limit)
        for d in days.reversed() {
            guard let text = try? String(contentsOfFile: "\(outDir)/\(d)/csv/unit_metrics.csv", encoding: .utf8) else { continue }
            var points: [String: Point] = [:]
            for r in CSVReader.rows(text) {
                guard let bloc = r["bloc"], let unit = r["unit_id"] else { continue }
                let e2e = Int(r["e2e_done"] ?? "").flatMap { n in Int(r["e2e_total"] ?? "").flatMap { Fraction(n, $0) } }
                points["\(bloc)|\(unit)"] = Point(e2e: e2e, compositeRank: Int(r["composite_rank"] ?? ""))
            }
            h.runs.append((d, points))
        }
        return h
    }

    /// The previous published run's point for a unit, if that run had it.
    public func previous(_ bloc: BlocID, _ unit: UnitID) -> Point?? {
        guard let last = runs.last else { return .none }
        return .some(last.points["\(bloc)|\(unit)"])
    }

    public func trend(_ bloc: BlocID, _ unit: UnitID) -> [Fraction?] {
        runs.map { $0.points["\(bloc)|\(unit)"]?.e2e }
    }
}

/// Per unit: how many records to fix, by problem, and the first rows the unit page lists (the
/// rest is in the unit's CSV file, linked from its page).
public struct QualitySummary: Sendable {
    public static let rowsOnPage = 20
    public struct Shown: Sendable {
        public var caseID: String
        public var prosecutorID: String
        public var acceptedOn: Day
        public var problems: [String]
        public var lastUpdatedOn: Day?

        public init(caseID: String, prosecutorID: String, acceptedOn: Day, problems: [String], lastUpdatedOn: Day?) {
            self.caseID = caseID
            self.prosecutorID = prosecutorID
            self.acceptedOn = acceptedOn
            self.problems = problems
            self.lastUpdatedOn = lastUpdatedOn
        }
    }
    public var perUnit: [String: [String: Int]] = [:]
    public var firstRows: [String: [Shown]] = [:]
    public var totals: [String: Int] = [:]

    public init() {}

    public mutating func add(unit: String, problems: [String], shown: @autoclosure () -> Shown) {
        var c = perUnit[unit] ?? [:]
        c["total", default: 0] += 1
        for p in problems { c[p, default: 0] += 1; totals[p, default: 0] += 1 }
        totals["total", default: 0] += 1
        perUnit[unit] = c
        if (firstRows[unit]?.count ?? 0) < QualitySummary.rowsOnPage { firstRows[unit, default: []].append(shown()) }
    }
}

/// What the unit pages need from the streamed staff: a few leading staff per unit and per staff
/// bloc, the proposed staff, and the names of dossier nominees.
public struct PageCollector: Sendable {
    public static let leadersShown = 5
    /// Leaders per unit (its own staff) and per staff bloc (a province's whole subtree).
    var byUnit: [UnitID: Leaders] = [:]
    var byBloc: [BlocID: Leaders] = [:]
    public var nominations: [Nomination] = []
    public var names: [String: String] = [:]
    let wanted: Set<String>

    public init(dossierNominees: Set<String>) { wanted = dossierNominees }

    /// The leading staff shown on a unit page (III.1.2 and III.2.2).
    public struct Leaders: Sendable {
        public var qlahs: [StaffStanding] = []
        public var ai: [StaffStanding] = []
    }

    public func leaders(ofUnit unit: UnitID) -> Leaders { byUnit[unit] ?? Leaders() }
    public func leaders(of bloc: BlocID) -> Leaders { byBloc[bloc] ?? Leaders() }

    public mutating func add(_ board: StaffBoard) {
        guard let bloc = board.bloc else { return }
        for s in board.standings where wanted.contains(s.facts.staffID) { names[s.facts.staffID] = s.facts.fullName }
        nominations += board.nominations.filter { $0.status != .reserve }
        let cases = board.standings.filter { $0.facts.casesE2E > 0 }
        for (unit, list) in Dictionary(grouping: cases, by: { $0.facts.unitID }) {
            byUnit[unit, default: Leaders()].qlahs = Array(list.sorted(by: Individuals.qlahsLeaderOrder).prefix(Self.leadersShown))
        }
        byBloc[bloc, default: Leaders()].qlahs = Array(cases.sorted(by: Individuals.qlahsLeaderOrder).prefix(Self.leadersShown))
        let learners = board.standings.filter { $0.facts.levelNow != nil }
        for (unit, list) in Dictionary(grouping: learners, by: { $0.facts.unitID }) {
            byUnit[unit, default: Leaders()].ai = Array(list.sorted(by: Individuals.aiLeaderOrder).prefix(Self.leadersShown))
        }
        byBloc[bloc, default: Leaders()].ai = Array(learners.sorted(by: Individuals.aiLeaderOrder).prefix(Self.leadersShown))
    }
}

/// A unit id as a file name that is also a safe URL: ASCII letters, digits and `-` stay; every
/// other byte becomes `_XX` (hex), so two ids never share a file; a very long id is shortened with a
/// digest (`~` marks it, and cannot come from the escaping).
public func unitFileName(_ id: String) -> String {
    var out = ""
    for b in id.utf8 {
        let c = Character(Unicode.Scalar(b))
        if c.isASCII && (c.isLetter || c.isNumber || c == "-") { out.append(c) } else { out += String(format: "_%02X", b) }
    }
    // A file name has at most 255 bytes (with ".records.csv" after it): a long id keeps its first
    // 60 characters and a digest of the whole, so it still names one unit only.
    if out.utf8.count > 100 { out = String(out.prefix(60)) + "~" + String(SHA256.hex(Data(id.utf8)).prefix(24)) }
    return out.isEmpty ? "_" : out
}
