/// The page templates compiled once into token trees and rendered against `PageValue` models
/// (issue 24: no reflection and no `Any` cast per cell). The output is the one swift-mustache gives
/// for the same templates and model (see `PageTemplateParser` for the tags read); a template
/// library using anything else is not compiled (`init` returns nil) and is left to swift-mustache.
struct PageTemplates: Sendable {
    private let templates: [String: [PageToken]]

    /// Nil when a template uses a feature the compiled renderer does not read.
    init?(_ sources: [(name: String, text: String)]) {
        var templates: [String: [PageToken]] = [:]
        for (name, text) in sources {
            guard let tokens = try? PageTemplateParser.parse(text) else { return nil }
            templates[name] = tokens
        }
        self.templates = templates
    }

    /// The template `name` rendered with `model` at the root of the context; nil when there is no such template.
    func render(_ name: String, _ model: PageValue) -> String? {
        guard let tokens = templates[name] else { return nil }
        var renderer = PageRenderer(templates: templates, root: model)
        renderer.render(tokens, indentation: nil)
        return renderer.out
    }
}

/// One rendering: the output and the context stack (the root model, then each section's value).
private struct PageRenderer {
    let templates: [String: [PageToken]]
    var out = ""
    var stack: [PageValue]
    /// Partials inside partials: past `maxDepth` a partial prints nothing (a template including
    /// itself without end would otherwise exhaust the thread's stack).
    var depth = 0
    static let maxDepth = 100

    init(templates: [String: [PageToken]], root: PageValue) {
        self.templates = templates
        stack = [root]
        out.reserveCapacity(32 * 1024)
    }

    /// Renders `tokens`; with a non-empty `indentation` (inside a standalone partial) every token's
    /// output that starts a new line of this call's output is preceded by the indentation.
    mutating func render(_ tokens: [PageToken], indentation: String?) {
        guard let indentation, !indentation.isEmpty else {
            for token in tokens { render(token, indentation: indentation) }
            return
        }
        let start = out.utf8.count
        for token in tokens {
            let mark = out.utf8.count
            render(token, indentation: indentation)
            guard out.utf8.count > mark, mark > start else { continue }
            // swift-mustache: `if rendered.count > 0, string.last == "\n"` on this call's output,
            // where "\r\n" is one character, not "\n".
            let utf8 = out.utf8, end = utf8.index(utf8.startIndex, offsetBy: mark)
            let last = utf8[utf8.index(before: end)]
            let crlf = mark - start >= 2 && utf8[utf8.index(end, offsetBy: -2)] == 0x0D
            if last == 0x0A && !crlf { out.insert(contentsOf: indentation, at: end) }
        }
    }

    private mutating func render(_ token: PageToken, indentation: String?) {
        switch token {
        case .text(let text):
            out.append(text)
        case .variable(let name, let escaped):
            guard let value = lookup(name) else { return }
            switch value {
            case .string(let s): escaped ? appendEscaped(s) : out.append(s)
            case .bool(let b): out.append(b ? "true" : "false")
            default: escaped ? appendEscaped(value.text) : out.append(value.text)
            }
        case .section(let name, let body):
            switch lookup(name) {
            case .none: return
            case .bool(let b)?: if b { render(body, indentation: indentation) }
            case .list(let items)?:
                for item in items {
                    stack.append(item)
                    render(body, indentation: indentation)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                render(body, indentation: indentation)
                stack.removeLast()
            }
        case .invertedSection(let name, let body):
            switch lookup(name) {
            case .none, .bool(false)?: render(body, indentation: indentation)
            case .list(let items)? where items.isEmpty:
                stack.append(.list(items))
                render(body, indentation: indentation)
                stack.removeLast()
            default: return
            }
        case .partial(let name, let indented):
            guard let tokens = templates[name], depth < Self.maxDepth else { return }
            depth += 1
            render(tokens, indentation: indented.map { (indentation ?? "") + $0 } ?? indentation)
            depth -= 1
        }
    }

    /// swift-mustache's look-up: the first part up the stack (or in the current value only for a
    /// name starting with a dot), the other parts inside what it found; `null` reads as missing.
    private func lookup(_ name: PageName) -> PageValue? {
        let parts = name.parts
        var value: PageValue
        var next = 0
        if name.local || parts.isEmpty {
            guard let top = stack.last else { return nil }
            value = top
        } else {
            var found: PageValue?
            var i = stack.count - 1
            while i >= 0 {
                if let child = stack[i].child(parts[0]) { found = child; break }
                i -= 1
            }
            guard let found else { return nil }
            value = found
            next = 1
        }
        while next < parts.count {
            guard let child = value.child(parts[next]) else { return nil }
            value = child
            next += 1
        }
        if case .null = value { return nil }
        return value
    }

    /// HTML-escapes as swift-mustache does: `<`, `>`, `&`, `"`, `'` when each is a character of its own.
    private mutating func appendEscaped(_ s: String) {
        guard Self.needsEscaping(s) else { out.append(s); return }
        for c in s {
            switch c {
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "&": out.append("&amp;")
            case "\"": out.append("&quot;")
            case "'": out.append("&#39;")
            default: out.append(c)
            }
        }
    }

    /// Whether `s` holds one of the five bytes HTML escaping replaces.
    private static func needsEscaping(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            for b in bytes where b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27 { return true }
            return false
        }
    }
}
