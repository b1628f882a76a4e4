import Foundation
import Testing
@testable import ThiDuaCore

/// What must hold of every figure of plan 251, whatever the data (PLAN-LANGUAGE.md §8–§14),
/// checked on the generated worlds of EnginePlan251Tests with the shipped plan: measures are the
/// scope's sums and staff counts, rates their exact quotients, composite the weighted sum of its
/// parts, ranks and gaps consistent with the bloc's values, milestones restating their measures,
/// shortlists within their quotas, individual scores as §19's score parts say.
@Suite("engine: plan 251's invariants on generated worlds")
struct EnginePlan251Invariants {
    let plan = S251.plan
    static let line98 = Fraction(98, 100)!

    /// The smallest k ≥ 0 with (n + k) / d ≥ line: a gap is exactly that.
    func isGap(_ k: Int?, line: Fraction, n: Int, d: Int) -> Bool {
        guard let k, k >= 0, let reached = Fraction(n + k, d) else { return false }
        return reached >= line && (k == 0 || Fraction(n + k - 1, d)! < line)
    }

    @Test("every member, milestone, shortlist and staff figure keeps the invariants", arguments: 0..<60)
    func invariants(seed: Int) {
        let asOf = EnginePlan251Tests.asOf(seed)
        let w = EnginePlan251Tests.world(seed: UInt64(seed), asOf: asOf)
        let (c, boards) = S251.run(asOf: asOf.description, units: w.units, facts: w.facts, staff: w.staff)
        let organisation = Organisation(units: w.units)
        for bloc in organisation.blocs {
            let rows = c.members.filter { $0.bloc == bloc.id }
            #expect(rows.map(\.unit.id).sorted() == bloc.members.map(\.unit.id).sorted(), "seed \(seed) \(bloc.id)")
            let listed = rows.sorted { Ranking.listingOrder(($0.compositeRank, $0.unit.id), ($1.compositeRank, $1.unit.id)) }
            #expect(rows.map(\.unit.id) == listed.map(\.unit.id), "seed \(seed) \(bloc.id) listing order")
            for member in bloc.members {
                guard let f = rows.first(where: { $0.unit.id == member.unit.id }) else { continue }
                let at = "seed \(seed) \(bloc.id) \(member.unit.id)"
                checkMeasures(f, scope: member.scope, w, at)
                checkCriteria(f, at)
                checkRanks(f, bloc: rows, at)
                checkMilestones(c.milestones.filter { $0.bloc == f.bloc && $0.unitID == f.unit.id }, f, asOf: asOf, at)
            }
            checkShortlist(c.unitNominations.filter { $0.bloc == bloc.id }, bloc: bloc, rows: rows, staff: w.staff, seed)
        }
        // One level5_above_headcount row per member whose level-5 rate is impossible, in member order.
        #expect(c.anomalies.filter { $0.problem == "level5_above_headcount" }.map(\.key)
                    == c.members.filter { $0.impossible[S251.c("level5")] }.map(\.unit.id), "seed \(seed)")
        for board in boards { checkBoard(board, organisation: organisation, seed) }
    }

    func checkMeasures(_ f: MemberFigures, scope: [UnitID], _ w: EnginePlan251Tests.World, _ at: String) {
        for (i, m) in plan.measures.enumerated() {
            guard case .rows = m.kind else { continue }
            #expect(f.measures[i] == scope.reduce(0) { $0 + (w.facts[$1]?.counts[i] ?? 0) }, "\(at) \(m.id)")
        }
        let staff = w.staff.filter { scope.contains($0.unitID) }
        func metric(_ s: StaffRow, _ id: String) -> MetricValue { s.values[S251.k(id)] }
        let leaders = staff.filter { ["leader", "prosecutor"].contains($0.roleText) }
        #expect(f.measure(of: "active_staff") == staff.count, "\(at)")
        #expect(f.measure(of: "level5_staff") == staff.filter { (metric($0, "level_cutoff").int ?? 0) >= 5 }.count, "\(at)")
        #expect(f.measure(of: "participating_staff") == staff.filter { metric($0, "first_study").date != nil }.count, "\(at)")
        #expect(f.measure(of: "leaders_and_prosecutors") == leaders.count, "\(at)")
        #expect(f.measure(of: "proficient_staff") == leaders.filter { (metric($0, "actions_30d").int ?? 0) >= 1 }.count, "\(at)")
        #expect(f.measure(of: "qlahs_training_value") == (f.measure(of: "qlahs_classes") ?? 0) + (f.measure(of: "qlahs_hands_on") ?? 0) / 2, "\(at)")
    }

    func checkCriteria(_ f: MemberFigures, _ at: String) {
        var exact = Rational.zero
        for (i, criterion) in plan.criteria.enumerated() {
            switch criterion.kind {
            case .rate(let r):
                let n = f.value(r.numerator), d = f.value(r.denominator)
                let expected = n.flatMap { n in d.flatMap { $0 > 0 ? Fraction(n, $0) : nil } }
                #expect(f.rates[i] == expected, "\(at) \(criterion.id)")
                #expect(f.impossible[i] == (expected != nil && n! > d!), "\(at) \(criterion.id)")
                if let line = r.priorityAt {
                    #expect(f.flags[i] == ((expected.map { $0 >= line } ?? false) && !f.impossible[i]), "\(at) \(criterion.id) priority")
                    if let n, let d, d > 0 {
                        #expect(isGap(f.toPriority[i], line: line, n: n, d: d), "\(at) \(criterion.id)_to_priority")
                    } else {
                        #expect(f.toPriority[i] == nil, "\(at)")
                    }
                }
                if r.toFull { #expect(f.toFull[i] == (n.flatMap { n in d.flatMap { $0 > 0 ? max(0, $0 - n) : nil } }), "\(at) \(criterion.id)_to_full") }
            case .atLeast(let m, let k):
                #expect(f.flags[i] == ((f.value(m) ?? 0) >= k), "\(at) \(criterion.id)")
            case .count:
                #expect(f.rates[i] == nil && !f.flags[i], "\(at) \(criterion.id)")
            }
        }
        // §9, computed independently: a rate part is its rate (1 when impossible, 0 when empty), a met part 0/1.
        for (p, part) in plan.composite.enumerated() {
            let value: Rational
            switch part.column {
            case .rate(let i): value = f.rates[i].map { f.impossible[i] ? .one : Rational($0) } ?? .zero
            case .met(let i): value = f.flags[i] ? .one : .zero
            case .atLeast(let m, let k): value = (f.value(m) ?? 0) >= k ? .one : .zero
            }
            let points = Rational.weight(tenThousandths: part.weight) * value
            #expect(f.points[p] == points.rounded(), "\(at) \(part.part)")
            #expect(f.points[p] >= 0 && f.points[p] <= Rational.weight(tenThousandths: part.weight).rounded(), "\(at) \(part.part)")
            exact = exact + points
        }
        #expect(f.composite == exact.rounded(), "\(at)")
        #expect(f.composite >= 0 && f.composite <= 100, "\(at)")
        // The rounded parts add up to the composite within their rounding (half a unit of the 4th decimal each).
        let drift = abs(f.points.reduce(0, +) - f.composite)
        #expect(drift <= Decimal(plan.composite.count + 1) * Decimal(string: "0.00005")!, "\(at) drift \(drift)")
    }

    func checkRanks(_ f: MemberFigures, bloc rows: [MemberFigures], _ at: String) {
        for (i, criterion) in plan.criteria.enumerated() {
            guard let r = criterion.rate, r.rank else {
                #expect(f.ranks[i] == nil && f.toFirst[i] == nil, "\(at) \(criterion.id)")
                continue
            }
            let ranked = rows.compactMap { $0.impossible[i] ? nil : $0.rates[i] }
            guard let mine = f.impossible[i] ? nil : f.rates[i], let leader = ranked.max() else {
                #expect(f.ranks[i] == nil && f.toFirst[i] == nil, "\(at) \(criterion.id) unranked")
                continue
            }
            #expect(f.ranks[i] == 1 + ranked.filter { $0 > mine }.count, "\(at) \(criterion.id)_rank")
            #expect(isGap(f.toFirst[i], line: leader, n: f.value(r.numerator)!, d: f.value(r.denominator)!), "\(at) \(criterion.id)_to_first")
            #expect((f.toFirst[i] == 0) == (mine == leader), "\(at) \(criterion.id) leader")
        }
        #expect(f.compositeRank == 1 + rows.filter { $0.composite > f.composite }.count, "\(at) composite_rank")
    }

    func checkMilestones(_ rows: [MilestoneFigure], _ f: MemberFigures, asOf: Day, _ at: String) {
        #expect(rows.map(\.milestone) == Array(plan.milestones.indices), "\(at)")
        for row in rows {
            let id = plan.milestones[row.milestone].id, here = "\(at) \(id)"
            #expect(row.deadline == plan.milestones[row.milestone].deadline, "\(here)")
            switch plan.milestones[row.milestone].kind {
            case .allDone(let value, let target, _, _, _):
                #expect(row.value == (f.measures[value] ?? 0) && row.target == (f.measures[target] ?? 0), "\(here)")
            case .stateFrom(let value, let target, _):
                if asOf < row.deadline {
                    #expect(row.status == .pending, "\(here)")
                } else if (f.value(target) ?? 0) > 0 {
                    #expect(row.value == f.value(value) && row.target == f.value(target), "\(here)")
                    #expect((row.status == .met) == (row.value == row.target), "\(here)")
                }
            case .restates(let c, _):
                // value / target is the restated rate, exactly.
                if row.target > 0 { #expect(Fraction(row.value, row.target) == f.rates[c], "\(here)") }
                #expect(row.target == (f.value(plan.criteria[c].rate!.denominator) ?? 0), "\(here)")
            case .firstReached(let measure, let k):
                #expect(row.value == (f.measures[measure] ?? 0) && row.target == k, "\(here)")
            }
            if row.status == .met || row.status == .metLate { #expect(row.value >= row.target && row.target > 0, "\(here)") }
            // state_from decides on the deadline day itself; the others after it.
            let decided: Bool
            if case .stateFrom = plan.milestones[row.milestone].kind { decided = asOf >= row.deadline } else { decided = asOf > row.deadline }
            if row.status == .missed { #expect(decided, "\(here)") }
            if row.status == .pending || row.status == .atRisk { #expect(!decided, "\(here)") }
            if row.status == .metLate { #expect(row.completedOn.map { $0 > row.deadline } == true, "\(here)") }
            if let done = row.completedOn { #expect(done <= asOf, "\(here)") }
            if let projected = row.projectedOn { #expect(projected > asOf && row.value < row.target, "\(here)") }
        }
    }

    func checkShortlist(_ list: [Nomination], bloc: Bloc, rows: [MemberFigures], staff: [StaffRow], _ seed: Int) {
        let at = "seed \(seed) \(bloc.id)"
        let quota = plan.quotas.collective(members: bloc.members.count)
        let disciplined = Set(staff.filter { $0.values[S251.k("disciplined")].bool }.map(\.unitID))
        let excluded = Set(bloc.members.filter { $0.scope.contains(where: disciplined.contains) }.map(\.unit.id))
        #expect(list.count == bloc.members.count && list.allSatisfy { $0.quota == quota && $0.nomineeKind == .unit }, "\(at)")
        #expect(Set(list.filter { $0.status == .excluded }.map(\.nomineeID)) == excluded, "\(at)")
        #expect(list.filter { $0.status == .excluded }.allSatisfy { $0.reason == "discipline" && $0.position == nil }, "\(at)")
        let eligible = list.filter { $0.status != .excluded }
        #expect(eligible.map(\.position) == eligible.indices.map { $0 + 1 }, "\(at)")
        #expect(eligible.map(\.status) == eligible.indices.map { $0 < quota ? .proposed : .reserve }, "\(at)")
        // Eligible units in the plan's order: e2e priority first, then composite, then unit_id.
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.unit.id, $0) })
        let keys = eligible.compactMap { byID[$0.nomineeID] }.map { ($0.flag(of: "e2e") ? 0 : 1, -$0.composite, $0.unit.id) }
        #expect(keys.elementsEqual(keys.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }, by: ==), "\(at) order")
    }

    func checkBoard(_ board: PlanEvaluation.StaffBoard, organisation: Organisation, _ seed: Int) {
        guard case .staff(let owner)? = board.bloc else { return }
        let at = "seed \(seed) staff:\(owner)"
        func int(_ s: StaffRow, _ id: String) -> Int { s.values[S251.k(id)].int ?? 0 }
        func bool(_ s: StaffRow, _ id: String) -> Bool { s.values[S251.k(id)].bool }
        let top = board.standings.map { int($0.row, "cases_e2e") }.max() ?? 0
        for s in board.standings {
            let r = s.row
            // §19's score: 40 × cases_e2e / bloc max, 20 clean record, 20 × level / 10, 10 trainer or core, 10 initiative.
            var exact = top > 0 ? Rational(40 * int(r, "cases_e2e"), top)! : .zero
            if int(r, "cases_total") > 0 && int(r, "stale_records") == 0 && int(r, "error_records") == 0 { exact = exact + Rational(20) }
            exact = exact + Rational(20 * min(max(int(r, "level_now"), 0), 10), 10)!
            if int(r, "trainings_led") >= 1 || bool(r, "core_group_member") { exact = exact + Rational(10) }
            if int(r, "initiatives_recognized") >= 1 { exact = exact + Rational(10) }
            #expect(s.score == exact.rounded(), "\(at) \(r.staffID)")
            #expect(s.rank == 1 + board.standings.filter { $0.score > s.score }.count, "\(at) \(r.staffID)")
        }
        guard let unit = organisation.byID[owner] else { return }
        let quota = unit.kind == .sppUnit ? 1 : plan.quotas.individualProvincial(headcount: organisation.province(owner)?.headcount ?? unit.headcount ?? 0)
        #expect(board.nominations.allSatisfy { $0.quota == quota && $0.nomineeKind == .staff }, "\(at)")
        #expect(board.nominations.filter { $0.status == .proposed }.count == min(quota, board.nominations.filter { $0.status != .excluded }.count), "\(at)")
        #expect(Set(board.nominations.filter { $0.status == .excluded }.map(\.nomineeID))
                    == Set(board.standings.filter { bool($0.row, "disciplined") }.map(\.row.staffID)), "\(at)")
    }
}
