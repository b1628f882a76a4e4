import Foundation
import Testing
@testable import ThiDuaCore
@testable import ThiDuaReport

/// The compiled page renderer (issue 24) gives the bytes swift-mustache gives: on the real page
/// models of plan 251 and of the second plan (Part III), and on an operator's odd override (which
/// falls back to swift-mustache).
@Suite("compiled page renderer: real pages")
struct PageTemplateTests {
    static let cases: [(name: String, plan: Plan, days: [String])] = [
        ("251", typedPlan251(), ["2026-03-15", "2026-07-15"]),
        ("part3", typedPlanPart3(), ["2026-09-30", "2027-01-15"]),
    ]

    /// Every page of a run (index, each member's page) as (name, template, model).
    static func models(_ report: PlanHTMLReport, _ input: PlanReportInput) -> [(String, String, [String: Any])] {
        let ctx = PlanContext(input)
        var out = [("index", "plan_index", report.indexModel(ctx))]
        var seen = Set<UnitID>()
        for m in ctx.ordered where seen.insert(m.unit.id).inserted {
            out.append((m.unit.id, "plan_unit", report.unitModel(ctx, m)))
        }
        return out
    }

    @Test("every page of plan 251 and of the second plan, both languages, before and after the period: byte-identical")
    func realPages() throws {
        var pages = 0, bytes = 0
        for c in Self.cases {
            for language in [Language.vi, .en] {
                let report = try PlanHTMLReport(language: language)
                let compiled = try #require(report.compiled, "the shipped templates compile")
                for day in c.days {
                    for (id, template, model) in Self.models(report, PageInputs.input(c.plan, asOf: day)) {
                        let expected = PlanHTMLReport.mustacheRender(report.library, template, model)
                        let got = compiled.render(template, PageValue(sanitizing: model))
                        #expect(got == expected, "\(c.name) \(language) \(day) \(id)")
                        #expect(report.render(template, model) == expected)
                        pages += 1
                        bytes += expected.utf8.count
                    }
                }
            }
        }
        #expect(pages == 2 * 2 * 2 * 13)
        #expect(bytes > 500_000, "the pages are real pages (\(bytes) bytes)")
    }

    @Test("the sanitizing walk still cleans page texts: a control character is removed, the SVG and the labels kept as they are")
    func sanitizing() throws {
        let report = try PlanHTMLReport(language: .vi)
        let input = PageInputs.input(typedPlan251(), asOf: "2026-03-15")
        let html = report.render("plan_index", report.indexModel(PlanContext(input)))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Phòng&quot;"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<figure class=\"bars\""), "the chart is printed unescaped")
    }

    @Test("an override with set delimiters is rendered by swift-mustache (the library falls back); one with plain tags is compiled")
    func fallback() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-tpl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = PageInputs.input(typedPlanPart3(), asOf: "2026-09-30")
        let ctx = PlanContext(input)
        let member = try #require(ctx.ordered.first)

        try "{{=<% %>=}}\n<h1><% unit %></h1>\n<%# metrics %><p><% name %></p>\n<%/ metrics %><%> rate %>\n"
            .write(toFile: "\(dir)/plan_unit.mustache", atomically: true, encoding: .utf8)
        let odd = try PlanHTMLReport(language: .en, templatesDir: dir)
        #expect(odd.compiled == nil)
        let html = odd.render("plan_unit", odd.unitModel(ctx, member))
        let metrics = try #require(odd.unitModel(ctx, member)["metrics"] as? [[String: Any]])
        #expect(html.hasPrefix("<h1>") && !html.contains("<%") && !html.contains("%>"))
        #expect(html.components(separatedBy: "<p>").count - 1 == metrics.count)
        #expect(odd.render("plan_index", odd.indexModel(ctx)).contains("<!DOCTYPE html>"), "the other templates still render")
        var pages = 0
        try odd.pages(input) { _ in pages += 1 }
        #expect(pages == 13)

        try "<h1>{{unit}}</h1>\n  {{> rate}}\n".write(toFile: "\(dir)/plan_unit.mustache", atomically: true, encoding: .utf8)
        let plain = try PlanHTMLReport(language: .en, templatesDir: dir)
        let compiled = try #require(plain.compiled)
        let model = plain.unitModel(ctx, member)
        #expect(compiled.render("plan_unit", PageValue(sanitizing: model)) == PlanHTMLReport.mustacheRender(plain.library, "plan_unit", model))

        try "{{#metrics}}\n".write(toFile: "\(dir)/plan_unit.mustache", atomically: true, encoding: .utf8)
        #expect(throws: TemplateError.self) { try PlanHTMLReport(language: .en, templatesDir: dir) }
    }

    @Test("CPU time of 50 renders of a unit page and of the index, each renderer (printed, not asserted)")
    func timing() throws {
        let report = try PlanHTMLReport(language: .vi)
        let compiled = try #require(report.compiled)
        let input = PageInputs.input(typedPlan251(), asOf: "2026-03-15")
        let ctx = PlanContext(input)
        let province = try #require(ctx.ordered.first { $0.bloc == .provincial })
        for (label, template, model) in [("unit page (province)", "plan_unit", report.unitModel(ctx, province)),
                                         ("index", "plan_index", report.indexModel(ctx))] {
            let old = Self.cpu { _ = PlanHTMLReport.mustacheRender(report.library, template, model) }
            let new = Self.cpu { _ = compiled.render(template, PageValue(sanitizing: model)) }
            let walkOld = Self.cpu { _ = HTMLReport.sanitized(model) }
            let walkNew = Self.cpu { _ = PageValue(sanitizing: model) }
            let value = PageValue(sanitizing: model)
            let renderNew = Self.cpu { _ = compiled.render(template, value) }
            print(String(format: "  walks: sanitized %.1f ms, PageValue %.1f ms; compiled render alone %.1f ms", walkOld * 1000, walkNew * 1000, renderNew * 1000))
            let size = compiled.render(template, PageValue(sanitizing: model))?.utf8.count ?? 0
            print(String(format: "page renderer, %@ (%d bytes), 50 renders: swift-mustache %.1f ms CPU, compiled %.1f ms CPU, ratio %.1f×",
                         label, size, old * 1000, new * 1000, old / new))
            #expect(old > 0 && new > 0)
        }
    }

    static func cpu(_ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        body()
        let start = now()
        for _ in 0..<50 { body() }
        return now() - start
    }
}
