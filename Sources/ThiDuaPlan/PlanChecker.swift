import Foundation
import ThiDuaCore

/// Names declared in one namespace of §17 (`duplicate_id` within it). A declaration whose body is
/// broken keeps its name, so that its dependants raise no further error (§17: no cascading).
struct Namespace {
    /// name → the index of its item in the file's list (or mapping).
    var index: [String: Int] = [:]
    /// Every declared name, in file order (suggestions).
    var names: [String] = []
    var positions: [String: Pos] = [:]

    func lookup(_ name: String) -> Int? { index[name] }
}

/// The day facts §4 needs: static (independent of D and E, then its value), D-bounded.
struct DayInfo {
    var expr: DayExpr
    var isStatic: Bool
    var dBounded: Bool
    var value: Day?
    var text: String
}

/// The checker of one plan file: reads every section, records every error, and builds the typed
/// `Plan` when there are none. Sections are read in dependency order (days, windows, metrics,
/// measures, criteria …), each keeping its declarations even when broken.
final class PlanChecker {
    let file: String
    var errors: [PlanIssue] = []
    var warnings: [PlanIssue] = []

    // §4
    var dayNames = Namespace()
    var dayNodes: [YNode] = []
    var dayInfos: [DayInfo?] = []
    var windowNames = Namespace()
    var windowInfos: [WindowExpr?] = []
    var windowToBounded: [Bool?] = []

    // §7, §6
    var metricNames = Namespace()
    var metricTypes: [MetricType?] = []
    var metricCanBeEmpty: [Bool] = []
    var metrics: [StaffMetric?] = []
    var metricViews: [MapView?] = []
    /// The kind key of each metric item (count, exists …), nil when absent or ambiguous.
    var metricKindKeys: [String?] = []
    var measureNames = Namespace()
    var measures: [Measure?] = []
    /// Measures whose expression is in a cycle, or broken: their dependants stay silent.
    var measureNodes: [MapView?] = []

    // §8–§12
    var criterionNames = Namespace()
    var criteria: [Criterion?] = []
    var criterionViews: [MapView?] = []
    var partViews: [MapView?] = []
    var scoreViews: [MapView?] = []
    var columnDocsNode: YNode?
    var composite: [CompositePart?] = []
    var compositeNode: YNode?
    var scoreNames = Namespace()
    var score: [ScorePart?] = []
    var milestones: [Milestone?] = []
    var quotas: Quotas?
    var unitOrder: [UnitOrderKey]?
    var staffOrder: [StaffOrderKey]?
    var eligibility: [EligibilityRule?] = []
    var dossiers: DossierRules?
    var recordsToFix: [RecordProblem?] = []
    var subKinds: [UnitKind]? = [.department, .regional]
    var output: OutputSpec?
    var name: String?
    var title: Label?

    var usedMeasures: Set<Int> = []
    var usedMetrics: Set<Int> = []
    /// Some section could not be read at all (a broken list): column checks are skipped.
    var incomplete = false

    init(file: String) { self.file = file }

    /// Keys of the value-only plan file of thidua 0.4 that language 1 does not have (§18, §22 decided 3).
    static let legacyKeys = ["period_start", "period_end", "infra_deadline", "go_live", "retro_from", "retro_to", "retro_deadline",
                             "proficiency_deadline", "luyenai_cutoff", "dossier_deadline", "luyenai_level_target",
                             "e2e_priority_rate", "stale_days", "proficiency_window_days", "proficiency_min_actions",
                             "level_scale_max", "milestone_clauses", "composite_weights", "individual_weights"]

    /// Reads the whole file; the plan when there is no error.
    func check(_ root: YNode?) -> Plan? {
        guard let root else {
            error("language_version", .start, Path.root.key("language"), "the file is empty: a plan file starts with `language: 1`")
            return nil
        }
        guard let entries = root.entries else {
            error("value_type", root.pos, .root, "a plan file is a mapping of keys, starting with `language: 1`")
            return nil
        }
        guard languageOK(root, entries) else { return nil }
        guard let top = map(root, .root, PlanGrammar.plan) else { return nil }
        name = require(top, "name").flatMap { text($0, top.path.key("name")) }
        if let t = top.value("title") {
            if t.scalar != nil { title = text(t, top.path.key("title")).map { Label(vi: $0, en: $0) } } else { title = label(t, top.path.key("title")) }
        } else { title = name.map { Label(vi: $0, en: $0) } }

        readDates(top)
        readWindows(top)
        readBlocs(top)
        let individuals = top.value("individuals").flatMap {
            map($0, top.path.key("individuals"), PlanGrammar.individuals)
        }
        if top.value("individuals") == nil { _ = require(top, "individuals") }
        let metricItems = individuals.flatMap { m in require(m, "metrics").flatMap { list($0, m.path.key("metrics"), what: "staff metrics") } }
        if individuals != nil && metricItems == nil { incomplete = true }
        declareMetrics(metricItems ?? [], individuals?.path.key("metrics") ?? .root)
        let measureItems = require(top, "measures").flatMap { list($0, top.path.key("measures"), what: "measures") }
        if measureItems == nil { incomplete = true }
        declareMeasures(measureItems ?? [], top.path.key("measures"))
        readMetrics(metricItems ?? [], individuals?.path.key("metrics") ?? .root)
        readMeasures(measureItems ?? [], top.path.key("measures"))
        readCriteria(top)
        readComposite(top)
        if let individuals { readScore(individuals) } else { incomplete = true }
        readMilestones(top)
        readQuotas(top)
        readShortlist(top)
        readEligibility(top)
        readDossiers(top)
        readRecordsToFix(top)
        readOutput(top)
        checkColumns(top)
        warnUnused()
        return errors.isEmpty ? assemble() : nil
    }

    /// §18: `language: 1` first; a value-only file of thidua 0.4 gets one error with the conversion.
    private func languageOK(_ root: YNode, _ entries: [YEntry]) -> Bool {
        guard let i = entries.firstIndex(where: { $0.key == "language" }) else {
            if entries.contains(where: { PlanChecker.legacyKeys.contains($0.key ?? "") }) {
                error("language_version", root.pos, Path.root.key("language"),
                      "this is a value-only plan file (thidua 0.4); convert it: thidua plan convert \(file) > NEW.yaml")
                return false
            }
            error("language_version", root.pos, Path.root.key("language"), "missing `language: 1` (the first key of a plan file)")
            return true
        }
        let e = entries[i]
        guard let v = e.value.scalar, v == "1" else {
            error("language_version", e.value.pos, Path.root.key("language"),
                  "this engine reads plan language 1 only; \(e.value.scalar.map(quoted) ?? "this value") is not 1")
            return false
        }
        if i != 0 {
            error("language_version", e.keyPos, Path.root.key("language"), "`language: 1` must be the first key of the file")
        }
        return true
    }

    /// Declares a name in a namespace: `duplicate_id` (at the second) or `reserved_name`.
    func declare(_ ns: inout Namespace, _ name: String, item: Int, _ pos: Pos, _ path: Path, what: String, reserved: [String] = []) {
        if reserved.contains(name) {
            error("reserved_name", pos, path, "\(quoted(name)) is a built-in name and cannot be a \(what) id")
            return
        }
        if let first = ns.positions[name] {
            error("duplicate_id", pos, path, "\(what) \(quoted(name)) is declared twice (first at line \(first.line))")
            return
        }
        ns.index[name] = item
        ns.names.append(name)
        ns.positions[name] = pos
    }

    /// The id of list item `item`, declared (any non-null text keeps its name, so a bad id does not
    /// also make its users unknown). Nil when there is no usable id.
    @discardableResult
    func declareID(_ ns: inout Namespace, _ m: MapView?, item: Int, what: String, key: String = "id", reserved: [String] = []) -> String? {
        guard let m, let node = require(m, key) else { return nil }
        let path = m.path.key(key)
        guard let s = text(node, path, what: "an id") else { return nil }
        if !reserved.contains(s) && !PlanChecker.isID(s) {
            error("value_type", node.pos, path, "\(quoted(s)) is not an id: a lower-case letter, then up to 44 lower-case letters, digits or _")
        }
        declare(&ns, s, item: item, node.pos, path, what: what, reserved: reserved)
        return s
    }
}
