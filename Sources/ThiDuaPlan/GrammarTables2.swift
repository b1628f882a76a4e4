import ThiDuaCore

/// §10 score, §11 milestones, §12 awards, §15 output and §5 operators (PLAN-LANGUAGE.md).
extension PlanGrammar {
    static let scorePart = Mapping(name: "score_part", what: "a score part", doc: "A part of the individual score with exactly one kind key (§10).", keys: [
        .required("part", .id, "The part's id (run.csv individual_weight_<part>)."),
        .required("weight", .decimal(places: 4, range: 0...100), "The weight (≥ 0, at most 4 decimals)."),
        .optional("label", .label, "Label on pages (default: the id)."),
        KeySpec.optional("max", .int(1...1_000_000_000_000), "K of a scaled part: min(max(v, 0), K) / K.").only(["scaled"], required: true),
        KeySpec.optional("over", .id, "The int metric w of a ratio part: min(1, v / w).").only(["ratio"], required: true),
        .kind("share_of_bloc_max", .id, "An int metric: max(v, 0) / the bloc's maximum."),
        .kind("when", .conditions, "Conditions over staff columns and metrics: 1 when they hold."),
        .kind("scaled", .id, "An int metric, scaled by max."),
        .kind("ratio", .id, "An int metric, divided by over."),
    ], kindRule: .byKey)

    static let milestone = Mapping(name: "milestone", what: "a milestone", doc: "A milestone (§11).", keys: [
        .required("id", .id, "The milestone's id (milestones.csv milestone)."),
        .required("kind", .code(["all_done", "state_from", "restates", "first_reached"]),
                  "all_done, state_from, restates or first_reached."),
        .required("label", .label, "Label on pages."),
        .required("clause", .text, "The plan's clause."),
        .required("deadline", .day, "The last day on time (a static day)."),
        KeySpec.optional("value", .id, "The measure counting what is done.").only(["all_done", "state_from"], required: true),
        KeySpec.optional("target", .id, "The measure counting what is due.").only(["all_done", "state_from"], required: true),
        KeySpec.optional("done_on", .id, "A date column of the counted relation (or a date staff metric).").only(["all_done"], required: true),
        KeySpec.optional("when_empty", .code(whenEmpty), "The status when the target is empty or 0.")
            .only(["all_done", "state_from", "restates"], required: true),
        KeySpec.optional("pace_days", .int(1...36600), "Days of the pace projection (default 14).").only(["all_done"]),
        KeySpec.optional("criterion", .id, "The rate criterion it restates.").only(["restates"], required: true),
        KeySpec.optional("measure", .id, "A count measure with one top-level within (or an expression of such).")
            .only(["first_reached"], required: true),
        KeySpec.optional("k", .int(1...1_000_000_000_000), "The target: met on the first day the measure reaches k.")
            .only(["first_reached"], required: true),
    ], kindRule: .byValue(key: "kind"))

    /// §11 `when_empty`.
    static let whenEmpty = ["no_data", "not_applicable"]

    // MARK: §12

    static let quotas = Mapping(name: "quotas", what: "quotas", doc: "Award quotas (§12).", keys: [
        .required("collective_share", .decimal(places: 9, range: 0...1), "Share of the bloc's members, 0–1."),
        .required("collective_rounding", .code(roundings), "down (floor), nearest (half-up) or up (ceil)."),
        .required("individual_per_spp_unit", .int(0...1_000_000), "Individual quota of an SPP unit."),
        .required("individual_provincial", .list(.mapping(tier), minItems: 1, unique: false),
                  "Tiers by headcount, rising; the last without max_headcount."),
    ])

    /// §12 `collective_rounding`.
    static let roundings = ["down", "nearest", "up"]

    static let tier = Mapping(name: "tier", what: "a tier", doc: "A provincial quota tier (§12).", keys: [
        .optional("max_headcount", .int(0...1_000_000_000), "The largest headcount of the tier (inclusive); absent on the last."),
        .required("quota", .int(0...1_000_000), "The quota."),
    ])

    static let shortlist = Mapping(name: "shortlist", what: "the shortlist", doc: "Shortlist orders (§12).", keys: [
        .required("units", .mapping(unitOrder), "The order of unit blocs."),
        .required("staff", .mapping(staffOrder), "The order of staff blocs."),
    ])

    static let unitOrder = Mapping(name: "unit_order", what: "the unit order", doc: "The order of unit blocs (§12).", keys: [
        .required("order", .list(.anyOf([.code(unitOrderWords), .mapping(unitOrderKey)]), minItems: 0, unique: false),
                  "composite, {priority: c} or {met: c}; the unit id breaks the last tie."),
    ])

    static let staffOrder = Mapping(name: "staff_order", what: "the staff order", doc: "The order of staff blocs (§12).", keys: [
        .required("order", .list(.anyOf([.code(staffOrderWords), .mapping(staffOrderKey)]), minItems: 0, unique: false),
                  "direct_worker, score or {flag: m}; the staff id breaks the last tie."),
    ])

    /// §12 unit order keys written as a word.
    static let unitOrderWords = ["composite"]
    /// §12 staff order keys written as a word.
    static let staffOrderWords = ["direct_worker", "score"]

    static let unitOrderKey = Mapping(name: "unit_order_key", what: "{priority: c} or {met: c}", doc: "A unit order key (§12).", keys: [
        .optional("priority", .id, "A rate with priority_at: <c>_priority true first."),
        .optional("met", .id, "An at_least criterion: <c>_met true first."),
    ], oneEntry: true)

    static let staffOrderKey = Mapping(name: "staff_order_key", what: "{flag: m}", doc: "A staff order key (§12).", keys: [
        .required("flag", .id, "A bool staff metric or a when part: true first."),
    ])

    static let eligibilityRule = Mapping(name: "eligibility_rule", what: "an eligibility rule", doc: "An exclusion rule (§12).", keys: [
        .required("reason", .id, "The reason code."),
        .required("staff_flag", .id, "A bool staff metric: true excludes."),
        .required("excludes", .list(.code(excludable), minItems: 1, unique: false), "staff, units or both."),
        .optional("label", .label, "The reason on pages (default: the reason)."),
    ])

    /// §12 `excludes`.
    static let excludable = ["staff", "units"]

    static let dossiers = Mapping(name: "dossiers", what: "dossiers", doc: "Award dossier rules (§12).", keys: [
        .required("deadline", .day, "The last day a dossier is on time (a static day)."),
        .required("parts", .list(.code(dossierParts), minItems: 0, unique: true), "The parts a dossier needs, in this order."),
        .required("decided_at_unit", .list(.code(unitLevels), minItems: 0, unique: true), "Award levels decided at the unit (status unit_level)."),
    ])

    /// §12 dossier parts, in the order a plan writes them.
    static let dossierParts = Dossiers.parts
    /// §12 `decided_at_unit`.
    static let unitLevels = ["bang_khen", "giay_khen"]

    static let recordProblem = Mapping(name: "record_problem", what: "a record problem", doc: "A record problem (§12).", keys: [
        .required("problem", .id, "The problem code."),
        .required("measure", .id, "A count: case_record measure: the records it counts have the problem."),
        .optional("label", .label, "The problem on pages (default: the code)."),
    ])

    // MARK: §15

    static let output = Mapping(name: "output", what: "output", doc: "Derived outputs (§15).", keys: [
        .optional("unit_metrics", .list(.text, minItems: 0, unique: false), "Every unit_metrics column after headcount, once, in this order."),
        .optional("chart", .id, "The rate criterion drawn as the chart."),
        .optional("leaders", .list(.mapping(leaderList), minItems: 0, unique: false), "Leader lists on the pages."),
        .optional("key_dates", .list(.mapping(keyDate), minItems: 0, unique: false), "The days shown on pages (default: every static date)."),
        .optional("column_docs", .textMap, "Dictionary meanings of derived columns: column → text."),
    ])

    static let leaderList = Mapping(name: "leader_list", what: "a leader list", doc: "A leader list (§15 (f)).", keys: [
        .required("id", .id, "The list's id."),
        .required("label", .label, "Label on pages."),
        .required("order", .list(.id, minItems: 1, unique: false), "Staff metrics or when parts, highest/true first."),
    ])

    static let keyDate = Mapping(name: "key_date", what: "a key date", doc: "A key date (§15).", keys: [
        .required("day", .id, "A static dates: entry."),
        .optional("label", .label, "Label on pages (default: the id)."),
    ])

    // MARK: §5 operators

    static let operators = Mapping(name: "operators", what: "operators", doc: "Tests on one column or metric, all of which hold (§5.1).", keys: [
        .optional("eq", .text, "Equal (t, c, i, b columns, int and bool metrics)."),
        .optional("ne", .text, "Not equal."),
        .optional("in", .list(.text, minItems: 1, unique: false), "In the list (t, c, i)."),
        .optional("not_in", .list(.text, minItems: 1, unique: false), "Not in the list (t, c, i)."),
        .optional("gt", intOperand, "Greater than (i, int metric)."),
        .optional("gte", intOperand, "Greater than or equal."),
        .optional("lt", intOperand, "Less than."),
        .optional("lte", intOperand, "Less than or equal."),
        .optional("within", .window, "In the window (d, date metric)."),
        .optional("on_or_before", .day, "On or before the day."),
        .optional("before", .day, "Before the day."),
        .optional("on_or_after", .day, "On or after the day."),
        .optional("after", .day, "After the day."),
        .optional("not_by", .day, "Empty or after the day (event columns)."),
        .optional("is_null", .bool, "Empty (true) or not (false)."),
    ])

    private static let intOperand = ValueShape.anyOf([.int(-1_000_000_000_000...1_000_000_000_000), .mapping(columnOperand)])

    static let columnOperand = Mapping(name: "column_operand", what: "{column: an int column}",
                                       doc: "Another int column of the same row (§5.1).", keys: [
        .required("column", .text, "An int column of the same relation."),
    ], oneEntry: true)

    /// Every mapping with declared keys, each once, in a fixed order.
    static var mappings: [Mapping] {
        var out: [Mapping] = []
        func walk(_ s: ValueShape) {
            switch s {
            case .mapping(let m):
                guard !out.contains(where: { $0.name == m.name }) else { return }
                out.append(m)
                m.keys.forEach { walk($0.shape) }
            case .list(let item, _, _): walk(item)
            case .named(let v, _): walk(v)
            case .anyOf(let xs): xs.forEach(walk)
            case .conditions: walk(.mapping(operators))
            default: break
            }
        }
        walk(.mapping(plan))
        walk(.mapping(label))
        return out
    }
}
