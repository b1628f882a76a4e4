/// One piece of a compiled page template (issue 24).
indirect enum PageToken: Sendable {
    case text(String)
    case variable(PageName, escaped: Bool)
    case section(PageName, [PageToken])
    case invertedSection(PageName, [PageToken])
    /// `indentation` is set on a standalone partial tag: every line the partial prints starts with it.
    case partial(String, indentation: String?)
}

/// A tag's name, split at its dots once, when the template is read.
struct PageName: Sendable {
    /// The dotted parts, empty ones left out (`a..b` is `a.b`).
    let parts: [String]
    /// A name that starts with a dot (`.`, `.a`) is looked up in the current value only, never up the stack.
    let local: Bool

    init(_ name: String) {
        parts = name.split(separator: ".").map(String.init)
        local = name.first == "."
    }
}

/// A template uses a mustache feature the compiled renderer leaves to swift-mustache.
struct UnsupportedTemplate: Error {}

/// Reads a mustache template into tokens with swift-mustache's own rules (its Template+Parser.swift,
/// version 2.x), character by character, so that standalone lines, the whitespace kept before a
/// tag and partial indentation come out the same. Only `{{ }}` delimiters and the tags `{{x}}`,
/// `{{{x}}}`, `{{&x}}`, `{{#x}}`, `{{^x}}`, `{{/x}}`, `{{!…}}` and `{{>x}}` are read; set delimiters,
/// pragmas, transforms, inheritance and dynamic partials throw `UnsupportedTemplate`.
struct PageTemplateParser {
    private let buffer: String
    private var position: String.Index

    private static let nameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    private static let lineEnds: Set<Character> = ["\n", "\r\n", "{"]

    /// The tokens of `text`; throws `UnsupportedTemplate` for a feature left to swift-mustache (or a
    /// template swift-mustache would not read either).
    static func parse(_ text: String) throws -> [PageToken] {
        var parser = PageTemplateParser(buffer: text, position: text.startIndex)
        return try parser.parse(section: nil, newLine: true)
    }

    private init(buffer: String, position: String.Index) {
        self.buffer = buffer
        self.position = position
    }

    private mutating func parse(section: String?, newLine startsOnNewLine: Bool) throws -> [PageToken] {
        var tokens: [PageToken] = []
        var newLine = startsOnNewLine
        var whiteSpaceBefore: Substring = ""
        while !reachedEnd {
            if newLine { whiteSpaceBefore = read(while: { $0 == " " || $0 == "\t" }) }
            let text = try readUntilTagOrNewline()
            if current.isNewline {
                tokens.append(.text(String(whiteSpaceBefore) + text + String(current)))
                newLine = true
                advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                newLine = false
            }
            if reachedEnd { break }
            /// Whitespace before a tag that prints is kept as text.
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                whiteSpaceBefore = ""
            }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                advance()
                let name = try parseName()
                if isStandalone(newLine) { setNewLine = true } else { flushWhiteSpace() }
                let body = try parse(section: name, newLine: newLine && setNewLine)
                tokens.append(inverted ? .invertedSection(PageName(name), body) : .section(PageName(name), body))
            case "/":
                advance()
                let name = try parseName()
                guard name == section else { throw UnsupportedTemplate() }
                if !isStandalone(newLine) { flushWhiteSpace() }
                return tokens
            case "!":
                advance()
                try skipComment()
                setNewLine = isStandalone(newLine)
            case "{":
                flushWhiteSpace()
                advance()
                let name = try parseName()
                guard current == "}" else { throw UnsupportedTemplate() }
                advance()
                tokens.append(.variable(PageName(name), escaped: false))
            case "&":
                flushWhiteSpace()
                advance()
                tokens.append(.variable(PageName(try parseName()), escaped: false))
            case ">":
                advance()
                _ = read(while: \.isWhitespace)
                if current == "*" { throw UnsupportedTemplate() }
                let name = try parseName(chars: Self.partialNameChars)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(newLine) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: String(whiteSpaceBefore)))
                } else {
                    tokens.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "<", "$", "=", "%":
                throw UnsupportedTemplate()
            default:
                flushWhiteSpace()
                tokens.append(.variable(PageName(try parseName()), escaped: true))
            }
            newLine = setNewLine
        }
        guard section == nil else { throw UnsupportedTemplate() }
        return tokens
    }

    // MARK: Reading

    private var reachedEnd: Bool { position == buffer.endIndex }

    /// The current character, NUL at the end (as swift-mustache's parser).
    private var current: Character { reachedEnd ? "\0" : buffer[position] }

    private mutating func advance() { position = buffer.index(after: position) }

    private mutating func read(while test: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd, test(buffer[position]) { advance() }
        return buffer[start..<position]
    }

    /// Reads `string` when the next characters are it (compared as characters).
    private mutating func read(string: String) throws -> Bool {
        let start = position
        for c in string {
            guard !reachedEnd else { throw UnsupportedTemplate() }
            guard buffer[position] == c else { position = start; return false }
            advance()
        }
        return true
    }

    /// The text up to a line end or up to (and past) `{{`.
    private mutating func readUntilTagOrNewline() throws -> String {
        var text = ""
        while !reachedEnd {
            text += read(while: { !Self.lineEnds.contains($0) })
            if current.isNewline { break }
            if current == "{" {
                if try read(string: "{{") { break }
                text.append("{")
                advance()
            }
        }
        return text
    }

    /// A tag's name up to `}}`; a name with brackets is a transform.
    private mutating func parseName(chars: Set<Character> = nameChars) throws -> String {
        _ = read(while: \.isWhitespace)
        let name = String(read(while: { chars.contains($0) }))
        _ = read(while: \.isWhitespace)
        guard try read(string: "}}") else { throw UnsupportedTemplate() }
        if chars == Self.nameChars, name.contains(where: { $0 == "(" || $0 == ")" }) { throw UnsupportedTemplate() }
        return name
    }

    /// Skips a comment's text and its `}}`.
    private mutating func skipComment() throws {
        var matched = 0
        let end: [Character] = ["}", "}"]
        while !reachedEnd {
            if buffer[position] == end[matched] {
                matched += 1
                if matched == end.count { advance(); return }
            } else {
                matched = 0
            }
            advance()
        }
        throw UnsupportedTemplate()
    }

    /// A tag alone on its line (only spaces and tabs around it): its line end is consumed.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if reachedEnd { return true }
        var probe = self
        _ = probe.read(while: { $0 == " " || $0 == "\t" })
        guard probe.current.isNewline else { return false }
        probe.advance()
        position = probe.position
        return true
    }
}
