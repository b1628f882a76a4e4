import ThiDuaCore

/// §6: unit measures.
extension PlanChecker {
    func declareMeasures(_ items: [YNode], _ path: Path) {
        for (i, item) in items.enumerated() {
            let m = map(item, path.index(i), PlanGrammar.measure)
            measureNodes.append(m)
            declareID(&measureNames, m, item: i, what: "measure", reserved: ["headcount"])
        }
    }

    func readMeasures(_ items: [YNode], _ path: Path) {
        var refs: [[Int]] = Array(repeating: [], count: items.count)
        var explicitUnit: [Bool] = []
        for i in items.indices {
            guard let m = measureNodes[i], let kind = kindKey(m, PlanGrammar.measure.kinds, what: "a measure"),
                  let id = m.value("id")?.scalar, let kn = m.value(kind) else {
                measures.append(nil)
                explicitUnit.append(false)
                continue
            }
            let kp = m.path.key(kind)
            var result: MeasureKind?
            var unit = ""
            var exprText: String?
            if kind == "count" {
                if let name = text(kn, kp, what: "a relation or staff") {
                    if name == "staff" {
                        let w = m.value("where").map { condition($0, m.path.key("where"), .staff) } ?? .always
                        if let w { result = .staff(where: w) }
                        unit = "people"
                    } else if let r = WarehouseContract.relation(name) {
                        if r.unitColumn == nil || !r.isFact {
                            error("kind_mismatch", kn.pos, kp, "\(name) has no unit column: count it per staff member (a staff metric) and count staff")
                        } else {
                            let w = m.value("where").map { condition($0, m.path.key("where"), .relation(r, inMetric: false)) } ?? .always
                            if let w { result = .rows(relation: r.name, where: w) }
                            unit = r.rowUnit ?? "rows"
                        }
                    } else {
                        error("unknown_relation", kn.pos, kp, "no relation named \(quoted(name))"
                              + suggestion(name, WarehouseContract.relations.filter { $0.unitColumn != nil }.map(\.name) + ["staff"]))
                    }
                }
            } else {
                for k in PlanGrammar.measure.foreignKeys(for: kind) {
                    if let e = m.entry(k) { error("unknown_key", e.keyPos, m.path.key(k), "an expression has no \(k) (its operands have theirs)") }
                }
                if let t = text(kn, kp, what: "an expression") {
                    exprText = t
                    if let items = expression(t, kn, kp) {
                        result = .expr(items)
                        refs[i] = items.compactMap { if case .measure(let j) = $0.ref { return j }; return nil }
                    }
                }
            }
            let label = optionalLabel(m)
            let doc = optionalText(m, "doc")
            let unitText = optionalText(m, "unit")
            let publish = flag(m, "publish", default: false)
            explicitUnit.append((unitText ?? nil) != nil)
            if let result, let label, let doc, let unitText, let publish, m.value("where") == nil || kind == "count" {
                measures.append(Measure(id: id, kind: result, label: label, unit: unitText ?? unit, publish: publish,
                                        doc: doc, exprText: exprText))
            } else {
                measures.append(nil)
            }
        }
        // Cycles among expressions: one error per cycle, at its first measure in the file.
        for c in Graph.cycles(refs) {
            let names = c.compactMap { measureNodes[$0]?.value("id")?.scalar }
            if let first = measureNodes[c[0]], let idNode = first.value("id") {
                error("cycle", idNode.pos, first.path.key("id"),
                      "the expressions refer to each other in a cycle: \((names + [names.first ?? ""]).joined(separator: " → "))")
            }
            for j in c { measures[j] = nil }
        }
        // An expression's default unit: that of its first operand.
        for i in measures.indices where !explicitUnit[i] {
            guard case .expr? = measures[i]?.kind else { continue }
            var seen: Set<Int> = [i]
            var at = i
            var unit: String?
            while unit == nil {
                guard case .expr(let items)? = measures[at]?.kind, let first = items.first else { break }
                switch first.ref {
                case .headcount: unit = "people"
                case .measure(let j):
                    guard !seen.contains(j), let mj = measures[j] else { unit = ""; break }
                    if case .expr = mj.kind { seen.insert(j); at = j } else { unit = mj.unit }
                }
            }
            measures[i]?.unit = unit ?? ""
        }
    }

    /// `e := item ("+" item)*` with names resolved (`unknown_measure`).
    private func expression(_ t: String, _ node: YNode, _ path: Path) -> [ExprItem]? {
        let parsed: [ExpressionParser.Item]
        do {
            parsed = try ExpressionParser.measure(t)
        } catch {
            self.error("expression", node.pos, path, "\(quoted(t)) is not a measure expression: \(error.message)")
            return nil
        }
        var out: [ExprItem] = []
        for item in parsed {
            let name: String
            switch item {
            case .plain(let n), .floorDiv(let n, _), .times(_, let n): name = n
            }
            guard let ref = measureRef(name, node, path) else { return nil }
            switch item {
            case .plain: out.append(.plain(ref))
            case .floorDiv(_, let k): out.append(.floorDiv(ref, k))
            case .times(let k, _): out.append(.times(k, ref))
            }
        }
        return out
    }

    /// A measure id or `headcount` (§6); `unknown_measure` otherwise. Marks the measure used.
    func measureRef(_ name: String, _ node: YNode, _ path: Path) -> MeasureRef? {
        if name == "headcount" { return .headcount }
        guard let i = measureNames.lookup(name) else {
            error("unknown_measure", node.pos, path, "no measure named \(quoted(name))\(suggestion(name, measureNames.names + ["headcount"]))")
            return nil
        }
        usedMeasures.insert(i)
        return .measure(i)
    }

    /// A measure reference written at `node`.
    func measureRef(_ node: YNode, _ path: Path) -> MeasureRef? {
        guard let s = text(node, path, what: "a measure") else { return nil }
        return measureRef(s, node, path)
    }

    /// The measure at a reference, when it was read without error.
    func measure(_ ref: MeasureRef) -> Measure? {
        if case .measure(let i) = ref, i < measures.count { return measures[i] }
        return nil
    }

    /// Is the reference usable (headcount, or a measure read without error)?
    func isSound(_ ref: MeasureRef) -> Bool {
        if case .measure(let i) = ref { return i < measures.count && measures[i] != nil }
        return true
    }
}
