import ThiDuaCore

/// Where a `where` is written, and so what its keys may name (§5).
enum WhereScope {
    /// A measure's row count (`inMetric` false) or a staff metric (true) over a relation.
    case relation(WarehouseContract.Relation, inMetric: Bool)
    /// `count: staff` and score `when`: staff columns and staff metrics.
    case staff
}

/// What a condition entry tests, as far as the checks of §5.1–§5.4 need it.
struct OperandInfo {
    var operand: Operand
    /// nil: the type is unknown (a broken metric); its tests are not checked further.
    var type: WarehouseContract.ColumnType?
    var nullable: Bool
    /// A V column (§5.4).
    var isEvent: Bool
    var isMetric: Bool
    /// The relation whose int columns `{column: c}` may name (own columns only).
    var sameRow: WarehouseContract.Relation?
}

extension PlanChecker {
    /// §5.1's operators, in PlanGrammar.operators' order.
    static var operators: [String] { PlanGrammar.operators.names }

    /// A `where` mapping: `.all` of its entries; nil when an entry is broken (its errors reported).
    func condition(_ node: YNode, _ path: Path, _ scope: WhereScope) -> Condition? {
        guard let entries = node.entries else {
            error("value_type", node.pos, path, "expected conditions (a mapping)")
            return nil
        }
        var out: [Condition] = []
        var ok = true
        for e in entries {
            guard let k = e.key else {
                error("unknown_key", e.keyPos, path.key("?"), "a condition's key must be a column, a metric, any or all")
                ok = false
                continue
            }
            let p = path.key(k)
            if k == "any" || k == "all" {
                guard let items = list(e.value, p, what: "\(k): a list of conditions", nonEmpty: true) else { ok = false; continue }
                var subs: [Condition] = []
                for (j, item) in items.enumerated() {
                    if let c = condition(item, p.index(j), scope) { subs.append(c) } else { ok = false }
                }
                out.append(k == "any" ? .any(subs) : .all(subs))
                continue
            }
            guard let info = operand(k, e.value, p, scope) else { ok = false; continue }
            guard let tests = tests(e.value, p, info) else { ok = false; continue }
            out.append(.test(info.operand, tests))
        }
        return ok ? .all(out) : nil
    }

    private func operand(_ k: String, _ value: YNode, _ p: Path, _ scope: WhereScope) -> OperandInfo? {
        switch scope {
        case .staff:
            let staff = WarehouseContract.relation("staff")
            if WarehouseContract.staffConditionColumns.contains(k), let c = staff?.column(k) {
                return OperandInfo(operand: .staffColumn(k), type: c.type, nullable: c.nullable, isEvent: false, isMetric: false, sameRow: nil)
            }
            if let i = metricNames.lookup(k) {
                usedMetrics.insert(i)
                let t: WarehouseContract.ColumnType? = metricTypes[i].map { t in
                    switch t { case .int: .int; case .bool: .bool; case .date: .date }
                }
                return OperandInfo(operand: .metric(i), type: t, nullable: metricCanBeEmpty[i], isEvent: false, isMetric: true, sameRow: nil)
            }
            if staff?.column(k) != nil {
                error("unknown_column", value.pos, p, "staff.\(k) cannot be tested here: only role, direct_worker and staff metrics")
            } else {
                error("unknown_metric", value.pos, p, "no staff metric or staff column named \(quoted(k))"
                      + suggestion(k, metricNames.names + WarehouseContract.staffConditionColumns))
            }
            return nil
        case .relation(let r, let inMetric):
            guard let dot = k.firstIndex(of: ".") else {
                guard let c = r.column(k) else {
                    error("unknown_column", value.pos, p, "\(r.name) has no column \(quoted(k))\(suggestion(k, r.columns.map(\.name)))")
                    return nil
                }
                return OperandInfo(operand: .column(k), type: c.type, nullable: c.nullable, isEvent: c.dateRole == .event,
                                   isMetric: false, sameRow: r)
            }
            let prefix = String(k[..<dot])
            let col = String(k[k.index(after: dot)...])
            if let parent = r.parent, parent.relation == prefix, let pr = WarehouseContract.relation(prefix) {
                guard let c = pr.column(col) else {
                    error("unknown_column", value.pos, p, "\(prefix) has no column \(quoted(col))\(suggestion(col, pr.columns.map(\.name)))")
                    return nil
                }
                return OperandInfo(operand: .parent(col), type: c.type, nullable: c.nullable, isEvent: c.dateRole == .event,
                                   isMetric: false, sameRow: nil)
            }
            if case .linkRelation(let name, _)? = r.staffLink, name == prefix, let lr = WarehouseContract.relation(prefix) {
                guard inMetric else {
                    error("unknown_link", value.pos, p, "\(prefix) links \(r.name) rows to staff; a link column is usable in a staff metric only")
                    return nil
                }
                guard let c = lr.column(col) else {
                    error("unknown_column", value.pos, p, "\(prefix) has no column \(quoted(col))\(suggestion(col, lr.columns.map(\.name)))")
                    return nil
                }
                return OperandInfo(operand: .link(col), type: c.type, nullable: c.nullable, isEvent: false, isMetric: false, sameRow: nil)
            }
            if WarehouseContract.relation(prefix) != nil {
                error("unknown_link", value.pos, p, "\(prefix) is not reachable from \(r.name) (§3: its parent lookup or staff link)")
            } else {
                error("unknown_relation", value.pos, p, "no relation named \(quoted(prefix))"
                      + suggestion(prefix, WarehouseContract.relations.map(\.name)))
            }
            return nil
        }
    }

    private func tests(_ node: YNode, _ p: Path, _ info: OperandInfo) -> [Test]? {
        if node.scalar != nil {
            // A literal: shorthand for eq, reported at its entry.
            guard allowed("eq", info, node, p) else { return nil }
            return literal(node, p, info).map { [.eq($0)] }
        }
        guard let entries = node.entries else {
            error("value_type", node.pos, p, "expected a literal or a mapping of operators, not a list (use in: [...])")
            return nil
        }
        guard !entries.isEmpty else {
            error("value_type", node.pos, p, "expected at least one operator")
            return nil
        }
        var out: [Test] = []
        var ok = true
        for e in entries {
            guard let op = e.key, PlanChecker.operators.contains(op) else {
                let k = e.key ?? "?"
                error("unknown_key", e.keyPos, p.key(k), "unknown operator \(quoted(k))\(suggestion(k, PlanChecker.operators))")
                ok = false
                continue
            }
            let q = p.key(op)
            guard allowed(op, info, e.value, q), let t = test(op, e.value, q, info) else { ok = false; continue }
            out.append(t)
        }
        return ok ? out : nil
    }

    /// §5.1's table of operators per column type; `operator_type` otherwise.
    private func allowed(_ op: String, _ info: OperandInfo, _ node: YNode, _ q: Path) -> Bool {
        guard let type = info.type else { return true }
        let ok: Bool
        switch op {
        case "eq", "ne":
            if case .date = type { ok = false } else { ok = true }
        case "in", "not_in":
            switch type { case .text, .code, .int: ok = !info.isMetric; default: ok = false }
        case "gt", "gte", "lt", "lte":
            if case .int = type { ok = true } else { ok = false }
        case "within", "on_or_before", "before", "on_or_after", "after":
            if case .date = type { ok = true } else { ok = false }
        case "not_by":
            ok = info.isEvent
        default: // is_null
            ok = info.nullable
        }
        if !ok {
            error("operator_type", node.pos, q, "\(op) does not apply to \(describe(info))")
        }
        return ok
    }

    private func describe(_ info: OperandInfo) -> String {
        let what: String
        switch info.type {
        case .text?: what = "a text"
        case .code?: what = "a code"
        case .int?: what = "an int"
        case .bool?: what = "a boolean"
        case .date?: what = info.isEvent ? "an event date" : "a date"
        case nil: what = "this"
        }
        let null = info.nullable ? "" : " that is never empty"
        return "\(what) \(info.isMetric ? "metric" : "column")\(null)"
    }

    private func test(_ op: String, _ v: YNode, _ q: Path, _ info: OperandInfo) -> Test? {
        switch op {
        case "eq": return literal(v, q, info).map(Test.eq)
        case "ne": return literal(v, q, info).map(Test.ne)
        case "in", "not_in":
            guard let items = list(v, q, what: "\(op): a list of values", nonEmpty: true) else { return nil }
            let lits = items.enumerated().map { literal($0.element, q.index($0.offset), info) }
            guard lits.allSatisfy({ $0 != nil }) else { return nil }
            return op == "in" ? .isIn(lits.compactMap { $0 }) : .notIn(lits.compactMap { $0 })
        case "gt", "gte", "lt", "lte":
            guard let operand = intOperand(v, q, info) else { return nil }
            switch op {
            case "gt": return .gt(operand)
            case "gte": return .gte(operand)
            case "lt": return .lt(operand)
            default: return .lte(operand)
            }
        case "within":
            guard let w = window(v, q) else { return nil }
            if info.isEvent && !w.dBounded { replayUnsafe(v, q, "within a window whose end may lie after D") ; return nil }
            return .within(w.window)
        case "is_null":
            guard let b = bool(v, q) else { return nil }
            if info.isEvent { replayUnsafe(v, q, "is_null"); return nil }
            return .isNull(b)
        default:
            guard let d = day(v, q) else { return nil }
            if info.isEvent {
                switch op {
                case "on_or_after", "after": replayUnsafe(v, q, op); return nil
                default: if !d.dBounded { replayUnsafe(v, q, "\(op) a day that may lie after D"); return nil }
                }
            }
            switch op {
            case "on_or_before": return .onOrBefore(d.expr)
            case "before": return .before(d.expr)
            case "on_or_after": return .onOrAfter(d.expr)
            case "after": return .after(d.expr)
            default: return .notBy(d.expr)
            }
        }
    }

    private func replayUnsafe(_ v: YNode, _ q: Path, _ what: String) {
        error("replay_unsafe", v.pos, q, "\(what) on an event date is not replay-safe (§5.4): use within/on_or_before/before a D-bounded day, or not_by: D for \"not yet\"")
    }

    /// A literal typed by the column (§1, §5.3).
    private func literal(_ node: YNode, _ p: Path, _ info: OperandInfo) -> Literal? {
        switch info.type {
        case nil:
            return text(node, p, what: "a value").map(Literal.text)
        case .text?:
            return text(node, p, what: "a text").map(Literal.text)
        case .code(let codes)?:
            guard let s = text(node, p, what: "a code") else { return nil }
            guard codes.contains(s) else {
                error("unknown_code", node.pos, p, "\(quoted(s)) is not one of \(codes.joined(separator: ", "))\(suggestion(s, codes))")
                return nil
            }
            return .text(s)
        case .int?:
            return int(node, p, -1_000_000_000_000...1_000_000_000_000).map(Literal.int)
        case .bool?:
            return bool(node, p).map(Literal.bool)
        case .date?:
            error("operator_type", node.pos, p, "a date is compared with within, on_or_before, before, on_or_after or after")
            return nil
        }
    }

    private func intOperand(_ node: YNode, _ p: Path, _ info: OperandInfo) -> IntOperand? {
        guard let entries = node.entries else {
            return int(node, p, -1_000_000_000_000...1_000_000_000_000).map(IntOperand.literal)
        }
        guard let r = info.sameRow else {
            error("value_type", node.pos, p, "{column: …} compares two int columns of the same row; write an int here")
            return nil
        }
        guard let m = map(node, p, PlanGrammar.columnOperand), entries.count == 1,
              let cn = require(m, "column"), let name = text(cn, p.key("column"), what: "a column") else { return nil }
        guard let c = r.column(name) else {
            error("unknown_column", cn.pos, p.key("column"), "\(r.name) has no column \(quoted(name))\(suggestion(name, r.columns.map(\.name)))")
            return nil
        }
        guard case .int = c.type else {
            error("value_type", cn.pos, p.key("column"), "\(r.name).\(name) is not an int column")
            return nil
        }
        return .column(name)
    }
}
