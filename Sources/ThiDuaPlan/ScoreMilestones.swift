import ThiDuaCore

/// §10 individual score and §11 milestones.
extension PlanChecker {
    /// A staff metric by name (`unknown_metric`); marks it used.
    func metricRef(_ node: YNode, _ path: Path) -> Int? {
        guard let s = text(node, path, what: "a staff metric") else { return nil }
        guard let i = metricNames.lookup(s) else {
            error("unknown_metric", node.pos, path, "no staff metric named \(quoted(s))\(suggestion(s, metricNames.names))")
            return nil
        }
        usedMetrics.insert(i)
        return i
    }

    /// A metric of the given type; `kind_mismatch` when its type is known and differs.
    func metricRef(_ node: YNode, _ path: Path, type: MetricType, why: String) -> Int? {
        guard let i = metricRef(node, path) else { return nil }
        if let t = metricTypes[i], t != type {
            error("kind_mismatch", node.pos, path, "\(why) needs \(type == .int ? "an int" : type == .bool ? "a boolean" : "a date") metric; \(quoted(metricNames.names.first { metricNames.index[$0] == i } ?? "")) is not one")
            return nil
        }
        return i
    }

    func readScore(_ individuals: MapView) {
        let path = individuals.path.key("score")
        guard let node = require(individuals, "score"), let items = list(node, path, what: "score parts") else { incomplete = true; return }
        var total = 0
        var weightsOK = true
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            let view = map(item, p, PlanGrammar.scorePart)
            scoreViews.append(view)
            guard let m = view else { score.append(nil); weightsOK = false; continue }
            let id = declareID(&scoreNames, m, item: i, what: "score part", key: "part")
            let weight = require(m, "weight").flatMap { self.weight($0, p.key("weight")) }
            if let weight { total = total.addingReportingOverflow(weight).partialValue } else { weightsOK = false }
            let label = optionalLabel(m)
            let kind = kindKey(m, PlanGrammar.scorePart.kinds, what: "a score part")
            for key in kind.map(PlanGrammar.scorePart.foreignKeys) ?? [] {
                guard let e = m.entry(key), let owner = PlanGrammar.scorePart.key(key)?.kinds?.first else { continue }
                error("unknown_key", e.keyPos, p.key(key), "\(quoted(key)) belongs to a \(owner) part")
            }
            var result: ScoreKind?
            switch kind {
            case "share_of_bloc_max"?:
                result = m.value("share_of_bloc_max").flatMap { metricRef($0, p.key("share_of_bloc_max"), type: .int, why: "share_of_bloc_max") }
                    .map { .shareOfBlocMax(metric: $0) }
            case "when"?:
                if let id, let partNode = m.value("part"), metricNames.lookup(id) != nil {
                    error("duplicate_id", partNode.pos, p.key("part"), "a when part cannot take the name of the staff metric \(quoted(id))")
                }
                result = m.value("when").flatMap { condition($0, p.key("when"), .staff) }.map { .when($0) }
            case "scaled"?:
                let metric = m.value("scaled").flatMap { metricRef($0, p.key("scaled"), type: .int, why: "scaled") }
                let k = require(m, "max").flatMap { int($0, p.key("max"), 1...1_000_000_000_000, what: "max (≥ 1)") }
                if let metric, let k { result = .scaled(metric: metric, max: k) }
            case "ratio"?:
                let metric = m.value("ratio").flatMap { metricRef($0, p.key("ratio"), type: .int, why: "ratio") }
                let over = require(m, "over").flatMap { metricRef($0, p.key("over"), type: .int, why: "over") }
                if let metric, let over { result = .ratio(metric: metric, over: over) }
            default: break
            }
            guard let id, let weight, let label, let result else { score.append(nil); continue }
            score.append(ScorePart(id: id, weight: weight, kind: result, label: label))
        }
        if weightsOK && total != 1_000_000 {
            error("weights_sum", node.pos, path, "the score weights add up to \(PlanChecker.points(total)), not 100")
        }
    }

    // MARK: milestones (§11)

    func readMilestones(_ top: MapView) {
        let path = top.path.key("milestones")
        guard let node = require(top, "milestones"), let items = list(node, path, what: "milestones") else { incomplete = true; return }
        var names = Namespace()
        let spec = PlanGrammar.milestone
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, spec) else {
                milestones.append(nil); continue
            }
            let id = declareID(&names, m, item: i, what: "milestone")
            let label = require(m, "label").flatMap { self.label($0, p.key("label")) }
            let clause = require(m, "clause").flatMap { text($0, p.key("clause")) }
            let deadline = require(m, "deadline").flatMap { staticDay($0, p.key("deadline")) }
            var kind: MilestoneKind?
            if let kn = require(m, "kind"), let k = text(kn, p.key("kind"), what: "a milestone kind") {
                if spec.kinds.contains(k) {
                    var ok = true
                    let foreign = spec.foreignKeys(for: k)
                    for e in m.entries where foreign.contains(e.key ?? "") {
                        error("unknown_key", e.keyPos, p.key(e.key ?? ""), "\(quoted(e.key ?? "")) does not apply to a \(k) milestone")
                        ok = false
                    }
                    let read = milestoneKind(k, m)
                    kind = ok ? read : nil
                } else {
                    error("value_type", kn.pos, p.key("kind"), "\(quoted(k)) is not a milestone kind\(suggestion(k, spec.kinds))")
                }
            }
            guard let id, let label, let clause, let deadline, let kind else { milestones.append(nil); continue }
            milestones.append(Milestone(id: id, kind: kind, label: label, clause: clause, deadline: deadline))
        }
    }

    private func whenEmpty(_ m: MapView) -> MilestoneStatus? {
        guard let n = require(m, "when_empty"), let s = text(n, m.path.key("when_empty"), what: "no_data or not_applicable") else { return nil }
        guard PlanGrammar.whenEmpty.contains(s), let status = MilestoneStatus(rawValue: s) else {
            error("value_type", n.pos, m.path.key("when_empty"), "\(quoted(s)) is not no_data or not_applicable")
            return nil
        }
        return status
    }

    private func milestoneKind(_ kind: String, _ m: MapView) -> MilestoneKind? {
        let p = m.path
        switch kind {
        case "all_done":
            let valueNode = require(m, "value")
            let value = valueNode.flatMap { measureRef($0, p.key("value")) }
            let target = require(m, "target").flatMap { measureRef($0, p.key("target")) }
            let empty = whenEmpty(m)
            var pace: Int? = 14
            if let n = m.value("pace_days") { pace = int(n, p.key("pace_days"), 1...36600, what: "pace_days") }
            let doneNode = require(m, "done_on")
            guard let value, let target, let doneNode, let valueNode else { return nil }
            guard let vm = measure(value), let tm = measure(target) else {
                if isSound(value) && isSound(target) {
                    error("milestone_items", valueNode.pos, p.key("value"), "all_done counts items: value and target must be count measures, not headcount")
                }
                return nil
            }
            var doneOn: DoneOn?
            switch (vm.kind, tm.kind) {
            case (.rows(let rv, let wv), .rows(let rt, let wt)) where rv == rt && Containment.contained(wt, in: wv):
                guard let name = text(doneNode, p.key("done_on"), what: "a date column"), let r = WarehouseContract.relation(rv) else { return nil }
                guard let c = r.column(name) else {
                    error("unknown_column", doneNode.pos, p.key("done_on"), "\(rv) has no column \(quoted(name))\(suggestion(name, r.columns.map(\.name)))")
                    return nil
                }
                guard c.type == .date else {
                    error("kind_mismatch", doneNode.pos, p.key("done_on"), "\(rv).\(name) is not a date column")
                    return nil
                }
                doneOn = .column(name)
            case (.staff(let wv), .staff(let wt)) where Containment.contained(wt, in: wv):
                doneOn = metricRef(doneNode, p.key("done_on"), type: .date, why: "done_on").map { .metric($0) }
            default:
                error("milestone_items", valueNode.pos, p.key("value"),
                      "value and target must count the same relation (or both staff), every condition of \(tm.id) repeated in \(vm.id)")
                return nil
            }
            guard let doneOn, let empty, let pace, case .measure(let vi) = value, case .measure(let ti) = target else { return nil }
            return .allDone(value: vi, target: ti, doneOn: doneOn, whenEmpty: empty, paceDays: pace)
        case "state_from":
            let value = require(m, "value").flatMap { measureRef($0, p.key("value")) }
            let target = require(m, "target").flatMap { measureRef($0, p.key("target")) }
            let empty = whenEmpty(m)
            guard let value, let target, let empty else { return nil }
            return .stateFrom(value: value, target: target, whenEmpty: empty)
        case "restates":
            let empty = whenEmpty(m)
            guard let n = require(m, "criterion"), let i = criterionRef(n, p.key("criterion")) else { return nil }
            guard let c = criteria[i] else { return nil }
            guard c.rate != nil else {
                error("kind_mismatch", n.pos, p.key("criterion"), "restates a rate criterion; \(quoted(c.id)) is not a rate")
                return nil
            }
            return empty.map { .restates(criterion: i, whenEmpty: $0) }
        default: // first_reached
            let k = require(m, "k").flatMap { int($0, p.key("k"), 1...1_000_000_000_000, what: "k (≥ 1)") }
            guard let n = require(m, "measure"), let ref = measureRef(n, p.key("measure")) else { return nil }
            guard let reachable = firstReachable(ref, depth: 0) else { return nil }
            guard reachable, case .measure(let i) = ref else {
                error("kind_mismatch", n.pos, p.key("measure"),
                      "first_reached needs count measures (or +, //, k * of them), each with exactly one top-level within on a date column")
                return nil
            }
            return k.map { .firstReached(measure: i, k: $0) }
        }
    }

    /// §11 first_reached: a `count: R` measure with exactly one top-level `within` on a date column of
    /// R, or an expression of such; nil when a measure on the way is broken.
    private func firstReachable(_ ref: MeasureRef, depth: Int) -> Bool? {
        guard case .measure(let i) = ref else { return false }
        guard depth < 64, i < measures.count, let m = measures[i] else { return depth < 64 ? nil : false }
        switch m.kind {
        case .rows(let rel, let w):
            guard let r = WarehouseContract.relation(rel), case .all(let entries) = w else { return false }
            let dated = entries.filter { e in
                guard case .test(.column(let c), let tests) = e, r.column(c)?.type == .date else { return false }
                return tests.contains { if case .within = $0 { return true }; return false }
            }
            return dated.count == 1
        case .staff: return false
        case .expr(let items):
            var all = true
            for item in items {
                guard let ok = firstReachable(item.ref, depth: depth + 1) else { return nil }
                all = all && ok
            }
            return all
        }
    }

    /// A criterion by name (`unknown_criterion`).
    func criterionRef(_ node: YNode, _ path: Path) -> Int? {
        guard let s = text(node, path, what: "a criterion") else { return nil }
        guard let i = criterionNames.lookup(s) else {
            error("unknown_criterion", node.pos, path, "no criterion named \(quoted(s))\(suggestion(s, criterionNames.names))")
            return nil
        }
        return i
    }
}
