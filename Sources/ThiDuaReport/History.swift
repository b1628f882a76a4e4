import Foundation
import ThiDuaCore

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
