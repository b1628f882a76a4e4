import ThiDuaCore

/// A day expression as written (§4), names not yet resolved:
/// `day := term (("+" | "-") INT "d")*`, `term := ISO-DATE | NAME | ("min" | "max") "(" day "," day ")"`.
indirect enum DaySyntax: Equatable {
    case date(Day)
    case name(String)
    case minMax(isMin: Bool, DaySyntax, DaySyntax)
    case offset(DaySyntax, Int)

    /// Every name it refers to, in written order.
    var names: [String] {
        switch self {
        case .date: return []
        case .name(let n): return [n]
        case .minMax(_, let a, let b): return a.names + b.names
        case .offset(let b, _): return b.names
        }
    }
}

/// Parses day expressions and measure expressions (§4, §6): a text that does not follow the
/// grammar, INT ranges included, is an `expression` error with what was expected.
struct ExpressionParser {
    enum Token: Equatable {
        case name(String)
        case int(String)
        case date(String)
        /// `30d`: digits and a `d` written together.
        case days(String)
        case symbol(String)
    }

    struct Failure: Error {
        var message: String
    }

    private var tokens: [Token] = []
    private var at = 0

    /// Splits on spaces; `30d` is one token pair only when nothing separates the digits and the `d`.
    static func tokenize(_ text: String, allowDates: Bool) throws(Failure) -> [Token] {
        let u = Array(text.unicodeScalars)
        var out: [Token] = []
        var i = 0
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        while i < u.count {
            guard out.count <= 2000 else { throw Failure(message: "the expression is too long (more than 2000 tokens)") }
            let c = u[i]
            if c == " " || c == "\t" { i += 1; continue }
            if isLetter(c) {
                var j = i
                while j < u.count, isLetter(u[j]) || isDigit(u[j]) { j += 1 }
                out.append(.name(String(String.UnicodeScalarView(u[i..<j]))))
                i = j
            } else if isDigit(c) {
                var j = i
                while j < u.count, isDigit(u[j]) { j += 1 }
                // YYYY-MM-DD, written without spaces.
                if allowDates, j - i == 4, j + 6 <= u.count, u[j] == "-", isDigit(u[j + 1]), isDigit(u[j + 2]),
                   u[j + 3] == "-", isDigit(u[j + 4]), isDigit(u[j + 5]), j + 6 == u.count || !isDigit(u[j + 6]) {
                    out.append(.date(String(String.UnicodeScalarView(u[i..<(j + 6)]))))
                    i = j + 6
                } else if allowDates, j < u.count, u[j] == "d", j + 1 == u.count || !(isLetter(u[j + 1]) || isDigit(u[j + 1])) {
                    out.append(.days(String(String.UnicodeScalarView(u[i..<j]))))
                    i = j + 1
                } else {
                    out.append(.int(String(String.UnicodeScalarView(u[i..<j]))))
                    i = j
                }
            } else if c == "/" && i + 1 < u.count && u[i + 1] == "/" {
                out.append(.symbol("//"))
                i += 2
            } else if "()+-,*".unicodeScalars.contains(c) {
                out.append(.symbol(String(c)))
                i += 1
            } else {
                throw Failure(message: "unexpected character '\(c.escaped(asASCII: true))'")
            }
        }
        return out
    }

    // MARK: days

    static func day(_ text: String) throws(Failure) -> DaySyntax {
        var p = ExpressionParser()
        p.tokens = try tokenize(text, allowDates: true)
        guard !p.tokens.isEmpty else { throw Failure(message: "empty day expression") }
        let d = try p.parseDay(depth: 0)
        guard p.at == p.tokens.count else { throw Failure(message: "unexpected \(p.describe(p.tokens[p.at])) after the day") }
        return d
    }

    private func describe(_ t: Token) -> String {
        switch t {
        case .name(let n): return "'\(n.prefix(40))'"
        case .int(let n): return "'\(n.prefix(20))'"
        case .date(let d): return "'\(d)'"
        case .days(let n): return "'\(n.prefix(20))d'"
        case .symbol(let s): return "'\(s)'"
        }
    }

    private mutating func next() -> Token? {
        guard at < tokens.count else { return nil }
        defer { at += 1 }
        return tokens[at]
    }

    private var peek: Token? { at < tokens.count ? tokens[at] : nil }

    private mutating func expect(_ s: String) throws(Failure) {
        guard let t = next() else { throw Failure(message: "expected '\(s)' at the end") }
        guard t == .symbol(s) else { throw Failure(message: "expected '\(s)', found \(describe(t))") }
    }

    private mutating func parseDay(depth: Int) throws(Failure) -> DaySyntax {
        guard depth < 64 else { throw Failure(message: "min/max nested too deeply") }
        var d = try parseTerm(depth: depth)
        while let t = peek, t == .symbol("+") || t == .symbol("-") {
            at += 1
            guard case .days(let digits)? = next() else {
                throw Failure(message: "expected a number of days written like 30d (no space before the d) after '+' or '-'")
            }
            guard digits.count <= 5, let n = Int(digits), n <= 36600 else {
                throw Failure(message: "\(digits.prefix(20))d is out of range (0…36600 days)")
            }
            d = .offset(d, t == .symbol("+") ? n : -n)
        }
        return d
    }

    private mutating func parseTerm(depth: Int) throws(Failure) -> DaySyntax {
        guard let t = next() else { throw Failure(message: "expected a day at the end") }
        switch t {
        case .date(let text):
            guard let day = Day(iso: text) else { throw Failure(message: "\(text) is not a calendar day") }
            return .date(day)
        case .name(let n) where (n == "min" || n == "max") && peek == .symbol("("):
            at += 1
            let a = try parseDay(depth: depth + 1)
            try expect(",")
            let b = try parseDay(depth: depth + 1)
            try expect(")")
            return .minMax(isMin: n == "min", a, b)
        case .name(let n):
            // A name followed by digits written together (`E30d`) is one name token: refused later as unknown.
            return .name(n)
        default:
            throw Failure(message: "expected a date (YYYY-MM-DD), a name, min(…) or max(…), found \(describe(t))")
        }
    }

    // MARK: measure expressions (§6)

    /// One item of `e := item ("+" item)*`, names unresolved.
    enum Item: Equatable {
        case plain(String)
        case floorDiv(String, Int)
        case times(Int, String)
    }

    static func measure(_ text: String) throws(Failure) -> [Item] {
        var p = ExpressionParser()
        p.tokens = try tokenize(text, allowDates: false)
        guard !p.tokens.isEmpty else { throw Failure(message: "empty expression") }
        var items: [Item] = []
        while true {
            items.append(try p.parseItem())
            guard let t = p.next() else { break }
            guard t == .symbol("+") else { throw Failure(message: "expected '+' between items, found \(p.describe(t))") }
        }
        return items
    }

    private static func count(_ digits: String) throws(Failure) -> Int {
        guard digits.count <= 13, let n = Int(digits), (1...1_000_000_000_000).contains(n) else {
            throw Failure(message: "\(digits.prefix(20)) is out of range (1…10^12)")
        }
        return n
    }

    private mutating func parseItem() throws(Failure) -> Item {
        guard let t = next() else { throw Failure(message: "expected a measure at the end") }
        switch t {
        case .name(let n):
            guard peek == .symbol("//") else { return .plain(n) }
            at += 1
            guard case .int(let digits)? = next() else { throw Failure(message: "expected a whole number after '//'") }
            return .floorDiv(n, try ExpressionParser.count(digits))
        case .int(let digits):
            let k = try ExpressionParser.count(digits)
            try expect("*")
            guard case .name(let n)? = next() else { throw Failure(message: "expected a measure after '*'") }
            return .times(k, n)
        default:
            throw Failure(message: "expected a measure id, NAME // INT or INT * NAME, found \(describe(t))")
        }
    }
}
