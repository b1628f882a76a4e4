import ThiDuaCore

/// §4: `dates:`, `windows:`, and every day or window written elsewhere.
extension PlanChecker {
    static let builtinDays = ["D", "E", "contract_start", "contract_end"]
    static let firstDay = WarehouseContract.contractStart
    static let lastDay = WarehouseContract.contractEnd

    func readDates(_ top: MapView) {
        let path = top.path.key("dates")
        guard let (node, entries) = requiredEntries(top, "dates", expected: "the named days (a mapping id → day)") else { return }
        var syntax: [DaySyntax?] = []
        for (i, e) in entries.enumerated() {
            dayNodes.append(e.value)
            guard let k = e.key else {
                error("value_type", e.keyPos, path.key("?"), "a date's name must be an id")
                syntax.append(nil)
                continue
            }
            if !PlanChecker.builtinDays.contains(k) && !PlanChecker.isID(k) {
                error("value_type", e.keyPos, path.key(k), "\(quoted(k)) is not an id: a lower-case letter, then up to 44 lower-case letters, digits or _")
            }
            declare(&dayNames, k, item: i, e.keyPos, path.key(k), what: "date", reserved: PlanChecker.builtinDays)
            syntax.append(parseDay(e.value, path.key(k)))
        }
        dayInfos = Array(repeating: nil, count: entries.count)
        for required in ["period_start", "period_end"] where dayNames.lookup(required) == nil {
            if !entries.contains(where: { $0.key == required }) {
                error("missing_key", node.pos, path.key(required), "missing the date \(quoted(required))")
            }
        }
        // References between dates; E depends on period_end.
        let periodEnd = dayNames.lookup("period_end")
        let edges: [[Int]] = syntax.map { s in
            (s?.names ?? []).compactMap { n in n == "E" ? periodEnd : dayNames.lookup(n) }
        }
        let cycles = Graph.cycles(edges)
        var inCycle = Set<Int>()
        for c in cycles {
            inCycle.formUnion(c)
            let names = c.compactMap { entries[$0].key }
            let first = entries[c[0]]
            error("cycle", first.keyPos, path.key(first.key ?? "?"),
                  "the dates refer to each other in a cycle: \((names + [names[0]]).joined(separator: " → "))"
                    + (c.contains(periodEnd ?? -1) ? " (E is min(D, period_end))" : ""))
        }
        for i in Graph.dependencyOrder(edges, skip: inCycle) {
            guard let s = syntax[i], let k = entries[i].key else { continue }
            dayInfos[i] = resolveDay(s, entries[i].value, path.key(k))
        }
    }

    /// The syntax of a day written at `node`; `expression` when it does not parse.
    func parseDay(_ node: YNode, _ path: Path) -> DaySyntax? {
        guard let t = text(node, path, what: "a day") else { return nil }
        do {
            return try ExpressionParser.day(t)
        } catch {
            self.error("expression", node.pos, path, "\(quoted(t)) is not a day expression: \(error.message)")
            return nil
        }
    }

    /// A day written anywhere (a deadline, an operator's day): parsed, its names resolved, static
    /// days checked against 2000–2100.
    func day(_ node: YNode, _ path: Path) -> DayInfo? {
        guard let s = parseDay(node, path) else { return nil }
        return resolveDay(s, node, path)
    }

    func resolveDay(_ syntax: DaySyntax, _ node: YNode, _ path: Path) -> DayInfo? {
        var unknown: String?
        func go(_ s: DaySyntax) -> DayInfo? {
            switch s {
            case .date(let d):
                return DayInfo(expr: .date(d), isStatic: true, dBounded: false, value: d, text: "")
            case .name("D"):
                return DayInfo(expr: .asOf, isStatic: false, dBounded: true, value: nil, text: "")
            case .name("E"):
                return DayInfo(expr: .windowEnd, isStatic: false, dBounded: true, value: nil, text: "")
            case .name("contract_start"):
                return DayInfo(expr: .contractStart, isStatic: true, dBounded: false, value: PlanChecker.firstDay, text: "")
            case .name("contract_end"):
                return DayInfo(expr: .contractEnd, isStatic: true, dBounded: false, value: PlanChecker.lastDay, text: "")
            case .name(let n):
                guard let i = dayNames.lookup(n) else {
                    if unknown == nil { unknown = n }
                    return nil
                }
                guard let info = dayInfos[i] else { return nil }
                return DayInfo(expr: .named(i), isStatic: info.isStatic, dBounded: info.dBounded, value: info.value, text: "")
            case .offset(let b, let n):
                guard let base = go(b) else { return nil }
                return DayInfo(expr: .offset(base.expr, days: n), isStatic: base.isStatic, dBounded: base.dBounded && n <= 0,
                               value: base.value.map { Day(ordinal: $0.ordinal + n) }, text: "")
            case .minMax(let isMin, let a, let b):
                let x = go(a)
                let y = go(b)
                guard let x, let y else { return nil }
                var value: Day?
                if let vx = x.value, let vy = y.value, x.isStatic, y.isStatic { value = isMin ? Swift.min(vx, vy) : Swift.max(vx, vy) }
                return DayInfo(expr: isMin ? .min(x.expr, y.expr) : .max(x.expr, y.expr), isStatic: x.isStatic && y.isStatic,
                               dBounded: isMin ? (x.dBounded || y.dBounded) : (x.dBounded && y.dBounded),
                               value: value, text: "")
            }
        }
        let result = go(syntax)
        if let unknown {
            error("unknown_day", node.pos, path,
                  "no date named \(quoted(unknown))\(suggestion(unknown, dayNames.names + PlanChecker.builtinDays))")
            return nil
        }
        guard var info = result else { return nil }
        info.text = node.scalar ?? ""
        if info.isStatic, let v = info.value, v < PlanChecker.firstDay || v > PlanChecker.lastDay {
            error("day_range", node.pos, path, "\(v.ordinal < -700_000 || v.ordinal > 3_000_000 ? "the day" : v.description) lies outside 2000-01-01…2100-12-31")
            return nil
        }
        return info
    }

    /// A deadline or key date: a static day (§4); `dynamic_deadline` when it depends on D or E.
    func staticDay(_ node: YNode, _ path: Path) -> Day? {
        guard let info = day(node, path) else { return nil }
        guard info.isStatic, let v = info.value else {
            error("dynamic_deadline", node.pos, path, "\(quoted(info.text)) depends on D or E; a deadline must be a fixed day")
            return nil
        }
        return v
    }

    // MARK: windows

    func readWindows(_ top: MapView) {
        let path = top.path.key("windows")
        guard let (_, entries) = requiredEntries(top, "windows", expected: "the named windows (a mapping id → [from, to])") else { return }
        for (i, e) in entries.enumerated() {
            guard let k = e.key else { error("value_type", e.keyPos, path.key("?"), "a window's name must be an id"); continue }
            if !PlanChecker.isID(k) {
                error("value_type", e.keyPos, path.key(k), "\(quoted(k)) is not an id: a lower-case letter, then up to 44 lower-case letters, digits or _")
            }
            declare(&windowNames, k, item: i, e.keyPos, path.key(k), what: "window")
        }
        for e in entries {
            let w = e.key.flatMap { k in inlineWindow(e.value, path.key(k), name: k) }
            windowInfos.append(w?.window)
            windowToBounded.append(w?.dBounded)
        }
    }

    /// A window where one is expected: a name from `windows:` or an inline `[from, to]` (§4).
    func window(_ node: YNode, _ path: Path) -> (window: WindowExpr, dBounded: Bool)? {
        if let s = node.scalar, !PlanChecker.isNull(s) {
            guard let i = windowNames.lookup(s) else {
                error("unknown_window", node.pos, path, "no window named \(quoted(s))\(suggestion(s, windowNames.names))")
                return nil
            }
            guard i < windowInfos.count, let w = windowInfos[i], let b = windowToBounded[i] else { return nil }
            return (w, b)
        }
        return inlineWindow(node, path, name: nil)
    }

    func inlineWindow(_ node: YNode, _ path: Path, name: String?) -> (window: WindowExpr, dBounded: Bool)? {
        guard let items = list(node, path, what: "a window [from, to]") else { return nil }
        guard items.count == 2 else {
            error("value_type", node.pos, path, "a window is [from, to]: two days, not \(items.count)")
            return nil
        }
        let from = day(items[0], path.index(0))
        let to = day(items[1], path.index(1))
        guard let from, let to else { return nil }
        if from.isStatic, to.isStatic, let a = from.value, let b = to.value, a > b {
            error("window_order", node.pos, path, "the window runs backwards: \(a) is after \(b)")
            return nil
        }
        let w = WindowExpr(from: from.expr, to: to.expr, name: name, fromText: from.text, toText: to.text)
        return (w, to.dBounded)
    }
}

extension PlanChecker {
    /// A required mapping of named declarations (`dates:`, `windows:`) and its entries; nil (and
    /// the check marked incomplete) when the key is missing or holds no mapping.
    func requiredEntries(_ top: MapView, _ key: String, expected: String) -> (YNode, [YEntry])? {
        guard let node = require(top, key) else { incomplete = true; return nil }
        guard let entries = node.entries else {
            error("value_type", node.pos, top.path.key(key), "expected \(expected)")
            incomplete = true
            return nil
        }
        return (node, entries)
    }
}

