import ThiDuaCore

/// §7: staff metrics (`individuals.metrics`).
extension PlanChecker {
    /// The one kind key of a measure or metric item; `missing_key` or `unknown_key` otherwise.
    func kindKey(_ m: MapView, _ kinds: [String], what: String) -> String? {
        let present = m.entries.compactMap(\.key).filter(kinds.contains)
        guard let first = present.first else {
            error("missing_key", m.node.pos, m.path.key(kinds[0]), "\(what) needs one of \(kinds.joined(separator: ", "))")
            return nil
        }
        for extra in present.dropFirst() {
            if let e = m.entry(extra) {
                error("unknown_key", e.keyPos, m.path.key(extra), "\(what) has one kind only; \(quoted(first)) is already given")
            }
        }
        return present.count == 1 ? first : nil
    }

    func declareMetrics(_ items: [YNode], _ path: Path) {
        for (i, item) in items.enumerated() {
            let m = map(item, path.index(i), PlanGrammar.metric)
            metricViews.append(m)
            declareID(&metricNames, m, item: i, what: "staff metric", reserved: WarehouseContract.staffColumns)
            let kind = m.flatMap { kindKey($0, PlanGrammar.metric.kinds, what: "a staff metric") }
            metricKindKeys.append(kind)
            switch kind {
            case "exists"?: metricTypes.append(.bool)
            case "first_day"?: metricTypes.append(.date)
            case nil: metricTypes.append(nil)
            default: metricTypes.append(.int)
            }
            metricCanBeEmpty.append(kind == "latest" || kind == "first_day")
        }
    }

    func readMetrics(_ items: [YNode], _ path: Path) {
        for i in items.indices {
            guard let m = metricViews[i], let kind = metricKindKeys[i], let id = m.value("id")?.scalar else {
                metrics.append(nil)
                continue
            }
            metrics.append(metric(m, kind: kind, id: id))
        }
    }

    /// A relation that reaches a staff member (§3 staff link).
    private func linkedRelation(_ node: YNode, _ path: Path, name: String) -> WarehouseContract.Relation? {
        guard let r = WarehouseContract.relation(name) else {
            error("unknown_relation", node.pos, path, "no relation named \(quoted(name))\(suggestion(name, WarehouseContract.relations.map(\.name)))")
            return nil
        }
        switch r.staffLink {
        case .column?, .linkRelation?: return r
        default:
            error("kind_mismatch", node.pos, path, "\(name) rows are not linked to a staff member (§3)")
            return nil
        }
    }

    /// `R.col` of `sum` and `latest`.
    private func relationColumn(_ node: YNode, _ path: Path) -> (WarehouseContract.Relation, WarehouseContract.Column)? {
        guard let s = text(node, path, what: "relation.column") else { return nil }
        guard let dot = s.firstIndex(of: ".") else {
            error("value_type", node.pos, path, "expected relation.column, e.g. luyenai_daily.minutes")
            return nil
        }
        guard let r = linkedRelation(node, path, name: String(s[..<dot])) else { return nil }
        let cn = String(s[s.index(after: dot)...])
        guard let c = r.column(cn) else {
            error("unknown_column", node.pos, path, "\(r.name) has no column \(quoted(cn))\(suggestion(cn, r.columns.map(\.name)))")
            return nil
        }
        return (r, c)
    }

    private func metric(_ m: MapView, kind: String, id: String) -> StaffMetric? {
        let p = m.path
        guard let kn = m.value(kind) else { return nil }
        let kp = p.key(kind)
        var ok = true
        // Keys that belong to other kinds.
        for key in PlanGrammar.metric.foreignKeys(for: kind) {
            if let e = m.entry(key) {
                error("unknown_key", e.keyPos, p.key(key), "\(quoted(key)) does not apply to a \(kind) metric")
                ok = false
            }
        }
        func cond(_ r: WarehouseContract.Relation) -> Condition? {
            guard let w = m.value("where") else { return .always }
            return condition(w, p.key("where"), .relation(r, inMetric: true))
        }
        var result: MetricKind?
        var unit = ""
        switch kind {
        case "count", "exists":
            if let name = text(kn, kp, what: "a relation"), let r = linkedRelation(kn, kp, name: name), let c = cond(r) {
                result = kind == "count" ? .count(relation: r.name, where: c) : .exists(relation: r.name, where: c)
                unit = kind == "count" ? (r.rowUnit ?? "rows") : ""
            }
        case "sum":
            if let (r, c) = relationColumn(kn, kp) {
                if c.bounds == nil {
                    error("not_summable", kn.pos, kp, "\(r.name).\(c.name) has no bounds in the contract and cannot be summed (§3)")
                } else if let w = cond(r) {
                    result = .sum(relation: r.name, column: c.name, where: w)
                    unit = c.name
                }
            }
        case "latest":
            let x = require(m, "on_or_before", "the last day counted").flatMap { day($0, p.key("on_or_before")) }
            if let (r, c) = relationColumn(kn, kp) {
                if !PlanGrammar.latestRelations.contains(r.name) {
                    error("kind_mismatch", kn.pos, kp, "latest reads luyenai_daily or platform_usage only")
                } else if c.type != .int {
                    error("kind_mismatch", kn.pos, kp, "latest reads an int column; \(r.name).\(c.name) is not one")
                } else if let x, let w = cond(r) {
                    result = .latest(relation: r.name, column: c.name, onOrBefore: x.expr, where: w)
                    unit = c.name
                }
            }
        case "first_day", "distinct_weeks":
            let win = kind == "distinct_weeks" ? require(m, "window").flatMap { window($0, p.key("window")) } : nil
            if let name = text(kn, kp, what: "a relation"), let r = linkedRelation(kn, kp, name: name) {
                if r.existenceColumn == nil {
                    error("kind_mismatch", kn.pos, kp, "\(r.name) has no existence date column (§3) for \(kind)")
                } else if let w = cond(r) {
                    if kind == "first_day" {
                        result = .firstDay(relation: r.name, where: w)
                    } else if let win {
                        result = .distinctWeeks(relation: r.name, window: win.window, where: w)
                        unit = "weeks"
                    }
                }
            }
        default: // weeks_in
            if let w = window(kn, kp) { result = .weeksIn(w.window); unit = "weeks" }
        }
        let label = optionalLabel(m)
        let doc = optionalText(m, "doc")
        let unitText = optionalText(m, "unit")
        let publish = flag(m, "publish", default: false)
        guard ok, let result, let label, let doc, let unitText, let publish, PlanChecker.isID(id) else { return nil }
        return StaffMetric(id: id, kind: result, label: label, unit: unitText ?? unit, doc: doc, publish: publish)
    }
}
