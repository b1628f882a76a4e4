import ThiDuaCore

/// `thidua plan check FILE --explain` (PLAN-LANGUAGE.md §16): the run's days and windows resolved
/// for one as-of day. The text is informative, not a contract; the SQL part is appended by the
/// compiler's own printer.
public enum PlanExplain {
    /// One line per day (D, E, every `dates:` entry) and per window, with the text as written.
    public static func days(_ plan: Plan, asOf: Day) -> String {
        let resolved = ResolvedDays(plan: plan, asOf: asOf)
        var lines = ["-- days (as of \(asOf))", row("D", asOf, "the run's as-of day"), row("E", resolved.end, "min(D, period_end)")]
        for (i, d) in plan.days.enumerated() {
            lines.append(row(d.id, resolved.days[i], d.isStatic ? d.text : d.text + "   (depends on D)"))
        }
        lines.append("-- windows")
        for w in plan.windows {
            let (from, to) = resolved.resolve(w.window)
            let empty = from > to ? "   (empty as of \(asOf))" : ""
            lines.append(pad(w.id) + " = [\(show(from)), \(show(to))]   [\(w.window.fromText), \(w.window.toText)]\(empty)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A day as `--explain` prints it: a dynamic day outside 2000–2100 is used as it is, never printed (§4).
    static func show(_ d: Day) -> String {
        d < WarehouseContract.contractStart || d > WarehouseContract.contractEnd ? "(outside 2000–2100)" : d.description
    }

    private static func row(_ name: String, _ d: Day, _ note: String) -> String { pad(name) + " = \(show(d))   \(note)" }

    private static func pad(_ s: String) -> String { s.count >= 22 ? s : s + String(repeating: " ", count: 22 - s.count) }
}
