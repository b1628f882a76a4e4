import Dispatch
import Foundation
import Mustache
import ThiDuaCore

/// The leadership report drawn from the plan's declarations (PLAN-LANGUAGE.md §15 "HTML" (a)–(g)):
/// the same look, page structure, phone layout, policy and escaping as `HTMLReport`, but every
/// criterion, milestone, leader list, reason, problem and date comes from the plan file, and the
/// engine's own words from `PlanLabels`. Templates: `plan_index`, `plan_unit`, `plan_leaderboard`,
/// `plan_matrix`, sharing `head`, `style` and `rate` (built in, or overridden from a folder).
public struct PlanHTMLReport: Sendable {
    public let language: Language
    let library: MustacheLibrary
    /// The same templates compiled for `PageTemplates`; nil when one uses a feature only
    /// swift-mustache reads, and then every page is rendered by `library`.
    let compiled: PageTemplates?
    let l: PlanLabels
    let f: PageFormat
    let timeZone: String

    public init(language: Language, templatesDir: String? = nil, timeZone: String = "Asia/Ho_Chi_Minh") throws {
        self.language = language
        self.timeZone = timeZone
        l = PlanLabels(language)
        f = PageFormat(language)
        let sources = try Self.sources(templatesDir: templatesDir)
        library = try Self.library(sources, templatesDir: templatesDir)
        compiled = PageTemplates(sources)
    }

    /// The built-in templates, each replaced by `DIR/<name>.mustache` when that file exists, read by swift-mustache.
    static func library(templatesDir: String?) throws -> MustacheLibrary {
        try library(sources(templatesDir: templatesDir), templatesDir: templatesDir)
    }

    /// Each template's name and text: built in, or `DIR/<name>.mustache` when that file exists.
    static func sources(templatesDir: String?) throws -> [(name: String, text: String)] {
        var sources: [(name: String, text: String)] = []
        for (name, text) in DefaultTemplates.all {
            var source = text
            if let dir = templatesDir {
                let path = "\(dir)/\(name).mustache"
                if FileManager.default.fileExists(atPath: path) {
                    guard let t = try? String(contentsOfFile: path, encoding: .utf8) else {
                        throw TemplateError(description: "template \(path) cannot be read as UTF-8 text")
                    }
                    source = t
                }
            }
            sources.append((name, source))
        }
        return sources
    }

    /// The templates read by swift-mustache: a template it cannot read is the folder's error.
    static func library(_ sources: [(name: String, text: String)], templatesDir: String?) throws -> MustacheLibrary {
        var lib = MustacheLibrary()
        for (name, source) in sources {
            do { try lib.register(source, named: name) } catch {
                throw TemplateError(description: "template \(templatesDir.map { "\($0)/" } ?? "(built in) ")\(name).mustache does not parse: \(error)")
            }
        }
        return lib
    }

    /// One page: by the compiled templates when they could be compiled, else by swift-mustache.
    func render(_ name: String, _ model: [String: Any]) -> String {
        if let compiled { return compiled.render(name, PageValue(sanitizing: model)) ?? "" }
        return Self.mustacheRender(library, name, model)
    }

    /// One page by swift-mustache: the fallback, and what the tests compare the compiled renderer with.
    static func mustacheRender(_ library: MustacheLibrary, _ name: String, _ model: [String: Any]) -> String {
        library.render(HTMLReport.sanitized(model) as? [String: Any] ?? [:], withTemplate: name) ?? ""
    }

    // MARK: Pages

    /// Renders the index and one page per bloc member, handing each to `write` as soon as it is
    /// ready: unit pages are rendered in parallel batches, so memory holds one batch, not the report.
    public func pages(_ input: PlanReportInput, write: (Page) throws -> Void) throws {
        let ctx = PlanContext(input)
        try write(Page(path: "index.html", html: render("plan_index", indexModel(ctx))))
        var seen = Set<UnitID>()
        let members = ctx.ordered.filter { seen.insert($0.unit.id).inserted }
        let batch = 64
        var start = 0
        while start < members.count {
            let slice = Array(members[start..<min(start + batch, members.count)])
            let rendered = RenderedBatch(count: slice.count)
            let report = self
            DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                rendered.set(i, report.render("plan_unit", report.unitModel(ctx, slice[i])))
            }
            for (i, m) in slice.enumerated() {
                try write(Page(path: "units/\(unitFileName(m.unit.id)).html", html: rendered.get(i)))
            }
            start += batch
        }
    }

    /// The fields every page shares: language, policy, plan title and name, period, as-of, status.
    func common(_ ctx: PlanContext, title: String, root: String) -> [String: Any] {
        let plan = ctx.input.plan, days = ctx.input.days
        let end = f.day(days.periodEnd)
        return [
            "lang": language.rawValue, "title": title, "l": l.all, "root": root, "csp": HTMLReport.contentSecurityPolicy,
            "plan_name": plan.name, "plan_title": plan.title.text(language),
            "period": "\(f.day(days.periodStart)) – \(end)",
            "as_of": f.day(days.asOf), "as_of_iso": days.asOf.description,
            "final": days.isFinal, "status_note": l.fill(days.isFinal ? "final" : "in_progress", ["end": end]),
        ]
    }

    func blocTitle(_ bloc: BlocID, _ ctx: PlanContext) -> String {
        switch bloc {
        case .spp: return l["bloc_spp"]
        case .provincial: return l["bloc_provincial"]
        case .sub(let id): return l["bloc_sub"] + " " + ctx.name(id)
        case .staff(let id): return l["bloc_staff"] + " " + ctx.name(id)
        }
    }

    func unitHref(_ id: UnitID, root: String) -> String { "\(root)units/\(unitFileName(id)).html" }
}

/// The input arranged for the pages: each bloc's members in leaderboard order, milestones by
/// member, unit names, the chart's criterion.
struct PlanContext: Sendable {
    let input: PlanReportInput
    /// Every member: per bloc (spp, provincial, sub by province id) by composite_rank, then unit_id.
    let ordered: [MemberFigures]
    let blocRows: [BlocID: [MemberFigures]]
    let milestones: [MemberKey: [MilestoneFigure]]
    let names: [UnitID: String]
    /// `output.chart` when it names a rate criterion.
    let chart: Int?

    init(_ input: PlanReportInput) {
        self.input = input
        let sorted = input.members.sorted { a, b in
            if a.bloc != b.bloc { return PlanContext.blocOrder(a.bloc, b.bloc) }
            let ra = a.compositeRank ?? Int.max, rb = b.compositeRank ?? Int.max
            return ra != rb ? ra < rb : a.unit.id < b.unit.id
        }
        ordered = sorted
        blocRows = Dictionary(grouping: sorted, by: \.bloc)
        milestones = Dictionary(grouping: input.milestones, by: { MemberKey(bloc: $0.bloc, unit: $0.unitID) })
        var names: [UnitID: String] = [:]
        for m in input.members where names[m.unit.id] == nil { names[m.unit.id] = m.unit.name }
        self.names = names
        let plan = input.plan
        chart = plan.output.chart.flatMap { plan.criteria.indices.contains($0) && plan.criteria[$0].rate != nil ? $0 : nil }
    }

    /// §13 bloc order: spp, provincial, then sub:<p> (and staff:<p>) by province id.
    static func blocOrder(_ a: BlocID, _ b: BlocID) -> Bool {
        func key(_ x: BlocID) -> (Int, String) {
            switch x {
            case .spp: return (0, "")
            case .provincial: return (1, "")
            case .sub(let id): return (2, id)
            case .staff(let id): return (3, id)
            }
        }
        return key(a) < key(b)
    }

    func name(_ id: UnitID) -> String { names[id] ?? id }

    func members(_ bloc: BlocID) -> [MemberFigures] { blocRows[bloc] ?? [] }
}

/// `OUT/index.html` for a plan-driven run: the runs in the folder, newest first, under the plan's
/// title in the page's language, its name and its period (PLAN-LANGUAGE.md §15 (a): every page
/// names the plan it was computed from).
public struct PlanArchivePage: Sendable {
    public let language: Language
    public let title: Label
    /// The plan's `name` and its period, printed under the title when given.
    public let name: String?
    public let period: ClosedRange<Day>?

    public init(language: Language, title: Label, name: String? = nil, period: ClosedRange<Day>? = nil) {
        self.language = language
        self.title = title
        self.name = name
        self.period = period
    }

    /// The page of the plan a run computes: its title, name and period as of `days`.
    public init(language: Language, plan: Plan, days: ResolvedDays) {
        self.init(language: language, title: plan.title, name: plan.name,
                  period: days.periodStart <= days.periodEnd ? days.periodStart...days.periodEnd : nil)
    }

    /// "Kế hoạch NAME · Kỳ thi đua FROM – TO" as on every run page; empty without a name.
    func planLine(_ l: PlanLabels, _ f: PageFormat) -> String {
        guard let name else { return "" }
        var parts = ["\(l["plan"]) \(name)"]
        if let period { parts.append("\(l["period"]) \(f.day(period.lowerBound)) – \(f.day(period.upperBound))") }
        return "<p class=\"meta\">\(htmlEscape(parts.joined(separator: " · ")))</p>\n"
    }

    public func html(runs: [Day], latest: Day?) -> String {
        let l = PlanLabels(language), f = PageFormat(language)
        var items = ""
        for d in runs {
            let mark = d == latest ? " <strong>(\(htmlEscape(l["newest"])))</strong>" : ""
            items += "<li><a href=\"\(d)/index.html\">\(htmlEscape(f.day(d)))</a>\(mark)</li>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReport.contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(htmlEscape(l["archive"]))</title>
            <style>body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem;color:#1a1a1a}a{color:#0b4f8a}</style>
            </head><body><h1>\(htmlEscape(title.text(language)))</h1>
            \(planLine(l, f))<h2>\(htmlEscape(l["archive"]))</h2>
            <ul>
            \(items)</ul></body></html>

            """
    }
}
