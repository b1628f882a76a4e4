import Foundation
import Testing
@testable import ThiDuaCore
@testable import ThiDuaReport

/// Generated templates × generated models (a fixed seed): the compiled renderer prints what
/// swift-mustache prints, or the library uses a feature it leaves to swift-mustache.
@Suite("compiled page renderer: generated templates")
struct PageTemplateFuzzTests {
    static let names = ["a", "b", "s", "n", "flag", "no", "empty", "list", "items", "o", "o.a", "o.o.s", "list.a", "missing",
                        "nul", "nil_opt", "chart", "l.x", ".a", "a.b", "x", "zero", "dec"]
    static let texts = ["x", " ", "  ", "\t", "<p>", "&", "'\"", "{", "}", "a{b", "}}", "é", "e\u{301}", "\r", "ok", "\u{2028}"]
    static let values = ["", "plain", "<b>&amp;</b>", "it's \"q\"", "<\u{338}", "e\u{301}<", "line\nnext", "esc\u{1B}[0m",
                         "tab\tx", "crlf\r\nx", String(repeating: "dài ", count: 60)]

    struct Generator {
        var rng: SeededRandom
        /// Probability of an unsupported tag somewhere (the case must then fall back).
        var odd: Bool

        mutating func name() -> String { rng.pick(PageTemplateFuzzTests.names) }

        mutating func text() -> String {
            var s = ""
            for _ in 0..<rng.int(0...2) { s += rng.pick(PageTemplateFuzzTests.texts) }
            return s
        }

        /// A run of template pieces; `partials` are the partial names this template may include.
        /// `{{.}}` is printed only inside a `list` or `items` section, where the current value is
        /// never the root object (whose printed key order is unspecified, in swift-mustache too).
        mutating func template(depth: Int, partials: [String], pushed: Bool = false) -> String {
            var out = ""
            for _ in 0..<rng.int(1...7) {
                // Often a tag alone on its line, sometimes indented: the standalone rules.
                let line = rng.chance(0.4)
                if line { out += rng.pick(["\n", "\r\n", "\n  ", "\n\t", "\n "]) }
                switch rng.int(0...15) {
                case 0...2: out += text()
                case 3: out += "{{\(name())}}"
                case 4: out += "{{ \(name()) }}"
                case 5: out += "{{{\(name())}}}"
                case 6: out += "{{& \(name())}}"
                case 7: out += "{{! a comment {with} braces }}"
                case 8...10 where depth < 3:
                    let n = name(), open = rng.pick(["#", "^"])
                    let inner = template(depth: depth + 1, partials: partials, pushed: pushed || n == "list" || n == "items")
                    let pad = rng.pick(["", "\n", "\n  ", "  "])
                    out += "{{\(open)\(n)}}\(pad)\(inner)\(rng.pick(["", "\n", "\n "])){{/\(n)}}"
                case 11 where !partials.isEmpty:
                    out += "{{> \(rng.pick(partials + ["nothing"]))}}"
                case 12 where pushed: out += rng.pick(["{{.}}", "{{{.}}}", "{{.a}}", "{{#.}}<{{.}}>{{/.}}"])
                case 13 where odd:
                    out += rng.pick(["{{=<% %>=}}", "{{% CONTENT_TYPE: TEXT }}", "{{uppercased(s)}}", "{{#first()}}x{{/first()}}",
                                     "{{>*s}}", "{{<p}}{{/p}}", "{{$block}}d{{/block}}"])
                default: out += text()
                }
                if line { out += rng.pick(["\n", "", "  \n", "\r\n", " x\n"]) }
            }
            return out
        }

        mutating func value(depth: Int) -> Any {
            switch rng.int(0...(depth < 3 ? 12 : 7)) {
            case 0, 1: return rng.pick(PageTemplateFuzzTests.values)
            case 2: return rng.chance(0.5)
            case 3: return rng.pick([0, 1, 42, -7])
            case 4: return rng.pick([Decimal(string: "12.50")!, Decimal(0)]) as Any
            case 5: return rng.chance(0.5) ? (nil as String?) as Any : NSNull()
            case 6: return [String]()
            case 7: return rng.pick([1.5, 0.0]) as Any
            case 8, 9: return (0..<rng.int(0...3)).map { _ in value(depth: depth + 1) }
            case 10: return (0..<rng.int(0...3)).map { _ in ["a": rng.pick(PageTemplateFuzzTests.values)] as [String: String] }
            default: return object(depth: depth + 1)
            }
        }

        /// An object of one key (so that printing it is deterministic: Swift's dictionary order is not).
        mutating func object(depth: Int) -> [String: Any] {
            [rng.pick(["a", "s", "o", "list", "flag", "b"]): value(depth: depth)]
        }

        mutating func model() -> [String: Any] {
            var m: [String: Any] = [:]
            for key in ["a", "b", "s", "n", "flag", "no", "empty", "list", "items", "o", "zero", "dec", "chart", "nul", "nil_opt"]
            where key == "list" || key == "items" || rng.chance(0.8) {
                switch key {
                case "flag": m[key] = true
                case "no": m[key] = false
                case "empty": m[key] = [Any]()
                case "zero": m[key] = 0
                case "dec": m[key] = Decimal(string: "3.25")!
                case "nul": m[key] = NSNull()
                case "nil_opt": m[key] = (nil as Int?) as Any
                case "chart": m[key] = "<svg>\u{1B}</svg>"
                case "list", "items": m[key] = (0..<rng.int(0...3)).map { _ in value(depth: 2) }
                default: m[key] = value(depth: 1)
                }
            }
            m["l"] = ["x": "<label \u{1B}>"]
            return m
        }
    }

    @Test("600 generated template libraries × models: byte-identical output, or an unsupported tag and the fallback")
    func generated() throws {
        var gen = Generator(rng: SeededRandom(seed: 20_260_315), odd: false)
        var compared = 0, fellBack = 0
        for i in 0..<600 {
            gen.odd = i % 10 == 9
            let sources = [("main", gen.template(depth: 0, partials: ["p", "q"])),
                           ("p", gen.template(depth: 1, partials: ["q"])),
                           ("q", gen.template(depth: 2, partials: []))]
            // A library swift-mustache cannot read is an error before either renderer is used.
            guard let library = try? PlanHTMLReport.library(sources, templatesDir: nil) else { continue }
            guard let compiled = PageTemplates(sources) else {
                fellBack += 1
                #expect(gen.odd, "case \(i) fell back: \(sources)")
                continue
            }
            for _ in 0..<3 {
                let model = gen.model()
                let expected = PlanHTMLReport.mustacheRender(library, "main", model)
                let got = compiled.render("main", PageValue(sanitizing: model)) ?? ""
                #expect(got == expected, "case \(i): templates \(sources.map { "\($0.0)=\($0.1.debugDescription)" }) model \(model)")
                compared += 1
            }
        }
        print("generated page templates: \(compared) renders compared, \(fellBack) libraries fell back")
        #expect(compared > 1_400)
        #expect(fellBack > 20)
    }

    @Test("hand-picked edge cases: truthiness, the stack, dotted names, standalone lines, partial indentation, escaping")
    func edges() throws {
        let model: [String: Any] = [
            "s": "", "zero": 0, "t": true, "f": false, "none": [Any](), "list": ["x", "<y>"], "o": ["a": ["b": "deep"], "k": "ok"],
            "nul": NSNull(), "opt": (nil as String?) as Any, "some": Optional("v") as Any, "n": 7, "d": 1.5,
            "items": [["k": "one"], ["a": "two"]],
        ]
        let cases: [String] = [
            "{{#s}}[{{.}}]{{/s}}{{^s}}no{{/s}}|{{#zero}}z{{.}}{{/zero}}|{{#none}}x{{/none}}{{^none}}e{{.}}{{/none}}",
            "{{#t}}{{n}}{{/t}}{{^f}}F{{/f}}{{#nul}}N{{/nul}}{{^nul}}n{{/nul}}{{#opt}}[{{.}}]{{/opt}}{{^opt}}O{{/opt}}{{some}}",
            "{{#items}}{{k}}/{{a}}/{{o.k}};{{/items}}{{o.a.b}}{{#o}}{{.k}}{{.s}}{{s}}{{/o}}{{o.missing.b}}",
            "{{list}} {{{list}}} {{t}} {{d}} {{n}} {{o.a}}",
            "a\n  {{#t}}\n  in\n  {{/t}}\nb\n{{! c }}\n  {{> p}}\n{{>p}}\n\t{{> p}}\r\nend {{> p}}  \n",
            "{{#list}}\n  {{> p}}\n{{/list}}",
            "{{^t}}\n{{/t}}\r\n{{#t}}\r\nx\r\n{{/t}}\r\n",
        ]
        let partial = "P1 {{#list}}{{.}}{{/list}}\r\nP2\n{{#t}}\nP3 {{n}}\n{{/t}}\n  {{> q}}\n"
        for (i, text) in cases.enumerated() {
            let sources = [("main", text), ("p", partial), ("q", "Q1\nQ2 {{list}}\n")]
            let library = try PlanHTMLReport.library(sources, templatesDir: nil)
            let compiled = try #require(PageTemplates(sources))
            let expected = PlanHTMLReport.mustacheRender(library, "main", model)
            #expect(compiled.render("main", PageValue(sanitizing: model)) == expected, "case \(i): \(expected.debugDescription)")
        }
    }
}
