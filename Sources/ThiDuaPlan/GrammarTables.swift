import ThiDuaCore

/// The mappings of plan language 1 and their keys (PLAN-LANGUAGE.md Part I): the one declaration
/// the checker reads plan files against and `thidua plan schema` describes.
enum PlanGrammar {
    static let plan = Mapping(name: "plan", what: "the plan", doc: "A plan file of plan language 1 (PLAN-LANGUAGE.md §1).", keys: [
        .required("language", .languageVersion, "The plan language version: 1, the first key of the file (§18)."),
        .required("name", .text, "The plan's name, printed on every page; run.csv plan_name."),
        .optional("title", .anyOf([.text, .label]), "The plan's title: a text or a label {vi, en} (default: name)."),
        .required("dates", .named(.day, required: ["period_start", "period_end"]),
                  "Named days (§4): id → day; period_start and period_end are required."),
        .required("windows", .named(.inlineWindow, required: []), "Named inclusive day ranges (§4): id → [from, to]."),
        .optional("blocs", .mapping(blocs), "Bloc settings (§13): sub_kinds only."),
        .required("measures", .list(.mapping(measure), minItems: 0, unique: false), "Per-unit integer measures (§6)."),
        .required("criteria", .list(.mapping(criterion), minItems: 0, unique: false), "Published criteria (§8)."),
        .required("composite", .mapping(composite), "The weighted composite score (§9)."),
        .required("individuals", .mapping(individuals), "Staff metrics (§7) and the individual score (§10)."),
        .required("milestones", .list(.mapping(milestone), minItems: 0, unique: false), "Hard dates (§11); may be empty."),
        .required("quotas", .mapping(quotas), "Award quotas (§12)."),
        .required("shortlist", .mapping(shortlist), "The order of the award shortlists (§12)."),
        .required("eligibility", .list(.mapping(eligibilityRule), minItems: 0, unique: false),
                  "Exclusion rules, in order (§12); may be empty."),
        .required("dossiers", .mapping(dossiers), "Award dossier rules (§12)."),
        .optional("records_to_fix", .list(.mapping(recordProblem), minItems: 0, unique: false),
                  "Record problems listed in data_quality_records.csv (§12); default none."),
        .optional("output", .mapping(output), "Column layout, chart, leader lists, key dates and column docs (§15)."),
    ])

    static let label = Mapping(name: "label", what: "a label {vi, en}", doc: "A label in both languages (§2).", keys: [
        .required("vi", .text, "Vietnamese."),
        .required("en", .text, "English."),
    ])

    static let blocs = Mapping(name: "blocs", what: "blocs", doc: "Bloc settings (§13).", keys: [
        .required("sub_kinds", .list(.code(subKinds), minItems: 0, unique: true),
                  "The unit kinds that form sub: blocs (default [department, regional])."),
    ])

    /// §13: the unit kinds that may form `sub:` blocs.
    static let subKinds = ["department", "regional"]

    static let individuals = Mapping(name: "individuals", what: "individuals", doc: "Staff metrics and the individual score (§7, §10).", keys: [
        .required("metrics", .list(.mapping(metric), minItems: 0, unique: false), "Staff metrics, computed per active staff member (§7)."),
        .required("score", .list(.mapping(scorePart), minItems: 0, unique: false), "The individual score's parts, weights summing to 100 (§10)."),
    ])

    // MARK: §6 measures

    static let measure = Mapping(name: "measure", what: "a measure", doc: "A per-unit integer measure with exactly one kind key (§6).", keys: [
        .required("id", .id, "The measure's id (its unit_metrics column when published)."),
        .kind("count", .code(countableRelations + ["staff"]),
              "A row count of a fact relation with a unit column, or `staff`: active staff of the unit."),
        .kind("expr", .text, "An expression: item (+ item)*, item = NAME | NAME // INT | INT * NAME."),
        KeySpec.optional("where", .conditions, "Conditions every counted row (or staff member) meets (§5).").only(["count"]),
        .optional("label", .label, "Label on pages (default: the id)."),
        .optional("unit", .text, "Dictionary unit (default from the relation; an expression's first operand)."),
        .optional("publish", .bool, "Make it a unit_metrics column under its id (default false)."),
        .optional("doc", .text, "Dictionary meaning (English)."),
    ], kindRule: .byKey)

    /// §6: the relations a `count:` measure may count (a fact relation with a unit column).
    static var countableRelations: [String] {
        WarehouseContract.relations.filter { $0.unitColumn != nil && $0.isFact }.map(\.name)
    }

    // MARK: §7 staff metrics

    static let metric = Mapping(name: "metric", what: "a staff metric", doc: "A staff metric with exactly one kind key (§7).", keys: [
        .required("id", .id, "The metric's id (not a staff column)."),
        .kind("count", .code(linkedRelations), "int: distinct rows of R linked to the person."),
        .kind("exists", .code(linkedRelations), "bool: at least one row of R linked to the person."),
        .kind("sum", .code(summableColumns), "int: Σ of R.col (clamped to its bounds) over the person's rows."),
        .kind("latest", .code(latestColumns), "int or empty: R.col of the person's latest row on or before on_or_before."),
        .kind("first_day", .code(datedRelations), "date or empty: the least existence day of the person's rows of R."),
        .kind("distinct_weeks", .code(datedRelations), "int: distinct 7-day weeks of window with a row of R."),
        .kind("weeks_in", .window, "int: ⌈days in the window / 7⌉."),
        KeySpec.optional("where", .conditions, "Conditions on the rows (§5), link columns included.")
            .only(["count", "exists", "sum", "latest", "first_day", "distinct_weeks"]),
        KeySpec.optional("on_or_before", .day, "The last day a latest metric reads.").only(["latest"], required: true),
        KeySpec.optional("window", .window, "The window whose weeks are counted.").only(["distinct_weeks"], required: true),
        .optional("label", .label, "Label on pages (default: the id)."),
        .optional("unit", .text, "Dictionary unit."),
        .optional("doc", .text, "Dictionary meaning (English)."),
        .optional("publish", .bool, "A staff_metrics.csv column (default false)."),
    ], kindRule: .byKey)

    /// §7 `latest`: the relations it reads.
    static let latestRelations = ["luyenai_daily", "platform_usage"]

    /// §3: relations whose rows reach a staff member through a column or a link relation.
    static var linkedRelations: [String] {
        WarehouseContract.relations.filter { r in
            switch r.staffLink {
            case .column?, .linkRelation?: return true
            default: return false
            }
        }.map(\.name)
    }

    /// §7 `sum`: `R.col` of a linked relation and a column with bounds (§3).
    static var summableColumns: [String] {
        WarehouseContract.relations.filter { linkedRelations.contains($0.name) }
            .flatMap { r in r.columns.filter { $0.bounds != nil }.map { "\(r.name).\($0.name)" } }
    }

    /// §7 `latest`: an int column of luyenai_daily or platform_usage.
    static var latestColumns: [String] {
        latestRelations.compactMap(WarehouseContract.relation)
            .flatMap { r in r.columns.filter { $0.type == .int }.map { "\(r.name).\($0.name)" } }
    }

    /// §7 `first_day`, `distinct_weeks`: linked relations with an existence column.
    static var datedRelations: [String] {
        WarehouseContract.relations.filter { linkedRelations.contains($0.name) && $0.existenceColumn != nil }.map(\.name)
    }

    // MARK: §8 criteria, §9 composite

    static let criterion = Mapping(name: "criterion", what: "a criterion", doc: "A published criterion (§8).", keys: [
        .required("id", .id, "The criterion's id, the prefix of its columns."),
        .required("kind", .code(["rate", "at_least", "count"]), "rate, at_least or count."),
        .required("label", .label, "Label on pages."),
        .required("clause", .text, "The plan's clause (the dictionary's reference)."),
        .optional("doc", .text, "Dictionary meaning of its main column (English)."),
        KeySpec.optional("numerator", .id, "A measure or headcount.").only(["rate"], required: true),
        KeySpec.optional("denominator", .id, "A measure or headcount.").only(["rate"], required: true),
        KeySpec.optional("rank", .bool, "Rank the rate in its bloc (default false).").only(["rate"]),
        KeySpec.optional("priority_at", .decimal(places: 6, range: 0...1), "The priority line, 0–1 (at most 6 decimals).").only(["rate"]),
        KeySpec.optional("to_full", .bool, "Write <id>_to_full (default false).").only(["rate"]),
        KeySpec.optional("impossible_problem", .id, "The anomaly code of an impossible rate (default rate_above_one).").only(["rate"]),
        KeySpec.optional("measure", .id, "The measure (count: default the measure with the criterion's id).")
            .only(["at_least", "count"]).requiring(["at_least"]),
        KeySpec.optional("k", .int(1...1_000_000_000_000), "The threshold: <id>_met = measure ≥ k.").only(["at_least"], required: true),
    ], kindRule: .byValue(key: "kind"))

    static let composite = Mapping(name: "composite", what: "the composite", doc: "The weighted composite score (§9).", keys: [
        .required("parts", .list(.mapping(compositePart), minItems: 0, unique: false), "Parts whose weights sum to exactly 100."),
    ])

    static let compositePart = Mapping(name: "composite_part", what: "a composite part", doc: "A part of the composite (§9).", keys: [
        .required("part", .text, "A column: <id>_rate, <id>_met or an integer measure column (with at_least)."),
        .required("weight", .decimal(places: 4, range: 0...100), "The weight (≥ 0, at most 4 decimals)."),
        .optional("label", .label, "Label on pages (default: the criterion's or measure's label)."),
        .optional("at_least", .int(1...1_000_000_000_000), "For an integer column: the part is 1 when the column ≥ k (required there)."),
    ])
}

extension KeySpec {
    /// The key is required for these kinds.
    func requiring(_ kinds: [String]) -> KeySpec {
        var k = self
        k.requiredFor = kinds
        return k
    }
}
