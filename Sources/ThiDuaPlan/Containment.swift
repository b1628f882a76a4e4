import ThiDuaCore

/// §5 containment: an entry of `where` A is contained in `where` B when B has an entry with the
/// same key and an equal value after normalisation (a literal is `{eq: literal}`, operator
/// mappings and `in` lists compare as sets, days and windows by name when named, else by their
/// text without spaces, `any`/`all` element-wise in order). Used for §8's dictionary maximum
/// (`RateRule.boundedByOne`) and §11's `milestone_items`.
enum Containment {
    /// Every entry of `inner` is an entry of `outer`.
    static func contained(_ inner: Condition, in outer: Condition) -> Bool {
        Set(entries(inner)).isSubset(of: Set(entries(outer)))
    }

    /// The normalised entries of a `where` (a mapping is `.all` of its entries).
    static func entries(_ c: Condition) -> [String] {
        if case .all(let list) = c { return list.map(entry) }
        return [entry(c)]
    }

    static func entry(_ c: Condition) -> String {
        switch c {
        case .test(let operand, let tests):
            return key(operand) + "=" + Set(tests.map(test)).sorted().joined(separator: "&")
        case .any(let wheres):
            return "any:[" + wheres.map(whereKey).joined(separator: "|") + "]"
        case .all(let wheres):
            return "all:[" + wheres.map(whereKey).joined(separator: "|") + "]"
        }
    }

    /// A where as a set of entries.
    static func whereKey(_ c: Condition) -> String { "{" + Set(entries(c)).sorted().joined(separator: ",") + "}" }

    static func key(_ o: Operand) -> String {
        switch o {
        case .column(let c): return "c:" + c
        case .parent(let c): return "p:" + c
        case .link(let c): return "l:" + c
        case .staffColumn(let c): return "s:" + c
        case .metric(let i): return "m:\(i)"
        }
    }

    static func literal(_ l: Literal) -> String {
        switch l {
        case .text(let s): return "t" + s.debugDescription
        case .int(let i): return "i\(i)"
        case .bool(let b): return "b\(b)"
        }
    }

    static func test(_ t: Test) -> String {
        switch t {
        case .eq(let l): return "eq " + literal(l)
        case .ne(let l): return "ne " + literal(l)
        case .isIn(let ls): return "in {" + Set(ls.map(literal)).sorted().joined(separator: ",") + "}"
        case .notIn(let ls): return "not_in {" + Set(ls.map(literal)).sorted().joined(separator: ",") + "}"
        case .gt(let o): return "gt " + int(o)
        case .gte(let o): return "gte " + int(o)
        case .lt(let o): return "lt " + int(o)
        case .lte(let o): return "lte " + int(o)
        case .within(let w): return "within " + window(w)
        case .onOrBefore(let d): return "on_or_before " + day(d)
        case .before(let d): return "before " + day(d)
        case .onOrAfter(let d): return "on_or_after " + day(d)
        case .after(let d): return "after " + day(d)
        case .notBy(let d): return "not_by " + day(d)
        case .isNull(let b): return "is_null \(b)"
        }
    }

    static func int(_ o: IntOperand) -> String {
        switch o {
        case .literal(let i): return "\(i)"
        case .column(let c): return "column " + c
        }
    }

    static func window(_ w: WindowExpr) -> String {
        if let n = w.name { return "#" + n }
        return "[" + w.fromText.filter { $0 != " " && $0 != "\t" } + "," + w.toText.filter { $0 != " " && $0 != "\t" } + "]"
    }

    /// A day by name when named (`.named`), else structurally (the text without spaces).
    static func day(_ d: DayExpr) -> String {
        switch d {
        case .date(let day): return day.description
        case .named(let i): return "#\(i)"
        case .asOf: return "D"
        case .windowEnd: return "E"
        case .contractStart: return "contract_start"
        case .contractEnd: return "contract_end"
        case .offset(let b, let n): return day(b) + (n < 0 ? "-\(-n)d" : "+\(n)d")
        case .min(let a, let b): return "min(" + day(a) + "," + day(b) + ")"
        case .max(let a, let b): return "max(" + day(a) + "," + day(b) + ")"
        }
    }
}
