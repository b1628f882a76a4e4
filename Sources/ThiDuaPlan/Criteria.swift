import ThiDuaCore

/// §8 criteria and §9 composite.
extension PlanChecker {
    func readCriteria(_ top: MapView) {
        let path = top.path.key("criteria")
        guard let items = require(top, "criteria").flatMap({ list($0, path, what: "criteria") }) else { incomplete = true; return }
        let views = items.enumerated().map { map($0.element, path.index($0.offset), PlanGrammar.criterion) }
        criterionViews = views
        for (i, m) in views.enumerated() { declareID(&criterionNames, m, item: i, what: "criterion") }
        criteria = views.map { m in m.flatMap(criterion) }
    }

    private func criterion(_ m: MapView) -> Criterion? {
        let p = m.path
        guard let kindNode = require(m, "kind"), let kind = text(kindNode, p.key("kind"), what: "a criterion kind") else { return nil }
        let spec = PlanGrammar.criterion
        guard spec.kinds.contains(kind) else {
            error("value_type", kindNode.pos, p.key("kind"), "\(quoted(kind)) is not rate, at_least or count\(suggestion(kind, spec.kinds))")
            return nil
        }
        var ok = true
        let foreign = spec.foreignKeys(for: kind)
        for e in m.entries {
            guard let k = e.key, foreign.contains(k) else { continue }
            error("unknown_key", e.keyPos, p.key(k), "\(quoted(k)) does not apply to a \(kind) criterion")
            ok = false
        }
        let label = require(m, "label").flatMap { self.label($0, p.key("label")) }
        let clause = require(m, "clause").flatMap { text($0, p.key("clause")) }
        let doc = optionalText(m, "doc")
        let cid = m.value("id")?.scalar ?? ""
        var result: CriterionKind?
        switch kind {
        case "rate":
            let num = require(m, "numerator").flatMap { measureRef($0, p.key("numerator")) }
            let den = require(m, "denominator").flatMap { measureRef($0, p.key("denominator")) }
            let rank = flag(m, "rank", default: false)
            let toFull = flag(m, "to_full", default: false)
            var priority: Fraction??  = .some(nil)
            if let n = m.value("priority_at") {
                priority = decimal(n, p.key("priority_at"), maxPlaces: 6, what: "priority_at").flatMap { d -> Fraction?? in
                    guard let f = d.exact, !d.negative, f <= Fraction.one else {
                        error("rate_range", n.pos, p.key("priority_at"), "priority_at must lie in 0…1")
                        return nil
                    }
                    return .some(f)
                }
            }
            var problem: String? = "rate_above_one"
            if let n = m.value("impossible_problem") { problem = id(n, p.key("impossible_problem")) }
            if let num, let den, let rank, let toFull, let priority, let problem {
                result = .rate(RateRule(numerator: num, denominator: den, rank: rank, priorityAt: priority, toFull: toFull,
                                        impossibleProblem: problem, boundedByOne: boundedByOne(num, den)))
            }
        case "at_least":
            let ref = require(m, "measure").flatMap { measureRef($0, p.key("measure")) }
            let k = require(m, "k").flatMap { int($0, p.key("k"), 1...1_000_000_000_000, what: "k (≥ 1)") }
            if let ref, let k { result = .atLeast(measure: ref, k: k) }
        default:
            if let n = m.value("measure") {
                result = measureRef(n, p.key("measure")).map { .count(measure: $0) }
            } else if let idNode = m.value("id"), PlanChecker.isID(cid) {
                if let i = measureNames.lookup(cid) {
                    usedMeasures.insert(i)
                    result = .count(measure: .measure(i))
                } else {
                    error("unknown_measure", idNode.pos, p.key("id"),
                          "a count criterion without `measure` counts the measure \(quoted(cid)), and there is none\(suggestion(cid, measureNames.names))")
                }
            }
        }
        guard ok, let result, let label, let clause, let doc else { return nil }
        return Criterion(id: cid, kind: result, label: label, clause: clause, doc: doc)
    }

    /// §8: the dictionary maximum 1 holds when both count the same relation (or both count staff)
    /// and the denominator's conditions are contained in the numerator's.
    func boundedByOne(_ num: MeasureRef, _ den: MeasureRef) -> Bool {
        guard let n = measure(num)?.kind, let d = measure(den)?.kind else { return false }
        switch (n, d) {
        case (.rows(let rn, let wn), .rows(let rd, let wd)): return rn == rd && Containment.contained(wd, in: wn)
        case (.staff(let wn), .staff(let wd)): return Containment.contained(wd, in: wn)
        default: return false
        }
    }

    // MARK: composite (§9)

    /// unit_metrics' integer measure columns (§9): headcount, rate parts, count criteria, published measures.
    func integerColumns() -> [(name: String, ref: MeasureRef)] {
        var out: [(String, MeasureRef)] = [("headcount", .headcount)]
        func add(_ name: String, _ ref: MeasureRef) { if !out.contains(where: { $0.0 == name }) { out.append((name, ref)) } }
        for c in criteria.compactMap({ $0 }) {
            switch c.kind {
            case .rate(let r):
                for ref in [r.denominator, r.numerator] { if let m = measure(ref) { add(m.id, ref) } }
            case .count(let ref): add(c.id, ref)
            case .atLeast: break
            }
        }
        for (i, m) in measures.enumerated() { if let m, m.publish { add(m.id, .measure(i)) } }
        return out
    }

    func readComposite(_ top: MapView) {
        guard let node = require(top, "composite"),
              let m = map(node, top.path.key("composite"), PlanGrammar.composite),
              let partsNode = require(m, "parts"),
              let items = list(partsNode, m.path.key("parts"), what: "composite parts") else { incomplete = true; return }
        compositeNode = partsNode
        let ints = integerColumns()
        var seen: [String: Pos] = [:]
        var total = 0
        var weightsOK = true
        for (i, item) in items.enumerated() {
            let p = m.path.key("parts").index(i)
            let pm = map(item, p, PlanGrammar.compositePart)
            partViews.append(pm)
            guard let pm else { composite.append(nil); weightsOK = false; continue }
            let weight = require(pm, "weight").flatMap { self.weight($0, p.key("weight")) }
            if let weight { total = total.addingReportingOverflow(weight).partialValue } else { weightsOK = false }
            let label = optionalLabel(pm)
            guard let partNode = require(pm, "part"), let name = text(partNode, p.key("part"), what: "a column") else {
                composite.append(nil); continue
            }
            if let first = seen[name] {
                error("duplicate_id", partNode.pos, p.key("part"), "\(quoted(name)) is already a part (line \(first.line))")
            }
            seen[name] = seen[name] ?? partNode.pos
            let column = partColumn(name, pm, partNode, p, ints)
            guard let column, let weight, let label else { composite.append(nil); continue }
            composite.append(CompositePart(part: name, column: column, weight: weight, label: label ?? defaultLabel(name, column)))
        }
        if weightsOK && total != 1_000_000 {
            error("weights_sum", partsNode.pos, m.path.key("parts"), "the weights add up to \(PlanChecker.points(total)), not 100")
        }
    }

    /// A weight: a decimal ≥ 0 with at most 4 decimals, in ten-thousandths (§2, §9).
    func weight(_ node: YNode, _ path: Path) -> Int? {
        guard let d = decimal(node, path, maxPlaces: 4, what: "a weight") else { return nil }
        guard !d.negative || d.scaled(to: 4) == 0 else {
            error("negative_weight", node.pos, path, "a weight is 0 or more")
            return nil
        }
        return d.scaled(to: 4)
    }

    static func points(_ tenThousandths: Int) -> String {
        let whole = tenThousandths / 10_000
        var frac = String(abs(tenThousandths % 10_000))
        while frac.count < 4 { frac = "0" + frac }
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? "\(whole)" : "\(whole).\(frac)"
    }

    private func partColumn(_ name: String, _ pm: MapView, _ node: YNode, _ p: Path, _ ints: [(name: String, ref: MeasureRef)]) -> PartColumn? {
        let atLeastEntry = pm.entry("at_least")
        func criterionPart(_ suffix: String) -> Int?? {
            guard name.hasSuffix(suffix) else { return nil }
            let cid = String(name.dropLast(suffix.count))
            guard let i = criterionNames.lookup(cid) else { return nil }
            guard let c = criteria[i] else { return .some(nil) }
            switch (suffix, c.kind) {
            case ("_rate", .rate), ("_met", .atLeast): return .some(i)
            default: return nil
            }
        }
        for suffix in ["_rate", "_met"] {
            guard let found = criterionPart(suffix) else { continue }
            guard let i = found else { return nil }
            if let e = atLeastEntry {
                error("unknown_key", e.keyPos, p.key("at_least"), "at_least applies to integer columns, not to \(name)")
                return nil
            }
            return suffix == "_rate" ? .rate(criterion: i) : .met(criterion: i)
        }
        if let col = ints.first(where: { $0.name == name }) {
            guard atLeastEntry != nil else {
                error("missing_key", pm.node.pos, p.key("at_least"), "an integer column is a part with at_least: k (1 when ≥ k)")
                return nil
            }
            guard let k = int(atLeastEntry!.value, p.key("at_least"), 1...1_000_000_000_000, what: "at_least (≥ 1)") else { return nil }
            return .atLeast(col.ref, k: k)
        }
        // A name whose declaration is broken stays silent (§17: no cascading).
        for suffix in ["_rate", "_met"] where name.hasSuffix(suffix) {
            if let i = criterionNames.lookup(String(name.dropLast(suffix.count))), criteria[i] == nil { return nil }
        }
        if let i = measureNames.lookup(name), measures[i] == nil { return nil }
        if criteria.contains(where: { $0 == nil }) && criterionNames.lookup(name) != nil { return nil }
        let candidates = ints.map(\.name) + criteria.compactMap { c -> String? in
            switch c?.kind {
            case .rate?: return c.map { $0.id + "_rate" }
            case .atLeast?: return c.map { $0.id + "_met" }
            default: return nil
            }
        }
        let hint = measureNames.lookup(name) != nil ? " (the measure has no unit_metrics column: publish it or use it in a criterion)" : ""
        error("unknown_column_ref", node.pos, p.key("part"), "no rate, met or integer column named \(quoted(name))\(hint)\(suggestion(name, candidates))")
        return nil
    }

    /// §2: the criterion's label, else the measure's, else the id; ` ≥ k` for an at_least part.
    private func defaultLabel(_ name: String, _ column: PartColumn) -> Label {
        switch column {
        case .rate(let i), .met(let i): return criteria[i]?.label ?? Label(id: name)
        case .atLeast(let ref, let k):
            let base = criteria.compactMap { $0 }.first { c in
                if case .count = c.kind { return c.id == name }
                return false
            }?.label ?? measure(ref)?.label ?? Label(id: name)
            return Label(vi: base.vi + " ≥ \(k)", en: base.en + " ≥ \(k)")
        }
    }
}
