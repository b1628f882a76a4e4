import Foundation
@testable import ThiDuaCore
@testable import ThiDuaReport

/// A small hand-made plan that is not plan 251 (a document-digitisation plan), and hand-made
/// figures for it, small enough to check every number on its pages by hand.
enum PlanFixture {
    static func day(_ s: String) -> Day { Day(iso: s)! }

    static let hostile = "<script>alert('x')</script> & \"Phòng\" <b>đậm</b>"

    /// Criteria: 0 `scan` (ranked rate, priority_at 0.9, chart), 1 `trained` (rate, to_full, not
    /// ranked), 2 `sessions` (at_least 3), 3 `unscanned` (count). Milestones: 0 restates scan, 1
    /// first session. One leader list (scanned count, then the `mentor` when part).
    static let plan: Plan = {
        let days = [
            NamedDay(id: "period_start", expr: .date(day("2027-01-01")), text: "2027-01-01", isStatic: true),
            NamedDay(id: "period_end", expr: .date(day("2027-12-31")), text: "2027-12-31", isStatic: true),
            NamedDay(id: "scan_deadline", expr: .date(day("2027-03-31")), text: "2027-03-31", isStatic: true),
            NamedDay(id: "dossier_deadline", expr: .date(day("2027-12-20")), text: "2027-12-20", isStatic: true),
        ]
        func count(_ id: String, _ relation: String, _ unit: String, label: Label? = nil) -> Measure {
            Measure(id: id, kind: .rows(relation: relation, where: .always), label: label, unit: unit, publish: false, doc: nil, exprText: nil)
        }
        let measures = [
            count("docs_total", "procedural_document", "documents"),
            count("docs_scanned", "procedural_document", "documents"),
            count("sessions_held", "training_session", "sessions", label: Label(vi: "Buổi tập huấn đã tổ chức", en: "Sessions held")),
            Measure(id: "staff_trained", kind: .staff(where: .always), label: nil, unit: "people", publish: false, doc: nil, exprText: nil),
            Measure(id: "active_staff", kind: .staff(where: .always), label: nil, unit: "people", publish: false, doc: nil, exprText: nil),
            count("unscanned_records", "case_record", "records"),
        ]
        func rate(_ n: Int, _ d: Int, rank: Bool, priority: Fraction?, toFull: Bool) -> CriterionKind {
            .rate(RateRule(numerator: .measure(n), denominator: .measure(d), rank: rank, priorityAt: priority, toFull: toFull,
                           impossibleProblem: "rate_above_one", boundedByOne: true))
        }
        let criteria = [
            Criterion(id: "scan", kind: rate(1, 0, rank: true, priority: Fraction(9, 10), toFull: false),
                      label: Label(vi: "Tỷ lệ văn bản được số hóa", en: "Scanned documents rate"), clause: "II.1", doc: nil),
            Criterion(id: "trained", kind: rate(3, 4, rank: false, priority: nil, toFull: true),
                      label: Label(vi: "Tỷ lệ cán bộ được tập huấn", en: "Trained staff rate"), clause: "II.2", doc: nil),
            Criterion(id: "sessions", kind: .atLeast(measure: .measure(2), k: 3),
                      label: Label(vi: "Tổ chức ít nhất 03 buổi tập huấn", en: "At least three sessions"), clause: "II.3", doc: nil),
            Criterion(id: "unscanned_records", kind: .count(measure: .measure(5)),
                      label: Label(vi: "Hồ sơ chưa số hóa", en: "Records not yet scanned"), clause: "II.4", doc: nil),
        ]
        let composite = [
            CompositePart(part: "scan_rate", column: .rate(criterion: 0), weight: 600_000, label: nil),
            CompositePart(part: "trained_rate", column: .rate(criterion: 1), weight: 255_000, label: nil),
            CompositePart(part: "sessions_met", column: .met(criterion: 2), weight: 145_000, label: nil),
        ]
        let metrics = [
            StaffMetric(id: "scanned_by", kind: .count(relation: "procedural_document", where: .always),
                        label: Label(vi: "Văn bản đã số hóa", en: "Documents scanned"), unit: "documents", doc: nil, publish: true),
            StaffMetric(id: "late_reports", kind: .exists(relation: "discipline", where: .always), label: nil, unit: "", doc: nil, publish: true),
        ]
        let score = [
            ScorePart(id: "scanned", weight: 700_000, kind: .shareOfBlocMax(metric: 0), label: nil),
            ScorePart(id: "mentor", weight: 300_000, kind: .when(.always), label: Label(vi: "Kèm cặp đồng nghiệp", en: "Mentors colleagues")),
        ]
        let milestones = [
            Milestone(id: "scan_all", kind: .restates(criterion: 0, whenEmpty: .notApplicable),
                      label: Label(vi: "Số hóa toàn bộ văn bản", en: "All documents scanned"), clause: "II.1", deadline: day("2027-03-31")),
            Milestone(id: "first_session", kind: .firstReached(measure: 2, k: 1),
                      label: Label(vi: "Buổi tập huấn đầu tiên", en: "First session held"), clause: "II.3", deadline: day("2027-02-28")),
        ]
        let quotas = Quotas(collectiveShare: Decimal(string: "0.2")!, collectiveRounding: .down, individualPerSPPUnit: 1,
                            individualProvincialTiers: [(nil, 3)])
        let output = OutputSpec(chart: 0,
                                leaders: [LeaderList(id: "scanners", label: Label(vi: "Cá nhân số hóa nhiều nhất", en: "Top scanners"),
                                                     order: [.metric(0), .scorePart(1)])],
                                keyDates: [KeyDate(day: 2, label: Label(vi: "Hạn số hóa hồ sơ cũ", en: "Old records scanned by")),
                                           KeyDate(day: 1, label: nil)])
        return Plan(name: "KH-SH-2027", title: Label(vi: "Kế hoạch thi đua số hóa văn bản năm 2027", en: "Document digitisation plan 2027"),
                    days: days, windows: [], periodStartDay: 0, periodEndDay: 1, measures: measures, criteria: criteria,
                    composite: composite, metrics: metrics, score: score, milestones: milestones, quotas: quotas,
                    unitOrder: [.priority(criterion: 0), .composite], staffOrder: [.directWorker, .score],
                    eligibility: [EligibilityRule(reason: "late_reports", staffFlag: 1, excludesStaff: true, excludesUnits: false,
                                                  label: Label(vi: "Chậm nộp báo cáo", en: "Late reports"))],
                    dossiers: DossierRules(deadline: day("2027-12-20"), parts: ["proposal", "minutes"], decidedAtUnit: ["giay_khen"]),
                    recordsToFix: [RecordProblem(problem: "unscanned", measure: 5, label: Label(vi: "Chưa số hóa", en: "Not scanned"))],
                    output: output)
    }()

    /// measures: docs_total, docs_scanned, sessions_held, staff_trained, active_staff, unscanned_records.
    static func member(_ bloc: BlocID, _ id: String, _ name: String, kind: String, parent: String? = nil,
                       _ m: [Int?], rank: Int?, composite: String) -> MemberFigures {
        var f = MemberFigures(bloc: bloc, unit: Unit(id: id, name: name, kindText: kind, parentID: parent, headcount: 20),
                              headcount: 20, provinceID: nil, measures: m, criteria: 4, parts: 3)
        for (i, (n, d)) in [(1, 0), (3, 4)].enumerated() {
            if let nv = m[n], let dv = m[d], let r = Fraction(nv, dv) {
                f.rates[i] = r
                f.impossible[i] = nv > dv
            }
        }
        f.flags[0] = f.rates[0].map { !$0.isImpossible && $0 >= Fraction(9, 10)! } ?? false
        f.flags[2] = (m[2] ?? 0) >= 3
        f.composite = Decimal(string: composite)!
        f.compositeRank = rank
        return f
    }

    /// S1 85/100 (5 short of 90%, first), S2 (a hostile name) 20/50, S3 12/10 (impossible, no
    /// rank); P1 200/200; its regional unit 30/40.
    static let members: [MemberFigures] = {
        var s1 = member(.spp, "S1", "Vụ Số hóa A", kind: "spp_unit", [100, 85, 3, 8, 10, 4], rank: 1, composite: "78.25")
        s1.ranks[0] = 1; s1.toPriority[0] = 5; s1.toFirst[0] = 0; s1.toFull[1] = 2
        var s2 = member(.spp, "S2", hostile, kind: "spp_unit", [50, 20, 1, 10, 10, 0], rank: 3, composite: "49.5")
        s2.ranks[0] = 2; s2.toPriority[0] = 25; s2.toFirst[0] = 23; s2.toFull[1] = 0
        var s3 = member(.spp, "S3", "Đơn vị C", kind: "spp_unit", [10, 12, 5, nil, 0, 2], rank: 2, composite: "74.5")
        s3.toPriority[0] = 0
        var p1 = member(.provincial, "P1", "VKSND tỉnh Một", kind: "provincial", [200, 200, 4, 5, 5, 0], rank: 1, composite: "100")
        p1.ranks[0] = 1; p1.toPriority[0] = 0; p1.toFirst[0] = 0; p1.toFull[1] = 0
        var r1 = member(.sub("P1"), "P1-r1", "VKSND khu vực 1", kind: "regional", parent: "P1", [40, 30, 0, 1, 4, 1], rank: 1, composite: "50")
        r1.ranks[0] = 1; r1.toPriority[0] = 6; r1.toFirst[0] = 0; r1.toFull[1] = 3
        return [s2, p1, s1, r1, s3]
    }()

    static func milestone(_ bloc: BlocID, _ unit: String, _ i: Int, _ status: MilestoneStatus, _ v: Int, _ t: Int) -> MilestoneFigure {
        MilestoneFigure(bloc: bloc, unitID: unit, milestone: i, deadline: i == 0 ? day("2027-03-31") : day("2027-02-28"),
                        status: status, value: v, target: t, completedOn: nil, projectedOn: nil)
    }

    static func staff(_ id: String, _ unit: String, scanned: Int, mentor: Bool, score: String) -> StaffFigures {
        StaffFigures(bloc: .staff("S1"), row: StaffRow(staffID: id, fullName: "Cán bộ \(id)", unitID: unit, roleText: "prosecutor",
                                                       directWorker: true, values: [.int(scanned), .bool(false)]),
                     whenHolds: [false, mentor], score: Decimal(string: score)!, rank: nil)
    }

    /// Seven staff of S1: k0 scanned nothing (not listed); k2 and k3 tie on 9 (k3 mentors, so first);
    /// k7 is the sixth listed, so not shown.
    static let staffS1 = [
        staff("k0", "S1", scanned: 0, mentor: true, score: "30"), staff("k1", "S1", scanned: 12, mentor: false, score: "70"),
        staff("k2", "S1", scanned: 9, mentor: false, score: "52.5"), staff("k3", "S1", scanned: 9, mentor: true, score: "82.5"),
        staff("k4", "S1", scanned: 3, mentor: false, score: "17.5"), staff("k5", "S1", scanned: 2, mentor: false, score: "11.67"),
        staff("k7", "S1", scanned: 1, mentor: true, score: "35.83"),
    ]

    static func input(asOf: String = "2027-03-15") -> PlanReportInput {
        var quality = PlanQualitySummary(plan: plan)
        for i in 1...4 {
            quality.add(unit: "S1", problems: [0], shown: .init(caseID: "c\(i)", prosecutorID: "k1", acceptedOn: day("2027-01-0\(i)"),
                                                                 problems: [0], lastUpdatedOn: nil))
        }
        var collector = PlanPageCollector(plan: plan, dossierNominees: ["k1"])
        collector.add(bloc: .staff("S1"), staff: staffS1)
        let history = PlanHistory(runs: [PlanHistory.Run(day: day("2027-03-01"), points: [
            PlanHistory.Key(bloc: .spp, unit: "S1"): .init(rate: Fraction(60, 100), compositeRank: 2),
            PlanHistory.Key(bloc: .spp, unit: "S2"): .init(rate: Fraction(20, 50), compositeRank: 3),
        ])])
        let nominations = [
            Nomination(bloc: .spp, nomineeKind: .unit, nomineeID: "S1", nomineeName: "Vụ Số hóa A", quota: 1, position: 1, status: .proposed, reason: nil),
            Nomination(bloc: .staff("S1"), nomineeKind: .staff, nomineeID: "k3", nomineeName: "Cán bộ k3", quota: 1, position: 1, status: .proposed, reason: nil),
            Nomination(bloc: .staff("S1"), nomineeKind: .staff, nomineeID: "k1", nomineeName: "Cán bộ k1", quota: 1, position: nil, status: .excluded, reason: "late_reports"),
        ]
        let dossier = DossierInput(dossierID: "d1", nomineeKind: "staff", nomineeID: "k1", awardLevel: "bang_khen", submittedOn: nil,
                                   hasProposal: true, hasMinutes: false, hasAchievementReport: false, hasImpactConfirmation: false)
        return PlanReportInput(
            plan: plan, days: ResolvedDays(plan: plan, asOf: day(asOf)), members: members,
            milestones: [milestone(.spp, "S1", 0, .pending, 85, 100), milestone(.spp, "S1", 1, .met, 3, 1),
                         milestone(.spp, "S2", 0, .atRisk, 20, 50), milestone(.spp, "S2", 1, .met, 1, 1)],
            unitNominations: [nominations[0]], staffNominations: Array(nominations[1...]),
            dossiers: [(dossier, DossierStatus(status: .pending, missingParts: ["minutes"], daysLeft: 280, submittedOn: nil))],
            anomalies: [Anomaly(relation: "unit", key: "S3", problem: "rate_above_one", detail: "bloc=spp scan_rate=12/10")],
            quality: quality, history: history, staff: collector, generatedAt: Date(timeIntervalSince1970: 1_805_000_000))
    }

    /// Renders every page into a folder; returns the page paths by their relative path.
    static func render(_ language: Language, into folder: String, asOf: String = "2027-03-15") throws -> [String: String] {
        let report = try PlanHTMLReport(language: language)
        var paths: [String: String] = [:]
        try FileManager.default.createDirectory(atPath: folder + "/units", withIntermediateDirectories: true)
        try report.pages(input(asOf: asOf)) { page in
            let path = "\(folder)/\(page.path)"
            try page.html.write(toFile: path, atomically: true, encoding: .utf8)
            paths[page.path] = path
        }
        return paths
    }
}
