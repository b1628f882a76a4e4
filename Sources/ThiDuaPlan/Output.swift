import ThiDuaCore

/// §15 `output:`, the column checks of §8/§15 and the `unused` warning of §17.
extension PlanChecker {
    func readOutput(_ top: MapView) {
        var spec = OutputSpec()
        guard let node = top.value("output") else {
            spec.chart = defaultChart()
            spec.keyDates = defaultKeyDates()
            output = spec
            return
        }
        guard let m = map(node, top.path.key("output"), PlanGrammar.output) else { return }
        let p = m.path
        var ok = true
        if let n = m.value("unit_metrics") {
            if let items = list(n, p.key("unit_metrics"), what: "unit_metrics columns") {
                let names = items.enumerated().map { text($0.element, p.key("unit_metrics").index($0.offset), what: "a column") }
                if names.allSatisfy({ $0 != nil }) { spec.unitMetricsLayout = names.compactMap { $0 } } else { ok = false }
            } else { ok = false }
        }
        if let n = m.value("chart") {
            if let i = criterionRef(n, p.key("chart")) {
                if let c = criteria[i], c.rate == nil {
                    error("kind_mismatch", n.pos, p.key("chart"), "the chart draws a rate; \(quoted(c.id)) is not one")
                    ok = false
                }
                spec.chart = i
            } else { ok = false }
        } else {
            spec.chart = defaultChart()
        }
        if let n = m.value("leaders") {
            if let lists = leaderLists(n, p.key("leaders")) { spec.leaders = lists } else { ok = false }
        }
        if let n = m.value("key_dates") {
            if let dates = keyDates(n, p.key("key_dates")) { spec.keyDates = dates } else { ok = false }
        } else {
            spec.keyDates = defaultKeyDates()
        }
        if let n = m.value("column_docs") {
            columnDocsNode = n
            if let entries = n.entries {
                var docs: [String: String] = [:]
                for e in entries {
                    guard let k = e.key else {
                        error("value_type", e.keyPos, p.key("column_docs").key("?"), "a column name")
                        ok = false
                        continue
                    }
                    if let t = text(e.value, p.key("column_docs").key(k)) { docs[k] = t } else { ok = false }
                }
                spec.columnDocs = docs
            } else {
                error("value_type", n.pos, p.key("column_docs"), "expected a mapping column → meaning")
                ok = false
            }
        }
        if ok { output = spec }
    }

    /// §15 (c): the first rate with priority_at, else the first ranked rate, else none.
    private func defaultChart() -> Int? {
        if let i = criteria.firstIndex(where: { $0?.rate?.priorityAt != nil }) { return i }
        return criteria.firstIndex { $0?.rate?.rank == true }
    }

    /// §15: every static `dates:` entry in declaration order, labelled by its id.
    private func defaultKeyDates() -> [KeyDate] {
        dayInfos.enumerated().compactMap { $0.element?.isStatic == true ? KeyDate(day: $0.offset, label: nil) : nil }
    }

    private func leaderLists(_ node: YNode, _ path: Path) -> [LeaderList]? {
        guard let items = list(node, path, what: "leader lists") else { return nil }
        var names = Namespace()
        var out: [LeaderList] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, PlanGrammar.leaderList) else { ok = false; continue }
            let id = declareID(&names, m, item: i, what: "leader list")
            let label = require(m, "label").flatMap { self.label($0, p.key("label")) }
            var order: [StaffValueRef]?
            if let n = require(m, "order"), let keys = list(n, p.key("order"), what: "staff metrics or when parts", nonEmpty: true) {
                let refs = keys.enumerated().map { staffValue($0.element, p.key("order").index($0.offset), boolean: false) }
                if refs.allSatisfy({ $0 != nil }) { order = refs.compactMap { $0 } }
            }
            guard let id, let label, let order else { ok = false; continue }
            out.append(LeaderList(id: id, label: label, order: order))
        }
        return ok ? out : nil
    }

    private func keyDates(_ node: YNode, _ path: Path) -> [KeyDate]? {
        guard let items = list(node, path, what: "key dates") else { return nil }
        var seen: [Int: Pos] = [:]
        var out: [KeyDate] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, PlanGrammar.keyDate) else { ok = false; continue }
            let label = optionalLabel(m)
            guard let n = require(m, "day"), let name = text(n, p.key("day"), what: "a date name") else { ok = false; continue }
            guard let d = dayNames.lookup(name) else {
                error("unknown_day", n.pos, p.key("day"), "no date named \(quoted(name))\(suggestion(name, dayNames.names))")
                ok = false
                continue
            }
            if let first = seen[d] {
                error("duplicate_id", n.pos, p.key("day"), "\(quoted(name)) is already a key date (line \(first.line))")
                ok = false
                continue
            }
            seen[d] = n.pos
            guard let info = dayInfos[d] else { ok = false; continue }
            guard info.isStatic else {
                error("dynamic_deadline", n.pos, p.key("day"), "\(quoted(name)) depends on D or E; a key date is a fixed day")
                ok = false
                continue
            }
            guard let label else { ok = false; continue }
            out.append(KeyDate(day: d, label: label))
        }
        return ok ? out : nil
    }

    // MARK: columns (§8 duplicate_column, §15 layout and column_docs)

    private var isComplete: Bool {
        !incomplete && !measures.contains { $0 == nil } && !criteria.contains { $0 == nil } && !composite.contains { $0 == nil }
            && !metrics.contains { $0 == nil } && !score.contains { $0 == nil }
    }

    /// The declarations read without error, a second declaration of one id left out (it is a
    /// `duplicate_id` already, not also a duplicate column).
    private func columnInputs() -> ColumnInputs {
        func pairs<T>(_ xs: [T?], _ ns: Namespace?, _ id: (T) -> String) -> [(Int, T)] {
            var seen = Set<String>()
            return xs.enumerated().compactMap { i, x in
                guard let x, seen.insert(id(x)).inserted, ns.map({ $0.index[id(x)] == i }) ?? true else { return nil }
                return (i, x)
            }
        }
        let firstMeasures = Set(pairs(measures, measureNames, \.id).map(\.0))
        return ColumnInputs(measures: measures.enumerated().map { firstMeasures.contains($0.offset) ? $0.element : nil },
                            criteria: pairs(criteria, criterionNames, \.id), parts: pairs(composite, nil, \.part),
                            metrics: pairs(metrics, metricNames, \.id), score: pairs(score, scoreNames, \.id))
    }

    /// Where a column's declaration is written.
    private func origin(_ o: ColumnOrigin) -> (Pos, Path)? {
        func at(_ v: MapView??, _ key: String) -> (Pos, Path)? {
            guard let v = v ?? nil, let n = v.value(key) else { return nil }
            return (n.pos, v.path.key(key))
        }
        switch o {
        case .engine: return nil
        case .measure(let i): return at(measureNodes[safe: i], "id")
        case .criterion(let i): return at(criterionViews[safe: i], "id")
        case .part(let i): return at(partViews[safe: i], "part")
        case .metric(let i): return at(metricViews[safe: i], "id")
        case .scorePart(let i): return at(scoreViews[safe: i], "part")
        }
    }

    func checkColumns(_ top: MapView) {
        let inputs = columnInputs()
        let files: [(String, [(name: String, origin: ColumnOrigin)])] = [
            ("unit_metrics.csv", PlanColumns.unitTail(inputs)), ("staff_metrics.csv", PlanColumns.staff(inputs)),
            ("run.csv", PlanColumns.run(inputs)),
        ]
        for (file, columns) in files {
            var first: [String: ColumnOrigin] = [:]
            for name in PlanColumns.unitLeading where file == "unit_metrics.csv" { first[name] = .engine }
            for c in columns {
                if let f = first[c.name] {
                    let (o, other) = c.origin == .engine ? (f, c.origin) : (c.origin, f)
                    if let (pos, path) = origin(o) {
                        let by = other == .engine ? "an engine column" : "another declaration"
                        error("duplicate_column", pos, path, "\(file) would have two columns named \(quoted(c.name)) (also \(by))")
                    }
                } else {
                    first[c.name] = c.origin
                }
            }
        }
        guard isComplete else { return }
        let tail = PlanColumns.unitTail(inputs).map(\.name)
        if let layout = output?.unitMetricsLayout, let node = top.value("output")?.entries?.first(where: { $0.key == "unit_metrics" })?.value {
            let path = top.path.key("output").key("unit_metrics")
            var unknown = false
            for (i, name) in layout.enumerated() where !tail.contains(name) {
                unknown = true
                let engine = PlanColumns.unitLeading.contains(name) ? " (an engine column, always first)" : ""
                error("unknown_column_ref", node.items?[safe: i]?.pos ?? node.pos, path.index(i),
                      "unit_metrics.csv has no column \(quoted(name))\(engine)\(suggestion(name, tail))")
            }
            if !unknown && (layout.count != tail.count || Set(layout) != Set(tail)) {
                let missing = tail.filter { !layout.contains($0) }
                let twice = Set(layout.filter { n in layout.filter { $0 == n }.count > 1 }).sorted()
                var parts: [String] = []
                if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
                if !twice.isEmpty { parts.append("listed twice \(twice.joined(separator: ", "))") }
                error("layout", node.pos, path, "output.unit_metrics must list every column after headcount exactly once: \(parts.joined(separator: "; "))")
            }
        }
        if let n = columnDocsNode, let entries = n.entries {
            let allowed = PlanColumns.documentable(inputs)
            for e in entries {
                guard let k = e.key, !allowed.contains(k) else { continue }
                error("unknown_column_ref", e.keyPos, top.path.key("output").key("column_docs").key(k),
                      "no derived column named \(quoted(k)) in unit_metrics.csv or run.csv\(suggestion(k, allowed))")
            }
        }
    }

    /// §17 warning `unused`: a measure or metric nothing uses.
    func warnUnused() {
        for (i, m) in measures.enumerated() {
            guard let m, !m.publish, !usedMeasures.contains(i), let v = measureNodes[i], let n = v.value("id") else { continue }
            warn(n.pos, v.path.key("id"), "the measure \(quoted(m.id)) is not published and nothing uses it")
        }
        for (i, m) in metrics.enumerated() {
            guard let m, !m.publish, !usedMetrics.contains(i), let v = metricViews[safe: i] ?? nil, let n = v.value("id") else { continue }
            warn(n.pos, v.path.key("id"), "the staff metric \(quoted(m.id)) is not published and nothing uses it")
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
