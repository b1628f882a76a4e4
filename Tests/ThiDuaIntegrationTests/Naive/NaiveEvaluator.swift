import Foundation
import Postgres
@testable import ThiDuaCore

/// The differential test's oracle (PLAN-LANGUAGE.md §22 decision 10): evaluates a typed plan the
/// naive way — every relation read whole with `SELECT *`, every figure computed row by row in
/// memory straight from the text of the language (§3–§15) — sharing no code with the engine's
/// compiler. Slow on purpose; meant for warehouses of tens of units and hundreds of rows.
enum NaiveEvaluator {
    /// Reads `schema`'s 15 relations and evaluates `plan` as of `asOf`.
    static func evaluate(plan: Plan, asOf: Day, connection: Connection, schema: String = "thidua") throws -> NaiveResult {
        let warehouse = try NaiveWarehouse.read(connection, schema: schema, asOf: asOf)
        return evaluate(plan: plan, asOf: asOf, warehouse: warehouse)
    }

    /// Evaluates `plan` on rows already read (one per key, replay rule applied).
    static func evaluate(plan: Plan, asOf: Day, warehouse: NaiveWarehouse) -> NaiveResult {
        let days = NaiveDays(plan: plan, asOf: asOf)
        let conditions = NaiveConditions(days: days)
        let facts = NaiveFacts(warehouse: warehouse)
        let people = NaiveStaffMetrics(facts: facts, conditions: conditions).people(plan: plan)
        let org = NaiveOrganisation(unitRows: warehouse.relation("unit"), subKinds: plan.subKinds)
        let measures = NaiveMeasures(plan: plan, facts: facts, conditions: conditions, people: people)
        let milestones = NaiveMilestones(plan: plan, days: days, measures: measures)
        let awards = NaiveAwards(plan: plan, days: days, conditions: conditions)

        var result = NaiveResult()
        var impossible: [Anomaly] = []
        var overflow: [Anomaly] = []
        var unitShortlists: [NaiveShortlistRow] = []
        for bloc in org.blocs {
            let standing = NaiveCriteria.standing(plan: plan, bloc: bloc.id, members: bloc.members, measures: measures)
            impossible += standing.impossibleRows
            for (f, over) in zip(standing.figures, standing.overflowed) {
                result.members.append(f)
                for m in over {
                    overflow.append(Anomaly(relation: "unit", key: f.unit.id, problem: "integer_overflow",
                                            detail: "bloc=\(bloc.id) \(plan.measures[m].id)"))
                }
                if let member = bloc.members.first(where: { $0.unit.id == f.unit.id }) {
                    result.milestones += milestones.figures(member: member, figures: f)
                }
            }
            unitShortlists += awards.unitShortlist(bloc: bloc.id, members: bloc.members, figures: standing.figures, people: people)
        }

        // Staff blocs by owner id: active staff of a known unit.
        let owners = Set(org.staffOwner.values).sorted(by: naiveBytesLess)
        var staffShortlists: [NaiveShortlistRow] = []
        let byID = Dictionary(people.map { ($0.staffID, $0) }, uniquingKeysWith: { a, _ in a })
        for owner in owners {
            let members = people.filter { $0.unitID.flatMap { org.staffOwner[$0] } == owner }
            guard !members.isEmpty, let unit = org.units[owner] else { continue }
            let figures = NaiveScore.bloc(plan: plan, owner: owner, people: members, conditions: conditions)
            result.staff += figures
            for f in figures {
                for m in f.row.overflowed.sorted() {
                    overflow.append(Anomaly(relation: "staff", key: f.row.staffID, problem: "integer_overflow",
                                            detail: "bloc=\(BlocID.staff(owner)) \(plan.metrics[m].id)"))
                }
            }
            let quota = awards.individualQuota(owner: unit, provinceHeadcount: org.provinceMember(owner)?.headcount)
            staffShortlists += awards.staffShortlist(bloc: .staff(owner), quota: quota, figures: figures, people: byID)
        }
        result.shortlist = staffShortlists + unitShortlists
        result.anomalies = impossible + overflow
        result.dossiers = awards.dossiers(warehouse.relation("award_dossier"))
        result.records = awards.records(facts.facts("case_record"))
        return result
    }
}
