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
        return String(decoding: renderer.out, as: UTF8.self)
    }
}

/// One rendering: the output bytes and the context stack (the root model, then each section's value).
private struct PageRenderer {
    let templates: [String: [PageToken]]
    var out: [UInt8] = []
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
        let start = out.count
        for token in tokens {
            let mark = out.count
            render(token, indentation: indentation)
            // swift-mustache: `if rendered.count > 0, string.last == "\n"`, where "\r\n" is one
            // character, not "\n".
            if out.count > mark, mark > start, out[mark - 1] == 0x0A, !(mark - start >= 2 && out[mark - 2] == 0x0D) {
                out.insert(contentsOf: indentation.utf8, at: mark)
            }
        }
    }

    private mutating func render(_ token: PageToken, indentation: String?) {
        switch token {
        case .text(let text):
            out.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            guard let value = lookup(name) else { return }
            switch value {
            case .string(let s): escaped ? appendEscaped(s) : out.append(contentsOf: s.utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            default: escaped ? appendEscaped(value.text) : out.append(contentsOf: value.text.utf8)
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
        var value: PageValue
        var rest = name.parts[...]
        if name.local {
            guard let top = stack.last else { return nil }
            value = top
        } else if let first = rest.first {
            var found: PageValue?
            for i in stride(from: stack.count - 1, through: 0, by: -1) {
                if let child = stack[i].child(first) { found = child; break }
            }
            guard let found else { return nil }
            value = found
            rest = rest.dropFirst()
        } else {
            guard let top = stack.last else { return nil }
            value = top
        }
        for part in rest {
            guard let next = value.child(part) else { return nil }
            value = next
        }
        if case .null = value { return nil }
        return value
    }

    /// HTML-escapes as swift-mustache does: `<`, `>`, `&`, `"`, `'` when each is a character of its own.
    private mutating func appendEscaped(_ s: String) {
        let special = s.utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        guard special else { out.append(contentsOf: s.utf8); return }
        for c in s {
            switch c {
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&#39;".utf8)
            default: out.append(contentsOf: c.utf8)
            }
        }
    }
}
