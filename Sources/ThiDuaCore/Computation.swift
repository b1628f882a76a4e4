/// Everything a run computes from one snapshot's aggregates: pure, so tests need no database.
public struct Computation: Sendable {
    public let window: Window
    public let organisation: Organisation
    /// Each unit's own counts, staff-based counts included.
    public let perUnit: [String: UnitCounts]
    /// Every bloc's standings, ranked, in listing order.
    public let standings: [UnitStanding]
    /// Every contract-breaking row: from SQL, from the unit tree, and level 5 above headcount.
    public let anomalies: [Anomaly]

    public init(units: [Unit], perUnit unitCounts: [String: UnitCounts], staff: [StaffFacts],
                anomalies sqlAnomalies: [Anomaly], window: Window) {
        self.window = window
        let org = Organisation(units: units)
        organisation = org
        var perUnit = unitCounts
        window.addStaffCounts(staff, to: &perUnit)
        self.perUnit = perUnit
        standings = Standings.leaderboards(org: org, perUnit: perUnit, plan: window.plan)
        var anomalies = org.anomalies
        for u in units {
            guard let h = u.headcount, h > 0, let c = perUnit[u.id], c.level5Staff > h else { continue }
            anomalies.append(Anomaly(relation: "unit", key: u.id, problem: "level5_above_headcount",
                                     detail: "level5_staff=\(c.level5Staff) headcount=\(h)"))
        }
        self.anomalies = anomalies + sqlAnomalies
    }
}
