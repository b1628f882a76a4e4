import Foundation
import ThiDuaCore

/// The data dictionary of one plan (PLAN-LANGUAGE.md §15): every output table with its columns,
/// each column's type, unit, meaning, reference and bounds, derived from the typed plan. The CSV
/// headers (`PlanTables`), docs/csv.md, `datapackage.json`, `sql/reports.sql` and the workbook's
/// dictionary sheet all read these tables.
public struct PlanDictionary: Sendable {
    public let plan: Plan
    public let run: DataTable
    public let unitMetrics: DataTable
    public let staffMetrics: DataTable
    public let milestones: DataTable
    public let awardShortlist: DataTable
    public let dossiers: DataTable
    public let qualityRecords: DataTable
    public let anomalies: DataTable

    public init(plan: Plan) {
        self.plan = plan
        run = PlanDictionary.runTable(plan)
        unitMetrics = PlanDictionary.unitMetricsTable(plan)
        staffMetrics = PlanDictionary.staffMetricsTable(plan)
        milestones = PlanDictionary.milestonesTable(plan)
        awardShortlist = PlanDictionary.awardShortlistTable(plan)
        dossiers = PlanDictionary.dossiersTable(plan)
        qualityRecords = PlanDictionary.qualityRecordsTable(plan)
        anomalies = PlanDictionary.anomaliesTable(plan)
    }

    /// Every table, in the order the report, the workbook and the data package list them.
    public var tables: [DataTable] { [run, unitMetrics, staffMetrics, milestones, awardShortlist, dossiers, qualityRecords, anomalies] }

    /// The table with this id (`unit_metrics` …), if any.
    public func table(_ id: String) -> DataTable? { tables.first { $0.id == id } }

    // MARK: Formats (§15 "Data dictionary")

    /// The tables part of docs/csv.md.
    public func markdown() -> String { DataDictionary.markdown(tables) }

    /// `sql/reports.sql` in the plan's schema (`schemaName(for:)` unless one is given).
    public func sql(schema: String? = nil) -> String { DataDictionary.sql(tables, schema: schema ?? PlanDictionary.schemaName(for: plan)) }

    /// A run's `datapackage.json`, describing the plan that run used.
    public func dataPackage(runID: String, asOf: Day, generatedAt: String, version: String, byteOrderMark: Bool,
                            rows: [String: Int]) -> Data {
        let days = ResolvedDays(plan: plan, asOf: asOf)
        return DataDictionary.dataPackage(tables, runID: runID, asOf: asOf, generatedAt: generatedAt, version: version,
                                          plan: DataDictionary.PlanIdentity(name: plan.name, title: plan.title.vi,
                                                                            periodStart: days.periodStart, periodEnd: days.periodEnd),
                                          byteOrderMark: byteOrderMark, rows: rows)
    }

    /// `thidua dictionary --plan FILE --format json`: the Data Package of the plan's tables, no run.
    public func json() -> Data {
        DataDictionary.dictionaryPackage(tables, name: PlanDictionary.slug(plan.name), planName: plan.name, planTitle: plan.title.vi)
    }

    // MARK: SQL schema (§15)

    /// The name of the shipped plan, whose tables keep the schema `thidua_report`.
    public static let shippedPlanName = "251/KH-VKSTC"

    /// `thidua_report` for the shipped plan, `thidua_report_<slug>` for any other.
    public static func schemaName(for plan: Plan) -> String {
        plan.name == shippedPlanName ? "thidua_report" : "thidua_report_" + slug(plan.name)
    }

    /// §15: the name lower-cased, đ → d, diacritics dropped, every run of other characters than
    /// a–z and 0–9 → `_`, cut to 49 bytes (so that `thidua_report_<slug>` fits PostgreSQL's 63).
    public static func slug(_ name: String) -> String {
        let lowered = name.lowercased().replacingOccurrences(of: "đ", with: "d").decomposedStringWithCanonicalMapping
        var out = ""
        var inRun = false
        for scalar in lowered.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                inRun = false
            } else if !inRun {
                out += "_"
                inRun = true
            }
        }
        return String(out.prefix(49))
    }
}

// MARK: - Tables

extension PlanDictionary {
    static let unitBloc = "spp|provincial|sub:.+"
    static let staffBloc = "staff:.+"
    static let anyBloc = "spp|provincial|sub:.+|staff:.+"

    static func listOf(_ codes: [String]) -> String {
        let one = "(" + codes.joined(separator: "|") + ")"
        return "\(one)(;\(one))*"
    }

    /// An integer column: minimum 0 (§15 bounds).
    static func integer(_ name: String, _ unit: String, _ meaning: String, _ reference: String) -> Column {
        Column(name, .integer, unit, meaning, reference).range(0, nil)
    }

    /// A rank or a position: minimum 1.
    static func rank(_ name: String, _ meaning: String, _ reference: String) -> Column {
        Column(name, .integer, "", meaning, reference).range(1, nil)
    }

    /// run.csv (§15): the engine's ten columns, `<id>_priority_rate` per rate with `priority_at`,
    /// `weight_<part>` (composite order), `individual_weight_<part>` (score order; decided 8).
    static func runTable(_ plan: Plan) -> DataTable {
        let docs = plan.output.columnDocs
        let engine = [
            Column("run_id", .text, "", "`<as_of>@<generated_at>`: names this run in every other table's import", "§5"),
            Column("as_of", .date, "", "D, the as-of day; every other table's as_of equals it", "§2"),
            Column("generated_at", .datetime, "", "when the run started (UTC)", "§5"),
            Column("thidua_version", .text, "", "the version of thidua that wrote the run", "§5"),
            Column("plan_name", .text, "", "the plan file's name (e.g. \(plan.name))", "§2"),
            Column("plan_title", .text, "", "the plan's title", "§2"),
            Column("period_start", .date, "", "the first day of the emulation period", "§2"),
            Column("period_end", .date, "", "the last day of the period", "§2"),
            Column("window_end", .date, "", "E = min(D, period_end): the last day every period metric counts", "§2"),
            Column("period_final", .boolean, "", "D is after period_end: the standing is final", "§2"),
        ]
        let lines = plan.criteria.filter { $0.rate?.priorityAt != nil }.map { c -> Column in
            let name = c.id + "_priority_rate"
            return Column(name, .rate, "fraction", docs[name] ?? "the priority line for \(c.id)_rate (\(c.clause))", c.clause).range(0, 1)
        }
        let weights = plan.composite.map { p -> Column in
            let name = "weight_" + p.part
            return Column(name, .score, "points", docs[name] ?? "weight of \(p.part) in composite_score, from the plan file", "§4.4")
        }
        let individual = plan.score.map { p -> Column in
            let name = "individual_weight_" + p.id
            return Column(name, .score, "points", docs[name] ?? "weight of \(p.id) in the individual score, from the plan file", "§4.5")
        }
        return DataTable(id: "run", rows: "one row: the run", primaryKey: ["run_id"], columns: engine + lines + weights + individual)
    }

    /// staff_metrics.csv (§15): the engine's seven columns, published staff metrics in declaration
    /// order, `score`, `rank`.
    static func staffMetricsTable(_ plan: Plan) -> DataTable {
        let engine = [
            DataDictionary.asOf,
            Column("bloc", .text, "", "`staff:<unit_id>` of the SPP unit or of the province", "§4.5").pattern(staffBloc),
            Column("unit_id", .text, "", "the person's own unit", "§3"),
            Column("staff_id", .text, "", "the person", "§3"),
            Column("full_name", .text, "", "name (personal data: see docs/security.md)", "§3"),
            Column("role", .text, "", "leader, prosecutor, inspector, it, other; any other text is the warehouse's own, kept as it is and listed in anomalies.csv as unknown_role", "§3"),
            Column("direct_worker", .boolean, "", "người lao động trực tiếp", "§3"),
        ]
        let metrics = plan.metrics.filter(\.publish).map { m -> Column in
            let meaning = m.doc ?? PlanTexts.metric(m, plan)
            switch m.type {
            case .int: return integer(m.id, m.unit, meaning, "§4.5")
            case .bool: return Column(m.id, .boolean, m.unit, meaning, "§4.5")
            case .date: return Column(m.id, .date, m.unit, meaning, "§4.5")
            }
        }
        let tail = [
            Column("score", .score, "points 0–100", "individual score, weights from the plan file", "§4.5"),
            rank("rank", "standard competition rank of score in the bloc", "§4.5"),
        ]
        return DataTable(id: "staff_metrics", rows: "one row per active staff member", primaryKey: ["staff_id"], columns: engine + metrics + tail)
    }
}
